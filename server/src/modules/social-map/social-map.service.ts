// The social map (maintained by the teams, searchable by life domain and buurt, importable as
// CSV), the volunteer pool, matching a plan's request to volunteers and residents' offers, and the
// volunteer's own restricted view of their tasks.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { parseCsvRecords } from '../../platform/csv.js';
import { NUL_REASON } from '../../platform/nul-characters.js';
import { issuesToInvalidParams } from '../../platform/validation.js';
import { allTeamsScope, caseScopeOf } from '../organisation/team-scope.js';
import { findTrajectoryInScope, todayInAmsterdam } from '../trajectories/trajectories.service.js';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import { rankCandidates, vogValid, type Candidate } from './matching.js';
import {
  EntryBody,
  type EntryInput,
  type UpdateEntryInput,
  type UpdateVolunteerInput,
  type VolunteerInput,
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

/** The columns an import reads; any other column is ignored. */
const CSV_READ_COLUMNS = [
  'kind',
  'name',
  'offers',
  'forWhom',
  'neighbourhoodCode',
  'lifeDomains',
  'when',
  'capacity',
  'contactName',
  'contactPhone',
  'contactEmail',
];

/** A CSV line's field as the column it came from (`contact.email` is the column contactEmail). */
const CSV_COLUMNS: Record<string, string> = {
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
};

/**
 * One CSV line checked against the entry form's own rules (EntryBody): the same kinds, life
 * domains, lengths, e-mail address and capacity as an offer added by hand, so that nothing the
 * form refuses comes in through an import, and no line can break a database check (which lost the
 * whole import with a 500). The entry, or the reasons the line is refused, in English and Dutch.
 */
function readEntryLine(
  r: Record<string, string>,
): { entry: EntryInput } | { reason: string; reasonNl: string } {
  const text = (column: string) => (r[column] ?? '').trim();
  // PostgreSQL cannot store a NUL: the line is refused, not the whole list.
  const withNul = CSV_READ_COLUMNS.find((column) => text(column).includes('\u0000'));
  if (withNul)
    return {
      reason: `${withNul}: ${NUL_REASON.reason}`,
      reasonNl: `${withNul}: ${NUL_REASON.reasonNl}`,
    };
  const capacity = text('capacity');
  const lifeDomains = [
    ...new Set(
      text('lifeDomains')
        .split('|')
        .map((d) => d.trim())
        .filter(Boolean),
    ),
  ];
  const parsed = EntryBody.safeParse({
    kind: text('kind'),
    name: text('name'),
    offers: text('offers'),
    forWhom: text('forWhom'),
    neighbourhoodCode: text('neighbourhoodCode') || null,
    lifeDomains,
    when: text('when'),
    capacity: capacity === '' ? null : Number(capacity),
    contact: {
      name: text('contactName'),
      phone: text('contactPhone'),
      email: text('contactEmail'),
    },
  });
  if (parsed.success) return { entry: parsed.data };
  const reasons = issuesToInvalidParams('body', parsed.error.issues).map((param) => {
    const [field = '', index] = param.name.split('.');
    let column = CSV_COLUMNS[param.name] ?? field;
    // Name the life domain that is not one, as it was written.
    if (field === 'lifeDomains' && index !== undefined && /^\d+$/.test(index))
      column = `lifeDomains (${lifeDomains[Number(index)] ?? ''})`;
    return { en: `${column}: ${param.reason}`, nl: `${column}: ${param.reasonNl}` };
  });
  return {
    reason: reasons.map((x) => x.en).join('; '),
    reasonNl: reasons.map((x) => x.nl).join('; '),
  };
}

/**
 * CSV with the header kind,name,offers,forWhom,neighbourhoodCode,lifeDomains,when,capacity,contactName,contactPhone,contactEmail (lifeDomains separated by |).
 * Each line is checked on its own (readEntryLine, then its buurt): a bad line is reported with its
 * number and reason, the good lines are imported.
 */
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
      const read = readEntryLine(r);
      if (!('entry' in read)) {
        rejected.push({ line, ...read });
        continue;
      }
      const { entry } = read;
      if (entry.neighbourhoodCode && !buurten.has(entry.neighbourhoodCode))
        rejected.push({
          line,
          reason: 'neighbourhoodCode: unknown buurt',
          reasonNl: 'neighbourhoodCode: onbekende buurt',
        });
      else if (existing.has(entry.name.toLowerCase())) duplicates++;
      else {
        existing.add(entry.name.toLowerCase());
        await trx
          .insertInto('social_map_entries')
          .values({
            municipality_id: municipalityId,
            id: newId(),
            kind: entry.kind,
            name: entry.name,
            offers: entry.offers,
            for_whom: entry.forWhom,
            neighbourhood_code: entry.neighbourhoodCode,
            life_domains: entry.lifeDomains,
            when_text: entry.when,
            capacity: entry.capacity,
            contact_name: entry.contact.name,
            contact_phone: entry.contact.phone,
            contact_email: entry.contact.email,
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
    if (input.active === false) await endMatchesOfInactiveVolunteer(trx, ctx, id);
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

/** The outcome of a match ended because its volunteer left the pool, as the team reads it. */
const VOLUNTEER_LEFT_OUTCOME =
  'Beëindigd: de vrijwilliger is niet meer actief (uit de vrijwilligerspool gehaald).';

/**
 * A volunteer taken out of the pool: their active matches end, in every team, so that the teams
 * see them ended (with the reason as the outcome) and the volunteer no longer sees the tasks
 * (volunteer_tasks requires an active volunteer as well). The volunteer's matches may be in any
 * team of the municipality, and the team lead or admin who changes the pool may see none of them:
 * ending them is the server's work, so it looks across the teams, as routing a signal does, and
 * the caller gets nothing of them back. Each ended match is audited with its household's members.
 */
async function endMatchesOfInactiveVolunteer(trx: Trx, ctx: ServiceContext, volunteerId: string) {
  const { municipalityId } = ctx.actor;
  await setScope(trx, await allTeamsScope(trx, municipalityId));
  const ended = await trx
    .updateTable('volunteer_matches')
    .set({ status: 'ended', outcome: VOLUNTEER_LEFT_OUTCOME, ended_at: new Date() })
    .where('municipality_id', '=', municipalityId)
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'active')
    .returning(['id', matchMemberIds('volunteer_matches').as('member_ids')])
    .execute();
  for (const match of ended)
    await audit(trx, ctx, {
      action: 'volunteer_match.end',
      objectType: 'volunteer_match',
      objectId: match.id,
      residentIds: match.member_ids,
      reason: 'ended: the volunteer left the pool',
    });
  // Back to the caller's own scope for the rest of the request.
  await setScope(trx, tenant(ctx));
}

// ---- matching -------------------------------------------------------------------------------

/**
 * The ids of the members of a match's household (`match`: the volunteer_matches table's name or
 * alias in the query), for the audit rows of the match: a match is about the household's case.
 */
function matchMemberIds(match: string) {
  const m = sql.table(match);
  return sql<string[]>`(select ${memberIdsOf('match_trajectory')} from trajectories match_trajectory
    where match_trajectory.municipality_id = ${m}.municipality_id
      and match_trajectory.id = ${m}.trajectory_id)`;
}

/**
 * The trajectory inside the caller's teams (404 otherwise, as findTrajectoryInScope), with what
 * matching needs in the same statement: the household's buurt, the ids of its members (for the
 * audit rows) and the first name a volunteer learns.
 */
async function trajectoryForMatching(trx: Trx, ctx: ServiceContext, trajectoryId: string) {
  const row = await trx
    .selectFrom('trajectories as t')
    .leftJoin('households as h', (join) =>
      join
        .onRef('h.municipality_id', '=', 't.municipality_id')
        .onRef('h.id', '=', 't.household_id'),
    )
    .select([
      't.id',
      't.team_id',
      't.household_id',
      'h.neighbourhood_code',
      memberIdsOf('t').as('member_ids'),
      // The volunteer learns a first name only: the registered resident's.
      sql<string | null>`(select r.given_name from registrations g
        join residents r on r.municipality_id = g.municipality_id and r.id = g.resident_id
        where g.municipality_id = t.municipality_id and g.trajectory_id = t.id limit 1)`.as(
        'first_name',
      ),
    ])
    .where('t.municipality_id', '=', ctx.actor.municipalityId)
    .where('t.id', '=', trajectoryId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export function searchMatches(
  ctx: ServiceContext,
  input: { trajectoryId: string; skills: string[]; availability: string[]; requiresVog: boolean },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await trajectoryForMatching(trx, ctx, input.trajectoryId);
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
        'o.resident_id',
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
    const ranked = rankCandidates(candidates, {
      skills: input.skills,
      neighbourhoodCode: trajectory.neighbourhood_code,
      availability: input.availability,
      requiresVog: input.requiresVog,
      today: todayInAmsterdam(),
    });
    // A search for this household's trajectory: in its members' access logs.
    await audit(trx, ctx, {
      action: 'volunteer.match',
      objectType: 'trajectory',
      objectId: input.trajectoryId,
      residentIds: trajectory.member_ids,
      reason: 'search',
    });
    // The residents of other households whose offers are shown (first name, skill, time, whether
    // in the buurt): each sees that their offer was shown (volunteer.list, as when their own team
    // lists their offers), without the trajectory it was shown for.
    const residentOf = new Map(offers.map((o) => [o.id, o.resident_id]));
    for (const shown of ranked.filter((c) => c.kind === 'resident'))
      await audit(trx, ctx, {
        action: 'volunteer.list',
        objectType: 'resident_offer',
        objectId: shown.id,
        residentId: residentOf.get(shown.id) ?? null,
        reason: 'shown in a volunteer search',
      });
    return ranked;
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
    requiresVog?: boolean | undefined;
  },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await trajectoryForMatching(trx, ctx, trajectoryId);
    const volunteer = await trx
      .selectFrom('volunteers')
      .select(['id', 'active', 'vog_checked_on'])
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', input.volunteerId)
      .executeTakeFirst();
    if (!volunteer?.active)
      throw invalidField(
        'volunteerId',
        'is not an active volunteer',
        'is geen actieve vrijwilliger',
      );
    // Checked again here, not only in the search: the VOG may have expired since, or the volunteer
    // was never among the candidates.
    if (input.requiresVog && !vogValid(volunteer.vog_checked_on, todayInAmsterdam()))
      throw invalidField(
        'volunteerId',
        'has no valid VOG (certificate of conduct, at most three years old), which this task requires',
        'heeft geen geldige VOG (verklaring omtrent het gedrag, hoogstens drie jaar oud), die deze taak vraagt',
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
        resident_first_name: trajectory.first_name ?? 'de bewoner',
        task: input.task,
        where_text: input.where,
        when_text: input.when,
        follow_up_on: input.followUpOn ?? null,
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'volunteer_match.create',
      objectType: 'volunteer_match',
      objectId: id,
      residentIds: trajectory.member_ids,
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
    const trajectory = await trajectoryForMatching(trx, ctx, trajectoryId);
    const rows = await selectMatches(trx, scope.municipalityId)
      .where('m.trajectory_id', '=', trajectoryId)
      .orderBy('m.created_at', 'desc')
      .execute();
    // A first name, the task and where (often the address): read for the household's case.
    await audit(trx, ctx, {
      action: 'volunteer_match.list',
      objectType: 'trajectory',
      objectId: trajectoryId,
      residentIds: trajectory.member_ids,
      reason: 'matches listed',
    });
    return rows.map(toMatch);
  });
}

export function endMatch(ctx: ServiceContext, id: string, outcome: string) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const ended = await trx
      .updateTable('volunteer_matches')
      .set({ status: 'ended', outcome, ended_at: new Date() })
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returning(matchMemberIds('volunteer_matches').as('member_ids'))
      .executeTakeFirst();
    if (!ended) throw notFound();
    await audit(trx, ctx, {
      action: 'volunteer_match.end',
      objectType: 'volunteer_match',
      objectId: id,
      residentIds: ended.member_ids,
      reason: 'ended',
    });
    return toMatch(
      await selectMatches(trx, scope.municipalityId)
        .where('m.id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

/**
 * The volunteer's own view: their active tasks with a first name, what, where and when (only while
 * the volunteer is in the pool). Each task read is audited with the residents it concerns, whose
 * ids volunteer_tasks gives for that alone: they never leave the server.
 */
export function volunteerTasks(ctx: ServiceContext) {
  return inTenant(ctx.db, tenant(ctx), async (trx) => {
    const { rows } = await sql<{
      id: string;
      resident_first_name: string;
      task: string;
      where_text: string;
      when_text: string;
      resident_ids: string[];
    }>`
      select id, resident_first_name, task, where_text, when_text, resident_ids
        from volunteer_tasks(${ctx.actor.staffId}::uuid)`.execute(trx);
    for (const r of rows)
      await audit(trx, ctx, {
        action: 'volunteer.tasks',
        objectType: 'volunteer_match',
        objectId: r.id,
        residentIds: r.resident_ids,
        reason: 'task read by the volunteer',
      });
    // The read itself is on record even when there is nothing to show.
    if (rows.length === 0)
      await audit(trx, ctx, {
        action: 'volunteer.tasks',
        objectType: 'volunteer_match',
        reason: 'tasks read by the volunteer',
      });
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
