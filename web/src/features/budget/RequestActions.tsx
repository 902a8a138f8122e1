// What can be done with one request: approve or reject (the approver), register the payment,
// record the return, enter a correction. Each is a small form that opens on demand.
import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, SelectField, TextAreaField, TextField } from '../../components/FormFields';
import { Notice } from '../../components/Alert';
import { Heading, Paragraph } from '../../components/Typography';
import { isIsoDate, todayInAmsterdam } from '../../lib/calendar';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import {
  isVersionConflict,
  useBaseVersion,
  VersionConflict,
  withoutVersionConflict,
} from './conflict';
import { parseEuros } from './money';
import { MoneyField } from './MoneyField';
import type { BudgetRequest } from './queries';
import {
  RETURN_CATEGORIES,
  useApprove,
  useCorrection,
  usePay,
  useRecordReturn,
  useReject,
  useReloadRequest,
} from './queries';

type Done = (message: string) => void;

/** A button that opens a form below it; the form closes itself when done. */
export function Disclosure({
  id,
  label,
  children,
}: {
  id: string;
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="sk-disclosure">
      <Button
        appearance="secondary"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </Button>
      {open && (
        <div id={id} className="sk-disclosure__panel">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

function useActionErrors(
  formId: string,
  labels: Record<string, string>,
  clientErrors: FieldErrors,
  error: unknown,
) {
  return useFormErrors(labels, (field) => fieldId(formId, field), clientErrors, error);
}

export function DecisionForms({ request, onDone }: { request: BudgetRequest; onDone: Done }) {
  const { t } = useTranslation();
  const approve = useApprove();
  const reject = useReject();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = `decide-${request.id}`;
  const labels = { note: t('budget.decisionNote'), reason: t('budget.rejectReason') };
  const errors = useActionErrors(formId, labels, clientErrors, approve.error ?? reject.error);

  const doApprove = () => {
    setClientErrors({});
    reject.reset();
    approve.mutate(
      { id: request.id, note: note.trim() || undefined },
      { onSuccess: () => onDone(t('budget.approved', { purpose: request.purpose })) },
    );
  };
  const doReject = () => {
    approve.reset();
    if (!reason.trim()) {
      setClientErrors({ reason: t('budget.rejectReasonRequired') });
      return;
    }
    setClientErrors({});
    reject.mutate(
      { id: request.id, reason: reason.trim() },
      { onSuccess: () => onDone(t('budget.rejected', { purpose: request.purpose })) },
    );
  };

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={(event) => event.preventDefault()}>
        <TextAreaField
          id={fieldId(formId, 'note')}
          label={`${labels.note} ${t('form.optional')}`}
          rows={2}
          value={note}
          onChange={setNote}
          error={errors.byField.note}
        />
        <TextAreaField
          id={fieldId(formId, 'reason')}
          label={labels.reason}
          description={t('budget.rejectReasonHint')}
          rows={2}
          value={reason}
          onChange={setReason}
          error={errors.byField.reason}
        />
        <ButtonGroup>
          <Button appearance="primary" busy={approve.isPending} onClick={doApprove}>
            {t('budget.approve')}
          </Button>
          <Button appearance="secondary" busy={reject.isPending} onClick={doReject}>
            {t('budget.reject')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

export function PayForm({
  request,
  onDone,
  onCancel,
}: {
  request: BudgetRequest;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const pay = usePay();
  const [values, setValues] = useState({ paidOn: todayInAmsterdam(), payee: '', reference: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = `pay-${request.id}`;
  const labels = {
    paidOn: t('budget.paidOn'),
    payee: t('budget.payee'),
    reference: t('budget.reference'),
  };
  const errors = useActionErrors(formId, labels, clientErrors, pay.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!isIsoDate(values.paidOn)) found.paidOn = t('budget.invalidDate', { label: labels.paidOn });
    if (!values.payee.trim()) found.payee = t('form.required', { label: labels.payee });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    pay.mutate(
      {
        id: request.id,
        paidOn: values.paidOn,
        payee: values.payee.trim(),
        reference: values.reference.trim() || undefined,
      },
      { onSuccess: () => onDone(t('budget.paid', { purpose: request.purpose })) },
    );
  };

  return (
    <>
      <Heading level={4}>{t('budget.payTitle')}</Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <div className="sk-field-row">
          <TextField
            id={fieldId(formId, 'paidOn')}
            label={labels.paidOn}
            type="date"
            size="md"
            required
            value={values.paidOn}
            onChange={(paidOn) => setValues((current) => ({ ...current, paidOn }))}
            error={errors.byField.paidOn}
          />
          <TextField
            id={fieldId(formId, 'payee')}
            label={labels.payee}
            size="md"
            required
            value={values.payee}
            onChange={(payee) => setValues((current) => ({ ...current, payee }))}
            error={errors.byField.payee}
          />
          <TextField
            id={fieldId(formId, 'reference')}
            label={`${labels.reference} ${t('form.optional')}`}
            size="md"
            value={values.reference}
            onChange={(reference) => setValues((current) => ({ ...current, reference }))}
            error={errors.byField.reference}
          />
        </div>
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={pay.isPending}>
            {t('budget.paySave')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

export function ReturnForm({
  request,
  onDone,
  onCancel,
}: {
  request: BudgetRequest;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordReturn();
  const reloadRequest = useReloadRequest();
  // The return's version as the form was opened (none before the first return), sent back to
  // replace it; after a conflict, the newer one.
  const base = useBaseVersion(
    request.return?.version,
    async () => (await reloadRequest(request.id))?.return?.version,
    () => record.reset(),
  );
  const [values, setValues] = useState({
    social: request.return?.social ?? '',
    category: request.return?.category ?? '',
    kind: request.return?.financial?.kind ?? '',
    monthly: '',
    months: '',
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = `return-${request.id}`;
  const labels = {
    social: t('budget.socialReturn'),
    category: t('budget.category'),
    kind: t('budget.financialKind'),
    monthlyCents: t('budget.monthly'),
    months: t('budget.months'),
  };
  const errors = useActionErrors(
    formId,
    labels,
    clientErrors,
    withoutVersionConflict(record.error),
  );
  const set = (key: keyof typeof values, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.social.trim()) found.social = t('form.required', { label: labels.social });
    if (!values.category) found.category = t('budget.chooseCategory');
    const financialGiven = Boolean(
      values.kind.trim() || values.monthly.trim() || values.months.trim(),
    );
    const monthlyCents = parseEuros(values.monthly);
    const months = /^\d{1,3}$/.test(values.months.trim()) ? Number(values.months.trim()) : null;
    if (financialGiven) {
      if (!values.kind.trim()) found.kind = t('form.required', { label: labels.kind });
      if (monthlyCents === null)
        found.monthlyCents = t('budget.invalidMoney', { label: labels.monthlyCents });
      if (months === null || months < 1)
        found.months = t('budget.invalidMonths', { label: labels.months });
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    record.mutate(
      {
        id: request.id,
        ...(base.version === undefined ? {} : { version: base.version }),
        social: values.social.trim(),
        category: values.category as (typeof RETURN_CATEGORIES)[number],
        ...(financialGiven && monthlyCents !== null && months !== null
          ? { financial: { kind: values.kind.trim(), monthlyCents, months } }
          : {}),
      },
      { onSuccess: () => onDone(t('budget.returnSaved', { purpose: request.purpose })) },
    );
  };

  return (
    <>
      <Heading level={4}>{t('budget.returnTitle')}</Heading>
      {isVersionConflict(record.error) && (
        <VersionConflict
          message={t('budget.returnConflict')}
          reloadLabel={t('budget.returnReload')}
          onReload={base.reload}
          reloading={base.reloading}
        />
      )}
      {base.reloaded && (
        <Notice type="info">
          <Paragraph>{t('budget.returnReloaded')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextAreaField
          id={fieldId(formId, 'social')}
          label={labels.social}
          description={t('budget.socialReturnHint')}
          rows={3}
          required
          value={values.social}
          onChange={(value) => set('social', value)}
          error={errors.byField.social}
        />
        <SelectField
          id={fieldId(formId, 'category')}
          label={labels.category}
          required
          placeholder={t('form.chooseOne')}
          value={values.category}
          onChange={(value) => set('category', value)}
          options={RETURN_CATEGORIES.map((category) => ({
            value: category,
            label: t(`budget.categories.${category}`),
          }))}
          error={errors.byField.category}
        />
        <fieldset className="sk-plain-fieldset">
          <legend className="sk-legend">{t('budget.financialTitle')}</legend>
          <p className="sk-muted">{t('budget.financialHint')}</p>
          <div className="sk-field-row">
            <TextField
              id={fieldId(formId, 'kind')}
              label={labels.kind}
              size="md"
              value={values.kind}
              onChange={(value) => set('kind', value)}
              error={errors.byField.kind}
            />
            <MoneyField
              id={fieldId(formId, 'monthlyCents')}
              label={labels.monthlyCents}
              value={values.monthly}
              onChange={(value) => set('monthly', value)}
              error={errors.byField.monthlyCents}
            />
            <TextField
              id={fieldId(formId, 'months')}
              label={labels.months}
              size="xs"
              inputMode="numeric"
              value={values.months}
              onChange={(value) => set('months', value)}
              error={errors.byField.months}
            />
          </div>
        </fieldset>
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={record.isPending}>
            {t('budget.returnSave')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

export function CorrectionForm({
  request,
  onDone,
  onCancel,
}: {
  request: BudgetRequest;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const correct = useCorrection();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = `correction-${request.id}`;
  const labels = {
    amountCents: t('budget.correctionAmount'),
    reason: t('budget.correctionReason'),
  };
  const errors = useActionErrors(formId, labels, clientErrors, correct.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const amountCents = parseEuros(amount, { allowNegative: true });
    if (amountCents === null || amountCents === 0)
      found.amountCents = t('budget.invalidMoneySigned', { label: labels.amountCents });
    if (!reason.trim()) found.reason = t('form.required', { label: labels.reason });
    setClientErrors(found);
    if (Object.keys(found).length > 0 || amountCents === null) return;
    correct.mutate(
      { id: request.id, amountCents, reason: reason.trim() },
      { onSuccess: () => onDone(t('budget.correctionSaved', { purpose: request.purpose })) },
    );
  };

  return (
    <>
      <Heading level={4}>{t('budget.correctionTitle')}</Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <MoneyField
          id={fieldId(formId, 'amountCents')}
          label={labels.amountCents}
          description={t('budget.correctionHint')}
          value={amount}
          onChange={setAmount}
          error={errors.byField.amountCents}
        />
        <TextAreaField
          id={fieldId(formId, 'reason')}
          label={labels.reason}
          rows={2}
          required
          value={reason}
          onChange={setReason}
          error={errors.byField.reason}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={correct.isPending}>
            {t('budget.correctionSave')}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
