import './privacy.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button, ButtonGroup } from '../../components/Button';
import { Form, SelectField, TextField } from '../../components/FormFields';
import { InzageLink } from '../../components/InzageLink';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDateTime } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PrivacyTabs } from './PrivacyTabs';
import { type AuditFilters, useAuditLog, useStaffNames } from './queries';

const FILTER_KEYS = ['residentId', 'actorId', 'action', 'from', 'to'] as const;

/** The privacy officer's audit log: filters in the address (so a link can be shared), paged. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('privacy.audit.title'));
  const [params, setParams] = useSearchParams();
  const applied: AuditFilters = {
    residentId: params.get('residentId') ?? '',
    actorId: params.get('actorId') ?? '',
    action: params.get('action') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const log = useAuditLog(applied);
  const staff = useStaffNames();
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (draft[key].trim()) next.set(key, draft[key].trim());
    setParams(next);
  };
  const set = (key: keyof AuditFilters) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));

  return (
    <>
      <PageTitle>{t('privacy.audit.title')}</PageTitle>
      <PrivacyTabs />
      <Paragraph>{t('privacy.audit.intro')}</Paragraph>
      <section aria-labelledby="audit-filters" className="sk-section">
        <Heading level={2} id="audit-filters">
          {t('privacy.audit.filters')}
        </Heading>
        <Form onSubmit={onSubmit} aria-labelledby="audit-filters">
          <div className="sk-privacy-filters">
            <SelectField
              id="audit-actorId"
              label={t('privacy.audit.staff')}
              value={draft.actorId}
              placeholder={t('privacy.audit.allStaff')}
              onChange={set('actorId')}
              options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
            <TextField
              id="audit-residentId"
              label={t('privacy.audit.resident')}
              value={draft.residentId}
              onChange={set('residentId')}
            />
            <TextField
              id="audit-action"
              label={t('privacy.audit.action')}
              description={t('privacy.audit.actionHint')}
              value={draft.action}
              onChange={set('action')}
            />
            <TextField
              id="audit-from"
              type="date"
              size="md"
              label={t('privacy.audit.from')}
              value={draft.from}
              onChange={set('from')}
            />
            <TextField
              id="audit-to"
              type="date"
              size="md"
              label={t('privacy.audit.to')}
              value={draft.to}
              onChange={set('to')}
            />
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="primary">
              {t('privacy.audit.apply')}
            </Button>
          </ButtonGroup>
        </Form>
        {applied.residentId && (
          <Paragraph>
            <InzageLink residentId={applied.residentId} label={t('privacy.audit.export')} />
          </Paragraph>
        )}
      </section>
      {log.isPending && <Loading />}
      {log.isError && <LoadError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && rows.length === 0 && <Paragraph>{t('privacy.audit.none')}</Paragraph>}
      {rows.length > 0 && (
        <Table caption={t('privacy.audit.caption')}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('privacy.audit.at')}</HeaderCell>
              <HeaderCell>{t('privacy.audit.who')}</HeaderCell>
              <HeaderCell>{t('privacy.audit.what')}</HeaderCell>
              <HeaderCell>{t('privacy.audit.residentCol')}</HeaderCell>
              <HeaderCell>{t('privacy.audit.reason')}</HeaderCell>
              <HeaderCell>{t('privacy.audit.result')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, index) => (
              <TableRow key={`${row.at}-${index}`}>
                <Cell>{formatDateTime(row.at, language)}</Cell>
                <Cell>
                  {row.actorName ?? t('privacy.audit.system')} ({row.actorRole})
                </Cell>
                <Cell>
                  <span className="sk-privacy-mono">{row.action}</span>
                </Cell>
                <Cell>
                  <NamedResidents residentId={row.residentId} residentIds={row.residentIds} />
                </Cell>
                <Cell>{row.reason ?? '—'}</Cell>
                <Cell>{row.result}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {log.hasNextPage && (
        <ButtonGroup>
          <Button busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {t('privacy.audit.more')}
          </Button>
        </ButtonGroup>
      )}
    </>
  );
}

/**
 * The resident a row is about, or, for a list that named several (one audit row for all of them),
 * how many, with their ids to unfold.
 */
function NamedResidents({
  residentId,
  residentIds,
}: {
  residentId: string | null;
  residentIds: readonly string[];
}) {
  const { t } = useTranslation();
  if (residentId) return <span className="sk-privacy-mono">{residentId}</span>;
  if (residentIds.length === 0) return <>—</>;
  return (
    <details>
      <summary>{t('privacy.audit.residentsNamed', { count: residentIds.length })}</summary>
      <ul className="sk-privacy-mono">
        {residentIds.map((id) => (
          <li key={id}>{id}</li>
        ))}
      </ul>
    </details>
  );
}
