// Scoring a measurement: the ZRM as one radio group per domain (levels 1-5 with their labels and,
// where the municipality loaded them, the licensed level texts, plus "Niet besproken"), and
// Positieve Gezondheid as six numbers from 0 to 10.
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
import { useLanguage } from '../../lib/i18n';
import type { Instrument } from './queries';
import { useCreateAssessment } from './queries';

/** The radio value of "Niet besproken". */
const NOT_DISCUSSED = 'none';

interface FormProps {
  trajectory: TrajectoryDetail;
  instrument: Instrument;
  initialMoment: Moment;
  onSaved: (message: string) => void;
}

function useMomentFields(initialMoment: Moment) {
  const [moment, setMoment] = useState<Moment>(initialMoment);
  const [takenAt, setTakenAt] = useState(todayInAmsterdam);
  return { moment, setMoment, takenAt, setTakenAt };
}

function MomentFields({
  form,
  moment,
  setMoment,
  takenAt,
  setTakenAt,
  errors,
}: ReturnType<typeof useMomentFields> & { form: string; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <div className="sk-measure-moment">
      <RadioGroup
        id={fieldId(form, 'moment')}
        legend={t('measurements.moment')}
        inline
        value={moment}
        onChange={(value) => setMoment(value as Moment)}
        error={errors.moment}
        options={MOMENTS.map((value) => ({ value, label: t(`measurements.moments.${value}`) }))}
      />
      <TextField
        id={fieldId(form, 'takenAt')}
        type="date"
        size="md"
        label={t('measurements.takenAt')}
        value={takenAt}
        onChange={setTakenAt}
        error={errors.takenAt}
      />
    </div>
  );
}

export function ZrmForm({ trajectory, instrument, initialMoment, onSaved }: FormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const create = useCreateAssessment(trajectory.id);
  const momentFields = useMomentFields(initialMoment);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'zrm';
  const name = (domain: Instrument['domains'][number]) =>
    language === 'en' ? domain.nameEn : domain.name;
  const labels: Record<string, string> = {
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
    const found: FieldErrors = {};
    if (scored === 0) found.scores = t('measurements.atLeastOne');
    if (!momentFields.takenAt) found.takenAt = t('form.required', { label: labels.takenAt });
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
    create.mutate(
      {
        instrument: instrument.key,
        moment: momentFields.moment,
        takenAt: momentFields.takenAt,
        scores: body,
      },
      {
        onSuccess: () =>
          onSaved(
            t('measurements.saved', { moment: t(`measurements.moments.${momentFields.moment}`) }),
          ),
      },
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
        <MomentFields form={form} {...momentFields} errors={errors.byField} />
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

export function HealthForm({ trajectory, instrument, initialMoment, onSaved }: FormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const create = useCreateAssessment(trajectory.id);
  const momentFields = useMomentFields(initialMoment);
  const [values, setValues] = useState<Record<string, string>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'ph';
  const name = (domain: Instrument['domains'][number]) =>
    language === 'en' ? domain.nameEn : domain.name;
  const labels: Record<string, string> = {
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
    const found: FieldErrors = {};
    const scores: Record<string, number | null> = {};
    for (const domain of instrument.domains) {
      const parsed = parse(values[domain.key]);
      if (parsed === undefined) {
        found[`scores.${domain.key}`] = t('measurements.phInvalid', { label: name(domain) });
      } else scores[domain.key] = parsed;
    }
    if (Object.keys(found).length === 0 && Object.values(scores).every((v) => v === null)) {
      found.scores = t('measurements.atLeastOne');
    }
    if (!momentFields.takenAt) found.takenAt = t('form.required', { label: labels.takenAt });
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      create.reset();
      return;
    }
    create.mutate(
      {
        instrument: instrument.key,
        moment: momentFields.moment,
        takenAt: momentFields.takenAt,
        scores,
      },
      {
        onSuccess: () =>
          onSaved(
            t('measurements.saved', { moment: t(`measurements.moments.${momentFields.moment}`) }),
          ),
      },
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
        <MomentFields form={form} {...momentFields} errors={errors.byField} />
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
