// The social map (maintained by the teams, searchable by life domain and buurt, importable as
// CSV), the volunteer pool, matching a plan's request to volunteers and residents' offers, and the
// volunteer's own restricted view of their tasks.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { parseCsvRecords } from '../../platform/csv.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { findTrajectoryInScope, todayInAmsterdam } from '../trajectories/trajectories.service.js';
import { rankCandidates, type Candidate } from './matching.js';
import type {
  EntryInput,
  UpdateEntryInput,
  UpdateVolunteerInput,
  VolunteerInput,
} from './social-map.schemas.js';

const tenant = (ctx: ServiceContext) => ({
  municipalityId: ctx.actor.municipalityId,
  teamIds: [] as string[],
});

// ---- the social map -------------------------------------------------------------------------

function selectEntries(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('social_map_entries as e')
    .leftJoin('neighbourhoods as n', (join) =>
      join
        .onRef('n.municipality_id', '=', 'e.municipality_id')
        .onRef('n.code', '=', 'e.neighbourhood_code'),
    )
    .select([
      'e.id',
      'e.kind',
      'e.name',
      'e.offers',
      'e.for_whom',
      'e.neighbourhood_code',
      'n.name as neighbourhood_name',
      'e.life_domains',
      'e.when_text',
      'e.capacity',
      'e.contact_name',
      'e.contact_phone',
      'e.contact_email',
      'e.active',
      'e.version',
    ])
    .where('e.municipality_id', '=', municipalityId);
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['execute']>>[number];
const toEntry = (r: EntryRow) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  offers: r.offers,
  forWhom: r.for_whom,
  neighbourhoodCode: r.neighbourhood_code,
  neighbourhoodName: r.neighbourhood_name,
  lifeDomains: r.life_domains,
  when: r.when_text,
  capacity: r.capacity,
  contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
  active: r.active,
  version: r.version,
});

async function assertBuurt(
  trx: Trx,
  municipalityId: string,
  code: string | null | undefined,
  field = 'neighbourhoodCode',
) {
  if (!code) return;
  const row = await trx
    .selectFrom('neighbourhoods')
    .select('code')
    .where('municipality_id', '=', municipalityId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw invalidField(
      field,
      'is not a neighbourhood of this municipality',
      'is geen buurt van deze gemeente',
    );
}

export function listEntries(
  ctx: ServiceContext,
  query: {
    q?: string;
    lifeDomain?: string;
    neighbourhoodCode?: string;
    kind?: string;
    includeInactive?: 'true' | 'false';
  },
) {
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    let q = selectEntries(trx, ctx.actor.municipalityId);
    if (query.includeInactive !== 'true') q = q.where('e.active', '=', true);
    if (query.kind) q = q.where('e.kind', '=', query.kind as EntryRow['kind']);
    if (query.lifeDomain) q = q.where(sql<boolean>`${query.lifeDomain} = any(e.life_domains)`);
    // An offer in the resident's own buurt, or one for the whole city (no buurt).
    if (query.neighbourhoodCode)
      q = q.where((eb) =>
        eb.or([
          eb('e.neighbourhood_code', '=', query.neighbourhoodCode ?? ''),
          eb('e.neighbourhood_code', 'is', null),
        ]),
      );
    if (query.q) {
      const text = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`(lower(e.name) like ${text} or lower(e.offers) like ${text} or lower(e.for_whom) like ${text})`,
      );
    }
    return (await q.orderBy('e.name').limit(500).execute()).map(toEntry);
  });
}

export function createEntry(ctx: ServiceContext, input: EntryInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    await assertBuurt(trx, municipalityId, input.neighbourhoodCode);
    const id = newId();
    await trx
      .insertInto('social_map_entries')
      .values({
        municipality_id: municipalityId,
        id,
        kind: input.kind,
        name: input.name,
        offers: input.offers,
        for_whom: input.forWhom,
        neighbourhood_code: input.neighbourhoodCode,
        life_domains: [...new Set(input.lifeDomains)],
        when_text: input.when,
        capacity: input.capacity,
        contact_name: input.contact.name,
        contact_phone: input.contact.phone,
        contact_email: input.contact.email,
        created_by: ctx.actor.staffId,
      })
      .execute();
    return toEntry(
      await selectEntries(trx, municipalityId).where('e.id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

export function updateEntry(ctx: ServiceContext, id: string, input: UpdateEntryInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    if (!(await selectEntries(trx, municipalityId).where('e.id', '=', id).executeTakeFirst()))
      throw notFound();
    await assertBuurt(trx, municipalityId, input.neighbourhoodCode);
    const result = await trx
      .updateTable('social_map_entries')
      .set({
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.offers !== undefined ? { offers: input.offers } : {}),
        ...(input.forWhom !== undefined ? { for_whom: input.forWhom } : {}),
        ...(input.neighbourhoodCode !== undefined
          ? { neighbourhood_code: input.neighbourhoodCode }
          : {}),
        ...(input.lifeDomains !== undefined ? { life_domains: input.lifeDomains } : {}),
        ...(input.when !== undefined ? { when_text: input.when } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.contact !== undefined
          ? {
              contact_name: input.contact.name,
              contact_phone: input.contact.phone,
              contact_email: input.contact.email,
            }
          : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw versionConflict();
    return toEntry(
      await selectEntries(trx, municipalityId).where('e.id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

const CSV_KINDS = new Set([
  'collective_provision',
  'neighbourhood_initiative',
  'volunteer_organisation',
  'day_activity',
  'partner_service',
]);

/** CSV with the header kind,name,offers,forWhom,neighbourhoodCode,lifeDomains,when,capacity,contactName,contactPhone,contactEmail (lifeDomains separated by |). */
export function importEntries(ctx: ServiceContext, csv: string) {
  const { municipalityId } = ctx.actor;
  const text = csv.replace(/^\uFEFF/, '');
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim());
  const missing = ['kind', 'name', 'offers'].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw invalidField(
      '(body).header',
      `misses the column(s): ${missing.join(', ')}`,
      `mist de kolom(men): ${missing.join(', ')}`,
    );
  }
  const records = parseCsvRecords(text);
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    const buurten = new Set(
      (
        await trx
          .selectFrom('neighbourhoods')
          .select('code')
          .where('municipality_id', '=', municipalityId)
          .execute()
      ).map((r) => r.code),
    );
    const existing = new Set(
      (
        await trx
          .selectFrom('social_map_entries')
          .select('name')
          .where('municipality_id', '=', municipalityId)
          .execute()
      ).map((r) => r.name.toLowerCase()),
    );
    const rejected: { line: number; reason: string; reasonNl: string }[] = [];
    let imported = 0;
    let duplicates = 0;
    for (const [i, r] of records.entries()) {
      const line = i + 2;
      const name = (r.name ?? '').trim();
      const capacity = r.capacity ? Number(r.capacity) : null;
      if (!CSV_KINDS.has(r.kind ?? ''))
        rejected.push({ line, reason: 'kind: unknown kind', reasonNl: 'kind: onbekende soort' });
      else if (!name || !(r.offers ?? '').trim())
        rejected.push({
          line,
          reason: 'name and offers are required',
          reasonNl: 'naam en aanbod zijn verplicht',
        });
      else if (r.neighbourhoodCode && !buurten.has(r.neighbourhoodCode))
        rejected.push({
          line,
          reason: 'neighbourhoodCode: unknown buurt',
          reasonNl: 'neighbourhoodCode: onbekende buurt',
        });
      else if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0))
        rejected.push({
          line,
          reason: 'capacity: not a whole number',
          reasonNl: 'capacity: geen geheel getal',
        });
      else if (existing.has(name.toLowerCase())) duplicates++;
      else {
        existing.add(name.toLowerCase());
        await trx
          .insertInto('social_map_entries')
          .values({
            municipality_id: municipalityId,
            id: newId(),
            kind: r.kind as EntryRow['kind'],
            name,
            offers: (r.offers ?? '').trim(),
            for_whom: (r.forWhom ?? '').trim(),
            neighbourhood_code: r.neighbourhoodCode || null,
            life_domains: (r.lifeDomains ?? '')
              .split('|')
              .map((d) => d.trim())
              .filter(Boolean),
            when_text: (r.when ?? '').trim(),
            capacity,
            contact_name: (r.contactName ?? '').trim(),
            contact_phone: (r.contactPhone ?? '').trim(),
            contact_email: (r.contactEmail ?? '').trim(),
            created_by: ctx.actor.staffId,
          })
          .execute();
        imported++;
      }
    }
    return { lines: records.length, imported, duplicates, rejected };
  });
}

// ---- volunteers -----------------------------------------------------------------------------

type VolunteerRow = {
  id: string;
  name: string;
  staff_id: string | null;
  skills: string[];
  neighbourhood_codes: string[];
  availability: string[];
  vog_checked_on: string | null;
  agreements: string;
  active: boolean;
  version: number;
};
const toVolunteer = (v: VolunteerRow) => ({
  id: v.id,
  name: v.name,
  staffId: v.staff_id,
  skills: v.skills,
  neighbourhoodCodes: v.neighbourhood_codes,
  availability: v.availability,
  vogCheckedOn: v.vog_checked_on,
  agreements: v.agreements,
  active: v.active,
  version: v.version,
});
const volunteerColumns = [
  'id',
  'name',
  'staff_id',
  'skills',
  'neighbourhood_codes',
  'availability',
  'vog_checked_on',
  'agreements',
  'active',
  'version',
] as const;

/** A volunteer's login must be a staff account with the volunteer role. */
async function assertVolunteerAccount(trx: Trx, municipalityId: string, staffId: string) {
  const staff = await trx
    .selectFrom('staff')
    .select('role')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (staff?.role !== 'volunteer')
    throw invalidField('staffId', 'is not a volunteer account', 'is geen vrijwilligersaccount');
}

export function listVolunteers(ctx: ServiceContext) {
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    const rows = await trx
      .selectFrom('volunteers')
      .select(volunteerColumns)
      .where('municipality_id', '=', ctx.actor.municipalityId)
      .orderBy('name')
      .execute();
    await audit(trx, ctx, { action: 'volunteer.list', objectType: 'volunteer' });
    return rows.map(toVolunteer);
  });
}

export function createVolunteer(ctx: ServiceContext, input: VolunteerInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    if (input.staffId) await assertVolunteerAccount(trx, municipalityId, input.staffId);
    const id = newId();
    await trx
      .insertInto('volunteers')
      .values({
        municipality_id: municipalityId,
        id,
        staff_id: input.staffId,
        name: input.name,
        skills: input.skills,
        neighbourhood_codes: input.neighbourhoodCodes,
        availability: input.availability,
        vog_checked_on: input.vogCheckedOn,
        agreements: input.agreements,
      })
      .execute();
    await audit(trx, ctx, { action: 'volunteer.create', objectType: 'volunteer', objectId: id });
    return toVolunteer(
      await trx
        .selectFrom('volunteers')
        .select(volunteerColumns)
        .where('municipality_id', '=', municipalityId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

export function updateVolunteer(ctx: ServiceContext, id: string, input: UpdateVolunteerInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    if (input.staffId) await assertVolunteerAccount(trx, municipalityId, input.staffId);
    const result = await trx
      .updateTable('volunteers')
      .set({
        ...(input.staffId !== undefined ? { staff_id: input.staffId } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.skills !== undefined ? { skills: input.skills } : {}),
        ...(input.neighbourhoodCodes !== undefined
          ? { neighbourhood_codes: input.neighbourhoodCodes }
          : {}),
        ...(input.availability !== undefined ? { availability: input.availability } : {}),
        ...(input.vogCheckedOn !== undefined ? { vog_checked_on: input.vogCheckedOn } : {}),
        ...(input.agreements !== undefined ? { agreements: input.agreements } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: sql`version + 1`,
      })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      const exists = await trx
        .selectFrom('volunteers')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .where('id', '=', id)
        .executeTakeFirst();
      throw exists ? versionConflict() : notFound();
    }
    await audit(trx, ctx, { action: 'volunteer.update', objectType: 'volunteer', objectId: id });
    return toVolunteer(
      await trx
        .selectFrom('volunteers')
        .select(volunteerColumns)
        .where('municipality_id', '=', municipalityId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

// ---- matching -------------------------------------------------------------------------------

async function trajectoryContext(trx: Trx, ctx: ServiceContext, trajectoryId: string) {
  const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
  const household = await trx
    .selectFrom('households')
    .select('neighbourhood_code')
    .where('municipality_id', '=', ctx.actor.municipalityId)
    .where('id', '=', trajectory.household_id)
    .executeTakeFirst();
  return { trajectory, neighbourhoodCode: household?.neighbourhood_code ?? null };
}

export function searchMatches(
  ctx: ServiceContext,
  input: { trajectoryId: string; skills: string[]; availability: string[]; requiresVog: boolean },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const { trajectory, neighbourhoodCode } = await trajectoryContext(trx, ctx, input.trajectoryId);
    const volunteers = await trx
      .selectFrom('volunteers')
      .select(volunteerColumns)
      .where('municipality_id', '=', scope.municipalityId)
      .execute();
    // Residents of the team who offer something (wederkerigheid), except this household itself.
    const offers = await trx
      .selectFrom('resident_offers as o')
      .innerJoin('residents as r', (join) =>
        join
          .onRef('r.municipality_id', '=', 'o.municipality_id')
          .onRef('r.id', '=', 'o.resident_id'),
      )
      .innerJoin('households as h', (join) =>
        join
          .onRef('h.municipality_id', '=', 'r.municipality_id')
          .onRef('h.id', '=', 'r.household_id'),
      )
      .select([
        'o.id',
        'o.skill',
        'o.availability',
        'r.given_name',
        'h.neighbourhood_code',
        'o.active',
      ])
      .where('o.municipality_id', '=', scope.municipalityId)
      .where('o.team_id', '=', trajectory.team_id)
      .where('r.household_id', '!=', trajectory.household_id)
      .execute();
    const candidates: Candidate[] = [
      ...volunteers.map((v) => ({
        id: v.id,
        kind: 'volunteer' as const,
        name: v.name,
        skills: v.skills,
        neighbourhoodCodes: v.neighbourhood_codes,
        availability: v.availability,
        vogCheckedOn: v.vog_checked_on,
        active: v.active,
      })),
      // A resident helping a neighbour needs no VOG for everyday help; the worker judges the task.
      ...offers.map((o) => ({
        id: o.id,
        kind: 'resident' as const,
        name: `${o.given_name} (inwoner)`,
        skills: [o.skill],
        neighbourhoodCodes: o.neighbourhood_code ? [o.neighbourhood_code] : [],
        availability: o.availability,
        vogCheckedOn: todayInAmsterdam(),
        active: o.active,
      })),
    ];
    await audit(trx, ctx, {
      action: 'volunteer.match',
      objectType: 'trajectory',
      objectId: input.trajectoryId,
    });
    return rankCandidates(candidates, {
      skills: input.skills,
      neighbourhoodCode,
      availability: input.availability,
      requiresVog: input.requiresVog,
      today: todayInAmsterdam(),
    });
  });
}

function selectMatches(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('volunteer_matches as m')
    .innerJoin('volunteers as v', (join) =>
      join
        .onRef('v.municipality_id', '=', 'm.municipality_id')
        .onRef('v.id', '=', 'm.volunteer_id'),
    )
    .select([
      'm.id',
      'm.trajectory_id',
      'm.volunteer_id',
      'v.name as volunteer_name',
      'm.action_id',
      'm.status',
      'm.task',
      'm.where_text',
      'm.when_text',
      'm.follow_up_on',
      'm.outcome',
    ])
    .where('m.municipality_id', '=', municipalityId);
}
type MatchRow = Awaited<ReturnType<ReturnType<typeof selectMatches>['execute']>>[number];
const toMatch = (m: MatchRow) => ({
  id: m.id,
  trajectoryId: m.trajectory_id,
  volunteerId: m.volunteer_id,
  volunteerName: m.volunteer_name,
  actionId: m.action_id,
  status: m.status,
  task: m.task,
  where: m.where_text,
  when: m.when_text,
  followUpOn: m.follow_up_on,
  outcome: m.outcome,
});

export function createMatch(
  ctx: ServiceContext,
  trajectoryId: string,
  input: {
    volunteerId: string;
    actionId?: string | undefined;
    task: string;
    where: string;
    when: string;
    followUpOn?: string | undefined;
  },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const volunteer = await trx
      .selectFrom('volunteers')
      .select(['id', 'active'])
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', input.volunteerId)
      .executeTakeFirst();
    if (!volunteer?.active)
      throw invalidField(
        'volunteerId',
        'is not an active volunteer',
        'is geen actieve vrijwilliger',
      );
    if (input.actionId) {
      const action = await trx
        .selectFrom('plan_actions')
        .select('id')
        .where('municipality_id', '=', scope.municipalityId)
        .where('trajectory_id', '=', trajectoryId)
        .where('id', '=', input.actionId)
        .executeTakeFirst();
      if (!action)
        throw invalidField(
          'actionId',
          'is not an action of this plan',
          'is geen actie van dit plan',
        );
    }
    // The volunteer learns a first name only.
    const resident = await trx
      .selectFrom('registrations as g')
      .innerJoin('residents as r', (join) =>
        join
          .onRef('r.municipality_id', '=', 'g.municipality_id')
          .onRef('r.id', '=', 'g.resident_id'),
      )
      .select('r.given_name')
      .where('g.municipality_id', '=', scope.municipalityId)
      .where('g.trajectory_id', '=', trajectoryId)
      .executeTakeFirst();
    const id = newId();
    await trx
      .insertInto('volunteer_matches')
      .values({
        municipality_id: scope.municipalityId,
        id,
        team_id: trajectory.team_id,
        trajectory_id: trajectoryId,
        action_id: input.actionId ?? null,
        volunteer_id: input.volunteerId,
        resident_first_name: resident?.given_name ?? 'de bewoner',
        task: input.task,
        where_text: input.where,
        when_text: input.when,
        follow_up_on: input.followUpOn ?? null,
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'volunteer.match',
      objectType: 'volunteer_match',
      objectId: id,
      reason: 'matched',
    });
    return toMatch(
      await selectMatches(trx, scope.municipalityId)
        .where('m.id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

export function listMatches(ctx: ServiceContext, trajectoryId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    await findTrajectoryInScope(trx, ctx, trajectoryId);
    return (
      await selectMatches(trx, scope.municipalityId)
        .where('m.trajectory_id', '=', trajectoryId)
        .orderBy('m.created_at', 'desc')
        .execute()
    ).map(toMatch);
  });
}

export function endMatch(ctx: ServiceContext, id: string, outcome: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const result = await trx
      .updateTable('volunteer_matches')
      .set({ status: 'ended', outcome, ended_at: new Date() })
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw notFound();
    await audit(trx, ctx, {
      action: 'volunteer.match',
      objectType: 'volunteer_match',
      objectId: id,
      reason: 'ended',
    });
    return toMatch(
      await selectMatches(trx, scope.municipalityId)
        .where('m.id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

/** The volunteer's own view: their active tasks with a first name, what, where and when. */
export function volunteerTasks(ctx: ServiceContext) {
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    const { rows } = await sql<{
      id: string;
      resident_first_name: string;
      task: string;
      where_text: string;
      when_text: string;
    }>`
      select * from volunteer_tasks(${ctx.actor.staffId}::uuid)`.execute(trx);
    return rows.map((r) => ({
      id: r.id,
      residentFirstName: r.resident_first_name,
      task: r.task,
      where: r.where_text,
      when: r.when_text,
    }));
  });
}

export function addOffer(
  ctx: ServiceContext,
  trajectoryId: string,
  input: { residentId: string; skill: string; availability: string[]; note: string },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const member = await trx
      .selectFrom('residents')
      .select('id')
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', input.residentId)
      .where('household_id', '=', trajectory.household_id)
      .executeTakeFirst();
    if (!member)
      throw invalidField(
        'residentId',
        'is not a member of this household',
        'is geen lid van dit huishouden',
      );
    const id = newId();
    await trx
      .insertInto('resident_offers')
      .values({
        municipality_id: scope.municipalityId,
        id,
        team_id: trajectory.team_id,
        resident_id: input.residentId,
        skill: input.skill,
        availability: input.availability,
        note: input.note,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'resident_offer.create',
      objectType: 'resident_offer',
      objectId: id,
      residentId: input.residentId,
      reason: 'offer recorded',
    });
    return {
      id,
      residentId: input.residentId,
      skill: input.skill,
      availability: input.availability,
      note: input.note,
    };
  });
}

/** What the household's members offer others (wederkerigheid), as recorded on the plan. */
export function listOffers(ctx: ServiceContext, trajectoryId: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const rows = await trx
      .selectFrom('resident_offers as o')
      .innerJoin('residents as r', (join) =>
        join
          .onRef('r.municipality_id', '=', 'o.municipality_id')
          .onRef('r.id', '=', 'o.resident_id'),
      )
      .select(['o.id', 'o.resident_id', 'o.skill', 'o.availability', 'o.note'])
      .where('o.municipality_id', '=', scope.municipalityId)
      .where('r.household_id', '=', trajectory.household_id)
      .where('o.active', '=', true)
      .orderBy('o.created_at')
      .execute();
    await audit(trx, ctx, {
      action: 'volunteer.list',
      objectType: 'resident_offer',
      objectId: trajectoryId,
      residentIds: [...new Set(rows.map((r) => r.resident_id))],
    });
    return rows.map((o) => ({
      id: o.id,
      residentId: o.resident_id,
      skill: o.skill,
      availability: o.availability,
      note: o.note,
    }));
  });
}
