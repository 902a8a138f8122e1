import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { PrintButton } from '../../components/PrintButton';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { ReportMeta } from './MonitorPage';
import type { ReportFilters } from './queries';
import { usePublicReport } from './queries';
import { defaultPublicFilters, PublicFiltersForm } from './PublicFiltersForm';
import { ReportView } from './ReportView';
import './monitor.css';

/**
 * The report for partners and residents' panels: the monitor with every count below 5 hidden,
 * the others rounded, for a whole month, quarter or year that is over.
 */
export function PublicReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('monitor.publicTitle'));
  const [filters, setFilters] = useState<ReportFilters>(defaultPublicFilters);
  const report = usePublicReport(filters);

  return (
    <>
      <PageTitle>{t('monitor.publicTitle')}</PageTitle>
      <Paragraph lead>{t('monitor.publicIntro')}</Paragraph>
      <Alert type="info">
        <Paragraph>{t('monitor.suppressionExplained')}</Paragraph>
      </Alert>
      <section aria-labelledby="public-filters-title" className="sk-section sk-panel sk-no-print">
        <Heading level={2} id="public-filters-title">
          {t('monitor.filters')}
        </Heading>
        <PublicFiltersForm
          formId="public-filters"
          initial={filters}
          busy={report.isFetching}
          onApply={setFilters}
        />
      </section>
      {report.isPending && <Loading />}
      {report.isError && <LoadError error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <ReportMeta report={report.data} />
          <div className="sk-downloads">
            <PrintButton>{t('monitor.print')}</PrintButton>
          </div>
          <ReportView report={report.data} />
        </>
      )}
    </>
  );
}
