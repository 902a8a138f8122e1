import './entry-point.css';
import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataList } from '../../components/DataList';
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
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import type {
  ContactKind,
  OutOfScopeReason,
  Registration,
  SingleProblemRoute,
  TriageInput,
  TriageOutcome,
} from '../../lib/api-types';
import {
  CONTACT_KINDS,
  OUT_OF_SCOPE_REASONS,
  SINGLE_PROBLEM_ROUTES,
  TRIAGE_OUTCOMES,
} from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { compareText, formatDateTime } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatWaiting } from './format';
import {
  useFindMatches,
  useNeighbourhoods,
  useRecordFirstContact,
  useRecordResident,
  useRegistration,
  useTeams,
  useTriage,
} from './queries';
import type { ResidentValues } from './ResidentFields';
import {
  checkResident,
  EMPTY_RESIDENT,
  hasAddress,
  hasPerson,
  residentLabels,
  ResidentFields,
} from './ResidentFields';
import type { Decision } from './ResidentMatches';
import {
  asResidentError,
  matchRequestFor,
  residentPartOf,
  ResidentMatches,
} from './ResidentMatches';

/** What triage answered: whether it opened a trajectory, and whether it ended an aftercare. */
type TriageResult = NonNullable<ReturnType<typeof useTriage>['data']>;

function createdState(state: unknown): { created: boolean; matchedExisting: boolean } {
  if (state && typeof state === 'object' && 'created' in state) {
    return {
      created: state.created === true,
      matchedExisting: 'matchedExisting' in state && state.matchedExisting === true,
    };
  }
  return { created: false, matchedExisting: false };
}

export function RegistrationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const registration = useRegistration(id);
  const name = registration.data?.residentName;
  const title = name
    ? t('entry.registration.titleWithName', { name })
    : t('entry.registration.title');
  useDocumentTitle(title);
  const created = createdState(location.state);

  return (
    <>
      <p className="sk-back">
        <Link to="/">← {t('entry.registration.back')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {created.created && (
        <Alert type="ok">
          <Paragraph>
            {t('entry.registration.created')}
            {created.matchedExisting && <> {t('entry.registration.matchedExisting')}</>}
          </Paragraph>
        </Alert>
      )}
      {registration.isPending && <Loading />}
      {registration.isError &&
        (isApiError(registration.error, 404) ? (
          <Alert type="warning">
            <Paragraph>{t('entry.registration.notFound')}</Paragraph>
          </Alert>
        ) : (
          <LoadError error={registration.error} onRetry={() => void registration.refetch()} />
        ))}
      {registration.data && <RegistrationDetails registration={registration.data} />}
    </>
  );
}

function RegistrationDetails({ registration }: { registration: Registration }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const teams = useTeams();
  const [hoursToFirstContact, setHoursToFirstContact] = useState<number | null>(null);
  const [triagedNow, setTriagedNow] = useState<TriageResult | null>(null);
  const [residentRecorded, setResidentRecorded] = useState<{ matchedExisting: boolean } | null>(
    null,
  );
  const teamName = teams.data?.find((team) => team.id === registration.teamId)?.name ?? '—';

  return (
    <>
      <section aria-labelledby="registration-details" className="sk-section">
        <Heading level={2} id="registration-details">
          {t('entry.registration.details')}
        </Heading>
        <DataList
          items={[
            {
              key: 'status',
              label: t('entry.registration.status'),
              value: t(`registrationStatuses.${registration.status}`),
            },
            { key: 'team', label: t('entry.registration.team'), value: teamName },
            {
              key: 'source',
              label: t('entry.registration.source'),
              value: t(`sources.${registration.source}`),
            },
            {
              key: 'receivedAt',
              label: t('entry.registration.receivedAt'),
              value: formatDateTime(registration.receivedAt, language),
            },
            {
              key: 'waiting',
              label: registration.firstContactAt
                ? t('entry.registration.waited')
                : t('entry.registration.waiting'),
              value: formatWaiting(registration.waitingHours, t),
            },
            ...(registration.firstContactAt && registration.firstContactKind
              ? [
                  {
                    key: 'firstContact',
                    label: t('entry.registration.firstContactDone'),
                    value: t('entry.registration.firstContactValue', {
                      at: formatDateTime(registration.firstContactAt, language),
                      kind: t(`contactKinds.${registration.firstContactKind}`),
                    }),
                  },
                ]
              : []),
            {
              key: 'question',
              label: t('entry.registration.question'),
              value: <span className="sk-pre-line">{registration.question}</span>,
            },
            {
              key: 'lifeDomains',
              label: t('entry.registration.lifeDomains'),
              value:
                registration.lifeDomains.length > 0
                  ? registration.lifeDomains.map((domain) => t(`lifeDomains.${domain}`)).join(', ')
                  : t('entry.registration.none'),
            },
            {
              key: 'resident',
              label: t('entry.registration.resident'),
              value: registration.residentName ?? t('entry.anonymous'),
            },
            {
              key: 'neighbourhood',
              label: t('entry.registration.neighbourhood'),
              value: registration.neighbourhoodName ?? '—',
            },
            {
              key: 'household',
              label: t('entry.registration.household'),
              value: registration.householdId ? (
                <Link to={`/huishoudens/${registration.householdId}`}>
                  {t('entry.registration.toHousehold')}
                </Link>
              ) : (
                t('entry.registration.none')
              ),
            },
          ]}
        />
      </section>
      {residentRecorded && (
        <Notice type="ok">
          <Paragraph>
            {t('entry.registration.residentRecorded')}
            {residentRecorded.matchedExisting && <> {t('entry.registration.matchedExisting')}</>}
          </Paragraph>
        </Notice>
      )}
      {registration.residentId === null && registration.status !== 'triaged' && (
        <ResidentForm registration={registration} onDone={setResidentRecorded} />
      )}
      {hoursToFirstContact !== null && (
        <Notice type="ok">
          <Paragraph>
            {t('entry.registration.hoursToFirstContact', {
              duration: formatWaiting(hoursToFirstContact, t),
            })}
          </Paragraph>
        </Notice>
      )}
      {registration.status === 'new' && (
        <FirstContactForm
          registration={registration}
          onDone={(hours) => setHoursToFirstContact(hours)}
        />
      )}
      {registration.status === 'new' && (
        <section aria-labelledby="triage-title" className="sk-section">
          <Heading level={2} id="triage-title">
            {t('entry.registration.triageTitle')}
          </Heading>
          <Paragraph className="sk-muted">{t('entry.registration.triageLater')}</Paragraph>
        </section>
      )}
      {registration.status === 'contacted' && (
        <TriageForm registration={registration} onDone={setTriagedNow} />
      )}
      {registration.status === 'triaged' && (
        <TriageOutcomeSection registration={registration} triagedNow={triagedNow} />
      )}
    </>
  );
}

const FIRST_CONTACT_FORM = 'first-contact';

function FirstContactForm({
  registration,
  onDone,
}: {
  registration: Registration;
  onDone: (hoursToFirstContact: number) => void;
}) {
  const { t } = useTranslation();
  const record = useRecordFirstContact(registration.id);
  const [at, setAt] = useState(() => toAmsterdamInput());
  const [kind, setKind] = useState<ContactKind>('phone');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = { at: t('entry.registration.at'), kind: t('entry.registration.kind') };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FIRST_CONTACT_FORM, field),
    clientErrors,
    record.error,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = amsterdamInputToIso(at);
    if (!iso) {
      setClientErrors({ at: t('entry.newRegistration.invalidTime', { label: labels.at }) });
      return;
    }
    setClientErrors({});
    record.mutate({ at: iso, kind }, { onSuccess: (result) => onDone(result.hoursToFirstContact) });
  };

  return (
    <section aria-labelledby="first-contact-title" className="sk-section sk-panel">
      <Heading level={2} id="first-contact-title">
        {t('entry.registration.firstContactTitle')}
      </Heading>
      <Paragraph className="sk-hint">{t('entry.registration.firstContactIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FIRST_CONTACT_FORM} onSubmit={submit}>
        <TextField
          id={fieldId(FIRST_CONTACT_FORM, 'at')}
          label={labels.at}
          type="datetime-local"
          size="md"
          required
          value={at}
          onChange={setAt}
          error={errors.byField.at}
        />
        <RadioGroup
          id={fieldId(FIRST_CONTACT_FORM, 'kind')}
          legend={labels.kind}
          inline
          value={kind}
          onChange={(value) => setKind(value as ContactKind)}
          error={errors.byField.kind}
          options={CONTACT_KINDS.map((value) => ({ value, label: t(`contactKinds.${value}`) }))}
        />
        <Button appearance="primary" type="submit" busy={record.isPending}>
          {t('entry.registration.firstContactSave')}
        </Button>
      </Form>
    </section>
  );
}

const RESIDENT_FORM = 'resident';

/**
 * The resident of a registration made without one ("de rest kan later"): recorded with the same
 * fields, look-up of known residents and choice as a new registration, so that triage can make a
 * trajectory of it.
 */
function ResidentForm({
  registration,
  onDone,
}: {
  registration: Registration;
  onDone: (recorded: { matchedExisting: boolean }) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const teams = useTeams();
  const neighbourhoods = useNeighbourhoods();
  const record = useRecordResident(registration.id);
  const findMatches = useFindMatches();
  const [resident, setResident] = useState<ResidentValues>(EMPTY_RESIDENT);
  const [decision, setDecision] = useState<Decision>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [lastCall, setLastCall] = useState<'record' | 'matches'>('record');
  const [matchHint, setMatchHint] = useState(false);

  const team = teams.data?.find((item) => item.id === registration.teamId);
  const teamNeighbourhoods = (neighbourhoods.data ?? [])
    .filter((item) => team?.neighbourhoodCodes.includes(item.code))
    .sort((a, b) => compareText(a.name, b.name, language));
  const labels = residentLabels(t, true);
  const serverError = lastCall === 'matches' ? asResidentError(findMatches.error) : record.error;
  const errors = useFormErrors(
    labels,
    (field) => fieldId(RESIDENT_FORM, field),
    clientErrors,
    serverError,
  );

  const lookForMatches = () => {
    record.reset();
    setLastCall('matches');
    setDecision(null);
    const request = matchRequestFor(registration.teamId, resident);
    if (!request) {
      setClientErrors({});
      findMatches.reset();
      setMatchHint(true);
      return;
    }
    setMatchHint(false);
    const found = checkResident(resident, t);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      findMatches.reset();
      return;
    }
    findMatches.mutate(request);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLastCall('record');
    findMatches.reset();
    const found = checkResident(resident, t);
    // Someone to record: a name, or a known household chosen from the matches.
    if (!hasPerson(resident) && decision?.kind !== 'link') {
      for (const field of ['resident.givenName', 'resident.familyName']) {
        found[field] = t('form.required', { label: labels[field] });
      }
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      record.reset();
      return;
    }
    record.mutate(
      { version: registration.version, ...residentPartOf(resident, decision) },
      { onSuccess: (recorded) => onDone({ matchedExisting: recorded.matchedExisting }) },
    );
  };

  return (
    <section aria-labelledby="resident-title" className="sk-section sk-panel">
      <Heading level={2} id="resident-title">
        {t('entry.registration.residentTitle')}
      </Heading>
      <Paragraph className="sk-hint">{t('entry.registration.residentIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={RESIDENT_FORM} onSubmit={submit}>
        <ResidentFields
          formId={RESIDENT_FORM}
          values={resident}
          onChange={(values) => {
            setResident(values);
            if (decision?.kind === 'new') setDecision(null);
          }}
          errors={errors.byField}
          neighbourhoods={teamNeighbourhoods}
          // Recording the resident is the point here: the name is needed (not "optional", as on a
          // new registration, which may stay anonymous).
          hint={t('entry.registration.residentHint')}
        />
        <ResidentMatches
          formId={RESIDENT_FORM}
          headingLevel={3}
          values={resident}
          matches={lastCall === 'matches' ? findMatches.data : undefined}
          decision={decision}
          onDecide={setDecision}
          onLookUp={lookForMatches}
          busy={findMatches.isPending}
          disabled={!hasPerson(resident) && !hasAddress(resident)}
          needsData={matchHint}
        />
        <Button appearance="primary" type="submit" busy={record.isPending}>
          {t('entry.registration.residentSave')}
        </Button>
      </Form>
    </section>
  );
}

const TRIAGE_FORM = 'triage';

function TriageForm({
  registration,
  onDone,
}: {
  registration: Registration;
  onDone: (result: TriageResult) => void;
}) {
  const { t } = useTranslation();
  const triage = useTriage(registration.id);
  const [outcome, setOutcome] = useState<TriageOutcome | ''>('');
  const [route, setRoute] = useState<SingleProblemRoute | ''>('');
  const [outOfScopeReason, setOutOfScopeReason] = useState<OutOfScopeReason | ''>('');
  const [referredTo, setReferredTo] = useState('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const referredToLabel =
    outcome === 'out_of_scope'
      ? t('entry.registration.warmReferral')
      : t('entry.registration.referredTo');
  const labels: Record<string, string> = {
    outcome: t('entry.registration.outcome'),
    route: t('entry.registration.route'),
    outOfScopeReason: t('entry.registration.outOfScopeReason'),
    referredTo: referredToLabel,
    note: t('entry.registration.note'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(TRIAGE_FORM, field),
    clientErrors,
    triage.error,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const required = (field: string) => {
      found[field] = t('form.required', { label: labels[field] });
    };
    if (!outcome) found.outcome = t('entry.registration.chooseOutcome');
    if (outcome === 'single_problem' && !route) required('route');
    if (outcome === 'out_of_scope' && !outOfScopeReason) required('outOfScopeReason');
    if ((outcome === 'single_problem' || outcome === 'out_of_scope') && !referredTo.trim())
      required('referredTo');
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !outcome) {
      triage.reset();
      return;
    }
    const body: TriageInput = { outcome };
    if (note.trim()) body.note = note.trim();
    if (outcome === 'single_problem' && route) body.route = route;
    if (outcome === 'out_of_scope' && outOfScopeReason) body.outOfScopeReason = outOfScopeReason;
    if (
      (outcome === 'single_problem' || outcome === 'out_of_scope' || outcome === 'youth_family') &&
      referredTo.trim()
    ) {
      body.referredTo = referredTo.trim();
    }
    triage.mutate(body, { onSuccess: onDone });
  };

  return (
    <section aria-labelledby="triage-title" className="sk-section sk-panel">
      <Heading level={2} id="triage-title">
        {t('entry.registration.triageTitle')}
      </Heading>
      <Paragraph className="sk-hint">{t('entry.registration.triageIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={TRIAGE_FORM} onSubmit={submit}>
        <RadioGroup
          id={fieldId(TRIAGE_FORM, 'outcome')}
          legend={labels.outcome ?? ''}
          value={outcome}
          onChange={(value) => setOutcome(value as TriageOutcome)}
          error={errors.byField.outcome}
          options={TRIAGE_OUTCOMES.map((value) => ({
            value,
            label: t(`triageOutcomes.${value}`),
          }))}
        />
        {outcome === 'single_problem' && (
          <RadioGroup
            id={fieldId(TRIAGE_FORM, 'route')}
            legend={labels.route ?? ''}
            inline
            value={route}
            onChange={(value) => setRoute(value as SingleProblemRoute)}
            error={errors.byField.route}
            options={SINGLE_PROBLEM_ROUTES.map((value) => ({
              value,
              label: t(`routes.${value}`),
            }))}
          />
        )}
        {outcome === 'out_of_scope' && (
          <SelectField
            id={fieldId(TRIAGE_FORM, 'outOfScopeReason')}
            label={labels.outOfScopeReason ?? ''}
            placeholder={t('form.chooseOne')}
            value={outOfScopeReason}
            onChange={(value) => setOutOfScopeReason(value as OutOfScopeReason)}
            error={errors.byField.outOfScopeReason}
            options={OUT_OF_SCOPE_REASONS.map((value) => ({
              value,
              label: t(`outOfScopeReasons.${value}`),
            }))}
          />
        )}
        {(outcome === 'single_problem' ||
          outcome === 'out_of_scope' ||
          outcome === 'youth_family') && (
          <TextField
            id={fieldId(TRIAGE_FORM, 'referredTo')}
            label={referredToLabel}
            description={
              outcome === 'single_problem' ? t('entry.registration.referredToHint') : undefined
            }
            required={outcome !== 'youth_family'}
            value={referredTo}
            onChange={setReferredTo}
            error={errors.byField.referredTo}
          />
        )}
        <TextAreaField
          id={fieldId(TRIAGE_FORM, 'note')}
          label={`${labels.note ?? ''} ${t('form.optional')}`}
          rows={3}
          value={note}
          onChange={setNote}
          error={errors.byField.note}
        />
        <Button appearance="primary" type="submit" busy={triage.isPending}>
          {t('entry.registration.triageSave')}
        </Button>
      </Form>
    </section>
  );
}

function TriageOutcomeSection({
  registration,
  triagedNow,
}: {
  registration: Registration;
  /** the answer of the triage just made here: the outcome takes the focus */
  triagedNow: TriageResult | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const outcome = registration.triageOutcome;
  if (!outcome) return null;
  const announce = triagedNow !== null;
  const opened = triagedNow?.trajectoryOpened ?? registration.trajectoryOpened !== false;
  // Kept on the registration too, so that a reloaded page still says that the aftercare ended.
  const endedAftercareTrajectoryId =
    triagedNow?.endedAftercareTrajectoryId ?? registration.endedAftercareTrajectoryId;
  const reason = registration.triageReason;
  const reasonLabel =
    reason && outcome === 'out_of_scope'
      ? t(`outOfScopeReasons.${reason as OutOfScopeReason}`)
      : reason && outcome === 'single_problem'
        ? t(`routes.${reason as SingleProblemRoute}`)
        : null;

  return (
    <section aria-labelledby="triage-result" className="sk-section">
      <Heading level={2} id="triage-result">
        {t('entry.registration.triageResult')}
      </Heading>
      {outcome === 'multiple_problems' && registration.trajectoryId && (
        <Message announce={announce}>
          {/* Linked to the trajectory the household already had, or a new one of its own. */}
          {opened ? (
            <Paragraph>
              <strong>{t('entry.registration.trajectoryOpened')}</strong>.{' '}
              {t('entry.registration.trajectoryText')}
            </Paragraph>
          ) : (
            <Paragraph>
              <strong>{t('entry.registration.trajectoryLinked')}</strong>.{' '}
              {t('entry.registration.trajectoryLinkedText')}
            </Paragraph>
          )}
          {endedAftercareTrajectoryId && (
            <Paragraph>
              {t('entry.registration.aftercareEnded')}{' '}
              <Link to={`/trajecten/${endedAftercareTrajectoryId}`}>
                {t('entry.registration.toEndedTrajectory')}
              </Link>
            </Paragraph>
          )}
          <Paragraph>
            <Link to={`/trajecten/${registration.trajectoryId}`}>
              {t('entry.registration.toTrajectory')}
            </Link>
          </Paragraph>
          {registration.householdId && (
            <Paragraph>
              <Link to={`/huishoudens/${registration.householdId}`}>
                {t('entry.registration.toHousehold')}
              </Link>
            </Paragraph>
          )}
        </Message>
      )}
      <DataList
        items={[
          {
            key: 'outcome',
            label: t('entry.registration.outcome'),
            value: t(`triageOutcomes.${outcome}`),
          },
          ...(reasonLabel
            ? [
                {
                  key: 'reason',
                  label:
                    outcome === 'single_problem'
                      ? t('entry.registration.route')
                      : t('entry.registration.outOfScopeReason'),
                  value: reasonLabel,
                },
              ]
            : []),
          ...(registration.referredTo
            ? [
                {
                  key: 'referredTo',
                  label:
                    outcome === 'out_of_scope'
                      ? t('entry.registration.warmReferral')
                      : t('entry.registration.referredTo'),
                  value: registration.referredTo,
                },
              ]
            : []),
          ...(registration.triagedAt
            ? [
                {
                  key: 'triagedAt',
                  label: t('entry.registration.triagedAt'),
                  value: formatDateTime(registration.triagedAt, language),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}

function Message({ announce, children }: { announce: boolean; children: ReactNode }) {
  return announce ? <Notice type="ok">{children}</Notice> : <Alert type="ok">{children}</Alert>;
}
