import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import type { Neighbourhood, TeamType } from '../../lib/api-types';
import { TEAM_TYPES } from '../../lib/api-types';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { groupByDistrict } from './districts';

export interface TeamValues {
  name: string;
  type: TeamType;
  workingArea: string;
  neighbourhoodCodes: string[];
}

const EMPTY: TeamValues = { name: '', type: 'social', workingArea: '', neighbourhoodCodes: [] };

/** The team form, for a new team and for changing one. */
export function TeamForm({
  formId,
  initial = EMPTY,
  neighbourhoods,
  submitLabel,
  pending,
  error,
  conflictMessage,
  onSubmit,
  onCancel,
  extra,
}: {
  formId: string;
  initial?: TeamValues;
  neighbourhoods: Neighbourhood[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  conflictMessage?: string;
  onSubmit: (values: TeamValues) => void;
  onCancel?: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [values, setValues] = useState<TeamValues>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const labels = {
    name: t('teams.name'),
    type: t('teams.type'),
    workingArea: t('teams.workingArea'),
    neighbourhoodCodes: t('teams.neighbourhoods'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    error,
    conflictMessage ? { 409: conflictMessage } : {},
  );

  const set = <K extends keyof TeamValues>(key: K, value: TeamValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.name.trim()) found.name = t('form.required', { label: labels.name });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({ ...values, name: values.name.trim(), workingArea: values.workingArea.trim() });
  };

  const groups = groupByDistrict(neighbourhoods, language).map((district) => ({
    key: district.code,
    legend: district.name,
    options: district.items.map((item) => ({
      value: item.code,
      label: item.name,
      hint: `(${item.code})`,
    })),
  }));

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {extra}
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          required
          value={values.name}
          onChange={(value) => set('name', value)}
          error={errors.byField.name}
        />
        <SelectField
          id={fieldId(formId, 'type')}
          label={labels.type}
          required
          value={values.type}
          onChange={(value) => set('type', value as TeamType)}
          options={TEAM_TYPES.map((type) => ({ value: type, label: t(`teamTypes.${type}`) }))}
          error={errors.byField.type}
        />
        <TextField
          id={fieldId(formId, 'workingArea')}
          label={labels.workingArea}
          value={values.workingArea}
          onChange={(value) => set('workingArea', value)}
          error={errors.byField.workingArea}
        />
        <CheckboxGroup
          id={fieldId(formId, 'neighbourhoodCodes')}
          legend={labels.neighbourhoodCodes}
          description={t('teams.neighbourhoodsHint')}
          selected={values.neighbourhoodCodes}
          onChange={(codes) => set('neighbourhoodCodes', codes)}
          groups={groups}
          error={errors.byField.neighbourhoodCodes}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={pending} disabled={pending}>
            {submitLabel}
          </Button>
          {onCancel && <Button onClick={onCancel}>{t('app.cancel')}</Button>}
        </ButtonGroup>
      </Form>
    </>
  );
}
