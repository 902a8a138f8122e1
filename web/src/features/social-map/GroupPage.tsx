// One group: its sessions, participants and waiting list (the first waiting gets a freed place),
// signing up a resident of one of the team's trajectories (the plan gets a "Deelnemen aan ..."
// action) and attendance per session.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { amsterdamInputToIso } from '../../lib/datetime';
import { useLanguage } from '../../lib/i18n';
import { problemText } from '../../lib/problem';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { GroupDetail } from './queries';
import { useGroup, useGroupMutations } from './queries';
import { MemberPicker, TrajectoryPicker } from './shared';

export function GroupPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const group = useGroup(id);
  useDocumentTitle(group.data?.name ?? t('collective.groups.title'));
  if (group.isPending) return <Loading />;
  if (group.isError) return <LoadError error={group.error} onRetry={() => void group.refetch()} />;
  return <GroupView group={group.data} />;
}

function GroupView({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const mutations = useGroupMutations(group.id);
  const [promoted, setPromoted] = useState<string | null>(null);
  const taking = group.participants.filter((p) => p.status === 'participant');
  const waiting = group.participants.filter((p) => p.status === 'waiting');
  const left = group.participants.filter((p) => p.status === 'left');

  return (
    <>
      <Paragraph>
        <Link to="/groepen" className="sk-back">
          {t('collective.groups.back')}
        </Link>
      </Paragraph>
      <PageTitle>{group.name}</PageTitle>
      {group.description && <Paragraph lead>{group.description}</Paragraph>}
      <DataList
        items={[
          {
            key: 'kind',
            label: t('collective.groups.kind'),
            value: t(`collective.groupKinds.${group.kind}`),
          },
          {
            key: 'buurt',
            label: t('collective.buurt'),
            value: group.neighbourhoodName ?? t('collective.wholeCity'),
          },
          {
            key: 'domains',
            label: t('collective.lifeDomains'),
            value: group.lifeDomains.map((d) => t(`lifeDomains.${d}`)).join(', ') || '—',
          },
          {
            key: 'places',
            label: t('collective.groups.places'),
            value: t('collective.groups.placesOf', {
              taken: taking.length,
              capacity: group.capacity,
            }),
          },
          { key: 'waiting', label: t('collective.groups.waiting'), value: waiting.length },
        ]}
      />
      <Capacity group={group} />

      <section aria-labelledby="participants" className="sk-section">
        <Heading level={2} id="participants">
          {t('collective.groups.participants')}
        </Heading>
        {promoted && (
          <Notice type="ok">
            <Paragraph>{t('collective.groups.promoted', { name: promoted })}</Paragraph>
          </Notice>
        )}
        {mutations.leave.isError && (
          <Alert type="error">
            <Paragraph>
              {problemText(
                isApiError(mutations.leave.error) ? mutations.leave.error.problem : {},
                language,
              ) ?? t('form.saveFailed')}
            </Paragraph>
          </Alert>
        )}
        {group.participants.length === 0 ? (
          <Paragraph>{t('collective.groups.noParticipants')}</Paragraph>
        ) : (
          <Table caption={t('collective.groups.participants')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('collective.resident')}</HeaderCell>
                <HeaderCell>{t('collective.groups.status')}</HeaderCell>
                <HeaderCell>{t('collective.groups.plan')}</HeaderCell>
                <HeaderCell>
                  <span className="sk-visually-hidden">{t('collective.actions')}</span>
                </HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...taking, ...waiting, ...left].map((p) => (
                <TableRow key={p.id}>
                  <Cell>{p.name}</Cell>
                  <Cell>
                    {p.status === 'waiting'
                      ? t('collective.groups.waitingAt', { position: p.waitingPosition })
                      : t(`collective.participantStatus.${p.status}`)}
                  </Cell>
                  <Cell>
                    <Link to={`/trajecten/${p.trajectoryId}/krachtplan`}>
                      {t('collective.groups.openPlan')}
                      <span className="sk-visually-hidden">: {p.name}</span>
                    </Link>
                  </Cell>
                  <Cell>
                    {p.status !== 'left' && (
                      <Button
                        onClick={() =>
                          mutations.leave.mutate(p.id, {
                            onSuccess: (result) => setPromoted(result.promoted?.name ?? null),
                          })
                        }
                        busy={mutations.leave.isPending && mutations.leave.variables === p.id}
                      >
                        {p.status === 'waiting'
                          ? t('collective.groups.leaveWaiting')
                          : t('collective.groups.leave')}
                        <span className="sk-visually-hidden">: {p.name}</span>
                      </Button>
                    )}
                  </Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <SignUp groupId={group.id} full={taking.length >= group.capacity} />
      </section>

      <section aria-labelledby="sessions" className="sk-section">
        <Heading level={2} id="sessions">
          {t('collective.groups.sessions')}
        </Heading>
        {group.sessions.length === 0 ? (
          <Paragraph>{t('collective.groups.noSessions')}</Paragraph>
        ) : (
          <Table caption={t('collective.groups.sessions')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('collective.groups.when')}</HeaderCell>
                <HeaderCell>{t('collective.groups.place')}</HeaderCell>
                <HeaderCell numeric>{t('collective.groups.present')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {group.sessions.map((s) => (
                <TableRow key={s.id}>
                  <Cell>{formatDateTime(s.startsAt, language)}</Cell>
                  <Cell>{s.place}</Cell>
                  <Cell numeric>{s.present}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <NewSession groupId={group.id} />
        {group.sessions.length > 0 && taking.length > 0 && <Attendance group={group} />}
      </section>
    </>
  );
}

function Capacity({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const { capacity } = useGroupMutations(group.id);
  const [value, setValue] = useState(String(group.capacity));
  const formId = 'group-capacity';
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = { capacity: t('collective.groups.capacity') };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, capacity.error, {
    409: t('collective.staleVersion'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      setClientErrors({
        capacity: t('form.invalidNumber', { label: labels.capacity, min: 1, max: 1000 }),
      });
      return;
    }
    setClientErrors({});
    capacity.mutate({ version: group.version, capacity: n });
  };
  return (
    <Form id={formId} onSubmit={submit} aria-label={labels.capacity}>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <div className="sk-field-row sk-field-row--end">
        <TextField
          id={fieldId(formId, 'capacity')}
          label={labels.capacity}
          description={t('collective.groups.capacityHint')}
          inputMode="numeric"
          size="xs"
          value={value}
          onChange={setValue}
          error={errors.byField.capacity}
        />
        <Button type="submit" busy={capacity.isPending}>
          {t('collective.groups.changeCapacity')}
        </Button>
      </div>
    </Form>
  );
}

function SignUp({ groupId, full }: { groupId: string; full: boolean }) {
  const { t } = useTranslation();
  const { signUp } = useGroupMutations(groupId);
  const formId = 'group-sign-up';
  const [trajectoryId, setTrajectoryId] = useState('');
  const [householdId, setHouseholdId] = useState('');
  const [residentId, setResidentId] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = { trajectoryId: t('collective.trajectory'), residentId: t('collective.resident') };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, signUp.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!trajectoryId) found.trajectoryId = t('form.required', { label: labels.trajectoryId });
    if (!residentId) found.residentId = t('form.required', { label: labels.residentId });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    signUp.mutate({ trajectoryId, residentId }, { onSuccess: () => setResidentId('') });
  };
  return (
    <div className="sk-panel">
      <Heading level={3}>{t('collective.groups.signUpTitle')}</Heading>
      {full && <Paragraph>{t('collective.groups.fullHint')}</Paragraph>}
      {signUp.isSuccess && (
        <Notice type="ok">
          <Paragraph>
            {signUp.data.status === 'waiting'
              ? t('collective.groups.signedUpWaiting', {
                  name: signUp.data.name,
                  position: signUp.data.waitingPosition,
                })
              : t('collective.groups.signedUp', { name: signUp.data.name })}
          </Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TrajectoryPicker
          id={fieldId(formId, 'trajectoryId')}
          value={trajectoryId}
          onChange={(id, household) => {
            setTrajectoryId(id);
            setHouseholdId(household);
            setResidentId('');
          }}
          error={errors.byField.trajectoryId}
        />
        <MemberPicker
          id={fieldId(formId, 'residentId')}
          householdId={householdId}
          value={residentId}
          onChange={setResidentId}
          error={errors.byField.residentId}
        />
        <Button appearance="primary" type="submit" busy={signUp.isPending}>
          {full ? t('collective.groups.signUpWaiting') : t('collective.groups.signUp')}
        </Button>
      </Form>
    </div>
  );
}

function NewSession({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { addSession } = useGroupMutations(groupId);
  const formId = 'group-session';
  const [values, setValues] = useState({ date: '', start: '10:00', end: '12:00', place: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    startsAt: t('collective.groups.date'),
    endsAt: t('collective.groups.end'),
    place: t('collective.groups.place'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, addSession.error);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.date) found.startsAt = t('form.required', { label: labels.startsAt });
    if (!values.place.trim()) found.place = t('form.required', { label: labels.place });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    // The session's time as the team reads it: Amsterdam, whatever the browser's zone.
    const instant = (time: string) => amsterdamInputToIso(`${values.date}T${time}`) ?? '';
    addSession.mutate(
      {
        startsAt: instant(values.start || '00:00'),
        endsAt: values.end ? instant(values.end) : null,
        place: values.place.trim(),
      },
      { onSuccess: () => setValues((v) => ({ ...v, date: '' })) },
    );
  };
  return (
    <div className="sk-panel">
      <Heading level={3}>{t('collective.groups.newSession')}</Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <div className="sk-field-row">
          <TextField
            id={fieldId(formId, 'startsAt')}
            label={labels.startsAt}
            type="date"
            size="sm"
            value={values.date}
            onChange={set('date')}
            error={errors.byField.startsAt}
            required
          />
          <TextField
            id={fieldId(formId, 'start')}
            label={t('collective.groups.start')}
            size="xs"
            value={values.start}
            onChange={set('start')}
          />
          <TextField
            id={fieldId(formId, 'endsAt')}
            label={labels.endsAt}
            size="xs"
            value={values.end}
            onChange={set('end')}
            error={errors.byField.endsAt}
          />
        </div>
        <TextField
          id={fieldId(formId, 'place')}
          label={labels.place}
          value={values.place}
          onChange={set('place')}
          error={errors.byField.place}
          required
        />
        <Button type="submit" busy={addSession.isPending}>
          {t('collective.groups.addSession')}
        </Button>
      </Form>
    </div>
  );
}

function Attendance({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { attendance } = useGroupMutations(group.id);
  const formId = 'group-attendance';
  const taking = group.participants.filter((p) => p.status === 'participant');
  const latestPast =
    [...group.sessions].reverse().find((s) => s.startsAt <= new Date().toISOString()) ??
    group.sessions[0];
  const [sessionId, setSessionId] = useState(latestPast?.id ?? '');
  const recorded = (id: string) =>
    group.attendance.filter((a) => a.sessionId === id && a.present).map((a) => a.participantId);
  const [present, setPresent] = useState<string[]>(recorded(sessionId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attendance.mutate({
      sessionId,
      entries: taking.map((p) => ({ participantId: p.id, present: present.includes(p.id) })),
    });
  };
  return (
    <div className="sk-panel">
      <Heading level={3}>{t('collective.groups.attendance')}</Heading>
      {attendance.isSuccess && (
        <Notice type="ok">
          <Paragraph>{t('collective.groups.attendanceSaved')}</Paragraph>
        </Notice>
      )}
      <Form id={formId} onSubmit={submit}>
        <SelectField
          id={fieldId(formId, 'session')}
          label={t('collective.groups.session')}
          value={sessionId}
          onChange={(id) => {
            setSessionId(id);
            setPresent(recorded(id));
          }}
          options={group.sessions.map((s) => ({
            value: s.id,
            label: `${formatDateTime(s.startsAt, language)} – ${s.place}`,
          }))}
        />
        <CheckboxGroup
          id={fieldId(formId, 'present')}
          legend={t('collective.groups.whoWasThere')}
          selected={present}
          onChange={setPresent}
          groups={[{ key: 'all', options: taking.map((p) => ({ value: p.id, label: p.name })) }]}
        />
        <Button appearance="primary" type="submit" busy={attendance.isPending}>
          {t('collective.groups.saveAttendance')}
        </Button>
      </Form>
    </div>
  );
}
