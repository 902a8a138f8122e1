// Correcting one stretch of a staff member's history: its first day (the stretch before it then
// ends the day before) and, once it has ended, its hours, organisation and teams; or splitting it
// in two on a day (StaffPeriodSplit). For a change entered with the wrong effective date, and for
// entering the years before the system (the first stretch moved back, split where it changed).
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { Heading, Paragraph } from '../../components/Typography';
import type { StaffPeriod } from '../../lib/api-types';
import { compareText, formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { checkHours, MAX_HOURS, MIN_HOURS } from './hours';
import { useCorrectStaffPeriod, useOrganisations, useSplitStaffPeriod, useTeams } from './queries';
import { useTeamGroups } from './StaffForms';

export function StaffPeriodCorrection({
  memberId,
  period,
  onDone,
  onCancel,
}: {
  memberId: string;
  period: StaffPeriod;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formId = 'correct-period';
  const correct = useCorrectStaffPeriod(memberId);
  const [validFrom, setValidFrom] = useState(period.validFrom);
  const [hours, setHours] = useState(String(period.hoursPerWeek));
  const [organisationId, setOrganisationId] = useState(period.organisationId ?? '');
  const [teamIds, setTeamIds] = useState<string[]>(period.teamIds);
  const organisations = useOrganisations();
  const teams = useTeams();
  const teamGroups = useTeamGroups(teams.data ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const current = period.validTo === null;
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const labels = {
    validFrom: t('staff.correctFrom'),
    hoursPerWeek: t('staff.hoursPerWeek'),
    organisationId: t('staff.organisation'),
    teamIds: t('staff.teams'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    correct.error,
    { 409: t('staff.correctConflict') },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    // The current stretch's hours are not on this form (the staff form changes them).
    const { hours: parsed, error: hoursError } = current
      ? { hours: period.hoursPerWeek, error: undefined }
      : checkHours(hours, labels.hoursPerWeek, t);
    if (hoursError) found.hoursPerWeek = hoursError;
    if (validFrom === '') found.validFrom = t('form.required', { label: labels.validFrom });
    setClientErrors(found);
    if (Object.keys(found).length > 0 || parsed === null) return;
    correct.mutate(
      {
        stretch: period.validFrom,
        body: {
          // As the administrator saw it: changed since, and the answer is 409.
          expected: seenAs(period),
          ...(validFrom !== period.validFrom ? { validFrom } : {}),
          ...(!current && parsed !== period.hoursPerWeek ? { hoursPerWeek: parsed } : {}),
          ...(!current && organisationId !== (period.organisationId ?? '')
            ? { organisationId: organisationId || null }
            : {}),
          ...(!current && [...teamIds].sort().join() !== [...period.teamIds].sort().join()
            ? { teamIds }
            : {}),
        },
      },
      { onSuccess: onDone },
    );
  };

  const from = formatDate(period.validFrom, language);
  return (
    <section aria-labelledby="correct-period-title" className="sk-section sk-panel">
      <Heading level={4} id="correct-period-title" ref={headingRef} tabIndex={-1}>
        {t('staff.correctTitle', { from })}
      </Heading>
      <Paragraph>{t('staff.correctIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'validFrom')}
          label={labels.validFrom}
          description={t('staff.correctFromHint')}
          type="date"
          required
          size="sm"
          value={validFrom}
          onChange={setValidFrom}
          error={errors.byField.validFrom}
        />
        {current ? (
          <Paragraph>{t('staff.correctCurrentHours')}</Paragraph>
        ) : (
          <TextField
            id={fieldId(formId, 'hoursPerWeek')}
            label={labels.hoursPerWeek}
            type="number"
            required
            min={MIN_HOURS}
            max={MAX_HOURS}
            step={0.5}
            size="sm"
            value={hours}
            onChange={setHours}
            error={errors.byField.hoursPerWeek}
          />
        )}
        {!current && (
          <>
            <SelectField
              id={fieldId(formId, 'organisationId')}
              label={labels.organisationId}
              value={organisationId}
              onChange={setOrganisationId}
              placeholder={t('staff.correctNoOrganisation')}
              options={[...(organisations.data ?? [])]
                .sort((a, b) => compareText(a.name, b.name, language))
                .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
              error={errors.byField.organisationId}
            />
            <CheckboxGroup
              id={fieldId(formId, 'teamIds')}
              legend={labels.teamIds}
              selected={teamIds}
              onChange={setTeamIds}
              groups={teamGroups}
              error={errors.byField.teamIds}
            />
          </>
        )}
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={correct.isPending}>
            {t('staff.correctSave')}
          </Button>
          <Button onClick={onCancel}>{t('app.cancel')}</Button>
        </ButtonGroup>
      </Form>
      <StaffPeriodSplit memberId={memberId} period={period} onDone={onDone} />
    </section>
  );
}

/** The stretch as the administrator sees it: sent with a change, so that one made meanwhile gives 409. */
function seenAs(period: StaffPeriod) {
  return {
    validTo: period.validTo,
    hoursPerWeek: period.hoursPerWeek,
    organisationId: period.organisationId,
    teamIds: period.teamIds,
  };
}

/** Splits the stretch in two on a day; the part before can then be corrected on its own. */
function StaffPeriodSplit({
  memberId,
  period,
  onDone,
}: {
  memberId: string;
  period: StaffPeriod;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const splitFormId = 'split-period';
  const split = useSplitStaffPeriod(memberId);
  const [splitOn, setSplitOn] = useState('');
  const [splitClientErrors, setSplitClientErrors] = useState<FieldErrors>({});
  const splitLabels = { on: t('staff.splitOn') };
  const splitErrors = useFormErrors(
    splitLabels,
    (field) => fieldId(splitFormId, field),
    splitClientErrors,
    split.error,
    { 409: t('staff.correctConflict') },
  );

  const submitSplit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors =
      splitOn === '' ? { on: t('form.required', { label: splitLabels.on }) } : {};
    setSplitClientErrors(found);
    if (Object.keys(found).length > 0) return;
    split.mutate(
      { stretch: period.validFrom, body: { on: splitOn, expected: seenAs(period) } },
      { onSuccess: onDone },
    );
  };

  return (
    <section aria-labelledby="split-period-title" className="sk-section">
      <Heading level={4} id="split-period-title">
        {t('staff.splitTitle')}
      </Heading>
      <Paragraph>{t('staff.splitIntro')}</Paragraph>
      <ErrorSummary items={splitErrors.summary} general={splitErrors.general} />
      <Form id={splitFormId} onSubmit={submitSplit}>
        <TextField
          id={fieldId(splitFormId, 'on')}
          label={splitLabels.on}
          type="date"
          required
          size="sm"
          value={splitOn}
          onChange={setSplitOn}
          error={splitErrors.byField.on}
        />
        <ButtonGroup>
          <Button type="submit" busy={split.isPending}>
            {t('staff.splitSave')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
