// The municipality's twice-yearly ZRM analysis (003, "Verantwoording"): per life domain the
// shares improved / stable / declined, the mean change and the Wilcoxon signed-rank test on the
// paired measurements, plus how many trajectories were measured at all (the seeds' known gap).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { SelectField } from '../../components/FormFields';
import { domainName } from '../../components/MeasurementResults';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import type { components } from '../../lib/api-schema';
import { useLanguage } from '../../lib/i18n';
import { formatFigure, formatNumber } from './format';
import type { ReportFilters } from './queries';

type ZrmReport = components['schemas']['ZrmReport'];
type Comparison = ZrmReport['comparison'];
type DomainResult = ZrmReport['domains'][number];

/** Below this p-value a change is called significant (the usual 5% level, stated on the page). */
const SIGNIFICANCE_LEVEL = 0.05;

function useZrmReport(filters: ReportFilters, comparison: Comparison) {
  const query = {
    from: filters.from,
    to: filters.to,
    comparison,
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.neighbourhoodCode ? { neighbourhoodCode: filters.neighbourhoodCode } : {}),
  };
  return useQuery({
    queryKey: ['reports', 'zrm', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/zrm', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

function verdict(test: DomainResult['test'], t: TFunction): string {
  if (test.method === 'too_few_pairs' || test.pValue === null) return t('zrm.tooFewPairs');
  return test.pValue < SIGNIFICANCE_LEVEL ? t('zrm.significant') : t('zrm.notSignificant');
}

export function ZrmAnalysis({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [comparison, setComparison] = useState<Comparison>('start_three_months');
  const report = useZrmReport(filters, comparison);
  const share = (value: number, pairs: number) =>
    pairs === 0 ? '–' : formatFigure(value, 'share', language, t);
  const pValue = (value: number | null) =>
    value === null
      ? '–'
      : value < 0.001
        ? `< ${formatNumber(0.001, language, 3)}`
        : formatNumber(value, language, 3);

  return (
    <section aria-labelledby="zrm-analysis-title" className="sk-section">
      <Heading level={2} id="zrm-analysis-title">
        {t('zrm.title')}
      </Heading>
      <Paragraph>{t('zrm.intro')}</Paragraph>
      <div className="sk-no-print">
        <SelectField
          id="zrm-comparison"
          label={t('zrm.comparison')}
          value={comparison}
          onChange={(value) => setComparison(value as Comparison)}
          options={[
            { value: 'start_three_months', label: t('zrm.comparisons.start_three_months') },
            { value: 'start_closure', label: t('zrm.comparisons.start_closure') },
          ]}
        />
      </div>
      {report.isPending && <Loading />}
      {report.isError && <LoadError error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <Paragraph>
            {t('zrm.completeness', {
              trajectories: report.data.completeness.trajectories,
              withStart: report.data.completeness.withStart,
              withThreeMonths: report.data.completeness.withThreeMonths,
              withClosure: report.data.completeness.withClosure,
              due: report.data.completeness.dueForRepeat,
              repeated:
                report.data.completeness.repeatedShare === null
                  ? t('monitor.noData')
                  : formatFigure(report.data.completeness.repeatedShare, 'share', language, t),
            })}
          </Paragraph>
          {report.data.versionPairs.some((pair) => pair.split('>')[0] !== pair.split('>')[1]) && (
            <Paragraph>{t('zrm.acrossVersions')}</Paragraph>
          )}
          <div className="sk-compare">
            <Table
              caption={t('zrm.caption', {
                instrument: report.data.instrument.toUpperCase(),
                comparison: t(`zrm.comparisons.${report.data.comparison}`),
              })}
            >
              <TableHeader>
                <TableRow>
                  <HeaderCell>{t('zrm.domain')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.pairs')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.improved')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.stable')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.declined')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.meanChange')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.wPlusMinus')}</HeaderCell>
                  <HeaderCell numeric>{t('zrm.pValue')}</HeaderCell>
                  <HeaderCell>{t('zrm.verdict')}</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.data.domains.map((domain) => (
                  <TableRow key={domain.domain}>
                    <HeaderCell scope="row">
                      {domainName(report.data.instrument, domain.domain, t)}
                    </HeaderCell>
                    <Cell numeric>{domain.pairs}</Cell>
                    <Cell numeric>{share(domain.improved, domain.pairs)}</Cell>
                    <Cell numeric>{share(domain.stable, domain.pairs)}</Cell>
                    <Cell numeric>{share(domain.declined, domain.pairs)}</Cell>
                    <Cell numeric>
                      {domain.meanChange === null
                        ? '–'
                        : `${domain.meanChange > 0 ? '+' : ''}${formatNumber(domain.meanChange, language, 2)}`}
                    </Cell>
                    <Cell numeric>
                      {domain.test.n === 0
                        ? '–'
                        : `${formatNumber(domain.test.wPlus, language)} / ${formatNumber(domain.test.wMinus, language)}`}
                    </Cell>
                    <Cell numeric>{pValue(domain.test.pValue)}</Cell>
                    <Cell>{verdict(domain.test, t)}</Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Paragraph>{t('zrm.method')}</Paragraph>
        </>
      )}
    </section>
  );
}
