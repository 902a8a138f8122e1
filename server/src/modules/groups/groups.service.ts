// Groups the team runs: sessions, participants from the team's own trajectories (each linked to
// their plan by an action that points to the group), attendance per session, and waiting places.
// The group's row is locked (`for update`) whenever places are handed out, so two sign-ups at the
// same moment can never both take the last place, and the first on the waiting list gets the
// place someone leaves. A sign-up also locks its trajectory's row first (as a referral does), so a
// closing at the same moment is either waited for and then refused, or waits for the sign-up.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf, writeScopeFor } from '../organisation/team-scope.js';
import { lockTrajectoryIfInScope } from '../trajectories/trajectories.service.js';
import { appendActionInTransaction } from '../plans/plans.service.js';
import type { GroupInput, SessionInput, SignUpInput, UpdateGroupInput } from './groups.schemas.js';

// ---- reading --------------------------------------------------------------------------------

function selectGroups(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('groups as g')
    .leftJoin('neighbourhoods as n', (join) =>
      join
        .onRef('n.municipality_id', '=', 'g.municipality_id')
        .onRef('n.code', '=', 'g.neighbourhood_code'),
    )
    .select([
      'g.id',
      'g.team_id',
      'g.kind',
      'g.name',
      'g.description',
      'g.life_domains',
      'g.neighbourhood_code',
      'n.name as neighbourhood_name',
      'g.capacity',
      'g.active',
      'g.version',
      sql<number>`(select count(*)::int from group_participants p
        where p.municipality_id = g.municipality_id and p.group_id = g.id and p.status = 'participant')`.as(
        'participants',
      ),
      sql<number>`(select count(*)::int from group_participants p
        where p.municipality_id = g.municipality_id and p.group_id = g.id and p.status = 'waiting')`.as(
        'waiting',
      ),
      sql<Date | null>`(select min(s.starts_at) from group_sessions s
        where s.municipality_id = g.municipality_id and s.group_id = g.id and s.starts_at >= now())`.as(
        'next_session_at',
      ),
    ])
    .where('g.municipality_id', '=', municipalityId);
}
type GroupRow = Awaited<ReturnType<ReturnType<typeof selectGroups>['execute']>>[number];
const toSummary = (g: GroupRow) => ({
  id: g.id,
  teamId: g.team_id,
  kind: g.kind,
  name: g.name,
  description: g.description,
  lifeDomains: g.life_domains,
  neighbourhoodCode: g.neighbourhood_code,
  neighbourhoodName: g.neighbourhood_name,
  capacity: g.capacity,
  participants: g.participants,
  waiting: g.waiting,
  nextSessionAt: g.next_session_at ? new Date(g.next_session_at).toISOString() : null,
  active: g.active,
  version: g.version,
});

async function findGroup(trx: Trx, municipalityId: string, id: string) {
  const row = await selectGroups(trx, municipalityId).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Locks the group's row: places are handed out one transaction at a time. */
async function lockGroup(trx: Trx, municipalityId: string, id: string) {
  const row = await trx
    .selectFrom('groups')
    .select(['id', 'team_id', 'name', 'capacity', 'life_domains', 'active', 'version'])
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function selectParticipants(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('group_participants as p')
    .innerJoin('residents as r', (join) =>
      join.onRef('r.municipality_id', '=', 'p.municipality_id').onRef('r.id', '=', 'p.resident_id'),
    )
    .select([
      'p.id',
      'p.group_id',
      'p.resident_id',
      sql<string>`r.given_name || ' ' || r.family_name`.as('name'),
      'p.trajectory_id',
      'p.action_id',
      'p.status',
      'p.waiting_since',
      'p.joined_at',
      'p.left_at',
    ])
    .where('p.municipality_id', '=', municipalityId);
}
type ParticipantRow = Awaited<ReturnType<ReturnType<typeof selectParticipants>['execute']>>[number];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toParticipant = (p: ParticipantRow, waitingPosition: number | null = null) => ({
  id: p.id,
  residentId: p.resident_id,
  name: p.name,
  trajectoryId: p.trajectory_id,
  actionId: p.action_id,
  status: p.status,
  waitingPosition,
  joinedAt: iso(p.joined_at),
  leftAt: iso(p.left_at),
});

/** Participants in list order: taking part (by name), waiting (first come first), left. */
async function participantsOf(trx: Trx, municipalityId: string, groupId: string) {
  const rows = await selectParticipants(trx, municipalityId)
    .where('p.group_id', '=', groupId)
    .orderBy(sql`case p.status when 'participant' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy('p.waiting_since')
    .orderBy('p.id')
    .execute();
  let position = 0;
  return rows.map((p) => toParticipant(p, p.status === 'waiting' ? ++position : null));
}

async function participantById(trx: Trx, municipalityId: string, id: string) {
  const row = await selectParticipants(trx, municipalityId)
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return (await participantsOf(trx, municipalityId, row.group_id)).find((p) => p.id === id) ?? null;
}

export function listGroups(ctx: ServiceContext) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const rows = await selectGroups(trx, scope.municipalityId)
      .orderBy('g.active', 'desc')
      .orderBy('g.name')
      .execute();
    return rows.map(toSummary);
  });
}

export function getGroup(ctx: ServiceContext, id: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const group = await findGroup(trx, scope.municipalityId, id);
    return detail(trx, ctx, group);
  });
}

async function detail(trx: Trx, ctx: ServiceContext, group: GroupRow) {
  const { municipalityId } = ctx.actor;
  const sessions = await trx
    .selectFrom('group_sessions as s')
    .select([
      's.id',
      's.starts_at',
      's.ends_at',
      's.place',
      sql<number>`(select count(*)::int from group_attendance a
        where a.municipality_id = s.municipality_id and a.session_id = s.id and a.present)`.as(
        'present',
      ),
    ])
    .where('s.municipality_id', '=', municipalityId)
    .where('s.group_id', '=', group.id)
    .orderBy('s.starts_at')
    .execute();
  const participants = await participantsOf(trx, municipalityId, group.id);
  const attendance = await trx
    .selectFrom('group_attendance as a')
    .innerJoin('group_sessions as s', (join) =>
      join.onRef('s.municipality_id', '=', 'a.municipality_id').onRef('s.id', '=', 'a.session_id'),
    )
    .select(['a.session_id', 'a.participant_id', 'a.present'])
    .where('a.municipality_id', '=', municipalityId)
    .where('s.group_id', '=', group.id)
    .execute();
  await audit(trx, ctx, {
    action: 'group.read',
    objectType: 'group',
    objectId: group.id,
    residentIds: [...new Set(participants.map((p) => p.residentId))],
  });
  return {
    ...toSummary(group),
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: iso(s.ends_at),
      place: s.place,
      present: s.present,
    })),
    participants,
    attendance: attendance.map((a) => ({
      sessionId: a.session_id,
      participantId: a.participant_id,
      present: a.present,
    })),
  };
}

// ---- the group itself -----------------------------------------------------------------------

async function assertBuurt(trx: Trx, municipalityId: string, code: string | null | undefined) {
  if (!code) return;
  const row = await trx
    .selectFrom('neighbourhoods')
    .select('code')
    .where('municipality_id', '=', municipalityId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw invalidField(
      'neighbourhoodCode',
      'is not a neighbourhood of this municipality',
      'is geen buurt van deze gemeente',
    );
}

async function assertNameFree(
  trx: Trx,
  municipalityId: string,
  teamId: string,
  name: string,
  exceptId?: string,
) {
  let q = trx
    .selectFrom('groups')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('team_id', '=', teamId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw invalidField(
      'name',
      'is already the name of a group of this team',
      'is al de naam van een groep van dit team',
    );
}

export function createGroup(ctx: ServiceContext, input: GroupInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    await writeScopeFor(trx, ctx.actor, input.teamId);
    await assertBuurt(trx, municipalityId, input.neighbourhoodCode);
    await assertNameFree(trx, municipalityId, input.teamId, input.name);
    const id = newId();
    await trx
      .insertInto('groups')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: input.teamId,
        kind: input.kind,
        name: input.name,
        description: input.description,
        life_domains: [...new Set(input.lifeDomains)],
        neighbourhood_code: input.neighbourhoodCode,
        capacity: input.capacity,
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, { action: 'group.create', objectType: 'group', objectId: id });
    return toSummary(await findGroup(trx, municipalityId, id));
  });
}

/**
 * Ends the waiting places of residents whose trajectory has closed (not in aftercare) since they
 * signed up: such a trajectory takes no new place (a sign-up answers 409), and a closed trajectory
 * never opens again, so the entry could only block the list, its number counted before everyone
 * behind it. Ended as a leave is (status `left`, as at erasure, endPlacesOf), so the group's
 * history still shows they waited. Returns whose waiting place ended, for the caller's audit row.
 */
async function endWaitingOfClosedTrajectories(trx: Trx, municipalityId: string, groupId: string) {
  const { rows } = await sql<{ id: string; resident_id: string }>`
    update group_participants p set status = 'left', left_at = now()
    where p.municipality_id = ${municipalityId}::uuid and p.group_id = ${groupId}::uuid
      and p.status = 'waiting'
      and exists (select 1 from trajectories t
        where t.municipality_id = p.municipality_id and t.id = p.trajectory_id and t.status = 'closed')
    returning p.id, p.resident_id`.execute(trx);
  return rows;
}

/**
 * Hands free places to the waiting list, first come first served, up to the capacity. Lowering
 * the capacity never removes anyone: the group simply takes nobody new until it is below it.
 * Returns who got a place (participant and resident), for the caller's audit row per resident.
 * Call it through handOutPlaces, which first takes closed trajectories off the list.
 */
async function fillPlaces(trx: Trx, municipalityId: string, groupId: string, capacity: number) {
  const { rows } = await sql<{ id: string; resident_id: string }>`
    update group_participants set status = 'participant', joined_at = now()
    where municipality_id = ${municipalityId}::uuid and id in (
      select id from group_participants
      where municipality_id = ${municipalityId}::uuid and group_id = ${groupId}::uuid and status = 'waiting'
      order by waiting_since, id
      limit greatest(0, ${capacity}::int - (
        select count(*) from group_participants
        where municipality_id = ${municipalityId}::uuid and group_id = ${groupId}::uuid and status = 'participant')))
    returning id, resident_id`.execute(trx);
  return rows;
}

/** The place a waiting resident got is a sign-up for them: one row per resident promoted. */
async function auditPromoted(
  trx: Trx,
  ctx: ServiceContext,
  groupId: string,
  promoted: readonly { resident_id: string }[],
) {
  if (promoted.length === 0) return;
  await audit(trx, ctx, {
    action: 'group.sign_up',
    objectType: 'group',
    objectId: groupId,
    residentIds: [...new Set(promoted.map((p) => p.resident_id))],
    reason: 'place from the waiting list',
  });
}

/**
 * Hands the group's free places to those who wait, skipping (and ending) the waiting places of
 * closed trajectories, each change audited per resident. The caller holds the group's lock.
 * Returns who got a place.
 */
async function handOutPlaces(
  trx: Trx,
  ctx: ServiceContext,
  group: { id: string; capacity: number },
) {
  const { municipalityId } = ctx.actor;
  const ended = await endWaitingOfClosedTrajectories(trx, municipalityId, group.id);
  if (ended.length > 0)
    await audit(trx, ctx, {
      action: 'group.leave',
      objectType: 'group',
      objectId: group.id,
      residentIds: [...new Set(ended.map((e) => e.resident_id))],
      reason: 'waiting place ended: trajectory closed',
    });
  const promoted = await fillPlaces(trx, municipalityId, group.id, group.capacity);
  await auditPromoted(trx, ctx, group.id, promoted);
  return promoted;
}

/**
 * Whether a change may give waiting residents a place: more places, or the group started again
 * (places freed while it was stopped went to nobody). A stopped group gives nobody a place.
 */
function placesMayOpen(
  current: { capacity: number; active: boolean },
  input: Pick<UpdateGroupInput, 'capacity' | 'active'>,
) {
  const activeAfter = input.active ?? current.active;
  const morePlaces = input.capacity !== undefined && input.capacity > current.capacity;
  const restarted = !current.active && input.active === true;
  return activeAfter && (morePlaces || restarted);
}

export function updateGroup(ctx: ServiceContext, id: string, input: UpdateGroupInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const current = await lockGroup(trx, municipalityId, id);
    if (current.version !== input.version) throw versionConflict();
    await assertBuurt(trx, municipalityId, input.neighbourhoodCode);
    if (input.name !== undefined)
      await assertNameFree(trx, municipalityId, current.team_id, input.name, id);
    await trx
      .updateTable('groups')
      .set({
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.lifeDomains !== undefined
          ? { life_domains: [...new Set(input.lifeDomains)] }
          : {}),
        ...(input.neighbourhoodCode !== undefined
          ? { neighbourhood_code: input.neighbourhoodCode }
          : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`version + 1`,
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .execute();
    const promoted = placesMayOpen(current, input)
      ? await handOutPlaces(trx, ctx, { id, capacity: input.capacity ?? current.capacity })
      : [];
    await audit(trx, ctx, {
      action: 'group.update',
      objectType: 'group',
      objectId: id,
      reason: promoted.length > 0 ? `${promoted.length} from the waiting list` : null,
    });
    return toSummary(await findGroup(trx, municipalityId, id));
  });
}

export function addSession(ctx: ServiceContext, groupId: string, input: SessionInput) {
  const { municipalityId } = ctx.actor;
  // Compared as instants: the two may carry different offsets (10:00+02:00 is before 09:30Z).
  if (input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt))
    throw invalidField('endsAt', 'must be after startsAt', 'moet na het begin liggen');
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const group = await findGroup(trx, municipalityId, groupId);
    const id = newId();
    await trx
      .insertInto('group_sessions')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: group.team_id,
        group_id: groupId,
        starts_at: new Date(input.startsAt),
        ends_at: input.endsAt ? new Date(input.endsAt) : null,
        place: input.place,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'group.update',
      objectType: 'group_session',
      objectId: id,
      reason: 'session added',
    });
    return detail(trx, ctx, await findGroup(trx, municipalityId, groupId));
  });
}

// ---- places ---------------------------------------------------------------------------------

/** The refusal of a sign-up for a closed trajectory, in the words a referral uses. */
const closedTrajectory = () =>
  new AppError('conflict', {
    detail: { en: 'This trajectory is closed.', nl: 'Dit traject is afgesloten.' },
  });

/** Signs a household member of one of the team's trajectories up: a place, or a waiting place. */
export function signUp(ctx: ServiceContext, groupId: string, input: SignUpInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    // The trajectory first, then the group: the order a plan action appended below locks them in
    // too. Locked as a referral does, so "closed" is decided on the row as it is: a closing at the
    // same moment is waited for and then read, or waits until this sign-up is written.
    const trajectory = await lockTrajectoryIfInScope(trx, ctx, input.trajectoryId);
    const group = await lockGroup(trx, municipalityId, groupId);
    if (!group.active)
      throw new AppError('conflict', {
        detail: {
          en: 'This group has stopped; nobody can sign up any more.',
          nl: 'Deze groep is gestopt; aanmelden kan niet meer.',
        },
      });
    if (!trajectory)
      throw invalidField(
        'trajectoryId',
        'is not a trajectory of your team',
        'is geen traject van uw team',
      );
    // As a referral: a closed trajectory takes no new place; one in aftercare still does.
    if (trajectory.status === 'closed') throw closedTrajectory();
    if (trajectory.team_id !== group.team_id)
      throw invalidField(
        'trajectoryId',
        "is not a trajectory of the group's team",
        'is geen traject van het team van deze groep',
      );
    const member = await trx
      .selectFrom('residents')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', input.residentId)
      .where('household_id', '=', trajectory.household_id)
      .executeTakeFirst();
    if (!member)
      throw invalidField(
        'residentId',
        'is not a member of the household of this trajectory',
        'is geen lid van het huishouden van dit traject',
      );
    const already = await trx
      .selectFrom('group_participants')
      .select('status')
      .where('municipality_id', '=', municipalityId)
      .where('group_id', '=', groupId)
      .where('resident_id', '=', input.residentId)
      .where('status', '!=', 'left')
      .executeTakeFirst();
    if (already)
      throw new AppError('conflict', {
        detail: {
          en: `This resident is already ${already.status === 'waiting' ? 'on the waiting list of' : 'taking part in'} this group.`,
          nl: `Deze inwoner ${already.status === 'waiting' ? 'staat al op de wachtlijst van' : 'doet al mee aan'} deze groep.`,
        },
      });
    let actionId = input.actionId ?? null;
    if (actionId) {
      const action = await trx
        .selectFrom('plan_actions')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .where('trajectory_id', '=', input.trajectoryId)
        .where('id', '=', actionId)
        .executeTakeFirst();
      if (!action)
        throw invalidField(
          'actionId',
          'is not an action of this plan',
          'is geen actie van dit plan',
        );
    } else {
      // The plan shows the group: "takes part in ..." as a collective action, a new plan version.
      const domain = group.life_domains[0];
      actionId = (
        await appendActionInTransaction(trx, ctx, input.trajectoryId, {
          description: `Deelnemen aan ${group.name}`,
          ownerType: 'collective',
          ownerName: group.name,
          ...(domain ? { domain: domain as never } : {}),
        })
      ).actionId;
    }
    const taken = await trx
      .selectFrom('group_participants')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('municipality_id', '=', municipalityId)
      .where('group_id', '=', groupId)
      .where('status', '=', 'participant')
      .executeTakeFirstOrThrow();
    const hasPlace = taken.n < group.capacity;
    const id = newId();
    const now = new Date();
    await trx
      .insertInto('group_participants')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: group.team_id,
        group_id: groupId,
        trajectory_id: input.trajectoryId,
        resident_id: input.residentId,
        action_id: actionId,
        status: hasPlace ? 'participant' : 'waiting',
        waiting_since: hasPlace ? null : now,
        joined_at: hasPlace ? now : null,
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'group.sign_up',
      objectType: 'group',
      objectId: groupId,
      residentId: input.residentId,
      reason: hasPlace ? 'place' : 'waiting list',
    });
    const participant = await participantById(trx, municipalityId, id);
    if (!participant) throw notFound();
    return participant;
  });
}

/** Someone leaves (or leaves the waiting list); a freed place goes to the first who waits. */
export function leave(ctx: ServiceContext, participantId: string) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const found = await trx
      .selectFrom('group_participants')
      .select(['group_id'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', participantId)
      .executeTakeFirst();
    if (!found) throw notFound();
    const group = await lockGroup(trx, municipalityId, found.group_id);
    const result = await trx
      .updateTable('group_participants')
      .set({ status: 'left', left_at: new Date() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', participantId)
      .where('status', '!=', 'left')
      .returning(['resident_id'])
      .executeTakeFirst();
    if (!result)
      throw new AppError('conflict', {
        detail: { en: 'This resident has already left.', nl: 'Deze inwoner is al vertrokken.' },
      });
    await audit(trx, ctx, {
      action: 'group.leave',
      objectType: 'group',
      objectId: group.id,
      residentId: result.resident_id,
    });
    // A stopped group hands out no places: its waiting list stays as it is.
    const promotedRows = group.active ? await handOutPlaces(trx, ctx, group) : [];
    const left = await participantById(trx, municipalityId, participantId);
    const promotedId = promotedRows[0]?.id;
    const promoted = promotedId ? await participantById(trx, municipalityId, promotedId) : null;
    if (!left) throw notFound();
    return { left, promoted };
  });
}

/**
 * Ends every place and waiting place of these residents, as when each leaves (for the erasure of
 * their household, privacy/retention.service.ts): the groups are locked first, in one order so two
 * such calls cannot deadlock, and a freed place of a running group goes to the first who waits
 * (handOutPlaces: not to a closed trajectory), audited as that resident's sign-up. The caller's
 * audit row names the residents who left.
 */
export async function endPlacesOf(trx: Trx, ctx: ServiceContext, residentIds: readonly string[]) {
  const { municipalityId } = ctx.actor;
  if (residentIds.length === 0) return;
  const groups = await trx
    .selectFrom('groups')
    .select(['id', 'capacity', 'active'])
    .where('municipality_id', '=', municipalityId)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('group_participants')
        .select('group_id')
        .where('municipality_id', '=', municipalityId)
        .where('resident_id', 'in', residentIds)
        .where('status', '!=', 'left'),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
  if (groups.length === 0) return;
  await trx
    .updateTable('group_participants')
    .set({ status: 'left', left_at: new Date() })
    .where('municipality_id', '=', municipalityId)
    .where('resident_id', 'in', residentIds)
    .where('status', '!=', 'left')
    .execute();
  for (const group of groups.filter((g) => g.active)) await handOutPlaces(trx, ctx, group);
}

export function recordAttendance(
  ctx: ServiceContext,
  sessionId: string,
  entries: { participantId: string; present: boolean }[],
) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const session = await trx
      .selectFrom('group_sessions')
      .select(['group_id', 'team_id'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw notFound();
    const members = new Map(
      (
        await trx
          .selectFrom('group_participants')
          .select(['id', 'status', 'resident_id'])
          .where('municipality_id', '=', municipalityId)
          .where('group_id', '=', session.group_id)
          .execute()
      ).map((p) => [p.id, p]),
    );
    entries.forEach((e, i) => {
      const member = members.get(e.participantId);
      if (!member || member.status === 'waiting')
        throw invalidField(
          `entries.${i}.participantId`,
          'is not a participant of this group',
          'is geen deelnemer van deze groep',
        );
    });
    for (const e of entries) {
      await trx
        .insertInto('group_attendance')
        .values({
          municipality_id: municipalityId,
          team_id: session.team_id,
          session_id: sessionId,
          participant_id: e.participantId,
          present: e.present,
          recorded_by: ctx.actor.staffId,
        })
        .onConflict((oc) =>
          oc.columns(['municipality_id', 'session_id', 'participant_id']).doUpdateSet({
            present: e.present,
            recorded_by: ctx.actor.staffId,
          }),
        )
        .execute();
    }
    await audit(trx, ctx, {
      action: 'group.attendance',
      objectType: 'group_session',
      objectId: sessionId,
      residentIds: [
        ...new Set(entries.map((e) => members.get(e.participantId)?.resident_id ?? '')),
      ].filter(Boolean),
    });
    return detail(trx, ctx, await findGroup(trx, municipalityId, session.group_id));
  });
}
