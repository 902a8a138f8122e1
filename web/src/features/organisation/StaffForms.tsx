import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  fieldId,
  Form,
  SelectField,
  TextField,
} from '../../components/FormFields';
import { Heading, Paragraph } from '../../components/Typography';
import { ApiError } from '../../lib/api';
import type { Organisation, Staff, StaffRole, Team } from '../../lib/api-types';
import { STAFF_ROLES } from '../../lib/api-types';
import { todayInAmsterdam } from '../../lib/calendar';
import { compareText } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { isEmail, useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import {
  belowSecondmentMinimum,
  checkHours,
  MAX_HOURS,
  MIN_HOURS,
  MINIMUM_SECONDMENT_HOURS,
} from './hours';
import { coordinationLeft } from './coordination';
import { useCreateStaff, useStaffMember, useUpdateStaff } from './queries';

/**
 * The warning under the hours when a seconded worker gets fewer than the minimum of a secondment:
 * a warning, not an error, since another municipality may agree fewer hours with its partners.
 */
function useSecondmentWarning(role: StaffRole, hours: string): string | undefined {
  const { t } = useTranslation();
  return belowSecondmentMinimum(role, hours)
    ? t('secondment.hoursWarning', { minimum: MINIMUM_SECONDMENT_HOURS })
    : undefined;
}

/**
 * Someone else saved in between (the version sent is old). Other 409s name a field (an address
 * in use, the last administrator) and are shown at that field.
 */
const isVersionConflict = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.problem.code === 'version_conflict';

/**
 * The warnings under "active" and the teams when the change leaves trajectories that the member
 * coordinates without an available coordinator (null: none, the live regions stay in place).
 */
function useCoordinatorWarnings(
  member: Staff,
  teams: Team[],
  after: { active: boolean; teamIds: string[] },
): { active: string | null; teamIds: string | null } {
  const { t } = useTranslation();
  const language = useLanguage();
  const detail = useStaffMember(member.id);
  const left = coordinationLeft(detail.data?.openTrajectoriesCoordinated, member, after);
  const teamNames = left.teamsLeft.map(
    (c) => teams.find((team) => team.id === c.teamId)?.name ?? c.teamId,
  );
  return {
    active:
      left.whenSwitchedOff > 0
        ? t('staffEdits.coordinatorOff', { name: member.name, count: left.whenSwitchedOff })
        : null,
    teamIds:
      left.teamsLeft.length > 0
        ? t('staffEdits.coordinatorTeams', {
            name: member.name,
            count: left.teamsLeft.reduce((sum, c) => sum + c.count, 0),
            teams: new Intl.ListFormat(language, { type: 'conjunction' }).format(teamNames),
          })
        : null,
  };
}

function useRoleOptions() {
  const { t } = useTranslation();
  return STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

/** The teams as one group of checkboxes, by name (the staff forms and the history's correction). */
export function useTeamGroups(teams: Team[]) {
  const language = useLanguage();
  return [
    {
      key: 'teams',
      options: [...teams]
        .sort((a, b) => compareText(a.name, b.name, language))
        .map((team) => ({ value: team.id, label: team.name })),
    },
  ];
}

export function NewStaff({
  teams,
  organisations,
}: {
  teams: Team[];
  organisations: Organisation[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formId = 'new-staff';
  const create = useCreateStaff();
  const roleOptions = useRoleOptions();
  const teamGroups = useTeamGroups(teams);
  const empty = {
    name: '',
    email: '',
    role: 'worker' as StaffRole,
    organisationId: '',
    teamIds: [] as string[],
    hoursPerWeek: '',
    expertise: '',
    password: '',
  };
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string | null>(null);
  const hoursWarning = useSecondmentWarning(values.role, values.hoursPerWeek);

  const labels = {
    name: t('staff.name'),
    email: t('staff.email'),
    role: t('staff.role'),
    organisationId: t('staff.organisation'),
    teamIds: t('staff.teams'),
    hoursPerWeek: t('staff.hoursPerWeek'),
    expertise: t('staff.expertise'),
    password: t('staff.password'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    create.error,
  );
  const set =
    <K extends keyof typeof empty>(key: K) =>
    (value: (typeof empty)[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.name.trim()) found.name = t('form.required', { label: labels.name });
    if (!values.email.trim()) found.email = t('form.required', { label: labels.email });
    else if (!isEmail(values.email)) found.email = t('form.invalidEmail', { label: labels.email });
    if (!values.organisationId)
      found.organisationId = t('form.required', { label: labels.organisationId });
    const { hours, error: hoursError } = checkHours(values.hoursPerWeek, labels.hoursPerWeek, t);
    if (hoursError) found.hoursPerWeek = hoursError;
    if (!values.password) found.password = t('form.required', { label: labels.password });
    setClientErrors(found);
    if (Object.keys(found).length > 0 || hours === null) return;
    create.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
        organisationId: values.organisationId,
        teamIds: values.teamIds,
        hoursPerWeek: hours,
        expertise: values.expertise
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
        password: values.password,
      },
      {
        onSuccess: (member) => {
          setCreated(member.name);
          setValues(empty);
        },
      },
    );
  };

  return (
    <section aria-labelledby="new-staff-title" className="sk-section sk-panel">
      <Heading level={2} id="new-staff-title">
        {t('staff.newTitle')}
      </Heading>
      {created && (
        <Alert type="ok">
          <Paragraph>{t('staff.created', { name: created })}</Paragraph>
        </Alert>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          required
          autoComplete="off"
          value={values.name}
          onChange={set('name')}
          error={errors.byField.name}
        />
        <TextField
          id={fieldId(formId, 'email')}
          label={labels.email}
          type="email"
          required
          autoComplete="off"
          value={values.email}
          onChange={set('email')}
          error={errors.byField.email}
        />
        <SelectField
          id={fieldId(formId, 'role')}
          label={labels.role}
          required
          value={values.role}
          onChange={(value) => set('role')(value as StaffRole)}
          options={roleOptions}
          error={errors.byField.role}
        />
        <SelectField
          id={fieldId(formId, 'organisationId')}
          label={labels.organisationId}
          required
          value={values.organisationId}
          onChange={set('organisationId')}
          placeholder={t('form.chooseOne')}
          options={[...organisations]
            .sort((a, b) => compareText(a.name, b.name, language))
            .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          error={errors.byField.organisationId}
        />
        <CheckboxGroup
          id={fieldId(formId, 'teamIds')}
          legend={labels.teamIds}
          selected={values.teamIds}
          onChange={set('teamIds')}
          groups={teamGroups}
          error={errors.byField.teamIds}
        />
        <TextField
          id={fieldId(formId, 'hoursPerWeek')}
          label={labels.hoursPerWeek}
          type="number"
          required
          min={MIN_HOURS}
          max={MAX_HOURS}
          step={0.5}
          size="sm"
          value={values.hoursPerWeek}
          onChange={set('hoursPerWeek')}
          error={errors.byField.hoursPerWeek}
          warning={hoursWarning}
        />
        <TextField
          id={fieldId(formId, 'expertise')}
          label={labels.expertise}
          description={t('staff.expertiseHint')}
          value={values.expertise}
          onChange={set('expertise')}
          error={errors.byField.expertise}
        />
        <TextField
          id={fieldId(formId, 'password')}
          label={labels.password}
          description={t('staff.passwordHint')}
          type="password"
          required
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.byField.password}
        />
        <Button appearance="primary" type="submit" busy={create.isPending}>
          {t('staff.create')}
        </Button>
      </Form>
    </section>
  );
}

export function EditStaff({
  member,
  teams,
  onDone,
  onCancel,
}: {
  member: Staff;
  teams: Team[];
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const formId = 'edit-staff';
  const update = useUpdateStaff();
  const roleOptions = useRoleOptions();
  const teamGroups = useTeamGroups(teams);
  // The version this edit is based on: a change by someone else in between must give 409.
  const [baseVersion] = useState(member.version);
  const [email, setEmail] = useState(member.email);
  const [active, setActive] = useState(member.active);
  const [role, setRole] = useState<StaffRole>(member.role);
  const [teamIds, setTeamIds] = useState<string[]>(member.teamIds);
  const [hours, setHours] = useState(String(member.hoursPerWeek));
  const hoursWarning = useSecondmentWarning(role, hours);
  const coordinatorWarnings = useCoordinatorWarnings(member, teams, { active, teamIds });
  const [oidcSubject, setOidcSubject] = useState(member.oidcSubject ?? '');
  // Today in Amsterdam unless the administrator dates the change back (a contract from the 1st).
  const [effectiveFrom, setEffectiveFrom] = useState(todayInAmsterdam());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, []);

  // In the order of the form (the error summary follows it).
  const labels = {
    email: t('staff.email'),
    role: t('staff.role'),
    active: t('staffEdits.active'),
    teamIds: t('staff.teams'),
    hoursPerWeek: t('staff.hoursPerWeek'),
    effectiveFrom: t('staff.effectiveFrom'),
    oidcSubject: t('staffOidc.label'),
  };
  const versionConflict = isVersionConflict(update.error);
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    update.error,
    versionConflict ? { 409: t('staff.conflict') } : {},
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email.trim()) found.email = t('form.required', { label: labels.email });
    else if (!isEmail(email)) found.email = t('form.invalidEmail', { label: labels.email });
    const { hours: parsed, error: hoursError } = checkHours(hours, labels.hoursPerWeek, t);
    if (hoursError) found.hoursPerWeek = hoursError;
    setClientErrors(found);
    if (Object.keys(found).length > 0 || parsed === null) return;
    // Sent only when changed: a new address ends the member's sessions; empty clears the link
    // with the identity provider.
    const address = email.trim();
    const emailChange = address === member.email ? {} : { email: address };
    const activeChange = active === member.active ? {} : { active };
    const subject = oidcSubject.trim();
    const subjectChange =
      subject === (member.oidcSubject ?? '') ? {} : { oidcSubject: subject || null };
    update.mutate(
      {
        id: member.id,
        version: baseVersion,
        ...emailChange,
        role,
        ...activeChange,
        teamIds,
        hoursPerWeek: parsed,
        effectiveFrom,
        ...subjectChange,
      },
      { onSuccess: (saved) => onDone(saved.name) },
    );
  };

  return (
    <section aria-labelledby="edit-staff-title" className="sk-section sk-panel">
      <Heading level={2} id="edit-staff-title" ref={headingRef} tabIndex={-1}>
        {t('staff.editTitle', { name: member.name })}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {versionConflict && (
        <p>
          <Button onClick={() => window.location.reload()}>{t('teams.reload')}</Button>
        </p>
      )}
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'email')}
          label={labels.email}
          description={t('staffEdits.emailHint')}
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={errors.byField.email}
        />
        <SelectField
          id={fieldId(formId, 'role')}
          label={labels.role}
          required
          value={role}
          onChange={(value) => setRole(value as StaffRole)}
          options={roleOptions}
          error={errors.byField.role}
        />
        <CheckboxField
          id={fieldId(formId, 'active')}
          label={labels.active}
          description={t('staffEdits.activeHint')}
          checked={active}
          onChange={setActive}
          error={errors.byField.active}
          warning={coordinatorWarnings.active}
        />
        <CheckboxGroup
          id={fieldId(formId, 'teamIds')}
          legend={labels.teamIds}
          selected={teamIds}
          onChange={setTeamIds}
          groups={teamGroups}
          error={errors.byField.teamIds}
          warning={coordinatorWarnings.teamIds}
        />
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
          warning={hoursWarning}
        />
        <TextField
          id={fieldId(formId, 'effectiveFrom')}
          label={labels.effectiveFrom}
          description={t('staff.effectiveFromHint')}
          type="date"
          required
          size="sm"
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={errors.byField.effectiveFrom}
        />
        <TextField
          id={fieldId(formId, 'oidcSubject')}
          label={labels.oidcSubject}
          description={t('staffOidc.hint')}
          autoComplete="off"
          maxLength={255}
          value={oidcSubject}
          onChange={setOidcSubject}
          error={errors.byField.oidcSubject}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={update.isPending}>
            {t('staff.save')}
          </Button>
          <Button onClick={onCancel}>{t('app.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
