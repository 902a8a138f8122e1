// Retention and erasure. A file is a household. It is closed when it has no trajectory that is
// not closed and no registration still waiting; its closing day is the last trajectory's closing
// day (or, without a trajectory, the last registration's day). It is a youth file when a member
// was under 18 on that day (Jeugdwet), otherwise a Wmo-type file. Retention runs from the closing
// day: per municipality 15 years (Wmo) and 20 years (youth) unless configured otherwise.
// A daily job proposes files past retention as erasure cases; an AVG art. 17 request is recorded
// the same way, with the legal exceptions noted. The privacy officer confirms (erase) or refuses.
// Erasure removes person data but keeps ids, categories, dates, counts and the audit trail, so
// the monitor's anonymous figures do not change.
import type { FastifyInstance } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Db, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound, versionConflict } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { audit, writeAudit } from '../../platform/audit.js';
import { readableDay, todayInAmsterdam } from '../../platform/dates.js';
import { requirePrivacyDuty } from './privacy.service.js';
import { privacySettingsOf, widenToMunicipality } from './alerts.service.js';
import { groupRecentHoursOfAll, groupRecentReadsOfAll } from './audit-reads.js';
import { voidUnusedInvitations } from '../portal/portal.service.js';
import { endPlacesOf } from '../groups/groups.service.js';

export interface FileStatus {
  householdId: string;
  teamId: string;
  neighbourhoodCode: string | null;
  closedOn: string | null;
  youth: boolean;
  dueOn: string | null;
  openTrajectory: boolean;
}

/** Closing day, youth and due day of households (all, or the ones named), computed in SQL. */
async function fileStatuses(
  trx: Trx,
  municipalityId: string,
  today: string,
  only: { householdIds?: string[]; pastRetention?: boolean },
): Promise<FileStatus[]> {
  const settings = await privacySettingsOf(trx, municipalityId);
  // One pass per table, grouped by household, then joined. A lookup per household instead runs
  // under row-level security, which the planner prices as a scan each time: over ten minutes
  // for a large city's 100,000 households, on every start of the server (bench/README.md,
  // session 6). Named households (a case, a request) narrow every pass.
  const onlyThese = (column: RawBuilder<unknown>) =>
    only.householdIds ? sql`and ${column} = any(${only.householdIds}::uuid[])` : sql``;
  const { rows } = await sql<{
    household_id: string;
    team_id: string;
    neighbourhood_code: string | null;
    closed_on: string | null;
    youth: boolean;
    due_on: string | null;
    open_trajectory: boolean;
  }>`
    with trajectory_days as (
      select t.household_id, bool_or(t.status <> 'closed') as open_trajectory,
        max((t.closed_at at time zone 'Europe/Amsterdam')::date) as last_closed
      from trajectories t
      where t.municipality_id = ${municipalityId} ${onlyThese(sql`t.household_id`)}
      group by t.household_id
    ),
    registration_days as (
      select g.household_id, bool_or(g.status = 'new') as waiting,
        max((coalesce(g.triaged_at, g.received_at) at time zone 'Europe/Amsterdam')::date) as last_registered
      from registrations g
      where g.municipality_id = ${municipalityId} and g.household_id is not null
        ${onlyThese(sql`g.household_id`)}
      group by g.household_id
    ),
    youngest as (
      select r.household_id, max(r.birth_date) as birth_date
      from residents r
      where r.municipality_id = ${municipalityId} and r.birth_date is not null
        ${onlyThese(sql`r.household_id`)}
      group by r.household_id
    ),
    files as (
      select h.id as household_id, h.team_id, h.neighbourhood_code,
        coalesce(t.open_trajectory, false) as open_trajectory,
        coalesce(g.waiting, false) as waiting,
        coalesce(t.last_closed, g.last_registered) as last_day,
        y.birth_date as youngest_birth_date
      from households h
      left join trajectory_days t on t.household_id = h.id
      left join registration_days g on g.household_id = h.id
      left join youngest y on y.household_id = h.id
      where h.municipality_id = ${municipalityId} and h.erased_at is null ${onlyThese(sql`h.id`)}
    ),
    classified as (
      select f.*,
        case when f.open_trajectory or f.waiting then null else f.last_day end as closed_on,
        coalesce(f.youngest_birth_date > f.last_day - interval '18 years', false) as youth
      from files f
    )
    select household_id, team_id, neighbourhood_code, closed_on::text as closed_on, youth,
      (closed_on + make_interval(years => case when youth then ${settings.youthRetentionYears}::int
                                               else ${settings.wmoRetentionYears}::int end))::date::text as due_on,
      open_trajectory
    from classified
    where (${only.pastRetention ?? false}::boolean = false
           or (closed_on is not null and closed_on + make_interval(years => case when youth
                 then ${settings.youthRetentionYears}::int else ${settings.wmoRetentionYears}::int end) <= ${today}::date))
    order by closed_on nulls last, household_id
  `.execute(trx);
  return rows.map((r) => ({
    householdId: r.household_id,
    teamId: r.team_id,
    neighbourhoodCode: r.neighbourhood_code,
    closedOn: r.closed_on,
    youth: r.youth,
    dueOn: r.due_on,
    openTrajectory: r.open_trajectory,
  }));
}

/** Files past retention, live (the privacy officer's list; the job turns them into cases). */
export function listPastRetention(ctx: ServiceContext, today = todayInAmsterdam()) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    await widenToMunicipality(trx, municipalityId);
    const files = await fileStatuses(trx, municipalityId, today, { pastRetention: true });
    await audit(trx, ctx, {
      action: 'retention.list',
      objectType: 'household',
      reason: `${files.length} past retention on ${today}`,
    });
    return files;
  });
}

/**
 * The daily job for one municipality: every file past retention without an open case gets one.
 * Returns how many were proposed. Audited as the system (no staff member).
 */
export async function proposeErasures(
  db: Db,
  municipalityId: string,
  today = todayInAmsterdam(),
): Promise<number> {
  return inTenant(db, { municipalityId, teamIds: [] }, async (trx) => {
    await widenToMunicipality(trx, municipalityId);
    const files = await fileStatuses(trx, municipalityId, today, { pastRetention: true });
    let proposed = 0;
    for (const file of files) {
      const open = await trx
        .selectFrom('erasure_cases')
        .select('id')
        .where('municipality_id', '=', municipalityId)
        .where('household_id', '=', file.householdId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (open) continue;
      await trx
        .insertInto('erasure_cases')
        .values({
          municipality_id: municipalityId,
          id: newId(),
          household_id: file.householdId,
          source: 'retention',
          youth: file.youth,
          closed_on: file.closedOn,
          due_on: file.dueOn,
          legal_exception: null,
        })
        .execute();
      proposed += 1;
    }
    if (proposed > 0) {
      await writeAudit(trx, { municipalityId, staffId: null, role: 'system' }, newId(), {
        action: 'retention.list',
        objectType: 'erasure_case',
        reason: `daily job: ${proposed} file(s) past retention proposed for erasure`,
      });
    }
    return proposed;
  });
}

/** Runs the job for every municipality (the server calls it daily). */
export async function runRetentionJob(db: Db, today = todayInAmsterdam()): Promise<number> {
  const { rows } = await sql<{ id: string }>`select privacy_municipality_ids() as id`.execute(db);
  let total = 0;
  for (const row of rows) total += await proposeErasures(db, row.id, today);
  return total;
}

/** Why erasing would conflict with the law or the work, in words for the privacy officer. */
function legalExceptions(file: FileStatus | undefined, today: string): string | null {
  if (!file) return null;
  const notes: string[] = [];
  if (file.openTrajectory || !file.closedOn) {
    notes.push(
      'Lopend traject of wachtende aanmelding: de gegevens zijn nodig voor de hulp (AVG art. 17 lid 1 sub a geldt nog niet). / Ongoing trajectory or waiting registration: the data are still needed for the support.',
    );
  }
  if (file.dueOn && file.dueOn > today) {
    notes.push(
      file.youth
        ? `Jeugddossier: wettelijke bewaartermijn (Jeugdwet art. 7.3.8) tot ${file.dueOn}; wissen op verzoek mag (art. 7.3.9) tenzij een ander er aanmerkelijk belang bij heeft. / Youth file: statutory retention until ${file.dueOn}; erasure on request is allowed unless of substantial importance to someone else.`
        : `Bewaartermijn van de gemeente loopt tot ${file.dueOn} (AVG art. 17 lid 3 sub b: wettelijke verplichting, waar die geldt). / Retention period until ${file.dueOn}.`,
    );
  }
  return notes.length > 0 ? notes.join('\n') : null;
}

/** At most this many residents answer a lookup: a name and a birth date narrow it further. */
const MAX_LOOKUP_RESULTS = 20;

/**
 * The privacy officer finds the resident an erasure request (a letter, a phone call) is about, by
 * family name (its start) and, if given, birth date, in every team: the request may concern a
 * file of any team. Erased households are left out. Each resident shown is audited, so the lookup
 * is in their access log.
 */
export function findResidentsForErasure(
  ctx: ServiceContext,
  query: { familyName: string; birthDate?: string | undefined },
) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    await widenToMunicipality(trx, municipalityId);
    // `like` with the name's start: escape the wildcards a name cannot mean.
    const prefix = `${query.familyName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let q = trx
      .selectFrom('residents as r')
      .innerJoin('households as h', (j) =>
        j.onRef('h.municipality_id', '=', 'r.municipality_id').onRef('h.id', '=', 'r.household_id'),
      )
      .innerJoin('teams as t', (j) =>
        j.onRef('t.municipality_id', '=', 'h.municipality_id').onRef('t.id', '=', 'h.team_id'),
      )
      .select([
        'r.id',
        'r.household_id',
        'r.given_name',
        'r.family_name',
        'r.birth_date',
        'h.street',
        'h.postcode',
        'h.house_number',
        'h.house_letter',
        'h.house_number_addition',
        't.name as team_name',
      ])
      .where('r.municipality_id', '=', municipalityId)
      .where(sql<boolean>`lower(r.family_name) like ${prefix}`)
      .where('h.erased_at', 'is', null);
    if (query.birthDate) q = q.where('r.birth_date', '=', query.birthDate);
    const rows = await q
      .orderBy('r.family_name')
      .orderBy('r.given_name')
      .orderBy('r.id')
      // One more than shown, to say that there are more (then a birth date narrows it).
      .limit(MAX_LOOKUP_RESULTS + 1)
      .execute();
    const more = rows.length > MAX_LOOKUP_RESULTS;
    rows.splice(MAX_LOOKUP_RESULTS);
    if (rows.length > 0) {
      // The terms may be a name: they go into the audit row, never into logs.
      await audit(trx, ctx, {
        action: 'erasure.lookup',
        objectType: 'resident',
        residentIds: rows.map((r) => r.id),
        reason: [query.familyName, query.birthDate].filter(Boolean).join(', '),
      });
    }
    const items = rows.map((r) => {
      const number = [r.house_number, r.house_letter, r.house_number_addition]
        .filter((part) => part !== null && part !== '')
        .join('');
      const place = r.street ?? r.postcode;
      return {
        id: r.id,
        householdId: r.household_id,
        givenName: r.given_name,
        familyName: r.family_name,
        birthDate: r.birth_date,
        address: place ? `${place} ${number}`.trim() : null,
        teamName: r.team_name,
      };
    });
    return { items, more };
  });
}

export function requestErasure(ctx: ServiceContext, input: { residentId: string; note: string }) {
  const { municipalityId } = ctx.actor;
  const today = todayInAmsterdam();
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    await widenToMunicipality(trx, municipalityId);
    const resident = await trx
      .selectFrom('residents')
      .select(['id', 'household_id'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', input.residentId)
      .executeTakeFirst();
    if (!resident) throw notFound();
    const [file] = await fileStatuses(trx, municipalityId, today, {
      householdIds: [resident.household_id],
    });
    if (!file) throw notFound(); // already erased
    const open = await trx
      .selectFrom('erasure_cases')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('household_id', '=', resident.household_id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw new AppError('conflict');
    const id = newId();
    await trx
      .insertInto('erasure_cases')
      .values({
        municipality_id: municipalityId,
        id,
        household_id: resident.household_id,
        resident_id: resident.id,
        source: 'request',
        youth: file.youth,
        closed_on: file.closedOn,
        due_on: file.dueOn,
        request_note: input.note.trim() || null,
        legal_exception: legalExceptions(file, today),
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'erasure.request',
      objectType: 'erasure_case',
      objectId: id,
      residentId: resident.id,
      reason: 'AVG art. 17',
    });
    return { id };
  });
}

export function listErasures(ctx: ServiceContext, status: 'open' | 'erased' | 'refused' | 'all') {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    await widenToMunicipality(trx, municipalityId);
    let q = trx
      .selectFrom('erasure_cases as c')
      .innerJoin('households as h', (j) =>
        j.onRef('h.municipality_id', '=', 'c.municipality_id').onRef('h.id', '=', 'c.household_id'),
      )
      .innerJoin('teams as t', (j) =>
        j.onRef('t.municipality_id', '=', 'h.municipality_id').onRef('t.id', '=', 'h.team_id'),
      )
      .leftJoin('neighbourhoods as n', (j) =>
        j
          .onRef('n.municipality_id', '=', 'h.municipality_id')
          .onRef('n.code', '=', 'h.neighbourhood_code'),
      )
      .select([
        'c.id',
        'c.household_id',
        'c.resident_id',
        'c.source',
        'c.status',
        'c.youth',
        'c.closed_on',
        'c.due_on',
        'c.request_note',
        'c.legal_exception',
        'c.decided_at',
        'c.decision_note',
        'c.created_at',
        'c.version',
        't.name as team_name',
        'n.name as neighbourhood_name',
      ])
      .where('c.municipality_id', '=', municipalityId);
    if (status !== 'all') q = q.where('c.status', '=', status);
    const rows = await q.orderBy('c.created_at', 'desc').limit(500).execute();
    await audit(trx, ctx, { action: 'erasure.list', objectType: 'erasure_case', reason: status });
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      residentId: r.resident_id,
      source: r.source,
      status: r.status,
      youth: r.youth,
      closedOn: r.closed_on,
      dueOn: r.due_on,
      requestNote: r.request_note,
      legalException: r.legal_exception,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      decisionNote: r.decision_note,
      createdAt: new Date(r.created_at).toISOString(),
      teamName: r.team_name,
      neighbourhoodName: r.neighbourhood_name,
      version: r.version,
    }));
  });
}

/**
 * The case, claimed for this decision: `for update` holds the row until the transaction ends, so
 * a refusal and an erasure of one case cannot both pass. The second waits for the first, then
 * reads the case as the first left it (a new version) and answers 409. Without the lock both read
 * version 1 and the erasure overwrote a refusal committed in between (review 2).
 */
async function claimOpenCase(trx: Trx, municipalityId: string, id: string, version: number) {
  const found = await trx
    .selectFrom('erasure_cases')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!found) throw notFound();
  if (found.version !== version) throw versionConflict();
  if (found.status !== 'open') {
    throw invalidField('id', 'is already decided', 'is al besloten');
  }
  return found;
}

/** Records the decision on a case claimed at `version`; anything else is a 409. */
async function decideCase(
  trx: Trx,
  municipalityId: string,
  id: string,
  version: number,
  decision: { status: 'erased' | 'refused'; decidedBy: string; note?: string },
) {
  const updated = await trx
    .updateTable('erasure_cases')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: new Date(),
      ...(decision.note === undefined ? {} : { decision_note: decision.note }),
      version: version + 1,
    })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw versionConflict();
}

export function refuseErasure(
  ctx: ServiceContext,
  id: string,
  input: { version: number; note: string },
) {
  const { municipalityId } = ctx.actor;
  const note = input.note.trim();
  if (note.length < 5) {
    throw invalidField('note', 'must give the reason', 'moet de reden geven');
  }
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const found = await claimOpenCase(trx, municipalityId, id, input.version);
    await decideCase(trx, municipalityId, id, input.version, {
      status: 'refused',
      decidedBy: ctx.actor.staffId,
      note,
    });
    await audit(trx, ctx, {
      action: 'erasure.refuse',
      objectType: 'erasure_case',
      objectId: id,
      residentId: found.resident_id,
    });
    return { id, status: 'refused' as const, version: found.version + 1 };
  });
}

export function confirmErasure(ctx: ServiceContext, id: string, input: { version: number }) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const found = await claimOpenCase(trx, municipalityId, id, input.version);
    await widenToMunicipality(trx, municipalityId);
    const [file] = await fileStatuses(trx, municipalityId, todayInAmsterdam(), {
      householdIds: [found.household_id],
    });
    if (!file) throw notFound();
    if (file.openTrajectory || !file.closedOn) {
      // The support is still going on: erasing now would make the work impossible.
      throw invalidField(
        'id',
        'the household has an ongoing trajectory or a waiting registration',
        'het huishouden heeft een lopend traject of een wachtende aanmelding',
      );
    }
    const today = todayInAmsterdam();
    await refuseWhileAnItemIsOut(trx, municipalityId, found.household_id, today);
    const residentIds = await eraseHousehold(trx, municipalityId, found.household_id);
    await endCollectiveSupport(trx, ctx, found.household_id, residentIds, today);
    await decideCase(trx, municipalityId, id, input.version, {
      status: 'erased',
      decidedBy: ctx.actor.staffId,
    });
    // The audit trail stays: it records that the data were erased, for each former resident.
    await audit(trx, ctx, {
      action: 'erasure.erase',
      objectType: 'household',
      objectId: found.household_id,
      residentIds,
      reason: found.source === 'request' ? 'AVG art. 17 request' : 'retention period passed',
    });
    return { id, status: 'erased' as const, version: found.version + 1 };
  });
}

/**
 * An item of the pool that a member has now (the loan started, it is not back) stops the erasure
 * (409, naming the item): erased, the loan would say "Gewist", and the team would no longer know
 * whom to ask for its scooter. The team records the return first; then the officer erases (AVG
 * art. 17 lid 3 sub e: until then the data are needed to get the item back). A reservation that
 * has not started does not stop it: it is cancelled with the erasure (endCollectiveSupport).
 */
async function refuseWhileAnItemIsOut(trx: Trx, m: string, h: string, today: string) {
  const out = await trx
    .selectFrom('item_loans as l')
    .innerJoin('shared_items as i', (join) =>
      join.onRef('i.municipality_id', '=', 'l.municipality_id').onRef('i.id', '=', 'l.item_id'),
    )
    .innerJoin('residents as r', (join) =>
      join.onRef('r.municipality_id', '=', 'l.municipality_id').onRef('r.id', '=', 'l.resident_id'),
    )
    .select(['i.name', 'l.from_date'])
    .where('l.municipality_id', '=', m)
    .where('r.household_id', '=', h)
    .where('l.returned_on', 'is', null)
    .where('l.cancelled_on', 'is', null)
    .where('l.from_date', '<=', today)
    .orderBy('l.from_date')
    .execute();
  if (out.length === 0) return;
  const items = (language: 'nl' | 'en') =>
    out
      .map(
        (l) =>
          `${l.name} (${language === 'nl' ? 'sinds' : 'since'} ${readableDay(l.from_date)[language]})`,
      )
      .join(', ');
  throw new AppError('conflict', {
    detail: {
      en: `The household still has an item of the item pool: ${items('en')}. Ask the team to record that it came back first; then the household can be erased.`,
      nl: `Het huishouden heeft nog een item van de uitleenpool: ${items('nl')}. Vraag het team eerst vast te leggen dat het terug is; daarna kan het huishouden worden gewist.`,
    },
  });
}

/**
 * What the household still had of the team's collective support ends with the erasure, or it
 * would stay, shown as "Gewist": a place or waiting place in a group (as when they leave: a free
 * place of a running group goes to the first who waits), a volunteer match (the volunteer would
 * still see the task), and a reservation of the item pool that has not started (cancelled today,
 * so its days are free). The erasure's own audit row names the household's members; a place
 * handed to someone else is audited as their sign-up.
 */
async function endCollectiveSupport(
  trx: Trx,
  ctx: ServiceContext,
  h: string,
  ids: string[],
  today: string,
): Promise<void> {
  const m = ctx.actor.municipalityId;
  await endPlacesOf(trx, ctx, ids);
  await sql`update volunteer_matches set status = 'ended', ended_at = now()
    where municipality_id = ${m} and status = 'active'
      and trajectory_id in (select id from trajectories where municipality_id = ${m} and household_id = ${h})`.execute(
    trx,
  );
  await sql`update item_loans set cancelled_on = ${today}::date
    where municipality_id = ${m} and resident_id = any(${ids}::uuid[])
      and returned_on is null and cancelled_on is null and from_date > ${today}::date`.execute(trx);
}

const ERASED = 'Gewist';

/**
 * Removes the person data of one household in place. Kept: ids, team, buurt, categories, dates,
 * amounts, scores, minutes, the number of members, and the audit trail's rows (action, who, when).
 * Removed: names, BSN hash, address, contact details, every free text, the network, the link of
 * measurements to the person, the portal's way in. The birth date is replaced by one that keeps
 * the age in whole years at the first registration (the monitor's age groups).
 *
 * Every text, jsonb and array column of the schema is decided on in erasure-texts.test.ts, which
 * plants the family name in each free text, erases, and scans every column of every table for it
 * (it lists the columns that hold no words, and why). A column that may hold words about the
 * person is emptied: to null where it may be null, else to "Gewist" (a list still shows that
 * there was something) or '' where that is the column's empty value, and arrays to empty.
 */
export async function eraseHousehold(
  trx: Trx,
  municipalityId: string,
  householdId: string,
): Promise<string[]> {
  const ids = await eraseResidentsAndAddress(trx, municipalityId, householdId);
  await eraseCaseTexts(trx, municipalityId, householdId, ids);
  if (ids.length > 0) {
    await erasePersonalItems(trx, municipalityId, ids);
    await closePortal(trx, municipalityId, ids);
  }
  await eraseDecisionTexts(trx, municipalityId, householdId);
  // Last: the function checks that the household is erased (erased_at, set above). It runs as the
  // owner because the trail is append-only for the app role (migration 20261125T1030).
  await sql`select erase_trail_texts(${householdId}::uuid)`.execute(trx);
  return ids;
}

/** Names, BSN, contact details, birth date (to the age), address. Answers the residents' ids. */
async function eraseResidentsAndAddress(trx: Trx, m: string, h: string): Promise<string[]> {
  const residents = await sql<{ id: string }>`
    update residents r set
      given_name = ${ERASED}, family_name = ${ERASED}, bsn_hash = null, bsn_masked = null,
      phone = null, email = null,
      birth_date = (
        select case when r.birth_date is null then null else
          (first_day - make_interval(years => extract(year from age(first_day, r.birth_date))::int))::date end
        from (select min((g.received_at at time zone 'Europe/Amsterdam')::date) as first_day
              from registrations g where g.municipality_id = r.municipality_id and g.resident_id = r.id) x
      ),
      version = version + 1, updated_at = now()
    where r.municipality_id = ${m} and r.household_id = ${h}
    returning r.id`.execute(trx);
  await sql`update households set postcode = null, house_number = null, house_letter = null,
      house_number_addition = null, street = null, city = null, erased_at = now(),
      version = version + 1, updated_at = now()
    where municipality_id = ${m} and id = ${h}`.execute(trx);
  return residents.rows.map((r) => r.id);
}

/** The file's own texts: registrations, trajectories and everything under them. */
async function eraseCaseTexts(trx: Trx, m: string, h: string, ids: string[]): Promise<void> {
  const trajectoriesOf = sql`(select id from trajectories where municipality_id = ${m} and household_id = ${h})`;
  // A registration by household, and one that names a member (also of before a move).
  await sql`update registrations set question = ${ERASED}, triage_note = null, triage_reason = null,
      referred_to = null
    where municipality_id = ${m} and (household_id = ${h} or resident_id = any(${ids}::uuid[]))`.execute(
    trx,
  );
  // That a reason for no closing measurement was given stays (its words go): the due list and the
  // monitor's repeated-ZRM share count the closures without one (assessments/repeat-due.ts).
  await sql`update trajectories set close_reason = null,
      no_closing_measurement_reason = case when no_closing_measurement_reason is null then null
        else ${ERASED} end
    where municipality_id = ${m} and household_id = ${h}`.execute(trx);
  // The history keeps what changed and when; the words a worker wrote with it (a closing reason,
  // why the status changed) go. The system's own reason (note_code) is a code, no words.
  await sql`update trajectory_events set note = null
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf} and note is not null`.execute(
    trx,
  );
  await sql`update plan_versions set plan = '{}'::jsonb, changes = '[]'::jsonb, agreement_note = null
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`update plan_actions set description = ${ERASED}, owner_name = ${ERASED}
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`delete from network_members where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(
    trx,
  );
  await sql`update contacts set note = ${ERASED}
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`update case_conferences set participants = '[]'::jsonb, question = ${ERASED},
      advice = ${ERASED}, decisions = ${ERASED}
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  // The kind, the organisation, the status and the consent's date and scope stay (figures); to
  // whom in words may name a person.
  await sql`update referrals set note = null, shared = null, answer = null, referred_to = ${ERASED}
    where municipality_id = ${m} and household_id = ${h}`.execute(trx);
  // The partner's reference identifies the person at the partner (a tenant or customer number);
  // it is part of the duplicate key, so each gets a unique stand-in. The address stays for the
  // monitor's signal figures (docs/privacy.md).
  await sql`update signals set family_name = null, note = null, reference = 'gewist-' || id
    where municipality_id = ${m} and household_id = ${h}`.execute(trx);
  await sql`update assessments set resident_id = null
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`update work_budget_requests set purpose = ${ERASED}, justification = ${ERASED},
      alternatives_tried = ${ERASED}, plan_goal = null, decision_note = null, vat_note = null,
      payee = null, payment_reference = null
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  // The return's category and amounts stay (the budget's evaluation); its words go.
  await sql`update work_budget_returns set social = ${ERASED},
      financial_kind = case when financial_kind is null then null else ${ERASED} end
    where municipality_id = ${m} and request_id in (
      select id from work_budget_requests
      where municipality_id = ${m} and trajectory_id in ${trajectoriesOf})`.execute(trx);
  await sql`update resident_messages set text = ''
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`update volunteer_matches set resident_first_name = ${ERASED}, task = ${ERASED},
      where_text = ${ERASED}, when_text = ${ERASED}, outcome = null
    where municipality_id = ${m} and trajectory_id in ${trajectoriesOf}`.execute(trx);
  await sql`update item_loans set note = ''
    where municipality_id = ${m}
      and (trajectory_id in ${trajectoriesOf} or resident_id = any(${ids}::uuid[]))`.execute(trx);
}

/** What a member offers the neighbourhood: the offer's words and when they are available. */
async function erasePersonalItems(trx: Trx, m: string, ids: string[]): Promise<void> {
  await sql`update resident_offers set note = '', skill = ${ERASED}, availability = '{}', active = false
    where municipality_id = ${m} and resident_id = any(${ids}::uuid[])`.execute(trx);
}

/**
 * The portal: the account is turned off (its login name and password hash replaced), sessions,
 * sign-in steps and the extra code's secret deleted, and every unused invitation code voided, so
 * that a code handed out before cannot open the erased person's portal (review 2). Activation
 * and invitation also refuse an erased household (portal.service.ts).
 */
async function closePortal(trx: Trx, m: string, ids: string[]): Promise<void> {
  await sql`update resident_accounts set active = false, login_name = 'gewist-' || resident_id,
      password_hash = ''
    where municipality_id = ${m} and resident_id = any(${ids}::uuid[])`.execute(trx);
  await sql`delete from resident_sessions where municipality_id = ${m} and resident_id = any(${ids}::uuid[])`.execute(
    trx,
  );
  await sql`delete from resident_second_factors
    where municipality_id = ${m} and resident_id = any(${ids}::uuid[])`.execute(trx);
  await sql`delete from sign_in_challenges
    where municipality_id = ${m} and subject_kind = 'resident' and subject_id = any(${ids}::uuid[])`.execute(
    trx,
  );
  for (const residentId of ids) await voidUnusedInvitations(trx, m, residentId);
}

/**
 * The erasure cases of the household keep their source, status, dates and who decided; the words
 * of a request (often the letter's sender by name) and of a decision go. The legal exception is
 * the system's own text (periods and dates) and stays.
 */
async function eraseDecisionTexts(trx: Trx, m: string, h: string): Promise<void> {
  await sql`update erasure_cases set
      request_note = case when request_note is null then null else ${ERASED} end,
      decision_note = case when decision_note is null then null else ${ERASED} end
    where municipality_id = ${m} and household_id = ${h}`.execute(trx);
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The daily jobs, first a minute after start-up, then every 24 hours (not in tests): retention,
 * and grouping the audit trail's recent closed days for the privacy officer's alerts. And an
 * hourly one: grouping the closed hours of the days still open, for the same alerts. Several app
 * instances may run them at once: each day and hour is claimed by one (audit-reads.ts).
 */
export function scheduleRetentionJob(app: FastifyInstance, db: Db): void {
  let first: NodeJS.Timeout | null = null;
  let daily: NodeJS.Timeout | null = null;
  let hourly: NodeJS.Timeout | null = null;
  const run = () => {
    runRetentionJob(db).then(
      (proposed) => app.log.info({ proposed }, 'retention job done'),
      (error: unknown) => app.log.error({ err: error }, 'retention job failed'),
    );
    groupRecentReadsOfAll(db).then(
      (days) => app.log.info({ days }, 'audit reads grouped'),
      (error: unknown) => app.log.error({ err: error }, 'grouping audit reads failed'),
    );
  };
  const runHourly = () => {
    groupRecentHoursOfAll(db).then(
      (hours) => app.log.info({ hours }, 'audit reads of closed hours grouped'),
      (error: unknown) => app.log.error({ err: error }, 'grouping audit reads of hours failed'),
    );
  };
  app.addHook('onReady', async () => {
    first = setTimeout(run, 60_000);
    daily = setInterval(run, DAY_MS);
    hourly = setInterval(runHourly, HOUR_MS);
    first.unref();
    daily.unref();
    hourly.unref();
  });
  app.addHook('onClose', async () => {
    if (first) clearTimeout(first);
    if (daily) clearInterval(daily);
    if (hourly) clearInterval(hourly);
  });
}
