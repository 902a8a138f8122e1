// Pieces the werkbudget screens share: the summary, the year select, request details.
import { useTranslation } from 'react-i18next';
import { DataList } from '../../components/DataList';
import { SelectField } from '../../components/FormFields';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import type { BudgetRequest, Summary } from './queries';

/** What the pot of a team has left: its own share, else the city pot; never more than the total. */
export function remainingFor(summary: Summary, teamId: string): number {
  const pot =
    summary.byTeam.find((item) => item.teamId === teamId) ??
    summary.byTeam.find((item) => item.teamId === null);
  return Math.min(pot?.remainingCents ?? 0, summary.remainingCents);
}

/** The name of the pot a team draws on; cityPot names the city-wide pot. */
export function potName(summary: Summary, teamId: string, cityPot: string): string {
  return summary.byTeam.find((item) => item.teamId === teamId)?.teamName ?? cityPot;
}

export function YearSelect({
  id,
  value,
  onChange,
  from = currentYear() - 3,
  to = currentYear() + 1,
  label,
}: {
  id: string;
  value: number;
  onChange: (year: number) => void;
  from?: number;
  to?: number;
  label?: string;
}) {
  const { t } = useTranslation();
  const years: number[] = [];
  for (let year = to; year >= from; year -= 1) years.push(year);
  return (
    <div className="sk-year-select">
      <SelectField
        id={id}
        label={label ?? t('budget.year')}
        value={String(value)}
        onChange={(year) => onChange(Number(year))}
        options={years.map((year) => ({ value: String(year), label: String(year) }))}
      />
    </div>
  );
}

/** The year's money at a glance: what is left first, then total, committed and paid; per pot. */
export function SummaryView({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  return (
    <>
      <div className="sk-budget-cards">
        <div className="sk-budget-card sk-budget-card--remaining">
          <span className="sk-budget-card__label">{t('budget.remaining')}</span>
          <span className="sk-budget-card__value" data-testid="remaining">
            {money(summary.remainingCents)}
          </span>
        </div>
        <div className="sk-budget-card">
          <span className="sk-budget-card__label">{t('budget.total')}</span>
          <span className="sk-budget-card__value">{money(summary.totalCents)}</span>
        </div>
        <div className="sk-budget-card">
          <span className="sk-budget-card__label">{t('budget.committed')}</span>
          <span className="sk-budget-card__value">{money(summary.committedCents)}</span>
        </div>
        <div className="sk-budget-card">
          <span className="sk-budget-card__label">{t('budget.paidTotal')}</span>
          <span className="sk-budget-card__value">{money(summary.paidCents)}</span>
        </div>
      </div>
      <Paragraph className="sk-muted">
        {t('budget.mandate', {
          worker: money(summary.mandate.workerCents),
          teamLead: money(summary.mandate.teamLeadCents),
        })}
      </Paragraph>
      <Table caption={t('budget.perPot')}>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('budget.pot')}</HeaderCell>
            <HeaderCell numeric>{t('budget.allocated')}</HeaderCell>
            <HeaderCell numeric>{t('budget.committed')}</HeaderCell>
            <HeaderCell numeric>{t('budget.paidTotal')}</HeaderCell>
            <HeaderCell numeric>{t('budget.remaining')}</HeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.byTeam.map((pot) => (
            <TableRow key={pot.teamId ?? 'city'}>
              <HeaderCell scope="row">
                {pot.teamId === null ? t('budget.cityPot') : pot.teamName}
              </HeaderCell>
              <Cell numeric>{money(pot.allocatedCents)}</Cell>
              <Cell numeric>{money(pot.committedCents)}</Cell>
              <Cell numeric>{money(pot.paidCents)}</Cell>
              <Cell numeric>
                <strong>{money(pot.remainingCents)}</strong>
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** The facts of one request, as a list of label and value. */
export function RequestDetails({
  request,
  teamName,
  full,
}: {
  request: BudgetRequest;
  teamName?: string;
  full?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items = [
    {
      key: 'amount',
      label: t('budget.amount'),
      value: `${formatMoney(request.amountCents, language)} (${t(`budget.vat.${request.vat}`).toLowerCase()})`,
    },
    {
      key: 'status',
      label: t('budget.status'),
      value: (
        <span className={`sk-status sk-status--${request.status}`}>
          {t(`budget.statuses.${request.status}`)}
        </span>
      ),
    },
    {
      key: 'requested',
      label: t('budget.requested'),
      value: t('budget.requestedBy', {
        name: request.requestedBy,
        at: formatDateTime(request.requestedAt, language),
      }),
    },
    ...(teamName ? [{ key: 'team', label: t('budget.team'), value: teamName }] : []),
    {
      key: 'level',
      label: t('budget.approvalLevel'),
      value: t(`budget.levels.${request.approvalLevel}`),
    },
  ];
  if (full || request.status === 'requested') {
    items.push(
      { key: 'justification', label: t('budget.justification'), value: request.justification },
      {
        key: 'alternatives',
        label: t('budget.alternativesTried'),
        value: request.alternativesTried,
      },
    );
    if (request.planGoal)
      items.push({ key: 'goal', label: t('budget.planGoal'), value: request.planGoal });
    if (request.vatNote)
      items.push({ key: 'vatNote', label: t('budget.vatNote'), value: request.vatNote });
  }
  if (request.decisionNote)
    items.push({ key: 'note', label: t('budget.decisionNoteShown'), value: request.decisionNote });
  if (request.paidOn)
    items.push({
      key: 'paid',
      label: t('budget.payment'),
      value: t('budget.paymentText', {
        date: formatDate(request.paidOn, language),
        payee: request.payee ?? '',
        reference: request.paymentReference ?? '–',
      }),
    });
  if (request.return)
    items.push({
      key: 'return',
      label: t('budget.return'),
      value: `${t(`budget.categories.${request.return.category}`)}: ${request.return.social}${
        request.return.financial
          ? ` ${t('budget.financialText', {
              kind: request.return.financial.kind,
              monthly: formatMoney(request.return.financial.monthlyCents, language),
              months: request.return.financial.months,
            })}`
          : ''
      }`,
    });
  return <DataList items={items} />;
}
