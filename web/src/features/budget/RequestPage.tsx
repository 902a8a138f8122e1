import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  fieldId,
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { PageTitle, Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { parseEuros } from './money';
import { MoneyField } from './MoneyField';
import type { Vat } from './queries';
import { useCreateRequest, useMyTrajectories, useSummary, useTrajectory, VATS } from './queries';
import { remainingFor } from './shared';
import './budget.css';

const FORM_ID = 'work-budget-request';

export function RequestPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.requestTitle'));
  const session = useSession().data;
  const role = session?.user.role;
  const [params, setParams] = useSearchParams();
  const trajectoryId = params.get('traject') ?? '';
  const allowed = role === 'worker' || role === 'team_lead';

  return (
    <>
      <PageTitle>{t('budget.requestTitle')}</PageTitle>
      <Paragraph lead>{t('budget.requestIntro')}</Paragraph>
      {!allowed && <NoAccess />}
      {allowed && !trajectoryId && (
        <ChooseTrajectory
          coordinatorId={role === 'worker' ? session?.user.id : undefined}
          onChoose={(id) => setParams({ traject: id })}
        />
      )}
      {allowed && trajectoryId && <RequestForm key={trajectoryId} trajectoryId={trajectoryId} />}
    </>
  );
}

function ChooseTrajectory({
  coordinatorId,
  onChoose,
}: {
  coordinatorId: string | undefined;
  onChoose: (id: string) => void;
}) {
  const { t } = useTranslation();
  const trajectories = useMyTrajectories(coordinatorId, true);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (trajectories.isPending) return <Loading />;
  if (trajectories.isError) return <LoadError error={trajectories.error} />;
  const open = trajectories.data.filter((item) => item.status !== 'closed');
  return (
    <Form
      id="choose-trajectory"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) setError(t('budget.chooseTrajectoryRequired'));
        else onChoose(chosen);
      }}
    >
      <SelectField
        id="choose-trajectory-id"
        label={t('budget.trajectory')}
        placeholder={t('form.chooseOne')}
        value={chosen}
        onChange={setChosen}
        error={error}
        options={open.map((item) => ({
          value: item.id,
          label: item.household.members || item.id,
        }))}
      />
      <ButtonGroup>
        <Button appearance="primary" type="submit">
          {t('budget.continue')}
        </Button>
      </ButtonGroup>
    </Form>
  );
}

interface Values {
  purpose: string;
  amount: string;
  vat: Vat | '';
  vatNote: string;
  justification: string;
  alternativesTried: string;
  planGoal: string;
}

const EMPTY: Values = {
  purpose: '',
  amount: '',
  vat: '',
  vatNote: '',
  justification: '',
  alternativesTried: '',
  planGoal: '',
};

function RequestForm({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const year = currentYear();
  const trajectory = useTrajectory(trajectoryId);
  const summary = useSummary(year);
  const create = useCreateRequest();
  const [values, setValues] = useState<Values>(EMPTY);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const labels = {
    purpose: t('budget.purpose'),
    amountCents: t('budget.amountEuros'),
    vat: t('budget.vatLabel'),
    vatNote: t('budget.vatNote'),
    justification: t('budget.justification'),
    alternativesTried: t('budget.alternativesTried'),
    planGoal: t('budget.planGoal'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    create.error,
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  if (trajectory.isPending) return <Loading />;
  if (trajectory.isError) return <LoadError error={trajectory.error} />;

  const remaining = summary.data ? remainingFor(summary.data, trajectory.data.teamId) : null;

  if (create.data) {
    const result = create.data;
    return (
      <>
        <Notice type={result.status === 'approved' ? 'ok' : 'info'}>
          <Paragraph>
            {result.status === 'approved'
              ? t('budget.resultApproved')
              : t(`budget.resultRequested.${result.approvalLevel}`)}
          </Paragraph>
        </Notice>
        <ul className="sk-inline-list">
          <li>
            <Link to="/werkbudget">{t('budget.toWorkBudget')}</Link>
          </li>
          <li>
            <Link to={`/trajecten/${trajectoryId}`}>{t('budget.toTrajectory')}</Link>
          </li>
        </ul>
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const required = ['purpose', 'justification', 'alternativesTried'] as const;
    for (const key of required)
      if (!values[key].trim()) found[key] = t('form.required', { label: labels[key] });
    const amountCents = parseEuros(values.amount);
    if (amountCents === null || amountCents <= 0)
      found.amountCents = t('budget.invalidMoney', { label: labels.amountCents });
    if (!values.vat) found.vat = t('budget.chooseVat');
    setClientErrors(found);
    if (Object.keys(found).length > 0 || amountCents === null || !values.vat) return;
    create.mutate({
      trajectoryId,
      year,
      purpose: values.purpose.trim(),
      amountCents,
      vat: values.vat,
      ...(values.vatNote.trim() ? { vatNote: values.vatNote.trim() } : {}),
      justification: values.justification.trim(),
      alternativesTried: values.alternativesTried.trim(),
      ...(values.planGoal.trim() ? { planGoal: values.planGoal.trim() } : {}),
    });
  };

  return (
    <>
      <div className="sk-request-context">
        <Paragraph>
          {t('budget.forTrajectory')}{' '}
          <Link to={`/trajecten/${trajectoryId}`}>{trajectory.data.household.members}</Link>
        </Paragraph>
        {remaining !== null && summary.data && (
          <div className="sk-budget-card sk-budget-card--remaining sk-budget-card--inline">
            <span className="sk-budget-card__label">{t('budget.remainingThisYear', { year })}</span>
            <span className="sk-budget-card__value">{formatMoney(remaining, language)}</span>
            <span className="sk-budget-card__note">
              {t('budget.mandateShort', {
                worker: formatMoney(summary.data.mandate.workerCents, language),
              })}
            </span>
          </div>
        )}
        {summary.data === null && (
          <Paragraph className="sk-muted">{t('budget.notSet', { year })}</Paragraph>
        )}
      </div>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={submit}>
        <TextField
          id={fieldId(FORM_ID, 'purpose')}
          label={labels.purpose}
          description={t('budget.purposeHint')}
          required
          value={values.purpose}
          onChange={(value) => set('purpose', value)}
          error={errors.byField.purpose}
        />
        <MoneyField
          id={fieldId(FORM_ID, 'amountCents')}
          label={labels.amountCents}
          required
          value={values.amount}
          onChange={(value) => set('amount', value)}
          error={errors.byField.amountCents}
        />
        <RadioGroup
          id={fieldId(FORM_ID, 'vat')}
          legend={labels.vat}
          inline
          value={values.vat}
          onChange={(value) => set('vat', value as Vat)}
          options={VATS.map((vat) => ({ value: vat, label: t(`budget.vat.${vat}`) }))}
          error={errors.byField.vat}
        />
        <TextField
          id={fieldId(FORM_ID, 'vatNote')}
          label={`${labels.vatNote} ${t('form.optional')}`}
          description={t('budget.vatNoteHint')}
          value={values.vatNote}
          onChange={(value) => set('vatNote', value)}
          error={errors.byField.vatNote}
        />
        <TextAreaField
          id={fieldId(FORM_ID, 'justification')}
          label={labels.justification}
          description={t('budget.justificationHint')}
          required
          rows={3}
          value={values.justification}
          onChange={(value) => set('justification', value)}
          error={errors.byField.justification}
        />
        <TextAreaField
          id={fieldId(FORM_ID, 'alternativesTried')}
          label={labels.alternativesTried}
          description={t('budget.alternativesHint')}
          required
          rows={3}
          value={values.alternativesTried}
          onChange={(value) => set('alternativesTried', value)}
          error={errors.byField.alternativesTried}
        />
        <TextField
          id={fieldId(FORM_ID, 'planGoal')}
          label={`${labels.planGoal} ${t('form.optional')}`}
          description={t('budget.planGoalHint')}
          value={values.planGoal}
          onChange={(value) => set('planGoal', value)}
          error={errors.byField.planGoal}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('budget.submitRequest')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
