import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import {
  Cell,
  HeaderCell,
  Table,
  TableBody,
  TableFooter,
  TableHeader,
  TableRow,
} from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { centsToInput, parseEuros } from './money';
import { MoneyField } from './MoneyField';
import type { ExecutionBudget } from './queries';
import { useExecutionBudgets, useSaveExecutionBudget } from './queries';
import { YearSelect } from './shared';
import './budget.css';

const FIRST_YEAR = 2015;
const FORM_ID = 'execution-budget';

interface Line {
  key: number;
  name: string;
  amount: string;
  vatNote: string;
  realised: string;
}

/** The execution budget (begroting): cost lines against coverage lines, per year. */
export function ExecutionBudgetPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.executionTitle'));
  const role = useSession().data?.user.role;
  const allowed = role === 'municipality' || role === 'team_lead';
  return (
    <>
      <PageTitle>{t('budget.executionTitle')}</PageTitle>
      <Paragraph lead>{t('budget.executionIntro')}</Paragraph>
      {allowed ? <ExecutionContent editable={role === 'municipality'} /> : <NoAccess />}
    </>
  );
}

function ExecutionContent({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const last = currentYear() + 1;
  const years: number[] = [];
  for (let year = last; year >= FIRST_YEAR; year -= 1) years.push(year);
  const results = useExecutionBudgets(years);
  const [chosen, setChosen] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(0);

  if (results.some((result) => result.isPending)) return <Loading />;
  const failed = results.find((result) => result.isError);
  if (failed) return <LoadError error={failed.error} />;
  const latest = years.find((_, index) => results[index]?.data) ?? currentYear();
  const year = chosen ?? latest;
  const budget = results[years.indexOf(year)]?.data ?? null;

  return (
    <>
      <YearSelect
        id="execution-year"
        value={year}
        from={FIRST_YEAR}
        to={last}
        onChange={(value) => {
          setChosen(value);
          setEditing(false);
          setSaved(0);
        }}
      />
      {saved > 0 && (
        <Notice key={saved} type="ok">
          <Paragraph>{t('budget.executionSaved', { year })}</Paragraph>
        </Notice>
      )}
      {budget ? (
        <ExecutionView budget={budget} />
      ) : (
        <Paragraph>{t('budget.executionNone', { year })}</Paragraph>
      )}
      {editable && !editing && (
        <ButtonGroup>
          <Button appearance="primary" onClick={() => setEditing(true)}>
            {budget ? t('budget.executionEdit') : t('budget.executionCreate')}
          </Button>
        </ButtonGroup>
      )}
      {editable && editing && (
        <ExecutionForm
          year={year}
          budget={budget}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved((count) => count + 1);
          }}
        />
      )}
    </>
  );
}

function Balance({ cost, coverage }: { cost: number; coverage: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (cost === coverage)
    return (
      <Alert type="ok">
        <Paragraph>
          <strong>{t('budget.balanced')}</strong>{' '}
          {t('budget.balancedText', { total: formatMoney(cost, language) })}
        </Paragraph>
      </Alert>
    );
  return (
    <Alert type="error">
      <Paragraph>
        <strong>
          {t('budget.notBalanced', {
            difference: formatMoney(Math.abs(cost - coverage), language),
          })}
        </strong>{' '}
        {cost > coverage ? t('budget.costHigher') : t('budget.coverageHigher')}
      </Paragraph>
    </Alert>
  );
}

function ExecutionView({ budget }: { budget: ExecutionBudget }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number | null) => (cents === null ? '–' : formatMoney(cents, language));
  return (
    <>
      <Balance cost={budget.totalCostCents} coverage={budget.totalCoverageCents} />
      <div className="sk-execution">
        <section aria-labelledby="cost-title">
          <Heading level={2} id="cost-title">
            {t('budget.costLines')}
          </Heading>
          <Table caption={t('budget.costCaption', { year: budget.year })} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('budget.lineLabel')}</HeaderCell>
                <HeaderCell numeric>{t('budget.planned')}</HeaderCell>
                <HeaderCell numeric>{t('budget.realised')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {budget.costLines.map((line, index) => (
                <TableRow key={index}>
                  <HeaderCell scope="row">
                    {line.label}
                    {line.vatNote && <span className="sk-line-note">{line.vatNote}</span>}
                  </HeaderCell>
                  <Cell numeric>{money(line.cents)}</Cell>
                  <Cell numeric>{money(line.realisedCents)}</Cell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <HeaderCell scope="row">{t('budget.totalCost')}</HeaderCell>
                <Cell numeric>
                  <strong>{money(budget.totalCostCents)}</strong>
                </Cell>
                <Cell numeric>{money(budget.realisedCostCents)}</Cell>
              </TableRow>
            </TableFooter>
          </Table>
        </section>
        <section aria-labelledby="coverage-title">
          <Heading level={2} id="coverage-title">
            {t('budget.coverageLines')}
          </Heading>
          <Table caption={t('budget.coverageCaption', { year: budget.year })} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('budget.source')}</HeaderCell>
                <HeaderCell numeric>{t('budget.planned')}</HeaderCell>
                <HeaderCell numeric>{t('budget.realised')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {budget.coverageLines.map((line, index) => (
                <TableRow key={index}>
                  <HeaderCell scope="row">{line.source}</HeaderCell>
                  <Cell numeric>{money(line.cents)}</Cell>
                  <Cell numeric>{money(line.realisedCents)}</Cell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <HeaderCell scope="row">{t('budget.totalCoverage')}</HeaderCell>
                <Cell numeric>
                  <strong>{money(budget.totalCoverageCents)}</strong>
                </Cell>
                <Cell numeric>{money(budget.realisedCoverageCents)}</Cell>
              </TableRow>
            </TableFooter>
          </Table>
        </section>
      </div>
    </>
  );
}

function toLines(
  lines: { name: string; cents: number; vatNote?: string | null; realisedCents: number | null }[],
): Line[] {
  return lines.map((line, index) => ({
    key: index,
    name: line.name,
    amount: centsToInput(line.cents),
    vatNote: line.vatNote ?? '',
    realised: line.realisedCents === null ? '' : centsToInput(line.realisedCents),
  }));
}

function ExecutionForm({
  year,
  budget,
  onCancel,
  onSaved,
}: {
  year: number;
  budget: ExecutionBudget | null;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const save = useSaveExecutionBudget(year);
  const [costs, setCosts] = useState<Line[]>(
    toLines((budget?.costLines ?? []).map((line) => ({ ...line, name: line.label }))),
  );
  const [coverage, setCoverage] = useState<Line[]>(
    toLines((budget?.coverageLines ?? []).map((line) => ({ ...line, name: line.source }))),
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const labelsFor = (side: 'cost' | 'coverage', lines: Line[]) =>
    Object.fromEntries(
      lines.flatMap((_, index) => {
        const n = index + 1;
        return [
          [
            `${side}.${index}.name`,
            t(side === 'cost' ? 'budget.costLabel' : 'budget.coverageSource', { n }),
          ],
          [
            `${side}.${index}.amount`,
            t('budget.lineAmount', { n, side: t(`budget.side.${side}`) }),
          ],
          ...(side === 'cost'
            ? [[`${side}.${index}.vatNote`, t('budget.lineVatNote', { n })]]
            : []),
          [
            `${side}.${index}.realised`,
            t('budget.lineRealised', { n, side: t(`budget.side.${side}`) }),
          ],
        ];
      }),
    ) as Record<string, string>;
  const labels = { ...labelsFor('cost', costs), ...labelsFor('coverage', coverage) };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    save.error,
  );

  const sum = (lines: Line[]) =>
    lines.reduce((total, line) => total + (parseEuros(line.amount) ?? 0), 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const read = (side: 'cost' | 'coverage', lines: Line[]) =>
      lines.map((line, index) => {
        const base = `${side}.${index}`;
        if (!line.name.trim())
          found[`${base}.name`] = t('form.required', { label: labels[`${base}.name`] });
        const cents = parseEuros(line.amount);
        if (cents === null)
          found[`${base}.amount`] = t('budget.invalidMoney', { label: labels[`${base}.amount`] });
        const realised = line.realised.trim() ? parseEuros(line.realised) : undefined;
        if (realised === null)
          found[`${base}.realised`] = t('budget.invalidMoney', {
            label: labels[`${base}.realised`],
          });
        return {
          name: line.name.trim(),
          cents: cents ?? 0,
          vatNote: line.vatNote.trim(),
          realised: realised ?? undefined,
        };
      });
    const costLines = read('cost', costs);
    const coverageLines = read('coverage', coverage);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      {
        costLines: costLines.map((line) => ({
          label: line.name,
          cents: line.cents,
          ...(line.vatNote ? { vatNote: line.vatNote } : {}),
          ...(line.realised !== undefined ? { realisedCents: line.realised } : {}),
        })),
        coverageLines: coverageLines.map((line) => ({
          source: line.name,
          cents: line.cents,
          ...(line.realised !== undefined ? { realisedCents: line.realised } : {}),
        })),
      },
      { onSuccess: onSaved },
    );
  };

  const editor = (
    side: 'cost' | 'coverage',
    lines: Line[],
    setLines: (update: (lines: Line[]) => Line[]) => void,
  ) => (
    <fieldset className="sk-plain-fieldset">
      <legend className="sk-legend">
        {t(side === 'cost' ? 'budget.costLines' : 'budget.coverageLines')}
      </legend>
      {lines.map((line, index) => {
        const base = `${side}.${index}`;
        const update = (patch: Partial<Line>) =>
          setLines((current) =>
            current.map((item) => (item.key === line.key ? { ...item, ...patch } : item)),
          );
        return (
          <div key={line.key} className="sk-field-row sk-field-row--end sk-line-row">
            <TextField
              id={fieldId(FORM_ID, `${base}.name`)}
              label={labels[`${base}.name`] ?? ''}
              size="lg"
              value={line.name}
              onChange={(name) => update({ name })}
              error={errors.byField[`${base}.name`]}
            />
            <MoneyField
              id={fieldId(FORM_ID, `${base}.amount`)}
              label={labels[`${base}.amount`] ?? ''}
              description=""
              value={line.amount}
              onChange={(amount) => update({ amount })}
              error={errors.byField[`${base}.amount`]}
            />
            {side === 'cost' && (
              <TextField
                id={fieldId(FORM_ID, `${base}.vatNote`)}
                label={labels[`${base}.vatNote`] ?? ''}
                size="md"
                value={line.vatNote}
                onChange={(vatNote) => update({ vatNote })}
              />
            )}
            <MoneyField
              id={fieldId(FORM_ID, `${base}.realised`)}
              label={labels[`${base}.realised`] ?? ''}
              description=""
              value={line.realised}
              onChange={(realised) => update({ realised })}
              error={errors.byField[`${base}.realised`]}
            />
            <div className="sk-field">
              <Button
                appearance="subtle"
                onClick={() =>
                  setLines((current) => current.filter((item) => item.key !== line.key))
                }
              >
                {t('budget.removeLine', { n: index + 1 })}
              </Button>
            </div>
          </div>
        );
      })}
      <Button
        appearance="secondary"
        onClick={() =>
          setLines((current) => [
            ...current,
            {
              key: Math.max(-1, ...current.map((item) => item.key)) + 1,
              name: '',
              amount: '',
              vatNote: '',
              realised: '',
            },
          ])
        }
      >
        {t(side === 'cost' ? 'budget.addCostLine' : 'budget.addCoverageLine')}
      </Button>
    </fieldset>
  );

  return (
    <section aria-labelledby="execution-edit-title" className="sk-section sk-panel">
      <Heading level={2} id="execution-edit-title">
        {t('budget.executionEditTitle', { year })}
      </Heading>
      <Paragraph className="sk-muted">{t('budget.moneyHint')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={submit}>
        {editor('cost', costs, setCosts)}
        {editor('coverage', coverage, setCoverage)}
        <Paragraph className="sk-budget-sum">
          {t('budget.liveTotals', {
            cost: formatMoney(sum(costs), language),
            coverage: formatMoney(sum(coverage), language),
          })}
        </Paragraph>
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={save.isPending}>
            {t('budget.executionSave')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
