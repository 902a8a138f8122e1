import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxField,
  fieldId,
  FileField,
  Form,
  SelectField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate, formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { centsToInput, parseEuros } from './money';
import type { Assumption, ImportResult, Price, PriceInput } from './queries';
import {
  PROVISIONS,
  useAssumptions,
  useChangeAssumption,
  useChangePrice,
  useCreateAssumption,
  useCreatePrice,
  useImportInhabitants,
  useInhabitants,
  useOrganisations,
  usePrices,
} from './queries';
import './business-case.css';

/** The municipality's price list, its assumptions and the inhabitants per buurt. */
export function PriceListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('businessCase.pricesPageTitle'));
  const role = useSession().data?.user.role;
  const readable = role === 'municipality' || role === 'admin' || role === 'team_lead';
  const editable = role === 'municipality' || role === 'admin';
  return (
    <>
      <Paragraph className="sk-back">
        <Link to="/business-case">{t('businessCase.toCase')}</Link>
      </Paragraph>
      <PageTitle>{t('businessCase.pricesPageTitle')}</PageTitle>
      {!readable && <NoAccess />}
      {readable && (
        <>
          <PricesSection editable={editable} />
          <AssumptionsSection editable={editable} />
          <InhabitantsSection canImport={role === 'admin'} />
        </>
      )}
    </>
  );
}

function usePriceItemName() {
  const { t } = useTranslation();
  return (p: Pick<Price, 'kind' | 'provision' | 'organisationName'>) =>
    p.kind === 'provision'
      ? t(`businessCase.provisions.${p.provision ?? 'specialist_care'}`)
      : p.kind === 'benefit'
        ? t('businessCase.benefit')
        : `${t('businessCase.kinds.organisation_hour')}: ${p.organisationName ?? ''}`;
}

function PricesSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const prices = usePrices();
  const itemName = usePriceItemName();
  const [editing, setEditing] = useState<Price | null>(null);
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="prices-title" className="sk-section">
      <Heading level={2} id="prices-title">
        {t('businessCase.pricesTitle')}
      </Heading>
      <Paragraph>{t('businessCase.pricesIntro')}</Paragraph>
      {saved > 0 && (
        <Notice key={saved} type="ok">
          <Paragraph>{t('businessCase.priceSaved')}</Paragraph>
        </Notice>
      )}
      {prices.isPending && <Loading />}
      {prices.isError && <LoadError error={prices.error} />}
      {prices.data && prices.data.items.length === 0 && (
        <Paragraph>{t('businessCase.noPrices')}</Paragraph>
      )}
      {prices.data && prices.data.items.length > 0 && (
        <Table caption={t('businessCase.pricesTitle')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('businessCase.item')}</HeaderCell>
              <HeaderCell numeric>{t('businessCase.amount')}</HeaderCell>
              <HeaderCell>{t('businessCase.validFrom')}</HeaderCell>
              <HeaderCell>{t('businessCase.validTo')}</HeaderCell>
              <HeaderCell>{t('businessCase.source')}</HeaderCell>
              {editable && <HeaderCell>{t('businessCase.actions')}</HeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {prices.data.items.map((p) => (
              <TableRow key={p.id}>
                <HeaderCell scope="row">
                  {itemName(p)}
                  {p.inExecutionBudget && (
                    <span className="sk-bc-tag"> ({t('businessCase.inBudgetShort')})</span>
                  )}
                </HeaderCell>
                <Cell numeric>
                  {formatMoney(p.amountCents, language)} {t(`businessCase.units.${p.unit}`)}
                </Cell>
                <Cell>
                  <span className="sk-nowrap">{formatDate(p.validFrom, language)}</span>
                </Cell>
                <Cell>
                  <span className="sk-nowrap">
                    {p.validTo ? formatDate(p.validTo, language) : t('businessCase.open')}
                  </span>
                </Cell>
                <Cell>{p.sourceNote}</Cell>
                {editable && (
                  <Cell>
                    <Button
                      onClick={() => setEditing(p)}
                      aria-label={`${t('businessCase.edit')}: ${itemName(p)} ${p.validFrom}`}
                    >
                      {t('businessCase.edit')}
                    </Button>
                  </Cell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editable && editing && (
        <PriceForm
          key={editing.id}
          price={editing}
          onDone={(didSave) => {
            setEditing(null);
            if (didSave) setSaved((n) => n + 1);
          }}
        />
      )}
      {editable && !editing && (
        <PriceForm key={`new-${saved}`} onDone={(didSave) => didSave && setSaved((n) => n + 1)} />
      )}
    </section>
  );
}

function PriceForm({ price, onDone }: { price?: Price; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const formId = price ? 'price-edit' : 'price-new';
  const itemName = usePriceItemName();
  const organisations = useOrganisations(!price);
  const create = useCreatePrice();
  const change = useChangePrice();
  const [kind, setKind] = useState<PriceInput['kind']>(price?.kind ?? 'provision');
  const [provision, setProvision] = useState<string>(price?.provision ?? '');
  const [organisationId, setOrganisationId] = useState(price?.organisationId ?? '');
  const [amount, setAmount] = useState(price ? centsToInput(price.amountCents) : '');
  const [validFrom, setValidFrom] = useState(price?.validFrom ?? '');
  const [validTo, setValidTo] = useState(price?.validTo ?? '');
  const [sourceNote, setSourceNote] = useState(price?.sourceNote ?? '');
  const [inBudget, setInBudget] = useState(price?.inExecutionBudget ?? false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = price ? change : create;
  const labels: Record<string, string> = {
    ...(price
      ? {}
      : {
          kind: t('businessCase.kind'),
          provision: t('businessCase.provision'),
          organisationId: t('businessCase.organisation'),
        }),
    amountCents: t('businessCase.amountEuros'),
    validFrom: t('businessCase.validFrom'),
    validTo: t('businessCase.validTo'),
    sourceNote: t('businessCase.source'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    mutation.error,
    { 409: t('businessCase.conflict') },
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseEuros(amount);
    if (cents === null || cents === 0) {
      setClientErrors({ amountCents: t('businessCase.amountInvalid') });
      return;
    }
    setClientErrors({});
    try {
      if (price) {
        await change.mutateAsync({
          id: price.id,
          body: {
            version: price.version,
            amountCents: cents,
            validFrom,
            validTo: validTo || null,
            sourceNote,
            inExecutionBudget: inBudget,
          },
        });
      } else {
        await create.mutateAsync({
          kind,
          ...(kind === 'provision' && provision ? { provision: provision as never } : {}),
          ...(kind === 'organisation_hour' && organisationId ? { organisationId } : {}),
          amountCents: cents,
          validFrom,
          ...(validTo ? { validTo } : {}),
          sourceNote,
          ...(kind === 'organisation_hour' ? { inExecutionBudget: inBudget } : {}),
        });
      }
      onDone(true);
    } catch {
      // Shown through the error summary.
    }
  }

  return (
    <div className="sk-panel sk-section">
      <Heading level={3}>
        {price
          ? t('businessCase.editPrice', { item: itemName(price) })
          : t('businessCase.addPrice')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={(event) => void submit(event)}>
        {!price && (
          <>
            <SelectField
              id={fieldId(formId, 'kind')}
              label={labels.kind ?? ''}
              value={kind}
              onChange={(value) => setKind(value as PriceInput['kind'])}
              options={(['provision', 'benefit', 'organisation_hour'] as const).map((k) => ({
                value: k,
                label: t(`businessCase.kinds.${k}`),
              }))}
              error={errors.byField.kind}
            />
            {kind === 'provision' && (
              <SelectField
                id={fieldId(formId, 'provision')}
                label={labels.provision ?? ''}
                value={provision}
                onChange={setProvision}
                placeholder={t('businessCase.choose')}
                options={PROVISIONS.map((p) => ({
                  value: p,
                  label: t(`businessCase.provisions.${p}`),
                }))}
                error={errors.byField.provision}
              />
            )}
            {kind === 'organisation_hour' && (
              <SelectField
                id={fieldId(formId, 'organisationId')}
                label={labels.organisationId ?? ''}
                value={organisationId}
                onChange={setOrganisationId}
                placeholder={t('businessCase.choose')}
                options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                error={errors.byField.organisationId}
              />
            )}
          </>
        )}
        <TextField
          id={fieldId(formId, 'amountCents')}
          label={labels.amountCents ?? ''}
          value={amount}
          onChange={setAmount}
          description={t('businessCase.amountHint')}
          error={errors.byField.amountCents}
          size="sm"
          autoComplete="off"
          required
        />
        <TextField
          id={fieldId(formId, 'validFrom')}
          label={labels.validFrom ?? ''}
          type="date"
          value={validFrom}
          onChange={setValidFrom}
          error={errors.byField.validFrom}
          size="sm"
          required
        />
        <TextField
          id={fieldId(formId, 'validTo')}
          label={labels.validTo ?? ''}
          type="date"
          value={validTo}
          onChange={setValidTo}
          description={t('businessCase.validToHint')}
          error={errors.byField.validTo}
          size="sm"
        />
        <TextField
          id={fieldId(formId, 'sourceNote')}
          label={labels.sourceNote ?? ''}
          value={sourceNote}
          onChange={setSourceNote}
          error={errors.byField.sourceNote}
          maxLength={1000}
          required
        />
        {(price?.kind ?? kind) === 'organisation_hour' && (
          <CheckboxField
            id={fieldId(formId, 'inExecutionBudget')}
            label={t('businessCase.inExecutionBudget')}
            checked={inBudget}
            onChange={setInBudget}
          />
        )}
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={mutation.isPending}>
            {price ? t('businessCase.save') : t('businessCase.addPrice')}
          </Button>
          {price && <Button onClick={() => onDone(false)}>{t('businessCase.cancel')}</Button>}
        </ButtonGroup>
      </Form>
    </div>
  );
}

function AssumptionsSection({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const assumptions = useAssumptions();
  const [editing, setEditing] = useState<Assumption | null>(null);
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="assumptions-title" className="sk-section">
      <Heading level={2} id="assumptions-title">
        {t('businessCase.assumptionsPageTitle')}
      </Heading>
      <Paragraph>{t('businessCase.assumptionsPageIntro')}</Paragraph>
      {saved > 0 && (
        <Notice key={saved} type="ok">
          <Paragraph>{t('businessCase.assumptionSaved')}</Paragraph>
        </Notice>
      )}
      {assumptions.isPending && <Loading />}
      {assumptions.isError && <LoadError error={assumptions.error} />}
      {assumptions.data && assumptions.data.items.length === 0 && (
        <Paragraph>{t('businessCase.noAssumptions')}</Paragraph>
      )}
      {assumptions.data && assumptions.data.items.length > 0 && (
        <ul className="sk-bc-assumption-list">
          {assumptions.data.items.map((a) => (
            <li key={a.id}>
              {a.sentence[language]} {!a.active && t('businessCase.inactive')}
              {a.sourceNote && <span className="sk-muted"> ({a.sourceNote})</span>}{' '}
              {editable && (
                <Button
                  onClick={() => setEditing(a)}
                  aria-label={`${t('businessCase.edit')}: ${a.sentence[language]}`}
                >
                  {t('businessCase.edit')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <AssumptionForm
          key={editing?.id ?? `new-${saved}`}
          assumption={editing ?? undefined}
          onDone={(didSave) => {
            setEditing(null);
            if (didSave) setSaved((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

function AssumptionForm({
  assumption,
  onDone,
}: {
  assumption?: Assumption;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const formId = assumption ? 'assumption-edit' : 'assumption-new';
  const create = useCreateAssumption();
  const change = useChangeAssumption();
  const mutation = assumption ? change : create;
  const [basis, setBasis] = useState<string>(assumption?.basis ?? 'closed_without_specialist_care');
  const [priceKind, setPriceKind] = useState<string>(assumption?.priceKind ?? 'provision');
  const [provision, setProvision] = useState<string>(assumption?.provision ?? 'individual_support');
  const [numbers, setNumbers] = useState({
    shareLowPercent: String(assumption?.shareLowPercent ?? ''),
    shareHighPercent: String(assumption?.shareHighPercent ?? ''),
    monthsLow: String(assumption?.monthsLow ?? ''),
    monthsHigh: String(assumption?.monthsHigh ?? ''),
  });
  const [active, setActive] = useState(assumption?.active ?? true);
  const [sourceNote, setSourceNote] = useState(assumption?.sourceNote ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const numberLabels = {
    shareLowPercent: t('businessCase.shareLow'),
    shareHighPercent: t('businessCase.shareHigh'),
    monthsLow: t('businessCase.monthsLow'),
    monthsHigh: t('businessCase.monthsHigh'),
  };
  const labels: Record<string, string> = {
    ...(assumption
      ? {}
      : {
          basis: t('businessCase.basis'),
          priceKind: t('businessCase.priceKind'),
          provision: t('businessCase.provision'),
        }),
    ...numberLabels,
    sourceNote: t('businessCase.source'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    mutation.error,
    { 409: t('businessCase.conflict') },
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed: Record<string, number> = {};
    const problems: FieldErrors = {};
    for (const key of Object.keys(numberLabels) as (keyof typeof numberLabels)[]) {
      const value = numbers[key].trim();
      if (!/^\d+$/.test(value))
        problems[key] = `${numberLabels[key]}: ${t('businessCase.wholeNumber')}`;
      else parsed[key] = Number(value);
    }
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const values = {
      shareLowPercent: parsed.shareLowPercent ?? 0,
      shareHighPercent: parsed.shareHighPercent ?? 0,
      monthsLow: parsed.monthsLow ?? 0,
      monthsHigh: parsed.monthsHigh ?? 0,
    };
    try {
      if (assumption) {
        await change.mutateAsync({
          id: assumption.id,
          body: { version: assumption.version, ...values, active, sourceNote },
        });
      } else {
        await create.mutateAsync({
          basis: basis as 'closed_trajectories',
          priceKind: priceKind as 'provision',
          ...(priceKind === 'provision' ? { provision: provision as never } : {}),
          ...values,
          active,
          sourceNote,
        });
      }
      onDone(true);
    } catch {
      // Shown through the error summary.
    }
  }

  return (
    <div className="sk-panel sk-section">
      <Heading level={3}>
        {assumption ? t('businessCase.editAssumption') : t('businessCase.addAssumption')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={(event) => void submit(event)}>
        {!assumption && (
          <>
            <SelectField
              id={fieldId(formId, 'basis')}
              label={labels.basis ?? ''}
              value={basis}
              onChange={setBasis}
              options={(['closed_without_specialist_care', 'closed_trajectories'] as const).map(
                (b) => ({ value: b, label: t(`businessCase.bases.${b}`) }),
              )}
            />
            <SelectField
              id={fieldId(formId, 'priceKind')}
              label={labels.priceKind ?? ''}
              value={priceKind}
              onChange={setPriceKind}
              options={(['provision', 'benefit'] as const).map((k) => ({
                value: k,
                label: t(`businessCase.priceKinds.${k}`),
              }))}
            />
            {priceKind === 'provision' && (
              <SelectField
                id={fieldId(formId, 'provision')}
                label={labels.provision ?? ''}
                value={provision}
                onChange={setProvision}
                options={PROVISIONS.map((p) => ({
                  value: p,
                  label: t(`businessCase.provisions.${p}`),
                }))}
                error={errors.byField.provision}
              />
            )}
          </>
        )}
        {(Object.keys(numberLabels) as (keyof typeof numberLabels)[]).map((key) => (
          <TextField
            key={key}
            id={fieldId(formId, key)}
            label={numberLabels[key]}
            value={numbers[key]}
            onChange={(value) => setNumbers((n) => ({ ...n, [key]: value }))}
            inputMode="numeric"
            error={errors.byField[key]}
            size="xs"
            required
          />
        ))}
        <TextField
          id={fieldId(formId, 'sourceNote')}
          label={labels.sourceNote ?? ''}
          value={sourceNote}
          onChange={setSourceNote}
          error={errors.byField.sourceNote}
          maxLength={1000}
        />
        <CheckboxField
          id={fieldId(formId, 'active')}
          label={t('businessCase.active')}
          checked={active}
          onChange={setActive}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={mutation.isPending}>
            {assumption ? t('businessCase.save') : t('businessCase.addAssumption')}
          </Button>
          {assumption && <Button onClick={() => onDone(false)}>{t('businessCase.cancel')}</Button>}
        </ButtonGroup>
      </Form>
    </div>
  );
}

function InhabitantsSection({ canImport }: { canImport: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const inhabitants = useInhabitants();
  const load = useImportInhabitants();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = 'inhabitants';
  const errors = useFormErrors(
    { file: t('businessCase.inhabitantsFile') },
    (field) => fieldId(formId, field),
    clientErrors,
    load.error,
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setClientErrors({ file: t('businessCase.chooseFile') });
      return;
    }
    setClientErrors({});
    try {
      setResult(await load.mutateAsync(await file.text()));
    } catch {
      setResult(null);
    }
  }

  const years = inhabitants.data?.years ?? [];
  return (
    <section aria-labelledby="inhabitants-title" className="sk-section">
      <Heading level={2} id="inhabitants-title">
        {t('businessCase.inhabitantsTitle')}
      </Heading>
      <Paragraph>{t('businessCase.inhabitantsIntro')}</Paragraph>
      {canImport && (
        <div className="sk-panel">
          <ErrorSummary items={errors.summary} general={errors.general} />
          <Form id={formId} onSubmit={(event) => void submit(event)}>
            <FileField
              id={fieldId(formId, 'file')}
              label={t('businessCase.inhabitantsFile')}
              description={t('businessCase.inhabitantsFileHint')}
              accept=".csv,text/csv"
              onChange={setFile}
              error={errors.byField.file}
            />
            <Button appearance="primary" type="submit" busy={load.isPending}>
              {t('businessCase.import')}
            </Button>
          </Form>
          {result && (
            <Notice type={result.rejected.length > 0 ? 'warning' : 'ok'}>
              <Paragraph>
                {t('businessCase.importResult', { rows: result.rows, skipped: result.skipped })}
              </Paragraph>
              {result.rejected.length > 0 && (
                <ul>
                  {result.rejected.map((r) => (
                    <li key={`${r.line}-${r.field}`}>
                      {t('businessCase.importRejected', {
                        line: r.line,
                        field: r.field,
                        reason: language === 'nl' ? r.reasonNl : r.reason,
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
        </div>
      )}
      {inhabitants.isPending && <Loading />}
      {inhabitants.isError && <LoadError error={inhabitants.error} />}
      {inhabitants.data && (
        <Table caption={t('businessCase.inhabitantsTitle')} captionHidden compact>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('businessCase.code')}</HeaderCell>
              <HeaderCell>{t('businessCase.name')}</HeaderCell>
              {years.map((y) => (
                <HeaderCell key={y} numeric>
                  {y}
                </HeaderCell>
              ))}
              {years.length === 0 && <HeaderCell>{t('businessCase.year')}</HeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {inhabitants.data.items.map((item) => (
              <TableRow key={item.code}>
                <Cell>{item.code}</Cell>
                <HeaderCell scope="row">{item.name}</HeaderCell>
                {years.map((y) => (
                  <Cell key={y} numeric>
                    {item.byYear[String(y)] ?? t('businessCase.noData')}
                  </Cell>
                ))}
                {years.length === 0 && <Cell>{t('businessCase.noData')}</Cell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
