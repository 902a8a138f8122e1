// Scoring a measurement: the ZRM as one radio group per domain (levels 1-5 with their labels and,
// where the municipality loaded them, the licensed level texts, plus "Niet besproken"), and
// Positieve Gezondheid as six numbers from 0 to 10. Both first ask whom they measure (when the
// household has more than one member), the moment and the date, as the server records them per
// person (moments.ts).
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
} from '@utrecht/component-library-react';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, RadioGroup, TextField } from '../../components/FormFields';
import type { Moment } from '../../components/MeasurementResults';
import { MOMENTS } from '../../components/MeasurementResults';
import { Heading, Paragraph } from '../../components/Typography';
import type { TrajectoryDetail } from '../../lib/api-types';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { todayInAmsterdam } from '../../lib/calendar';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import type { TakenMeasurement } from './moments';
import { defaultMember, defaultMoment, threeMonthsFrom } from './moments';
import type { HouseholdMember, Instrument } from './queries';
import { useCreateAssessment } from './queries';

/** The radio value of "Niet besproken". */
const NOT_DISCUSSED = 'none';

/** What both forms know of the trajectory: its measurements so far and its household. */
export interface MeasureFacts {
  /** Every measurement taken so far, of any member and instrument. */
  taken: readonly TakenMeasurement[];
  /** The trajectory's three-month day, from the server's read (repeat-due.ts). */
  threeMonthDay: string;
  /** Whom the server measures when no member is named (the registered resident). */
  registeredResidentId: string | null;
  /** The household's members: with more than one, the form asks whom it measures. */
  members: readonly HouseholdMember[];
  /** The moment asked for in the page's link (from the due list or the close form). */
  asked: string | null;
}

interface FormProps {
  trajectory: TrajectoryDetail;
  instrument: Instrument;
  facts: MeasureFacts;
  onSaved: (message: string) => void;
}

/** Whom, when and at which moment: with the defaults and the date rule of the person chosen. */
function useMomentFields(
  trajectory: TrajectoryDetail,
  instrument: Instrument,
  facts: MeasureFacts,
) {
  const choosing = facts.members.length > 1;
  const [residentId, setResidentId] = useState<string | null>(() =>
    choosing
      ? defaultMember(
          facts.members.map((member) => member.id),
          facts.registeredResidentId,
        )
      : null,
  );
  // Whose measurements the rules look at: the member chosen, or without a choice the one the
  // server measures (the registered resident, or the household as a whole).
  const person = choosing ? residentId : facts.registeredResidentId;
  const today = todayInAmsterdam();
  const threeMonthsOf = (who: string | null) =>
    threeMonthsFrom(facts.threeMonthDay, facts.taken, who, instrument.key);
  const momentFor = (who: string | null) =>
    defaultMoment({
      taken: facts.taken,
      instrument: instrument.key,
      residentId: who,
      asked: facts.asked,
      today,
      threeMonthsDay: threeMonthsOf(who).day,
      closing: trajectory.status === 'aftercare' || trajectory.status === 'closed',
    });
  const [moment, setMoment] = useState<Moment>(() => momentFor(person));
  const [takenAt, setTakenAt] = useState(todayInAmsterdam);
  // Another person has their own moments: the form moves to that person's next one.
  const chooseMember = (id: string) => {
    setResidentId(id);
    setMoment(momentFor(id));
  };
  return {
    members: facts.members,
    choosing,
    residentId,
    chooseMember,
    memberName: facts.members.find((member) => member.id === residentId)?.name ?? null,
    today,
    threeMonths: threeMonthsOf(person),
    moment,
    setMoment,
    takenAt,
    setTakenAt,
  };
}

type MomentFieldsState = ReturnType<typeof useMomentFields>;

/** The body's member and moment, and the message after saving (naming the member chosen). */
function recorded(fields: MomentFieldsState, t: ReturnType<typeof useTranslation>['t']) {
  const moment = t(`measurements.moments.${fields.moment}`);
  return {
    body: {
      moment: fields.moment,
      takenAt: fields.takenAt,
      ...(fields.choosing && fields.residentId ? { residentId: fields.residentId } : {}),
    },
    message:
      fields.choosing && fields.memberName
        ? t('measurements.savedFor', { moment, name: fields.memberName })
        : t('measurements.saved', { moment }),
  };
}

/** The client's checks of the fields both forms share. */
function momentFieldErrors(
  fields: MomentFieldsState,
  labels: Record<string, string>,
  t: ReturnType<typeof useTranslation>['t'],
): FieldErrors {
  const found: FieldErrors = {};
  if (fields.choosing && !fields.residentId) found.residentId = t('measurements.memberRequired');
  if (!fields.takenAt) found.takenAt = t('form.required', { label: labels.takenAt });
  return found;
}

function MomentFields({
  form,
  fields,
  errors,
}: {
  form: string;
  fields: MomentFieldsState;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { day, because } = fields.threeMonths;
  const from = formatDate(day, language);
  // Chosen before the person's day: said next to the choice now, not only by the server's 400.
  const early = fields.moment === 'three_months' && fields.takenAt !== '' && fields.takenAt < day;
  return (
    <>
      {fields.choosing && (
        <RadioGroup
          id={fieldId(form, 'residentId')}
          legend={t('measurements.member')}
          inline
          value={fields.residentId ?? ''}
          onChange={fields.chooseMember}
          error={errors.residentId}
          options={fields.members.map((member) => ({ value: member.id, label: member.name }))}
        />
      )}
      <div className="sk-measure-moment">
        <RadioGroup
          id={fieldId(form, 'moment')}
          legend={t('measurements.moment')}
          inline
          value={fields.moment}
          onChange={(value) => fields.setMoment(value as Moment)}
          error={errors.moment}
          options={MOMENTS.map((value) => ({
            value,
            label: t(`measurements.moments.${value}`),
            hint:
              value === 'three_months' && day > fields.today
                ? t('measurements.threeMonthsFrom', { date: from })
                : undefined,
          }))}
          warning={
            early
              ? t(
                  because === 'start'
                    ? 'measurements.threeMonthsHintStart'
                    : 'measurements.threeMonthsHint',
                  { date: from },
                )
              : null
          }
        />
        <TextField
          id={fieldId(form, 'takenAt')}
          type="date"
          size="md"
          label={t('measurements.takenAt')}
          value={fields.takenAt}
          onChange={fields.setTakenAt}
          error={errors.takenAt}
        />
      </div>
    </>
  );
}

export function ZrmForm({ trajectory, instrument, facts, onSaved }: FormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const create = useCreateAssessment(trajectory.id);
  const momentFields = useMomentFields(trajectory, instrument, facts);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'zrm';
  const name = (domain: Instrument['domains'][number]) =>
    language === 'en' ? domain.nameEn : domain.name;
  const labels: Record<string, string> = {
    residentId: t('measurements.member'),
    moment: t('measurements.moment'),
    takenAt: t('measurements.takenAt'),
    scores: t('measurements.zrmTitle'),
    ...Object.fromEntries(
      instrument.domains.map((domain) => [`scores.${domain.key}`, name(domain)]),
    ),
  };
  const targetId = (field: string) =>
    field === 'scores' && instrument.domains[0]
      ? fieldId(form, `scores.${instrument.domains[0].key}`)
      : fieldId(form, field);
  const errors = useFormErrors(labels, targetId, clientErrors, create.error);
  const scored = instrument.domains.filter((domain) =>
    /^\d+$/.test(scores[domain.key] ?? ''),
  ).length;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = momentFieldErrors(momentFields, labels, t);
    if (scored === 0) found.scores = t('measurements.atLeastOne');
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      create.reset();
      return;
    }
    const body = Object.fromEntries(
      instrument.domains.map((domain) => {
        const value = scores[domain.key];
        return [domain.key, value && /^\d+$/.test(value) ? Number(value) : null];
      }),
    );
    const { body: moment, message } = recorded(momentFields, t);
    create.mutate(
      { instrument: instrument.key, ...moment, scores: body },
      { onSuccess: () => onSaved(message) },
    );
  };

  return (
    <section aria-labelledby="zrm-title" className="sk-section">
      <Heading level={2} id="zrm-title" tabIndex={-1}>
        {t('measurements.formTitle')}
      </Heading>
      <Paragraph className="sk-measure-hint">
        {t('measurements.instrumentLine', { name: instrument.name })}
      </Paragraph>
      <Paragraph className="sk-measure-hint">{t('measurements.formIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="zrm-title">
        <MomentFields form={form} fields={momentFields} errors={errors.byField} />
        {instrument.domains.map((domain, index) => (
          <DomainScale
            key={domain.key}
            id={fieldId(form, `scores.${domain.key}`)}
            legend={`${index + 1}. ${name(domain)}`}
            levels={instrument.levels}
            texts={domain.levelTexts}
            value={scores[domain.key] ?? ''}
            onChange={(value) => setScores((current) => ({ ...current, [domain.key]: value }))}
            error={
              errors.byField[`scores.${domain.key}`] ??
              (index === 0 ? errors.byField.scores : undefined)
            }
          />
        ))}
        <p className="sk-measure-count" aria-live="polite">
          {t('measurements.scored', { count: scored, total: instrument.domains.length })}
        </p>
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={create.isPending}>
            {t('measurements.save')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

/** One domain: levels 1-5 and "Niet besproken" as radio buttons (arrow keys within, Tab on). */
function DomainScale({
  id,
  legend,
  levels,
  texts,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  levels: Instrument['levels'];
  texts: Record<string, string> | null;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const withTexts = Boolean(texts && Object.keys(texts).length > 0);
  const options = [
    ...levels.map((level) => ({
      value: String(level.value),
      number: String(level.value),
      label: language === 'en' ? level.labelEn : level.label,
      text: texts?.[String(level.value)],
    })),
    { value: NOT_DISCUSSED, number: '', label: t('measurements.notDiscussed'), text: undefined },
  ];
  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={Boolean(error)}
      className="sk-fieldset sk-zrm-domain"
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <FieldsetLegend className="sk-legend">{legend}</FieldsetLegend>
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="sk-field-error">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className={withTexts ? 'sk-zrm-scale sk-zrm-scale--texts' : 'sk-zrm-scale'}>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const checked = value === option.value;
          return (
            <div
              key={option.value}
              className={[
                'sk-zrm-option',
                checked ? 'sk-zrm-option--checked' : '',
                option.value === NOT_DISCUSSED ? 'sk-zrm-option--none' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <RadioButton
                id={optionId}
                name={id}
                value={option.value}
                checked={checked}
                invalid={Boolean(error)}
                onChange={(event) => {
                  if (event.target.checked) onChange(option.value);
                }}
              />
              <FormLabel htmlFor={optionId} type="radio" className="sk-zrm-option__label">
                {option.number && <span className="sk-zrm-option__number">{option.number}</span>}{' '}
                <span className="sk-zrm-option__name">{option.label}</span>
                {option.text && <span className="sk-zrm-option__text">{option.text}</span>}
              </FormLabel>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function HealthForm({ trajectory, instrument, facts, onSaved }: FormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const create = useCreateAssessment(trajectory.id);
  const momentFields = useMomentFields(trajectory, instrument, facts);
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'ph';
  const name = (domain: Instrument['domains'][number]) =>
    language === 'en' ? domain.nameEn : domain.name;
  const labels: Record<string, string> = {
    residentId: t('measurements.member'),
    moment: t('measurements.moment'),
    takenAt: t('measurements.takenAt'),
    scores: t('measurements.phTitle'),
    ...Object.fromEntries(
      instrument.domains.map((domain) => [`scores.${domain.key}`, name(domain)]),
    ),
  };
  const targetId = (field: string) =>
    field === 'scores' && instrument.domains[0]
      ? fieldId(form, `scores.${instrument.domains[0].key}`)
      : fieldId(form, field);
  const errors = useFormErrors(labels, targetId, clientErrors, create.error);
  const parse = (raw: string | undefined): number | null | undefined => {
    const text = (raw ?? '').trim().replace(',', '.');
    if (!text) return null;
    if (!/^\d{1,2}(\.\d)?$/.test(text)) return undefined;
    const number = Number(text);
    return number >= 0 && number <= 10 ? number : undefined;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = momentFieldErrors(momentFields, labels, t);
    const scores: Record<string, number | null> = {};
    for (const domain of instrument.domains) {
      const parsed = parse(values[domain.key]);
      if (parsed === undefined) {
        found[`scores.${domain.key}`] = t('measurements.phInvalid', { label: name(domain) });
      } else scores[domain.key] = parsed;
    }
    const scoresValid = instrument.domains.every((domain) => scores[domain.key] !== undefined);
    if (scoresValid && Object.values(scores).every((v) => v === null)) {
      found.scores = t('measurements.atLeastOne');
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      create.reset();
      return;
    }
    const { body: moment, message } = recorded(momentFields, t);
    create.mutate(
      { instrument: instrument.key, ...moment, scores },
      { onSuccess: () => onSaved(message) },
    );
  };

  return (
    <section aria-labelledby="ph-title" className="sk-section">
      <Heading level={2} id="ph-title" tabIndex={-1}>
        {t('measurements.phFormTitle')}
      </Heading>
      <Paragraph className="sk-measure-hint">{t('measurements.phFormIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="ph-title">
        <MomentFields form={form} fields={momentFields} errors={errors.byField} />
        <div className="sk-ph-grid">
          {instrument.domains.map((domain, index) => (
            <TextField
              key={domain.key}
              id={fieldId(form, `scores.${domain.key}`)}
              type="number"
              size="xs"
              min={0}
              max={10}
              step={0.1}
              label={t('measurements.phValue', { dimension: name(domain) })}
              value={values[domain.key] ?? ''}
              onChange={(value) => setValues((current) => ({ ...current, [domain.key]: value }))}
              error={
                errors.byField[`scores.${domain.key}`] ??
                (index === 0 ? errors.byField.scores : undefined)
              }
            />
          ))}
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={create.isPending}>
            {t('measurements.phSave')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
