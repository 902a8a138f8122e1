import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { currentYear, isIsoDate, todayInAmsterdam } from '../../lib/calendar';
import { compareText } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import type { ReportFilters } from './queries';
import { useNeighbourhoods, useTeams } from './queries';

/** This year up to today. */
export function defaultFilters(): ReportFilters {
  return {
    from: `${currentYear()}-01-01`,
    to: todayInAmsterdam(),
    teamId: '',
    neighbourhoodCode: '',
  };
}

/** Period, team (municipality only) and buurt; the report follows when the form is sent. */
export function ReportFiltersForm({
  formId,
  initial,
  withTeam,
  onApply,
  busy,
}: {
  formId: string;
  initial: ReportFilters;
  withTeam: boolean;
  onApply: (filters: ReportFilters) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [values, setValues] = useState<ReportFilters>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const teams = useTeams(withTeam);
  const neighbourhoods = useNeighbourhoods();

  const labels = {
    from: t('monitor.from'),
    to: t('monitor.to'),
    teamId: t('monitor.team'),
    neighbourhoodCode: t('monitor.neighbourhood'),
  };
  const errors = useFormErrors(labels, (field) => fieldId(formId, field), clientErrors, null);
  const set = (key: keyof ReportFilters, value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!isIsoDate(values.from)) found.from = t('monitor.invalidDate', { label: labels.from });
    if (!isIsoDate(values.to)) found.to = t('monitor.invalidDate', { label: labels.to });
    if (!found.from && !found.to && values.from > values.to) found.to = t('monitor.toBeforeFrom');
    setClientErrors(found);
    if (Object.keys(found).length === 0) onApply(values);
  };

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit} aria-label={t('monitor.filters')}>
        <div className="sk-field-row sk-field-row--end">
          <TextField
            id={fieldId(formId, 'from')}
            label={labels.from}
            type="date"
            size="md"
            value={values.from}
            onChange={(value) => set('from', value)}
            error={errors.byField.from}
          />
          <TextField
            id={fieldId(formId, 'to')}
            label={labels.to}
            type="date"
            size="md"
            value={values.to}
            onChange={(value) => set('to', value)}
            error={errors.byField.to}
          />
          {withTeam && (
            <SelectField
              id={fieldId(formId, 'teamId')}
              label={labels.teamId}
              value={values.teamId}
              onChange={(value) => set('teamId', value)}
              placeholder={t('monitor.allTeams')}
              options={[...(teams.data ?? [])]
                .sort((a, b) => compareText(a.name, b.name, language))
                .map((team) => ({ value: team.id, label: team.name }))}
            />
          )}
          <SelectField
            id={fieldId(formId, 'neighbourhoodCode')}
            label={labels.neighbourhoodCode}
            value={values.neighbourhoodCode}
            onChange={(value) => set('neighbourhoodCode', value)}
            placeholder={t('monitor.allNeighbourhoods')}
            options={[...(neighbourhoods.data ?? [])]
              .sort((a, b) => compareText(a.name, b.name, language))
              .map((item) => ({ value: item.code, label: item.name }))}
          />
          <div className="sk-field">
            <Button appearance="primary" type="submit" busy={busy}>
              {t('monitor.apply')}
            </Button>
          </div>
        </div>
      </Form>
    </>
  );
}
