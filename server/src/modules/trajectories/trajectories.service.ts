// The trajectory: the coordinator's list with what is due, one trajectory with its history, the
// one coordinator (changed by the team lead), status and scale level, follow-ups, the contact
// journal, case conferences and closure.
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { readInOneStatement, type ReadContext } from '../../platform/read-in-one-statement.js';
import { newId } from '../../platform/ids.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { openTimeIdCursor, sealTimeIdCursor } from '../../platform/list-cursor.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { formatPostcode } from '../households/identifiers.js';
import { households } from '../households/households.repository.js';
import {
  caseConferences,
  contacts,
  trajectories,
  trajectoryEvents,
  type TrajectoryFilter,
} from './trajectories.repository.js';
import { hasClosingMeasurement } from '../assessments/assessments.repository.js';
import type { TrajectoryNoteCode } from '../../db/schema.js';
import type {
  CaseConferenceInput,
  CloseInput,
  ContactInput,
  Trajectory,
  UpdateTrajectoryInput,
} from './trajectories.schemas.js';

/** Finger on the pulse: no contact for this long is flagged. */
const QUIET_DAYS = 28;

/**
 * A row of the list, without its sort key for the cursor and its members for the audit (a
 * trajectory read alone has neither).
 */
type Row = Omit<
  Awaited<ReturnType<typeof trajectories.list>>[number],
  'opened_at_key' | 'member_ids'
>;

function toTrajectory(row: Row, today: string): Trajectory {
  const due: Trajectory['due'] = [];
  const active = row.status !== 'closed';
  if (active && row.overdue_actions > 0) due.push('overdue_actions');
  if (active && row.next_follow_up_on && row.next_follow_up_on <= today) due.push('follow_up');
  if (active && row.plan_version === 0) due.push('no_plan');
  const lastContact = row.last_contact_at ? new Date(row.last_contact_at) : null;
  if (active && (!lastContact || Date.now() - lastContact.getTime() > QUIET_DAYS * 86_400_000)) {
    due.push('no_recent_contact');
  }
  return {
    id: row.id,
    householdId: row.household_id,
    teamId: row.team_id,
    coordinatorId: row.coordinator_id,
    coordinatorName: row.coordinator_name,
    status: row.status,
    openedAt: new Date(row.opened_at).toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    scaleLevel: row.scale_level,
    version: row.version,
    household: {
      members: row.members,
      address: {
        postcode: row.postcode ? formatPostcode(row.postcode) : null,
        houseNumber: row.house_number,
        houseLetter: row.house_letter,
        houseNumberAddition: row.house_number_addition,
        street: row.street,
        city: null,
      },
      neighbourhoodName: row.neighbourhood_name,
    },
    planVersion: row.plan_version,
    nextFollowUpOn: row.next_follow_up_on,
    overdueActions: row.overdue_actions,
    nextActionDue: row.next_action_due,
    lastContactAt: lastContact?.toISOString() ?? null,
    due,
    outcome: row.outcome,
    closeReason: row.close_reason,
    handledWithoutSpecialistCare: row.handled_without_specialist_care,
    aftercareUntil: row.aftercare_until,
  };
}

export { todayInAmsterdam } from '../../platform/dates.js';

/** The ids of a household's members, for the audit row of a read or change of its case. */
export async function memberIds(
  trx: Trx,
  municipalityId: string,
  householdId: string,
): Promise<string[]> {
  return (await households.members(trx, municipalityId, [householdId])).map((m) => m.id);
}

/**
 * A closed trajectory's record is complete: no journal entry, case conference or new coordinator
 * is added to it any more (409, nothing written), as its plan no longer changes. In aftercare it
 * is closed too, but the team keeps a finger on the pulse, so those are still recorded there.
 */
function refuseWhenClosed(status: Trajectory['status'], detail: { en: string; nl: string }): void {
  if (status === 'closed') throw new AppError('conflict', { detail });
}

/** The trajectory inside the caller's teams, or 404. */
export async function findTrajectoryInScope(trx: Trx, ctx: ServiceContext, id: string) {
  const row = await trajectories.find(trx, ctx.actor.municipalityId, id);
  if (!row) throw notFound();
  return row;
}

/**
 * As findTrajectoryInScope, with the row locked until the transaction ends: for a change that
 * acts on the trajectory as it is (refused once closed, its scale level moved) without a version
 * from the client, so that a colleague's save in between is seen instead of overwritten.
 */
export async function lockTrajectoryInScope(trx: Trx, ctx: ServiceContext, id: string) {
  const row = await lockTrajectoryIfInScope(trx, ctx, id);
  if (!row) throw notFound();
  return row;
}

/**
 * As lockTrajectoryInScope, but undefined when the trajectory is not in the caller's scope, for a
 * caller that names its own field for that (a group sign-up's or a loan's `trajectoryId`).
 */
export function lockTrajectoryIfInScope(trx: Trx, ctx: ServiceContext, id: string) {
  return trajectories.findLocked(trx, ctx.actor.municipalityId, id);
}

/**
 * One page of the list, newest opened first (then by id), and the cursor of the next page when
 * more rows follow. One statement as before paging: it asks for one row more than the page, and
 * that row only tells whether another page follows.
 */
export function listTrajectoryPage(
  ctx: ServiceContext,
  query: Omit<TrajectoryFilter, 'id' | 'after'> & { teamId?: string; cursor?: string },
): Promise<{ items: Trajectory[]; nextCursor: string | null }> {
  // A bad cursor is refused before the transaction: nothing is read or recorded.
  const after = openTimeIdCursor(ctx.config.secretKey, 'trajectories.newest-first', query.cursor);
  const scope = caseScopeOf(ctx.actor);
  const teamIds = query.teamId ? scope.teamIds.filter((t) => t === query.teamId) : scope.teamIds;
  return inTenant(ctx.db, scope, async (trx) => {
    const rows = await trajectories.list(trx, scope.municipalityId, teamIds, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.coordinatorId ? { coordinatorId: query.coordinatorId } : {}),
      ...(query.householdId ? { householdId: query.householdId } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    await audit(trx, ctx, {
      action: 'trajectory.list',
      objectType: 'trajectory',
      reason:
        [query.status, query.coordinatorId ? 'by coordinator' : null].filter(Boolean).join(', ') ||
        null,
      residentIds: page.flatMap((row) => row.member_ids),
    });
    const today = todayInAmsterdam();
    const last = page.at(-1);
    return {
      items: page.map((row) => toTrajectory(row, today)),
      nextCursor:
        rows.length > query.limit && last
          ? sealTimeIdCursor(ctx.config.secretKey, 'trajectories.newest-first', {
              at: last.opened_at_key,
              id: last.id,
            })
          : null,
    };
  });
}

/** A trajectory as read_trajectory answers it: findWithHistory's row, as JSON (times as text). */
type TrajectoryWithHistory = NonNullable<Awaited<ReturnType<typeof trajectories.findWithHistory>>>;
type TrajectoryJson = Omit<TrajectoryWithHistory, 'opened_at' | 'closed_at' | 'member_ids'> & {
  opened_at: string;
  closed_at: string | null;
};

/**
 * One trajectory with its history. Opened many times a day, so it is read in one statement with
 * its session check and audit rows (read_trajectory, migration 20261124T1100; ADR 0005).
 */
export async function getTrajectory(ctx: ReadContext, id: string) {
  const row = await readInOneStatement<TrajectoryJson>(ctx, 'read_trajectory', 'trajectory', [id]);
  const listRow: Row = {
    ...row,
    opened_at: new Date(row.opened_at),
    closed_at: row.closed_at === null ? null : new Date(row.closed_at),
  };
  return withHistory(listRow, row.events);
}

/**
 * The notes the system wrote in Dutch words before it wrote codes (migration 20261125T0530
 * converted those rows). A server of the previous version may still write one while a new
 * version is rolled out beside it: such a note is read as its code, so every reader sees it in
 * their own language.
 */
const CODE_OF_DUTCH_NOTE: Readonly<Record<string, TrajectoryNoteCode>> = {
  'Nazorg beëindigd: nieuwe aanmelding, nieuw traject geopend.':
    'aftercare_ended_by_new_registration',
};

/** The event's note and its code: a worker's words as written, the system's as a code. */
export function noteCodeOf(event: { note: string | null; note_code: TrajectoryNoteCode | null }): {
  note: string | null;
  noteCode: TrajectoryNoteCode | null;
} {
  if (event.note_code !== null) return { note: event.note, noteCode: event.note_code };
  const fromDutch = event.note === null ? undefined : CODE_OF_DUTCH_NOTE[event.note];
  return fromDutch ? { note: null, noteCode: fromDutch } : { note: event.note, noteCode: null };
}

function withHistory(row: Row, events: TrajectoryWithHistory['events']) {
  return {
    ...toTrajectory(row, todayInAmsterdam()),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      from: e.from_value,
      to: e.to_value,
      ...noteCodeOf(e),
      at: new Date(e.at).toISOString(),
      by: { id: e.by_staff_id, name: e.by_name },
    })),
  };
}

/**
 * The trajectory as a change answers it: read in the service's own transaction (the change's
 * route checked the session before the handler). The same row as getTrajectory's, from
 * trajectories.findWithHistory, which read_trajectory follows column by column; a test compares
 * the two answers.
 */
function trajectoryAfterChange(ctx: ServiceContext, id: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const row = await trajectories.findWithHistory(trx, scope.municipalityId, scope.teamIds, id);
    if (!row) throw notFound();
    await audit(trx, ctx, {
      action: 'trajectory.read',
      objectType: 'trajectory',
      objectId: id,
      residentIds: row.member_ids,
    });
    return withHistory(row, row.events);
  });
}

/** There is always exactly one coordinator: the team lead hands the trajectory to another member of the team. */
export function assignCoordinator(ctx: ServiceContext, id: string, staffId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    refuseWhenClosed(trajectory.status, {
      en: 'The trajectory is closed; its coordinator no longer changes.',
      nl: 'Het traject is afgesloten; de regisseur verandert niet meer.',
    });
    const candidate = await trx
      .selectFrom('staff as s')
      .innerJoin('staff_teams as st', (join) =>
        join
          .onRef('st.municipality_id', '=', 's.municipality_id')
          .onRef('st.staff_id', '=', 's.id'),
      )
      .select(['s.id', 's.role', 's.active'])
      .where('s.municipality_id', '=', scope.municipalityId)
      .where('s.id', '=', staffId)
      .where('st.team_id', '=', trajectory.team_id)
      .executeTakeFirst();
    if (!candidate || !candidate.active || !['worker', 'team_lead'].includes(candidate.role)) {
      throw invalidField(
        'staffId',
        "is not an active worker of the trajectory's team",
        'is geen actieve medewerker van het team van dit traject',
      );
    }
    if (trajectory.coordinator_id === staffId) return { id, coordinatorId: staffId };
    if (
      !(await trajectories.update(trx, scope.municipalityId, id, trajectory.version, {
        coordinator_id: staffId,
      }))
    ) {
      throw versionConflict();
    }
    await trajectoryEvents.add(trx, {
      municipalityId: scope.municipalityId,
      id: newId(),
      teamId: trajectory.team_id,
      trajectoryId: id,
      kind: 'coordinator',
      from: trajectory.coordinator_id,
      to: staffId,
      note: null,
      by: ctx.actor.staffId,
    });
    await audit(trx, ctx, {
      action: 'trajectory.update',
      objectType: 'trajectory',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
      reason: 'coordinator',
    });
    return { id, coordinatorId: staffId };
  });
}

export function updateTrajectory(ctx: ServiceContext, id: string, input: UpdateTrajectoryInput) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    if (trajectory.status === 'closed') {
      throw new AppError('conflict', {
        detail: { en: 'This trajectory is closed.', nl: 'Dit traject is afgesloten.' },
      });
    }
    // Aftercare comes after closing: the trajectory already has its closing date and outcome.
    // Setting it back to open or follow-up here would leave those in place (a running trajectory
    // with an outcome); it leaves aftercare only through /end-aftercare. The other fields (scale
    // level, the next follow-up during aftercare) may still change.
    if (trajectory.status === 'aftercare' && input.status !== undefined) {
      throw new AppError('conflict', {
        detail: {
          en: 'This trajectory is closed and in aftercare: its status changes only by ending the aftercare.',
          nl: 'Dit traject is afgesloten en in nazorg: de status verandert alleen door de nazorg te beëindigen.',
        },
        invalidParams: [
          {
            name: 'status',
            reason: 'cannot change during aftercare; end the aftercare instead',
            reasonNl: 'kan tijdens de nazorg niet veranderen; beëindig de nazorg',
          },
        ],
      });
    }
    const ok = await trajectories.update(trx, scope.municipalityId, id, input.version, {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.scaleLevel !== undefined ? { scale_level: input.scaleLevel } : {}),
      ...(input.nextFollowUpOn !== undefined ? { next_follow_up_on: input.nextFollowUpOn } : {}),
    });
    if (!ok) throw versionConflict();
    const event = async (
      kind: 'status' | 'scale_level' | 'follow_up',
      from: string | null,
      to: string | null,
    ) =>
      trajectoryEvents.add(trx, {
        municipalityId: scope.municipalityId,
        id: newId(),
        teamId: trajectory.team_id,
        trajectoryId: id,
        kind,
        from,
        to,
        note: input.note ?? null,
        by: ctx.actor.staffId,
      });
    if (input.status !== undefined && input.status !== trajectory.status)
      await event('status', trajectory.status, input.status);
    if (input.scaleLevel !== undefined && input.scaleLevel !== trajectory.scale_level) {
      await event('scale_level', trajectory.scale_level, input.scaleLevel);
    }
    if (
      input.nextFollowUpOn !== undefined &&
      input.nextFollowUpOn !== trajectory.next_follow_up_on
    ) {
      await event('follow_up', trajectory.next_follow_up_on, input.nextFollowUpOn);
    }
    await audit(trx, ctx, {
      action: 'trajectory.update',
      objectType: 'trajectory',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
      reason: Object.keys(input)
        .filter((k) => k !== 'version')
        .join(', '),
    });
  }).then(() => trajectoryAfterChange(ctx, id));
}

export function closeTrajectory(ctx: ServiceContext, id: string, input: CloseInput) {
  const scope = caseScopeOf(ctx.actor);
  const closedAt = new Date(input.closedAt);
  if (closedAt.getTime() > Date.now() + 5 * 60_000) {
    throw invalidField('closedAt', 'must not be in the future', 'mag niet in de toekomst liggen');
  }
  // The flag is seed 002's success measure and the business case counts it: a hand-over (a
  // doorverbinding to specialist care) is by definition not handled by the team without it.
  if (input.handledWithoutSpecialistCare && input.outcome === 'handed_over') {
    throw invalidField(
      'handledWithoutSpecialistCare',
      'cannot be true when the outcome is handed over: a hand-over is not handled by the team without specialist care',
      'kan niet ja zijn als de uitkomst overgedragen is: een overdracht is niet zonder specialistische zorg door het team afgehandeld',
    );
  }
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    if (trajectory.status === 'closed' || trajectory.status === 'aftercare') {
      throw new AppError('conflict', {
        detail: { en: 'This trajectory was already closed.', nl: 'Dit traject is al afgesloten.' },
      });
    }
    if (closedAt < new Date(trajectory.opened_at)) {
      throw invalidField(
        'closedAt',
        'must not be before the trajectory opened',
        'mag niet vóór de start van het traject liggen',
      );
    }
    if (input.aftercareUntil && input.aftercareUntil < input.closedAt.slice(0, 10)) {
      throw invalidField(
        'aftercareUntil',
        'must be after the closing date',
        'moet na de afsluitdatum liggen',
      );
    }
    if (
      !input.noClosingMeasurementReason &&
      !(await hasClosingMeasurement(trx, scope.municipalityId, id))
    ) {
      throw invalidField(
        'noClosingMeasurementReason',
        'record the closing ZRM first, or say why there is none',
        'leg eerst de ZRM bij afsluiting vast, of geef aan waarom die er niet is',
      );
    }
    const status = input.aftercareUntil ? 'aftercare' : 'closed';
    // Someone saved the trajectory since it was read above: nothing was closed, so neither the
    // event nor the audit row below may be written. The throw rolls the transaction back.
    const closed = await trajectories.update(trx, scope.municipalityId, id, trajectory.version, {
      status,
      closed_at: closedAt,
      outcome: input.outcome,
      close_reason: input.reason,
      handled_without_specialist_care: input.handledWithoutSpecialistCare,
      aftercare_until: input.aftercareUntil ?? null,
      no_closing_measurement_reason: input.noClosingMeasurementReason ?? null,
      ...(input.aftercareUntil ? { next_follow_up_on: input.aftercareUntil } : {}),
    });
    if (!closed) throw versionConflict();
    await trajectoryEvents.add(trx, {
      municipalityId: scope.municipalityId,
      id: newId(),
      teamId: trajectory.team_id,
      trajectoryId: id,
      kind: 'status',
      from: trajectory.status,
      to: status,
      note: input.reason,
      by: ctx.actor.staffId,
    });
    await audit(trx, ctx, {
      action: 'trajectory.close',
      objectType: 'trajectory',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
      reason: input.outcome,
    });
  }).then(() => trajectoryAfterChange(ctx, id));
}

/** After aftercare, the trajectory is finally closed (status closed) without changing its outcome. */
export function endAftercare(ctx: ServiceContext, id: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    if (trajectory.status !== 'aftercare') {
      throw new AppError('conflict', {
        detail: {
          en: 'This trajectory is not in aftercare.',
          nl: 'Dit traject is niet in nazorg.',
        },
      });
    }
    await endAftercareIn(trx, ctx, trajectory, { noteCode: null, reason: 'aftercare ended' });
  }).then(() => trajectoryAfterChange(ctx, id));
}

/**
 * Ends the aftercare of a trajectory in the caller's transaction: status closed, its closing date
 * and outcome kept, a status event in its history (with `noteCode` when the system ended it, said
 * in each reader's language) and an audit row naming every member of the household. Also how a
 * new registration triaged into a trajectory ends the household's aftercare
 * (registrations.service.ts): a relapse opens a new trajectory.
 */
export async function endAftercareIn(
  trx: Trx,
  ctx: ServiceContext,
  trajectory: NonNullable<Awaited<ReturnType<typeof trajectories.find>>>,
  because: { noteCode: TrajectoryNoteCode | null; reason: string },
): Promise<void> {
  const { municipalityId } = ctx.actor;
  // As in closeTrajectory: a save in between changed no row here, so no event, no audit row.
  const ended = await trajectories.update(trx, municipalityId, trajectory.id, trajectory.version, {
    status: 'closed',
    next_follow_up_on: null,
  });
  if (!ended) throw versionConflict();
  await trajectoryEvents.add(trx, {
    municipalityId,
    id: newId(),
    teamId: trajectory.team_id,
    trajectoryId: trajectory.id,
    kind: 'status',
    from: 'aftercare',
    to: 'closed',
    note: null,
    noteCode: because.noteCode,
    by: ctx.actor.staffId,
  });
  await audit(trx, ctx, {
    action: 'trajectory.close',
    objectType: 'trajectory',
    objectId: trajectory.id,
    residentIds: await memberIds(trx, municipalityId, trajectory.household_id),
    reason: because.reason,
  });
}

export function addContact(ctx: ServiceContext, id: string, input: ContactInput) {
  const scope = caseScopeOf(ctx.actor);
  const at = new Date(input.at);
  if (at.getTime() > Date.now() + 5 * 60_000)
    throw invalidField('at', 'must not be in the future', 'mag niet in de toekomst liggen');
  return inTenant(ctx.db, scope, async (trx) => {
    const contactId = newId();
    const added = await contacts.addToTrajectory(trx, {
      municipalityId: scope.municipalityId,
      id: contactId,
      trajectoryId: id,
      at,
      kind: input.kind,
      note: input.note,
      minutes: input.minutes ?? null,
      by: ctx.actor.staffId,
    });
    if (!added) {
      // Not added: no such trajectory in scope, or a closed one. Only this path asks which.
      const trajectory = await findTrajectoryInScope(trx, ctx, id);
      refuseWhenClosed(trajectory.status, {
        en: 'The trajectory is closed; no contacts can be added to its journal.',
        nl: 'Het traject is afgesloten; er kunnen geen contactmomenten meer aan het journaal worden toegevoegd.',
      });
      throw new Error('a contact to an open trajectory was not added');
    }
    await audit(trx, ctx, {
      action: 'contact.create',
      objectType: 'contact',
      objectId: contactId,
      residentIds: added.memberIds,
    });
    return {
      id: contactId,
      at: at.toISOString(),
      kind: input.kind,
      note: input.note,
      minutes: input.minutes ?? null,
      by: { id: ctx.actor.staffId, name: ctx.actor.name },
    };
  });
}

/**
 * One page of the contact journal, newest first (then by id), and the cursor of the next page
 * when more contacts follow: as the trajectories list, one row more than the page is read to tell.
 */
export function listContactPage(
  ctx: ServiceContext,
  id: string,
  query: { limit: number; cursor?: string | undefined },
) {
  // A bad cursor is refused before the transaction: nothing is read or recorded.
  const after = openTimeIdCursor(ctx.config.secretKey, 'contacts.newest-first', query.cursor);
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    const rows = await contacts.list(trx, scope.municipalityId, id, {
      after,
      limit: query.limit + 1,
    });
    await audit(trx, ctx, {
      action: 'contact.list',
      objectType: 'trajectory',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        kind: r.kind,
        note: r.note,
        minutes: r.minutes,
        by: { id: r.created_by, name: r.by_name },
      })),
      nextCursor:
        rows.length > query.limit && last
          ? sealTimeIdCursor(ctx.config.secretKey, 'contacts.newest-first', {
              at: last.at_key,
              id: last.id,
            })
          : null,
    };
  });
}

export function addCaseConference(ctx: ServiceContext, id: string, input: CaseConferenceInput) {
  const scope = caseScopeOf(ctx.actor);
  // A conference is recorded after it was held: a calendar day in Amsterdam, today at the latest.
  if (input.heldOn > todayInAmsterdam()) {
    throw invalidField('heldOn', 'must not be in the future', 'mag niet in de toekomst liggen');
  }
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    refuseWhenClosed(trajectory.status, {
      en: 'The trajectory is closed; no case conference can be recorded for it any more.',
      nl: 'Het traject is afgesloten; er kan geen casuïstiekbespreking meer voor worden vastgelegd.',
    });
    const conferenceId = newId();
    await caseConferences.add(trx, {
      municipalityId: scope.municipalityId,
      id: conferenceId,
      teamId: trajectory.team_id,
      trajectoryId: id,
      heldOn: input.heldOn,
      participants: input.participants,
      residentPresent: input.residentPresent,
      question: input.question,
      advice: input.advice,
      decisions: input.decisions,
      by: ctx.actor.staffId,
    });
    await audit(trx, ctx, {
      action: 'case_conference.create',
      objectType: 'case_conference',
      objectId: conferenceId,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    return { id: conferenceId, ...input };
  });
}

export function listCaseConferences(ctx: ServiceContext, id: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, id);
    const rows = await caseConferences.list(trx, scope.municipalityId, id);
    // What was discussed about the household, with whom: each member's access log shows the read,
    // as for the journal.
    await audit(trx, ctx, {
      action: 'case_conference.list',
      objectType: 'trajectory',
      objectId: id,
      residentIds: await memberIds(trx, scope.municipalityId, trajectory.household_id),
    });
    return rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      participants: r.participants as { name: string; role: string; external: boolean }[],
      residentPresent: r.resident_present,
      question: r.question,
      advice: r.advice,
      decisions: r.decisions,
    }));
  });
}
