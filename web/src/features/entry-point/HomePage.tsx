import './entry-point.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ButtonLink, Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import type { Registration } from '../../lib/api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatWaiting, truncate } from './format';
import { OutreachList } from './OutreachList';
import { useRegistrations } from './queries';
import { LoadMore } from '../../components/LoadMore';

/** "Vandaag": the team's waiting list, what awaits triage, and the outreach list. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('entry.home.title'));
  return (
    <>
      <PageTitle>{t('entry.home.title')}</PageTitle>
      <Paragraph lead>{t('entry.home.intro')}</Paragraph>
      <p>
        <ButtonLink to="/aanmeldingen/nieuw" appearance="primary">
          {t('entry.home.newRegistration')}
        </ButtonLink>
      </p>
      <section aria-labelledby="home-waiting" className="sk-section">
        <Heading level={2} id="home-waiting">
          {t('entry.home.waitingTitle')}
        </Heading>
        <RegistrationTable
          status="new"
          caption={t('entry.home.waitingCaption')}
          empty={t('entry.home.waitingEmpty')}
          emptyIsGood
        />
      </section>
      <section aria-labelledby="home-triage" className="sk-section">
        <Heading level={2} id="home-triage">
          {t('entry.home.triageTitle')}
        </Heading>
        <Paragraph className="sk-hint">{t('entry.home.triageIntro')}</Paragraph>
        <RegistrationTable
          status="contacted"
          caption={t('entry.home.triageCaption')}
          empty={t('entry.home.triageEmpty')}
        />
      </section>
      <DueMeasurements />
      <section aria-labelledby="home-outreach" className="sk-section">
        <Heading level={2} id="home-outreach">
          {t('entry.home.outreachTitle')}
        </Heading>
        <Paragraph className="sk-hint">
          {t('entry.home.outreachIntro')} <Link to="/signalen">{t('entry.home.toSignals')}</Link>
        </Paragraph>
        <OutreachList status="open" headingLevel={3} />
      </section>
    </>
  );
}

/** "Metingen die nu moeten": start, three months or closure without a ZRM (GET /assessments/due). */
function DueMeasurements() {
  const { t } = useTranslation();
  const language = useLanguage();
  const due = useQuery({
    queryKey: ['assessments-due'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/assessments/due'))).items,
    staleTime: 0,
  });
  return (
    <section aria-labelledby="home-measurements" className="sk-section">
      <Heading level={2} id="home-measurements">
        {t('measurements.due.title')}
      </Heading>
      <Paragraph className="sk-hint">{t('measurements.due.intro')}</Paragraph>
      {due.isPending && <Loading />}
      {due.isError && <LoadError error={due.error} onRetry={() => void due.refetch()} />}
      {due.data &&
        (due.data.length === 0 ? (
          <Paragraph className="sk-good-news">{t('measurements.due.empty')}</Paragraph>
        ) : (
          <Table caption={t('measurements.due.caption')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('measurements.due.household')}</HeaderCell>
                <HeaderCell>{t('measurements.due.moment')}</HeaderCell>
                <HeaderCell>{t('measurements.due.since')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {due.data.map((item) => (
                <TableRow key={`${item.trajectoryId}-${item.moment}`}>
                  <Cell>
                    <Link to={`/trajecten/${item.trajectoryId}/metingen?moment=${item.moment}`}>
                      {item.household ?? t('measurements.due.unknownHousehold')}
                    </Link>
                  </Cell>
                  <Cell>{t(`measurements.moments.${item.moment}`)}</Cell>
                  <Cell>{formatDate(item.dueSince, language)}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
    </section>
  );
}

function RegistrationTable({
  status,
  caption,
  empty,
  emptyIsGood,
}: {
  status: 'new' | 'contacted';
  caption: string;
  empty: string;
  emptyIsGood?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const registrations = useRegistrations(status);
  if (registrations.isPending) return <Loading />;
  if (registrations.isError) {
    return <LoadError error={registrations.error} onRetry={() => void registrations.refetch()} />;
  }
  const loaded = registrations.data.pages.flatMap((page) => page.items);
  if (loaded.length === 0) {
    return <Paragraph className={emptyIsGood ? 'sk-good-news' : undefined}>{empty}</Paragraph>;
  }
  // In the server's order: both lists come oldest first (who has waited longest on top), so a
  // page loaded later goes below what is already on screen, and nothing moves.
  const items = loaded;
  const received = (item: Registration) => formatDateTime(item.receivedAt, language);
  return (
    <>
      <Table caption={caption} captionHidden>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('entry.home.received')}</HeaderCell>
            <HeaderCell>
              {status === 'new' ? t('entry.home.waited') : t('entry.home.firstContact')}
            </HeaderCell>
            <HeaderCell>{t('entry.home.source')}</HeaderCell>
            <HeaderCell>{t('entry.home.resident')}</HeaderCell>
            <HeaderCell>{t('entry.home.question')}</HeaderCell>
            <HeaderCell>{t('entry.home.neighbourhood')}</HeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <Cell>
                <Link to={`/aanmeldingen/${item.id}`}>{received(item)}</Link>
              </Cell>
              <Cell>
                {status === 'new'
                  ? formatWaiting(item.waitingHours, t)
                  : item.firstContactAt
                    ? formatDateTime(item.firstContactAt, language)
                    : '—'}
              </Cell>
              <Cell>{t(`sources.${item.source}`)}</Cell>
              <Cell>
                {item.residentName ?? <span className="sk-muted">{t('entry.anonymous')}</span>}
              </Cell>
              <Cell>
                <span title={item.question}>{truncate(item.question)}</span>
              </Cell>
              <Cell>{item.neighbourhoodName ?? '—'}</Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <LoadMore
        textKey="listsPaging.registrations"
        id={`registrations-${status}-loaded`}
        loaded={loaded.length}
        hasMore={registrations.hasNextPage}
        busy={registrations.isFetchingNextPage}
        onMore={() => registrations.fetchNextPage()}
      />
    </>
  );
}
