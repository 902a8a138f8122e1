import './trajectories.css';
import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { BreakGlass, GlassBanner } from '../../components/BreakGlass';
import { Button, ButtonGroup } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { ButtonLink, Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatAddress } from '../../lib/address';
import { api, isApiError, unwrap } from '../../lib/api';
import type { ScaleLevel, Staff, TrajectoryDetail, TrajectoryEvent } from '../../lib/api-types';
import { SCALE_LEVELS } from '../../lib/api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { dateInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { CloseSection } from './CloseSection';
import { familyNames, householdName } from './format';
import { CaseConferenceSection, JournalSection } from './JournalSection';
import { NetworkMap } from './NetworkMap';
import {
  useAssignCoordinator,
  usePlan,
  useTeamStaff,
  useTrajectory,
  useUpdateTrajectory,
} from './queries';
import { ReferralsSection } from './ReferralsSection';
import { ResidentMessagesSection } from './ResidentMessagesSection';

const SECTIONS = [
  ['krachtplan', 'traj.plan.title'],
  ['netwerk', 'traj.network.title'],
  ['metingen', 'measurements.link.title'],
  ['portaal', 'portal.invite.sectionTitle'],
  ['berichten-inwoner', 'residentMessages.title'],
  ['journaal', 'traj.journal.title'],
  ['casuistiek', 'traj.conferences.title'],
  ['verwijzingen', 'traj.referrals.title'],
  ['afsluiten', 'traj.close.title'],
  ['geschiedenis', 'traj.detail.historyTitle'],
] as const;

/** One trajectory: who and where, status and coordinator, and all its parts as headed sections. */
export function TrajectoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trajectory = useTrajectory(id);
  const names = trajectory.data ? familyNames(trajectory.data) : '';
  const title = names ? t('traj.detail.titleWithName', { name: names }) : t('traj.detail.title');
  useDocumentTitle(title);

  return (
    <>
      <p className="sk-back">
        <Link to="/trajecten">← {t('traj.detail.back')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {trajectory.isPending && <Loading />}
      {trajectory.isError &&
        (isApiError(trajectory.error, 404) ? (
          <BreakGlass target={{ trajectoryId: id }} />
        ) : (
          <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
        ))}
      {trajectory.data && (
        <>
          <GlassBanner householdId={trajectory.data.householdId} teamId={trajectory.data.teamId} />
          <TrajectoryDetails trajectory={trajectory.data} />
        </>
      )}
    </>
  );
}

function TrajectoryDetails({ trajectory }: { trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const role = useSession().data?.user.role;
  const staff = useTeamStaff(trajectory.teamId);
  const [notice, setNotice] = useState<string | null>(null);
  const active = trajectory.status === 'open' || trajectory.status === 'follow_up';
  // During aftercare the scale level, the next follow-up and the coordinator still change (a team
  // lead hands an aftercare case to a colleague); only a closed trajectory is final.
  const changeable = trajectory.status !== 'closed';
  const address = formatAddress(trajectory.household.address);

  return (
    <>
      {notice && (
        <Notice key={notice} type="ok">
          <Paragraph>{notice}</Paragraph>
        </Notice>
      )}
      <DataList
        items={[
          {
            key: 'household',
            label: t('traj.detail.household'),
            value: (
              <>
                {householdName(trajectory, t)}{' '}
                <Link to={`/huishoudens/${trajectory.householdId}`}>
                  ({t('traj.detail.toHousehold')})
                </Link>
              </>
            ),
          },
          {
            key: 'address',
            label: t('traj.detail.address'),
            value:
              [address, trajectory.household.neighbourhoodName].filter(Boolean).join(' · ') || '—',
          },
          {
            key: 'coordinator',
            label: t('traj.detail.coordinator'),
            value: trajectory.coordinatorName,
          },
          {
            key: 'status',
            label: t('traj.detail.status'),
            value: t(`trajectoryStatuses.${trajectory.status}`),
          },
          {
            key: 'scale',
            label: t('traj.detail.scaleLevel'),
            value: t(`scaleLevels.${trajectory.scaleLevel}`),
          },
          {
            key: 'opened',
            label: t('traj.detail.openedAt'),
            value: formatDate(dateInAmsterdam(trajectory.openedAt), language),
          },
          ...(trajectory.closedAt
            ? [
                {
                  key: 'closed',
                  label: t('traj.detail.closedAt'),
                  value: formatDate(dateInAmsterdam(trajectory.closedAt), language),
                },
              ]
            : []),
          {
            key: 'followUp',
            label:
              trajectory.status === 'aftercare'
                ? t('traj.detail.aftercareUntil')
                : t('traj.detail.nextFollowUp'),
            value: trajectory.nextFollowUpOn
              ? formatDate(trajectory.nextFollowUpOn, language)
              : t('traj.detail.noFollowUp'),
          },
        ]}
      />
      {trajectory.status === 'closed' && (
        <Alert type="info">
          <Paragraph>{t('traj.detail.closedNotice')}</Paragraph>
        </Alert>
      )}

      <nav aria-label={t('traj.detail.sectionsNav')} className="sk-traj-toc">
        <ul>
          {SECTIONS.map(([anchor, label]) => (
            <li key={anchor}>
              <a className="utrecht-link utrecht-link--html-a" href={`#${anchor}`}>
                {t(label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {changeable && (
        <div className="sk-traj-panels">
          <UpdateForm key={trajectory.version} trajectory={trajectory} onDone={setNotice} />
          {role === 'team_lead' && (
            <CoordinatorForm
              key={`c${trajectory.version}`}
              trajectory={trajectory}
              staff={staff.data ?? []}
              onDone={setNotice}
            />
          )}
        </div>
      )}

      <PlanSection trajectory={trajectory} />
      <MeasurementsLink trajectory={trajectory} />
      <PortalInvitations
        trajectory={trajectory}
        canInvite={role === 'worker' || role === 'team_lead'}
      />
      <ResidentMessagesSection trajectoryId={trajectory.id} />
      <JournalSection trajectoryId={trajectory.id} canAdd={trajectory.status !== 'closed'} />
      <CaseConferenceSection trajectoryId={trajectory.id} canAdd={trajectory.status !== 'closed'} />
      <ReferralsSection trajectoryId={trajectory.id} canAdd={active} />
      <CloseSection trajectory={trajectory} />
      <History events={trajectory.events} staff={staff.data ?? []} />
    </>
  );
}

function UpdateForm({
  trajectory,
  onDone,
}: {
  trajectory: TrajectoryDetail;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateTrajectory(trajectory.id);
  // Aftercare is left only by ending it (under "Afsluiten"): the status is not sent meanwhile.
  const inAftercare = trajectory.status === 'aftercare';
  const [status, setStatus] = useState<'open' | 'follow_up'>(
    trajectory.status === 'follow_up' ? 'follow_up' : 'open',
  );
  const [scaleLevel, setScaleLevel] = useState<ScaleLevel>(trajectory.scaleLevel);
  const [nextFollowUpOn, setNextFollowUpOn] = useState(trajectory.nextFollowUpOn ?? '');
  const [note, setNote] = useState('');
  const form = 'trajectory-update';
  const labels = {
    status: t('traj.detail.status'),
    scaleLevel: t('traj.detail.scaleLevel'),
    nextFollowUpOn: t('traj.detail.nextFollowUp'),
    note: t('traj.detail.note'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), {}, update.error, {
    409: t('traj.detail.conflict'),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        version: trajectory.version,
        ...(inAftercare ? {} : { status }),
        scaleLevel,
        nextFollowUpOn: nextFollowUpOn || null,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => onDone(t('traj.detail.updated')) },
    );
  };

  return (
    <section aria-labelledby="trajectory-update-title" className="sk-traj-panel">
      <Heading level={2} id="trajectory-update-title">
        {t('traj.detail.updateTitle')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {isApiError(update.error, 409) && (
        <p>
          <Button onClick={() => window.location.reload()}>{t('traj.detail.reload')}</Button>
        </p>
      )}
      <Form id={form} onSubmit={onSubmit} aria-labelledby="trajectory-update-title">
        {inAftercare ? (
          <Paragraph className="sk-traj-hint">{t('traj.detail.aftercareStatusHint')}</Paragraph>
        ) : (
          <SelectField
            id={fieldId(form, 'status')}
            label={labels.status}
            value={status}
            description={t('traj.detail.statusHint')}
            onChange={(value) => setStatus(value as 'open' | 'follow_up')}
            options={(['open', 'follow_up'] as const).map((value) => ({
              value,
              label: t(`trajectoryStatuses.${value}`),
            }))}
            error={errors.byField.status}
          />
        )}
        <SelectField
          id={fieldId(form, 'scaleLevel')}
          label={labels.scaleLevel}
          value={scaleLevel}
          onChange={(value) => setScaleLevel(value as ScaleLevel)}
          options={SCALE_LEVELS.map((value) => ({ value, label: t(`scaleLevels.${value}`) }))}
          error={errors.byField.scaleLevel}
        />
        <TextField
          id={fieldId(form, 'nextFollowUpOn')}
          type="date"
          size="md"
          label={labels.nextFollowUpOn}
          value={nextFollowUpOn}
          onChange={setNextFollowUpOn}
          error={errors.byField.nextFollowUpOn}
        />
        <TextField
          id={fieldId(form, 'note')}
          label={`${labels.note} ${t('form.optional')}`}
          value={note}
          maxLength={2000}
          onChange={setNote}
          error={errors.byField.note}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={update.isPending}>
            {t('traj.detail.update')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function CoordinatorForm({
  trajectory,
  staff,
  onDone,
}: {
  trajectory: TrajectoryDetail;
  staff: Staff[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const assign = useAssignCoordinator(trajectory.id);
  const [staffId, setStaffId] = useState(trajectory.coordinatorId);
  const form = 'trajectory-coordinator';
  const labels = { staffId: t('traj.detail.newCoordinator') };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), {}, assign.error, {
    409: t('traj.detail.conflict'),
  });
  const candidates = staff.filter(
    (member) => member.active && (member.role === 'worker' || member.role === 'team_lead'),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = candidates.find((member) => member.id === staffId)?.name ?? '';
    assign.mutate(staffId, { onSuccess: () => onDone(t('traj.detail.assigned', { name })) });
  };

  return (
    <section aria-labelledby="trajectory-coordinator-title" className="sk-traj-panel">
      <Heading level={2} id="trajectory-coordinator-title">
        {t('traj.detail.coordinatorTitle')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('traj.detail.coordinatorIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="trajectory-coordinator-title">
        <SelectField
          id={fieldId(form, 'staffId')}
          label={labels.staffId}
          value={staffId}
          onChange={setStaffId}
          options={candidates.map((member) => ({ value: member.id, label: member.name }))}
          error={errors.byField.staffId}
        />
        <ButtonGroup>
          <Button
            type="submit"
            busy={assign.isPending}
            disabled={staffId === trajectory.coordinatorId}
          >
            {t('traj.detail.assign')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function PlanSection({ trajectory }: { trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const plan = usePlan(trajectory.id);
  const openActions = plan.data?.actions.filter((action) => action.status === 'open').length ?? 0;
  return (
    <>
      <section aria-labelledby="krachtplan" className="sk-section">
        <Heading level={2} id="krachtplan" tabIndex={-1}>
          {t('traj.plan.title')}
        </Heading>
        <Paragraph className="sk-traj-hint">{t('traj.plan.sectionIntro')}</Paragraph>
        {plan.isPending && <Loading />}
        {plan.isError && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
        {plan.data && (
          <>
            {plan.data.version === 0 ? (
              <Paragraph>{t('traj.plan.none')}</Paragraph>
            ) : (
              <ul className="sk-traj-facts">
                <li>
                  {t('traj.plan.savedBy', {
                    version: plan.data.version,
                    name: plan.data.savedBy?.name ?? '—',
                    at: plan.data.savedAt ? formatDateTime(plan.data.savedAt, language) : '—',
                  })}
                </li>
                <li>
                  {plan.data.agreement
                    ? t('traj.plan.agreed', {
                        date: formatDate(plan.data.agreement.agreedOn, language),
                        method: t(`agreementMethods.${plan.data.agreement.method}`, {
                          defaultValue: plan.data.agreement.method,
                        }),
                      })
                    : t('traj.plan.notAgreed')}
                </li>
                <li>{t('traj.plan.actionsOpen', { count: openActions })}</li>
              </ul>
            )}
            <p className="sk-traj-actions">
              <ButtonLink to={`/trajecten/${trajectory.id}/krachtplan`} appearance="primary">
                {trajectory.status === 'closed'
                  ? t('traj.versions.title')
                  : plan.data.version === 0
                    ? t('traj.plan.write')
                    : t('traj.plan.edit')}
              </ButtonLink>
              {plan.data.version > 0 && (
                <ButtonLink to={`/trajecten/${trajectory.id}/krachtplan/afdrukken`}>
                  {t('traj.plan.print')}
                </ButtonLink>
              )}
            </p>
            {trajectory.status !== 'closed' && (
              <ul className="sk-inline-list">
                <li>
                  <Link to={`/sociale-kaart?traject=${trajectory.id}`}>
                    {t('collective.nav.map')}
                  </Link>
                </li>
                <li>
                  <Link to={`/vrijwilligers/koppelen?traject=${trajectory.id}`}>
                    {t('collective.match.title')}
                  </Link>
                </li>
                <li>
                  <Link to={`/trajecten/${trajectory.id}/wederkerigheid`}>
                    {t('collective.offers.title')}
                  </Link>
                </li>
              </ul>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="netwerk" className="sk-section">
        <Heading level={2} id="netwerk" tabIndex={-1}>
          {t('traj.network.title')}
        </Heading>
        <Paragraph className="sk-traj-hint">{t('traj.network.intro')}</Paragraph>
        {plan.data && (
          <NetworkMap
            members={plan.data.network}
            householdLabel={familyNames(trajectory) || householdName(trajectory, t)}
          />
        )}
      </section>
    </>
  );
}

/** The measurements live on their own page (the measurements feature). */
function MeasurementsLink({ trajectory }: { trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="metingen" className="sk-section">
      <Heading level={2} id="metingen" tabIndex={-1}>
        {t('measurements.link.title')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('measurements.link.intro')}</Paragraph>
      <p className="sk-traj-actions">
        <ButtonLink to={`/trajecten/${trajectory.id}/metingen`}>
          {t('measurements.link.open')}
        </ButtonLink>
      </p>
    </section>
  );
}

/** Per household member a link to the portal invitation (the portal feature's page). */
function PortalInvitations({
  trajectory,
  canInvite,
}: {
  trajectory: TrajectoryDetail;
  canInvite: boolean;
}) {
  const { t } = useTranslation();
  const household = useQuery({
    queryKey: ['household', trajectory.householdId, 'members'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/households/{id}', { params: { path: { id: trajectory.householdId } } }),
      ),
    enabled: canInvite,
  });
  if (!canInvite || trajectory.status === 'closed') return null;
  return (
    <section aria-labelledby="portaal" className="sk-section">
      <Heading level={2} id="portaal" tabIndex={-1}>
        {t('portal.invite.sectionTitle')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('portal.invite.sectionIntro')}</Paragraph>
      {household.isPending && <Loading />}
      {household.isError && (
        <LoadError error={household.error} onRetry={() => void household.refetch()} />
      )}
      {household.data && (
        <ul className="sk-traj-members">
          {household.data.members.map((member) => {
            const name = `${member.givenName} ${member.familyName}`;
            return (
              <li key={member.id}>
                <span className="sk-traj-members__name">{name}</span>
                <ButtonLink
                  to={`/trajecten/${trajectory.id}/portaal-uitnodiging?bewoner=${member.id}`}
                >
                  {t('portal.invite.button')}
                  <span className="sk-visually-hidden"> ({name})</span>
                </ButtonLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function History({ events, staff }: { events: TrajectoryEvent[]; staff: Staff[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const nameOf = (id: string | null) =>
    id ? (staff.find((member) => member.id === id)?.name ?? t('app.unknown')) : '—';
  const valueOf = (event: TrajectoryEvent, value: string | null): string => {
    if (value === null) return '—';
    switch (event.kind) {
      case 'coordinator':
        return nameOf(value);
      case 'status':
        return t(`trajectoryStatuses.${value}`, { defaultValue: value });
      case 'scale_level':
        return t(`scaleLevels.${value}`, { defaultValue: value });
      case 'follow_up':
        return formatDate(value, language);
    }
  };
  // A note the system wrote comes as a code, said in the reader's language; a worker's note as
  // written. An unknown code (a newer server) shows the note, if any.
  const noteOf = (event: TrajectoryEvent): string =>
    event.noteCode
      ? t(`traj.detail.noteCodes.${event.noteCode}`, { defaultValue: event.note ?? '—' })
      : (event.note ?? '—');
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="geschiedenis" className="sk-section">
      <Heading level={2} id="geschiedenis" tabIndex={-1}>
        {t('traj.detail.historyTitle')}
      </Heading>
      {sorted.length === 0 ? (
        <Paragraph>{t('traj.detail.historyEmpty')}</Paragraph>
      ) : (
        <Table caption={t('traj.detail.historyCaption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('traj.detail.when')}</HeaderCell>
              <HeaderCell>{t('traj.detail.what')}</HeaderCell>
              <HeaderCell>{t('traj.detail.by')}</HeaderCell>
              <HeaderCell>{t('traj.detail.note')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((event) => (
              <TableRow key={event.id}>
                <Cell>{formatDateTime(event.at, language)}</Cell>
                <Cell>
                  <strong>{t(`traj.detail.eventKinds.${event.kind}`)}</strong>:{' '}
                  {t('traj.detail.fromTo', {
                    from: valueOf(event, event.from),
                    to: valueOf(event, event.to),
                  })}
                </Cell>
                <Cell>{event.by.name}</Cell>
                <Cell>{noteOf(event)}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
