import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/FormFields';
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
import type { BusinessCase, BusinessCaseFilter, Column } from './queries';
import { useBusinessCase, useTeams, xlsxHref } from './queries';
import './business-case.css';

const FIRST_YEAR = 2015;
const METHOD_KEYS = ['method1', 'method2', 'method3', 'method4', 'method5', 'method6'] as const;

/** The yearly business case: costs against estimated savings, per team and city-wide. */
export function BusinessCasePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('businessCase.title'));
  const role = useSession().data?.user.role;
  const allowed = role === 'municipality' || role === 'team_lead';
  return (
    <>
      <PageTitle>{t('businessCase.title')}</PageTitle>
      <Paragraph lead>{t('businessCase.intro')}</Paragraph>
      {allowed ? <BusinessCaseContent municipality={role === 'municipality'} /> : <NoAccess />}
    </>
  );
}

function BusinessCaseContent({ municipality }: { municipality: boolean }) {
  const { t } = useTranslation();
  const now = currentYear();
  const [fromYear, setFromYear] = useState(now - 2);
  const [toYear, setToYear] = useState(now);
  const [teamId, setTeamId] = useState('');
  const teams = useTeams(municipality);
  const filter: BusinessCaseFilter = {
    fromYear: Math.min(fromYear, toYear),
    toYear,
    teamId: teamId || undefined,
  };
  const result = useBusinessCase(filter);
  const years: { value: string; label: string }[] = [];
  for (let year = now + 1; year >= FIRST_YEAR; year -= 1)
    years.push({ value: String(year), label: String(year) });
  return (
    <>
      <div className="sk-page-actions sk-no-print">
        <SelectField
          id="business-case-from"
          label={t('businessCase.fromYear')}
          value={String(fromYear)}
          onChange={(value) => setFromYear(Number(value))}
          options={years.filter((y) => Number(y.value) <= toYear && Number(y.value) > toYear - 6)}
        />
        <SelectField
          id="business-case-to"
          label={t('businessCase.toYear')}
          value={String(toYear)}
          onChange={(value) => {
            const year = Number(value);
            setToYear(year);
            if (fromYear > year || year - fromYear >= 6)
              setFromYear(Math.max(year - 2, FIRST_YEAR));
          }}
          options={years}
        />
        {municipality && (
          <SelectField
            id="business-case-team"
            label={t('businessCase.team')}
            value={teamId}
            onChange={setTeamId}
            options={[
              { value: '', label: t('businessCase.allTeams') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
        )}
        <PrintButton>{t('businessCase.print')}</PrintButton>
        <a
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action sk-button-link"
          href={xlsxHref(filter)}
          download
        >
          {t('businessCase.xlsx')}
        </a>
      </div>
      <Paragraph className="sk-no-print">
        <Link to="/business-case/prijzen">{t('businessCase.toPrices')}</Link>
      </Paragraph>
      {result.isPending && <Loading />}
      {result.isError && <LoadError error={result.error} onRetry={() => void result.refetch()} />}
      {result.data && <BusinessCaseView data={result.data} />}
      <Method />
    </>
  );
}

function BusinessCaseView({ data }: { data: BusinessCase }) {
  const { t } = useTranslation();
  const active = data.assumptions.filter((a) => a.active);
  // One table per scope (the city, each team), the years side by side.
  const scopes = new Map<string, Column[]>();
  for (const column of data.columns) {
    const key = column.teamId ?? 'city';
    scopes.set(key, [...(scopes.get(key) ?? []), column]);
  }
  return (
    <>
      <section aria-labelledby="bc-assumptions" className="sk-section sk-bc-assumptions">
        <Heading level={2} id="bc-assumptions">
          {t('businessCase.assumptionsTitle')}
        </Heading>
        <Paragraph>{t('businessCase.assumptionsIntro')}</Paragraph>
        {active.length === 0 ? (
          <Paragraph>{t('businessCase.noAssumptions')}</Paragraph>
        ) : (
          <ul className="sk-bc-assumption-list">
            {active.map((a) => (
              <li key={a.id}>
                <Sentence label={a.sentence} />
                {a.sourceNote && <span className="sk-muted"> ({a.sourceNote})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {[...scopes].map(([key, columns]) => (
        <Scope key={key} id={key} columns={columns} data={data} />
      ))}
    </>
  );
}

function Sentence({ label }: { label: { nl: string; en: string } }) {
  const language = useLanguage();
  return <>{label[language]}</>;
}

function Scope({ id, columns, data }: { id: string; columns: Column[]; data: BusinessCase }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number | null) =>
    cents === null ? t('businessCase.notAvailable') : formatMoney(cents, language);
  const first = columns[0];
  if (!first) return null;
  const name = first.teamId ? first.teamName : t('businessCase.allTeams');
  const headingId = `bc-scope-${id}`;
  const active = data.assumptions.filter((a) => a.active);
  const row = (label: string, render: (c: Column) => string, className?: string) => (
    <TableRow className={className}>
      <HeaderCell scope="row">{label}</HeaderCell>
      {columns.map((c) => (
        <Cell key={c.year} numeric>
          {render(c)}
        </Cell>
      ))}
    </TableRow>
  );
  const group = (label: string) => (
    <TableRow className="sk-bc-group">
      <th scope="colgroup" colSpan={columns.length + 1}>
        {label}
      </th>
    </TableRow>
  );
  const costLine = (c: Column, key: string) => {
    const found = c.costs.lines.find((l) => l.key === key);
    return found?.unknown ? t('businessCase.unknown') : money(found?.cents ?? 0);
  };
  // A total with something missing is a lower bound: marked, and explained under the table.
  const mark = (c: Column, text: string) => (c.complete ? text : `${text} *`);
  const incomplete = columns.some((c) => !c.complete);
  const lineLabel = (key: string) =>
    first.costs.lines.find((l) => l.key === key)?.label[language] ?? key;
  const estimateTag = ` (${t('businessCase.estimate')})`;
  return (
    <section aria-labelledby={headingId} className="sk-section sk-bc-scope">
      <Heading level={2} id={headingId}>
        {name}
      </Heading>
      <Table caption={t('businessCase.tableCaption', { name })} captionHidden>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('businessCase.measure')}</HeaderCell>
            {columns.map((c) => (
              <HeaderCell key={c.year} numeric>
                {c.year}
                {c.through < `${c.year}-12-31` && (
                  <span className="sk-bc-through">
                    {t('businessCase.through', { date: formatDate(c.through, language) })}
                  </span>
                )}
              </HeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {group(t('businessCase.costs'))}
          {row(lineLabel('execution_budget'), (c) => costLine(c, 'execution_budget'))}
          {row(lineLabel('seconded_hours'), (c) => costLine(c, 'seconded_hours'))}
          {row(
            t('businessCase.totalCosts'),
            (c) => mark(c, money(c.costs.totalCents)),
            'sk-bc-total',
          )}
          {group(t('businessCase.reach'))}
          {row(t('businessCase.trajectories'), (c) => String(c.reach.trajectories))}
          {row(t('businessCase.residentsReached'), (c) => String(c.reach.residentsReached))}
          {row(t('businessCase.inhabitants'), (c) =>
            c.reach.inhabitants === null
              ? t('businessCase.inhabitantsMissing', {
                  names: c.reach.missingInhabitants.map((m) => m.name).join(', ') || '–',
                })
              : new Intl.NumberFormat(language).format(c.reach.inhabitants),
          )}
          {row(t('businessCase.perTrajectory'), (c) => money(c.perTrajectoryCents))}
          {row(t('businessCase.perResident'), (c) => money(c.perResidentCents))}
          {row(t('businessCase.perInhabitant'), (c) => money(c.perInhabitantCents))}
          {group(t('businessCase.savings'))}
          {row(t('businessCase.closedWithout'), (c) =>
            String(c.savings.closedWithoutSpecialistCare),
          )}
          {row(`${first.savings.workBudgetReturns.label[language]}${estimateTag}`, (c) =>
            money(c.savings.workBudgetReturns.cents),
          )}
          {active.map((a) => (
            <Fragment key={a.id}>
              {row(`${a.sentence[language]}${estimateTag}`, (c) => {
                const avoided = c.savings.avoided.find((x) => x.assumptionId === a.id);
                return t('businessCase.lowHigh', {
                  low: money(avoided?.lowCents ?? 0),
                  high: money(avoided?.highCents ?? 0),
                });
              })}
            </Fragment>
          ))}
          {row(
            t('businessCase.savingsLow'),
            (c) => mark(c, money(c.savings.lowCents)),
            'sk-bc-total',
          )}
          {row(
            t('businessCase.savingsHigh'),
            (c) => mark(c, money(c.savings.highCents)),
            'sk-bc-total',
          )}
          {row(
            t('businessCase.balanceLow'),
            (c) => mark(c, money(c.balanceLowCents)),
            'sk-bc-balance',
          )}
          {row(
            t('businessCase.balanceHigh'),
            (c) => mark(c, money(c.balanceHighCents)),
            'sk-bc-balance',
          )}
          {group(t('businessCase.referralsMade'))}
          {row(t('businessCase.referralsMade'), (c) => String(c.referralsMade.count))}
          {row(`${t('businessCase.referralsPriced')}${estimateTag}`, (c) =>
            money(c.referralsMade.cents),
          )}
        </TableBody>
      </Table>
      {incomplete && <Paragraph className="sk-muted">{t('businessCase.incomplete')}</Paragraph>}
      {columns.map((c) => (
        <Breakdown key={c.year} column={c} />
      ))}
    </section>
  );
}

type Part = Column['costs']['lines'][number]['parts'][number];

function Parts({ parts }: { parts: Part[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (parts.length === 0)
    return <Paragraph className="sk-muted">{t('businessCase.noParts')}</Paragraph>;
  return (
    <ul className="sk-bc-parts">
      {parts.map((p, i) => (
        <li key={i}>
          <strong>{p.label[language]}</strong>: {p.formula[language]}
          {p.estimate && <span className="sk-bc-tag"> {t('businessCase.estimate')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** From each total to its parts: which prices times which counts (never a resident). */
function Breakdown({ column }: { column: Column }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  return (
    <details className="sk-bc-details">
      <summary>
        {t('businessCase.drillTitle', { year: column.year })}
        {column.missing.length + column.reach.missingInhabitants.length > 0 &&
          ` · ${t('businessCase.missingTitle')}: ${column.missing.length + column.reach.missingInhabitants.length}`}
      </summary>
      {column.costs.lines.map((l) => (
        <div key={l.key}>
          <Heading level={3}>
            {l.label[language]}: {money(l.cents)}
          </Heading>
          <Parts parts={l.parts} />
        </div>
      ))}
      <Heading level={3}>
        {column.savings.workBudgetReturns.label[language]}:{' '}
        {money(column.savings.workBudgetReturns.cents)}
      </Heading>
      <Parts parts={column.savings.workBudgetReturns.parts} />
      {column.savings.avoided.map((a) => (
        <div key={a.assumptionId}>
          <Heading level={3}>{a.sentence[language]}</Heading>
          <Paragraph>
            {t('businessCase.drillLow')}: {money(a.lowCents)}
          </Paragraph>
          <Parts parts={a.lowParts} />
          <Paragraph>
            {t('businessCase.drillHigh')}: {money(a.highCents)}
          </Paragraph>
          <Parts parts={a.highParts} />
        </div>
      ))}
      <Heading level={3}>
        {column.referralsMade.label[language]}: {money(column.referralsMade.cents)}
      </Heading>
      <Parts parts={column.referralsMade.parts} />
      {(column.missing.length > 0 || column.reach.missingInhabitants.length > 0) && (
        <>
          <Heading level={3}>{t('businessCase.missingTitle')}</Heading>
          <ul className="sk-bc-missing">
            {column.missing.map((m, i) => (
              <li key={i}>{m[language]}</li>
            ))}
            {column.reach.missingInhabitants.map((m) => (
              <li key={m.code}>
                {t('businessCase.missingInhabitants', { name: m.name, code: m.code })}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

function Method() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="bc-method" className="sk-section sk-bc-method">
      <Heading level={2} id="bc-method">
        {t('businessCase.methodTitle')}
      </Heading>
      {METHOD_KEYS.map((key) => (
        <Paragraph key={key}>{t(`businessCase.${key}`)}</Paragraph>
      ))}
      <Paragraph className="sk-muted">{t('businessCase.accessNote')}</Paragraph>
    </section>
  );
}
