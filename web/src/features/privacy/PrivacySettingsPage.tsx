// The privacy officer's settings for the municipality: the office hours and the threshold that the
// unusual-access alerts use, and the retention periods after closure that the retention list and
// the daily job use. Until first saved, the defaults apply (version 0).
import './privacy.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PrivacyTabs } from './PrivacyTabs';
import { type PrivacySettings, usePrivacySettings, useSavePrivacySettings } from './queries';

const FORM_ID = 'privacy-settings';
type Field = Exclude<keyof PrivacySettings, 'version'>;
/** Each field with the whole numbers it may hold (the server checks the same). */
const LIMITS: Record<Field, [number, number]> = {
  officeHoursStart: [0, 23],
  officeHoursEnd: [1, 24],
  manyHouseholdsThreshold: [1, 10_000],
  wmoRetentionYears: [1, 100],
  youthRetentionYears: [1, 100],
};

export function PrivacySettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacySettings.title'));
  const settings = usePrivacySettings();
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageTitle>{t('privacySettings.title')}</PageTitle>
      <PrivacyTabs />
      <Paragraph>{t('privacySettings.intro')}</Paragraph>
      {settings.isPending && <Loading />}
      {settings.isError && (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {saved && <Notice type="ok">{t('privacySettings.saved')}</Notice>}
      {settings.data && (
        <>
          {settings.data.version === 0 && <Paragraph>{t('privacySettings.defaults')}</Paragraph>}
          <SettingsForm
            key={settings.data.version}
            settings={settings.data}
            onSaved={() => setSaved(true)}
            onEdit={() => setSaved(false)}
            onReload={() => void settings.refetch()}
          />
        </>
      )}
    </>
  );
}

function SettingsForm({
  settings,
  onSaved,
  onEdit,
  onReload,
}: {
  settings: PrivacySettings;
  onSaved: () => void;
  onEdit: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const save = useSavePrivacySettings();
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    officeHoursStart: String(settings.officeHoursStart),
    officeHoursEnd: String(settings.officeHoursEnd),
    manyHouseholdsThreshold: String(settings.manyHouseholdsThreshold),
    wmoRetentionYears: String(settings.wmoRetentionYears),
    youthRetentionYears: String(settings.youthRetentionYears),
  }));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels: Record<Field, string> = {
    officeHoursStart: t('privacySettings.officeHoursStart'),
    officeHoursEnd: t('privacySettings.officeHoursEnd'),
    manyHouseholdsThreshold: t('privacySettings.manyHouseholdsThreshold'),
    wmoRetentionYears: t('privacySettings.wmoRetentionYears'),
    youthRetentionYears: t('privacySettings.youthRetentionYears'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    save.error,
    {
      409: t('privacySettings.conflict'),
    },
  );
  const set = (field: Field) => (value: string) => {
    onEdit();
    setValues((current) => ({ ...current, [field]: value }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const numbers = {} as Record<Field, number>;
    for (const field of Object.keys(LIMITS) as Field[]) {
      const [min, max] = LIMITS[field];
      const text = values[field].trim();
      const value = Number(text);
      if (!text) found[field] = t('form.required', { label: labels[field] });
      else if (!Number.isInteger(value) || value < min || value > max) {
        found[field] = t('privacySettings.between', { label: labels[field], min, max });
      }
      numbers[field] = value;
    }
    if (!found.officeHoursStart && !found.officeHoursEnd) {
      if (numbers.officeHoursEnd <= numbers.officeHoursStart) {
        found.officeHoursEnd = t('privacySettings.endAfterStart');
      }
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      save.reset();
      return;
    }
    save.mutate({ ...numbers, version: settings.version }, { onSuccess: onSaved });
  };

  const field = (name: Field, description: string) => (
    <TextField
      id={fieldId(FORM_ID, name)}
      label={labels[name]}
      description={description}
      inputMode="numeric"
      size="sm"
      maxLength={5}
      required
      value={values[name]}
      onChange={set(name)}
      error={errors.byField[name]}
    />
  );

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {isApiError(save.error, 409) && (
        <ButtonGroup>
          <Button onClick={onReload}>{t('privacySettings.reload')}</Button>
        </ButtonGroup>
      )}
      <Form id={FORM_ID} onSubmit={onSubmit} aria-label={t('privacySettings.title')}>
        <Heading level={2}>{t('privacySettings.alertsTitle')}</Heading>
        <Paragraph>{t('privacySettings.alertsIntro')}</Paragraph>
        {field('officeHoursStart', t('privacySettings.officeHoursStartHint'))}
        {field('officeHoursEnd', t('privacySettings.officeHoursEndHint'))}
        {field('manyHouseholdsThreshold', t('privacySettings.manyHouseholdsThresholdHint'))}

        <Heading level={2}>{t('privacySettings.retentionTitle')}</Heading>
        <Paragraph>{t('privacySettings.retentionIntro')}</Paragraph>
        {field('wmoRetentionYears', t('privacySettings.wmoRetentionYearsHint'))}
        {field('youthRetentionYears', t('privacySettings.youthRetentionYearsHint'))}
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={save.isPending}>
            {save.isPending ? t('privacySettings.saving') : t('privacySettings.save')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
