import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartWithTable } from '../../components/Chart';
import { DataList } from '../../components/DataList';
import { Link } from '../../components/Link';
import { PrintButton } from '../../components/PrintButton';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { formatDate, formatMoney } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { Evaluation } from './queries';
import { useEvaluation } from './queries';
import { YearSelect } from './shared';
import './budget.css';

/** The year-end evaluation of the werkbudget: uses, money, return, and the cases written out. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const allowed = role === 'worker' || role === 'team_lead' || role === 'municipality';
  const [year, setYear] = useState(currentYear);
  useDocumentTitle(t('budget.evaluationHeading', { year }));
  const evaluation = useEvaluation(year);
  return (
    <>
      <Paragraph className="sk-back sk-no-print">
        <Link to="/werkbudget">{t('budget.backToWorkBudget')}</Link>
      </Paragraph>
      <PageTitle>{t('budget.evaluationHeading', { year })}</PageTitle>
      <Paragraph lead>{t('budget.evaluationIntro')}</Paragraph>
      {!allowed && <NoAccess />}
      {allowed && (
        <>
          <div className="sk-page-actions sk-no-print">
            <YearSelect id="evaluation-year" value={year} onChange={setYear} />
            <PrintButton>{t('budget.print')}</PrintButton>
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action sk-button-link"
              href={`/api/v1/work-budgets/${year}/evaluation.xlsx`}
              download
            >
              {t('budget.evaluationXlsx')}
            </a>
          </div>
          {evaluation.isPending && <Loading />}
          {evaluation.isError && <LoadError error={evaluation.error} />}
          {evaluation.data === null && <Paragraph>{t('budget.notSet', { year })}</Paragraph>}
          {evaluation.data && <EvaluationView evaluation={evaluation.data} />}
        </>
      )}
    </>
  );
}

function EvaluationView({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  return (
    <>
      <section aria-labelledby="evaluation-totals" className="sk-section">
        <Heading level={2} id="evaluation-totals">
          {t('budget.evaluationTotals')}
        </Heading>
        <div className="sk-budget-cards">
          <div className="sk-budget-card">
            <span className="sk-budget-card__label">{t('budget.uses')}</span>
            <span className="sk-budget-card__value">{evaluation.uses}</span>
          </div>
          <div className="sk-budget-card">
            <span className="sk-budget-card__label">{t('budget.spent')}</span>
            <span className="sk-budget-card__value">{money(evaluation.spentCents)}</span>
          </div>
          <div className="sk-budget-card sk-budget-card--remaining">
            <span className="sk-budget-card__label">{t('budget.estimatedReturn')}</span>
            <span className="sk-budget-card__value">
              {money(evaluation.estimatedFinancialReturnCents)}
            </span>
          </div>
        </div>
        <Paragraph>
          {t('budget.returnAgainstSpent', {
            ret: money(evaluation.estimatedFinancialReturnCents),
            spent: money(evaluation.spentCents),
          })}
        </Paragraph>
        {evaluation.returnsMissing > 0 && (
          <Paragraph className="sk-muted">
            {t('budget.returnsMissing', { count: evaluation.returnsMissing })}
          </Paragraph>
        )}
      </section>
      <section aria-labelledby="evaluation-categories" className="sk-section">
        <Heading level={2} id="evaluation-categories">
          {t('budget.perCategory')}
        </Heading>
        <ChartWithTable
          caption={t('budget.spentPerCategory')}
          ariaLabel={t('budget.chartPerCategory')}
          labelHeader={t('budget.category')}
          valueHeader={t('budget.spent')}
          rows={evaluation.byCategory.map((row) => ({
            key: row.category,
            label: `${t(`budget.categories.${row.category}`, { defaultValue: row.category })} (${t('budget.usesCount', { count: row.uses })})`,
            value: row.spentCents / 100,
            display: money(row.spentCents),
          }))}
          formatValue={(value) => money(Math.round(value * 100))}
        />
      </section>
      <section aria-labelledby="evaluation-teams" className="sk-section">
        <Heading level={2} id="evaluation-teams">
          {t('budget.perTeam')}
        </Heading>
        <Table caption={t('budget.perTeam')} captionHidden compact>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('budget.team')}</HeaderCell>
              <HeaderCell numeric>{t('budget.uses')}</HeaderCell>
              <HeaderCell numeric>{t('budget.spent')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {evaluation.byTeam.map((row) => (
              <TableRow key={row.teamId}>
                <HeaderCell scope="row">{row.teamName}</HeaderCell>
                <Cell numeric>{row.uses}</Cell>
                <Cell numeric>{money(row.spentCents)}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="evaluation-cases" className="sk-section">
        <Heading level={2} id="evaluation-cases">
          {t('budget.cases')}
        </Heading>
        <Paragraph className="sk-muted">{t('budget.casesHint')}</Paragraph>
        <ol className="sk-cases">
          {evaluation.cases.map((item, index) => (
            <li key={index} className="sk-case">
              <Heading level={3}>{item.purpose}</Heading>
              <DataList
                items={[
                  {
                    key: 'amount',
                    label: t('budget.amount'),
                    value: `${money(item.amountCents)} (${t(`budget.vat.${item.vat}`).toLowerCase()})`,
                  },
                  {
                    key: 'paid',
                    label: t('budget.paidOn'),
                    value: item.paidOn ? formatDate(item.paidOn, language) : '–',
                  },
                  {
                    key: 'category',
                    label: t('budget.category'),
                    value: item.category
                      ? t(`budget.categories.${item.category}`, { defaultValue: item.category })
                      : '–',
                  },
                  {
                    key: 'social',
                    label: t('budget.socialReturn'),
                    value: item.socialReturn ?? t('budget.returnNotYet'),
                  },
                  {
                    key: 'financial',
                    label: t('budget.financialReturn'),
                    value:
                      item.financialReturnCents === null ? '–' : money(item.financialReturnCents),
                  },
                ]}
              />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
