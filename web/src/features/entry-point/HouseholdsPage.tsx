import './entry-point.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/Button';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import { fieldReasons } from '../../lib/problem';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatAddress, fullName } from './format';
import { useHouseholds, useNeighbourhoods } from './queries';
import { LoadMore } from '../../components/LoadMore';

const FORM_ID = 'household-search';

export function HouseholdsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('entry.households.title'));
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [input, setInput] = useState(q);
  const [tooShort, setTooShort] = useState(false);
  const households = useHouseholds(q.length >= 2 ? q : '');
  const loaded = households.data?.pages.flatMap((page) => page.items);
  // What the server refused in the search itself (a date that does not exist, a number that is no
  // BSN) belongs at the field, not in a general "could not load".
  const refusedSearch = households.isError ? fieldReasons(households.error, language).q : undefined;
  const neighbourhoods = useNeighbourhoods();
  const buurt = (code: string | null) =>
    neighbourhoods.data?.find((item) => item.code === code)?.name ?? code ?? '—';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = input.trim();
    if (value.length === 1) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setParams(value ? { q: value } : {});
  };

  return (
    <>
      <PageTitle>{t('entry.households.title')}</PageTitle>
      <Paragraph lead>{t('entry.households.intro')}</Paragraph>
      <Form id={FORM_ID} onSubmit={submit} role="search" aria-label={t('entry.households.title')}>
        <div className="sk-field-row sk-field-row--end">
          <TextField
            id={fieldId(FORM_ID, 'q')}
            label={t('entry.households.searchLabel')}
            description={t('entry.households.searchHint')}
            type="search"
            size="md"
            value={input}
            onChange={setInput}
            error={tooShort ? t('entry.households.tooShort') : refusedSearch}
          />
          <Button appearance="primary" type="submit">
            {t('entry.households.search')}
          </Button>
        </div>
      </Form>
      {households.isPending && <Loading />}
      {households.isError && !refusedSearch && (
        <LoadError error={households.error} onRetry={() => void households.refetch()} />
      )}
      {loaded && loaded.length === 0 && <Paragraph>{t('entry.households.empty')}</Paragraph>}
      {loaded && loaded.length > 0 && (
        <>
          <Table caption={q ? t('entry.households.caption') : t('entry.households.captionAll')}>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('entry.households.members')}</HeaderCell>
                <HeaderCell>{t('entry.households.address')}</HeaderCell>
                <HeaderCell>{t('entry.households.neighbourhood')}</HeaderCell>
                <HeaderCell>{t('entry.households.trajectory')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaded.map((household) => {
                const names = household.members.map((member) => fullName(member)).join(', ');
                return (
                  <TableRow key={household.id}>
                    <Cell>
                      <Link to={`/huishoudens/${household.id}`}>
                        {names || t('entry.households.noMembers')}
                      </Link>
                      {household.members.some((member) => member.birthDate) && (
                        <span className="sk-cell-note">
                          {household.members
                            .map((member) =>
                              member.birthDate ? formatDate(member.birthDate, language) : '—',
                            )
                            .join(', ')}
                        </span>
                      )}
                    </Cell>
                    <Cell>{formatAddress(household.address) ?? t('entry.noAddress')}</Cell>
                    <Cell>{buurt(household.neighbourhoodCode)}</Cell>
                    <Cell>
                      {household.openTrajectoryId ? t('entry.households.trajectoryOpen') : '—'}
                    </Cell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <LoadMore
            id="households-loaded"
            textKey="listsPaging.households"
            loaded={loaded.length}
            hasMore={households.hasNextPage}
            busy={households.isFetchingNextPage}
            onMore={() => households.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
