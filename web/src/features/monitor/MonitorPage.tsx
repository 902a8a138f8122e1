import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/FormFields';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatFigure } from './format';
import type { Monitor, ReportFilters } from './queries';
import { reportQuery, useMonitor, useMonitorPerTeam, useTeams } from './queries';
import { defaultFilters, ReportFiltersForm } from './ReportFiltersForm';
import { ReportView } from './ReportView';
import { ZrmAnalysis } from './ZrmAnalysis';
import './monitor.css';

export function MonitorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('monitor.title'));
  const role = useSession().data?.user.role;
  const allowed = role === 'municipality' || role === 'team_lead';

  return (
    <>
      <PageTitle>{t('monitor.title')}</PageTitle>
      <Paragraph lead>{t('monitor.intro')}</Paragraph>
      {allowed ? <MonitorContent municipality={role === 'municipality'} /> : <NoAccess />}
    </>
  );
}

function MonitorContent({ municipality }: { municipality: boolean }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ReportFilters>(defaultFilters);
  const [compare, setCompare] = useState(false);
  const monitor = useMonitor(filters);
  const search = new URLSearchParams(reportQuery(filters, true)).toString();

  return (
    <>
      <section aria-labelledby="monitor-filters-title" className="sk-section sk-panel sk-no-print">
        <Heading level={2} id="monitor-filters-title">
          {t('monitor.filters')}
        </Heading>
        <ReportFiltersForm
          formId="monitor-filters"
          initial={filters}
          withTeam={municipality}
          busy={monitor.isFetching}
          onApply={setFilters}
        />
        {municipality && (
          <CheckboxField
            id="monitor-compare"
            label={t('monitor.compare')}
            description={t('monitor.compareHint')}
            checked={compare}
            onChange={setCompare}
          />
        )}
      </section>
      {monitor.isPending && <Loading />}
      {monitor.isError && (
        <LoadError error={monitor.error} onRetry={() => void monitor.refetch()} />
      )}
      {monitor.data && (
        <>
          <ReportMeta report={monitor.data} />
          <div className="sk-downloads sk-no-print">
            <span>{t('monitor.download')}</span>
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action sk-button-link"
              href={`/api/v1/reports/monitor.csv?${search}`}
              download
            >
              {t('monitor.csv')}
            </a>
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action sk-button-link"
              href={`/api/v1/reports/monitor.xlsx?${search}`}
              download
            >
              {t('monitor.xlsx')}
            </a>
          </div>
          {municipality && compare && <TeamsSideBySide filters={filters} />}
          <ReportView report={monitor.data} />
          <ZrmAnalysis filters={filters} />
        </>
      )}
    </>
  );
}

/** Which period, teams and buurt the figures are about. */
export function ReportMeta({ report }: { report: Monitor }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters } = report;
  return (
    <Paragraph className="sk-report-meta" role="status">
      {t('monitor.about', {
        from: formatDate(filters.from, language),
        to: formatDate(filters.to, language),
        teams: filters.teamNames.join(', ') || t('monitor.allTeams'),
      })}
      {filters.neighbourhoodCode &&
        ` ${t('monitor.aboutNeighbourhood', { code: filters.neighbourhoodCode })}`}
    </Paragraph>
  );
}

/** The key figures of every team in one table: one row per figure, one column per team. */
function TeamsSideBySide({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const teams = useTeams(true);
  const list = teams.data ?? [];
  const results = useMonitorPerTeam(
    filters,
    list.map((team) => team.id),
    list.length > 0,
  );
  if (teams.isPending || results.some((result) => result.isPending)) return <Loading />;
  const failed = results.find((result) => result.isError);
  if (teams.isError || failed) return <LoadError error={teams.error ?? failed?.error} />;
  const reports = results.map((result) => result.data).filter((data) => data !== undefined);
  const first = reports[0];
  if (!first) return null;
  const rows = first.sections.flatMap((section) =>
    section.figures.map((figure) => ({ section: section.key, figure })),
  );

  return (
    <section aria-labelledby="compare-title" className="sk-section">
      <Heading level={2} id="compare-title">
        {t('monitor.compareTitle')}
      </Heading>
      <div className="sk-compare">
        <Table caption={t('monitor.compareCaption')}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('monitor.figure')}</HeaderCell>
              {list.map((team) => (
                <HeaderCell key={team.id} numeric>
                  {team.name}
                </HeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ section, figure }) => (
              <TableRow key={`${section}-${figure.key}`}>
                <HeaderCell scope="row">{figure.title[language]}</HeaderCell>
                {reports.map((report, index) => {
                  const match = report.sections
                    .find((item) => item.key === section)
                    ?.figures.find((item) => item.key === figure.key);
                  return (
                    <Cell key={list[index]?.id ?? index} numeric>
                      {match ? formatFigure(match.value, match.unit, language, t) : '–'}
                    </Cell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
