// Measurements: the ZRM at the start, after three months and at closure (and in between), and
// Positieve Gezondheid where the team uses it; the worker's due list; progress per person
// measured; and the aggregated, person-free analysis per domain with a paired test.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound, type InvalidParam } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { amsterdamDate, readableDay } from '../../platform/dates.js';
import { dueForRepeatBy, threeMonthDay } from './repeat-due.js';
import { readPartsInOneStatement, type ReadContext } from '../../platform/read-in-one-statement.js';
import { newId } from '../../platform/ids.js';
import { caseScopeOf } from '../organisation/team-scope.js';
import { teams } from '../organisation/organisation.repository.js';
import { findTrajectoryInScope, todayInAmsterdam } from '../trajectories/trajectories.service.js';
import { memberIdsOf } from '../trajectories/trajectories.repository.js';
import type { AssessmentMoment, InstrumentKey } from '../../db/schema.js';
import { INSTRUMENTS, isZrm, sharedDomains, ZRM_INSTRUMENTS } from './instruments.js';
import { wilcoxonSignedRank } from './wilcoxon.js';
import { zrmPairScores } from './zrm-pairs.js';
import type { AssessmentInput } from './assessments.schemas.js';

// ---- settings and instruments ----------------------------------------------------------------

async function settingsOf(trx: Trx, municipalityId: string) {
  const row = await trx
    .selectFrom('municipality_settings')
    .select(['zrm_instrument', 'positive_health_enabled'])
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
  return {
    zrmInstrument: row?.zrm_instrument ?? ('zrm-2017' as const),
    positiveHealthEnabled: row?.positive_health_enabled ?? false,
  };
}

export function getInstrumentSettings(ctx: ServiceContext) {
  return inTenant(ctx.db, { municipalityId: ctx.actor.municipalityId, teamIds: [] }, (trx) =>
    settingsOf(trx, ctx.actor.municipalityId),
  );
}

export function updateInstrumentSettings(
  ctx: ServiceContext,
  input: { zrmInstrument: 'zrm-2013' | 'zrm-2017'; positiveHealthEnabled: boolean },
) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    // Earlier measurements keep their own instrument: a switch never rewrites them.
    await trx
      .insertInto('municipality_settings')
      .values({
        municipality_id: municipalityId,
        zrm_instrument: input.zrmInstrument,
        positive_health_enabled: input.positiveHealthEnabled,
      })
      .onConflict((oc) =>
        oc.column('municipality_id').doUpdateSet({
          zrm_instrument: input.zrmInstrument,
          positive_health_enabled: input.positiveHealthEnabled,
          version: sql`municipality_settings.version + 1`,
          updated_at: new Date(),
        }),
      )
      .execute();
    return settingsOf(trx, municipalityId);
  });
}

export function listInstruments(ctx: ServiceContext) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const settings = await settingsOf(trx, municipalityId);
    const texts = await trx
      .selectFrom('instrument_texts')
      .select(['instrument', 'definition'])
      .where('municipality_id', '=', municipalityId)
      .execute();
    return Object.values(INSTRUMENTS).map((instrument) => {
      const loaded = texts.find((t) => t.instrument === instrument.key)?.definition as
        { levels: Record<string, Record<string, string>> } | undefined;
      return {
        ...instrument,
        domains: instrument.domains.map((domain) => ({
          ...domain,
          levelTexts: loaded?.levels[domain.key] ?? null,
        })),
        inUse:
          instrument.key === settings.zrmInstrument ||
          (instrument.key === 'positive-health' && settings.positiveHealthEnabled),
      };
    });
  });
}

export function loadInstrumentTexts(
  ctx: ServiceContext,
  key: InstrumentKey,
  levels: Record<string, Record<string, string>>,
) {
  const instrument = INSTRUMENTS[key];
  const domains = new Set(instrument.domains.map((d) => d.key));
  const problems: InvalidParam[] = [];
  for (const [domain, byLevel] of Object.entries(levels)) {
    if (!domains.has(domain)) {
      problems.push({
        name: `levels.${domain}`,
        reason: `is not a domain of ${key}`,
        reasonNl: `is geen domein van ${key}`,
      });
      continue;
    }
    for (const level of Object.keys(byLevel)) {
      const value = Number(level);
      if (value < instrument.scale.min || value > instrument.scale.max) {
        problems.push({
          name: `levels.${domain}.${level}`,
          reason: 'is not a level of the scale',
          reasonNl: 'is geen niveau van de schaal',
        });
      }
    }
  }
  if (problems.length > 0) throw new AppError('validation_failed', { invalidParams: problems });
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, { municipalityId, teamIds: [] }, async (trx) => {
    const definition = JSON.stringify({ levels });
    await trx
      .insertInto('instrument_texts')
      .values({
        municipality_id: municipalityId,
        instrument: key,
        definition,
        loaded_by: ctx.actor.staffId,
      })
      .onConflict((oc) =>
        oc
          .columns(['municipality_id', 'instrument'])
          .doUpdateSet({ definition, loaded_by: ctx.actor.staffId, loaded_at: new Date() }),
      )
      .execute();
    return { instrument: key, domains: Object.keys(levels).length };
  });
}

// ---- recording ------------------------------------------------------------------------------

function validateScores(key: InstrumentKey, scores: Record<string, number | null>): InvalidParam[] {
  const instrument = INSTRUMENTS[key];
  const domains = new Set(instrument.domains.map((d) => d.key));
  const problems: InvalidParam[] = [];
  for (const [domain, score] of Object.entries(scores)) {
    const name = `scores.${domain}`;
    if (!domains.has(domain)) {
      problems.push({
        name,
        reason: `is not a domain of ${key}`,
        reasonNl: `is geen domein van ${key}`,
      });
    } else if (score !== null) {
      const { min, max } = instrument.scale;
      if (score < min || score > max) {
        problems.push({
          name,
          reason: `must be from ${min} to ${max}`,
          reasonNl: `moet van ${min} tot en met ${max} zijn`,
        });
      } else if (isZrm(key) && !Number.isInteger(score)) {
        problems.push({
          name,
          reason: 'must be a whole number (no half scores)',
          reasonNl: 'moet een heel getal zijn (geen halve scores)',
        });
      } else if (!isZrm(key) && Math.round(score * 10) !== score * 10) {
        problems.push({
          name,
          reason: 'has at most one decimal',
          reasonNl: 'heeft hoogstens één decimaal',
        });
      }
    }
  }
  if (Object.values(scores).every((s) => s === null)) {
    problems.push({
      name: 'scores',
      reason: 'needs at least one scored domain',
      reasonNl: 'moet minstens één gescoord domein bevatten',
    });
  }
  return problems;
}

export function recordAssessment(
  ctx: ServiceContext,
  trajectoryId: string,
  input: AssessmentInput,
) {
  const scope = caseScopeOf(ctx.actor);
  const problems = validateScores(input.instrument, input.scores);
  if (input.takenAt > todayInAmsterdam()) {
    problems.push({
      name: 'takenAt',
      reason: 'must not be in the future',
      reasonNl: 'mag niet in de toekomst liggen',
    });
  }
  if (problems.length > 0) throw new AppError('validation_failed', { invalidParams: problems });
  return inTenant(ctx.db, scope, async (trx) => {
    const trajectory = await findTrajectoryInScope(trx, ctx, trajectoryId);
    const settings = await settingsOf(trx, scope.municipalityId);
    if (isZrm(input.instrument) && input.instrument !== settings.zrmInstrument) {
      throw invalidField(
        'instrument',
        `this municipality uses ${settings.zrmInstrument}`,
        `deze gemeente gebruikt ${settings.zrmInstrument}`,
      );
    }
    if (input.instrument === 'positive-health' && !settings.positiveHealthEnabled) {
      throw invalidField(
        'instrument',
        'Positieve Gezondheid is not in use here',
        'Positieve Gezondheid wordt hier niet gebruikt',
      );
    }
    // The opening day as the team knows it, in Amsterdam: a trajectory opened at 00:30 on the 1st
    // was opened on the 1st, though it is still the 28th or 31st in UTC.
    const opened = amsterdamDate(new Date(trajectory.opened_at));
    if (input.takenAt < opened) {
      throw invalidField(
        'takenAt',
        'must not be before the trajectory opened',
        'mag niet vóór de start van het traject liggen',
      );
    }
    let residentId = input.residentId ?? null;
    if (residentId) {
      const member = await trx
        .selectFrom('residents')
        .select('id')
        .where('municipality_id', '=', scope.municipalityId)
        .where('id', '=', residentId)
        .where('household_id', '=', trajectory.household_id)
        .executeTakeFirst();
      if (!member)
        throw invalidField(
          'residentId',
          'is not a member of this household',
          'is geen lid van dit huishouden',
        );
    } else {
      // The registered resident; read_assessments (migration 20261125T1500) tells the scoring
      // form the same one as registered_resident_id, so a change here changes there too.
      const registration = await trx
        .selectFrom('registrations')
        .select('resident_id')
        .where('municipality_id', '=', scope.municipalityId)
        .where('trajectory_id', '=', trajectoryId)
        .where('resident_id', 'is not', null)
        .orderBy('received_at')
        .executeTakeFirst();
      residentId = registration?.resident_id ?? null;
    }
    await checkMomentDate(trx, scope.municipalityId, trajectory, { ...input, residentId });
    if (input.moment !== 'interim') {
      const existing = await trx
        .selectFrom('assessments')
        .select('id')
        .where('municipality_id', '=', scope.municipalityId)
        .where('trajectory_id', '=', trajectoryId)
        .where('instrument', '=', input.instrument)
        .where('moment', '=', input.moment)
        .where(
          sql<boolean>`coalesce(resident_id, '00000000-0000-0000-0000-000000000000') = ${residentId ?? '00000000-0000-0000-0000-000000000000'}::uuid`,
        )
        .executeTakeFirst();
      if (existing) {
        throw new AppError('conflict', {
          invalidParams: [
            {
              name: 'moment',
              reason: 'this moment was already measured',
              reasonNl: 'dit moment is al gemeten',
            },
          ],
        });
      }
    }
    const id = newId();
    await trx
      .insertInto('assessments')
      .values({
        municipality_id: scope.municipalityId,
        id,
        team_id: trajectory.team_id,
        trajectory_id: trajectoryId,
        resident_id: residentId,
        instrument: input.instrument,
        moment: input.moment,
        taken_on: input.takenAt,
        created_by: ctx.actor.staffId,
      })
      .execute();
    const domains = INSTRUMENTS[input.instrument].domains.map((d) => d.key);
    await trx
      .insertInto('assessment_scores')
      .values(
        domains.map((domain) => ({
          municipality_id: scope.municipalityId,
          team_id: trajectory.team_id,
          assessment_id: id,
          domain,
          score: input.scores[domain] ?? null,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      action: 'assessment.create',
      objectType: 'assessment',
      objectId: id,
      residentId,
      reason: `${input.instrument} ${input.moment}`,
    });
    return {
      id,
      trajectoryId,
      residentId,
      instrument: input.instrument,
      moment: input.moment,
      takenAt: input.takenAt,
      scores: Object.fromEntries(domains.map((k) => [k, input.scores[k] ?? null])),
    };
  });
}

// ZRM versions are one series: a person first measured on the 2013 matrix and later on the 2017
// one is compared on the domains both versions share (sharedDomains); the others show no change
// rather than an invented one.
const SERIES: { instruments: readonly InstrumentKey[]; zrm: boolean }[] = [
  { instruments: ZRM_INSTRUMENTS, zrm: true },
  { instruments: ['positive-health'], zrm: false },
];

/** The instruments measured as one series: the ZRM versions, or Positieve Gezondheid. */
function seriesOf(instrument: InstrumentKey): readonly InstrumentKey[] {
  return SERIES.find((series) => series.instruments.includes(instrument))?.instruments ?? [];
}

/**
 * Refuses a measurement dated out of its moment's order (400 on takenAt), for the person measured
 * (or the household as a whole) in the instrument's series, as the analysis pairs them
 * (zrm-pairs.ts):
 * - after three months: not before the trajectory's three-month day, the day the due list starts
 *   asking for it (repeat-due.ts); seed 003: "na drie maanden";
 * - after three months or at closure: not before that person's start measurement;
 * - the start: not after that person's measurement after three months or at closure.
 */
async function checkMomentDate(
  trx: Trx,
  municipalityId: string,
  trajectory: { id: string; opened_at: Date | string },
  input: Omit<AssessmentInput, 'residentId'> & { residentId: string | null },
): Promise<void> {
  if (input.moment === 'interim') return;
  if (input.moment === 'three_months') {
    const { rows } = await sql<{ day: string }>`
      select ${threeMonthDay(sql`${new Date(trajectory.opened_at)}::timestamptz`)}::text as day`.execute(
      trx,
    );
    const day = rows[0]?.day ?? '';
    if (input.takenAt < day) {
      const readable = readableDay(day);
      throw invalidField(
        'takenAt',
        `a measurement after three months can be recorded from ${readable.en}, three months after the trajectory opened`,
        `een meting na drie maanden kan vanaf ${readable.nl} worden vastgelegd, drie maanden na de start van het traject`,
      );
    }
  }
  const others = await trx
    .selectFrom('assessments')
    .select(['moment', 'taken_on'])
    .where('municipality_id', '=', municipalityId)
    .where('trajectory_id', '=', trajectory.id)
    .where('instrument', 'in', seriesOf(input.instrument))
    .where('moment', 'in', ['start', 'three_months', 'closure'])
    .where(
      input.residentId === null
        ? sql<boolean>`resident_id is null`
        : sql<boolean>`resident_id = ${input.residentId}::uuid`,
    )
    .orderBy('taken_on')
    .execute();
  const whose = input.residentId === null ? 'household' : 'person';
  if (input.moment === 'start') {
    const later = others.find((other) => other.moment !== 'start');
    if (later && input.takenAt > later.taken_on) {
      const readable = readableDay(later.taken_on);
      throw invalidField(
        'takenAt',
        whose === 'household'
          ? `must not be after the household's later measurement of ${readable.en}`
          : `must not be after this person's later measurement of ${readable.en}`,
        whose === 'household'
          ? `mag niet na de latere meting van het huishouden (${readable.nl}) liggen`
          : `mag niet na de latere meting van deze persoon (${readable.nl}) liggen`,
      );
    }
    return;
  }
  const start = others.find((other) => other.moment === 'start');
  if (start && input.takenAt < start.taken_on) {
    const readable = readableDay(start.taken_on);
    throw invalidField(
      'takenAt',
      whose === 'household'
        ? `must not be before the household's start measurement of ${readable.en}`
        : `must not be before this person's start measurement of ${readable.en}`,
      whose === 'household'
        ? `mag niet vóór de startmeting van het huishouden (${readable.nl}) liggen`
        : `mag niet vóór de startmeting van deze persoon (${readable.nl}) liggen`,
    );
  }
}

const MOMENT_ORDER: Record<AssessmentMoment, number> = {
  start: 0,
  interim: 1,
  three_months: 2,
  closure: 3,
};

function direction(change: number | null, zrm: boolean) {
  if (change === null) return null;
  const threshold = zrm ? 0 : 0.5; // Positieve Gezondheid: half a point either way is "stable".
  return change > threshold
    ? ('improved' as const)
    : change < -threshold
      ? ('declined' as const)
      : ('stable' as const);
}

/**
 * A trajectory's measurements and the change per domain (for the team and for the resident), or
 * null when the caller cannot see the trajectory. The trajectory is looked up (under row-level
 * security) in the same statement as its measurements: one round trip for opening the tab.
 */
export async function loadAssessments(
  trx: Trx,
  municipalityId: string,
  trajectoryId: string,
  /** Which measurements to keep, by whom they measured (null: the household as a whole). */
  shown: (residentId: string | null) => boolean = () => true,
) {
  const found = await loadScoreRows(trx, municipalityId, trajectoryId);
  // No row: no such trajectory in scope. One row without a measurement: none taken yet.
  if (found.length === 0) return null;
  return assessmentsOf(
    trajectoryId,
    found.filter((row) => row.id === null || shown(row.resident_id)),
  );
}

/** One row per score, as loadAssessments and read_assessments read them. */
type ScoreRow = Awaited<ReturnType<typeof loadScoreRows>>[number];
function loadScoreRows(trx: Trx, municipalityId: string, trajectoryId: string) {
  return trx
    .selectFrom('trajectories as t')
    .leftJoin('assessments as a', (join) =>
      join
        .onRef('a.municipality_id', '=', 't.municipality_id')
        .onRef('a.trajectory_id', '=', 't.id'),
    )
    .leftJoin('assessment_scores as s', (join) =>
      join
        .onRef('s.municipality_id', '=', 'a.municipality_id')
        .onRef('s.assessment_id', '=', 'a.id'),
    )
    .leftJoin('residents as r', (join) =>
      join.onRef('r.municipality_id', '=', 'a.municipality_id').onRef('r.id', '=', 'a.resident_id'),
    )
    .select([
      'a.id',
      'a.resident_id',
      sql<string | null>`r.given_name || ' ' || r.family_name`.as('resident_name'),
      'a.instrument',
      'a.moment',
      'a.taken_on',
      's.domain',
      's.score',
    ])
    .where('t.municipality_id', '=', municipalityId)
    .where('t.id', '=', trajectoryId)
    .orderBy('a.taken_on')
    .execute();
}

/** A measurement as the tab shows it: with the name of the member measured. */
interface MeasuredItem {
  id: string;
  trajectoryId: string;
  residentId: string | null;
  /** The member's name; null for the household as a whole (or a name out of view). */
  residentName: string | null;
  instrument: InstrumentKey;
  moment: AssessmentMoment;
  takenAt: string;
  scores: Record<string, number | null>;
}

/** The measurements and the change per domain, from the score rows of a trajectory in scope. */
function assessmentsOf(trajectoryId: string, found: readonly ScoreRow[]) {
  const rows = found.flatMap(({ id, instrument, moment, taken_on, domain, ...rest }) =>
    id !== null && instrument !== null && moment !== null && taken_on !== null && domain !== null
      ? [{ ...rest, id, instrument, moment, taken_on, domain }]
      : [],
  );
  const byId = new Map<string, MeasuredItem>();
  for (const r of rows) {
    const item = byId.get(r.id) ?? {
      id: r.id,
      trajectoryId,
      residentId: r.resident_id,
      residentName: r.resident_name ?? null,
      instrument: r.instrument,
      moment: r.moment,
      takenAt: r.taken_on,
      scores: {},
    };
    item.scores[r.domain] = r.score;
    byId.set(r.id, item);
  }
  const items = [...byId.values()].sort(
    (a, b) => a.takenAt.localeCompare(b.takenAt) || MOMENT_ORDER[a.moment] - MOMENT_ORDER[b.moment],
  );
  return { items, progress: progressPerPerson(items) };
}

/**
 * Per member measured (in the order of their first measurement) and per series, the member's
 * first measurement against their latest, per domain. A change is a difference between two scores
 * of the same person (ZRM manual), so one member's start is never compared with another's; a
 * measurement of the household as a whole (no member) is compared with the household's own, as
 * the aggregate analysis pairs them (zrm-pairs.ts).
 */
function progressPerPerson(items: readonly MeasuredItem[]) {
  const people = [...new Map(items.map((item) => [item.residentId, item.residentName])).entries()];
  return people.flatMap(([residentId, residentName]) =>
    SERIES.flatMap(({ instruments, zrm }) => {
      const of = items.filter(
        (item) => item.residentId === residentId && instruments.includes(item.instrument),
      );
      const first = of[0];
      const last = of.at(-1);
      if (!first || !last || first === last) return [];
      return [{ residentId, residentName, ...changeBetween(first, last, zrm) }];
    }),
  );
}

/** The change per domain from `first` to `last`, two measurements of one person in one series. */
function changeBetween(first: MeasuredItem, last: MeasuredItem, zrm: boolean) {
  const comparable = new Set(sharedDomains(last.instrument, first.instrument));
  return {
    instrument: last.instrument,
    fromInstrument: first.instrument,
    fromMoment: first.moment,
    toMoment: last.moment,
    domains: INSTRUMENTS[last.instrument].domains.map(({ key: domain }) => {
      const a = comparable.has(domain) ? (first.scores[domain] ?? null) : null;
      const b = last.scores[domain] ?? null;
      const change = a !== null && b !== null ? Math.round((b - a) * 10) / 10 : null;
      return { domain, first: a, last: b, change, direction: direction(change, zrm) };
    }),
  };
}

/** What read_assessments answers beside the rows (migration 20261125T1500). */
interface TrajectoryMomentsJson {
  three_month_day: string;
  registered_resident_id: string | null;
}

/**
 * The measurements tab of a trajectory. Opened with every trajectory, so it is read in one
 * statement with its session check and audit rows (read_assessments, migration 20261124T1200;
 * ADR 0005). The same rows as loadAssessments, which the resident's portal reads in its own
 * transaction; the audit rows are those that read wrote: 'assessment.list', one per resident
 * measured. With them the scoring form's facts, as recordAssessment applies them: the
 * three-month day (threeMonthDay, checkMomentDate) and whom a measurement without a member
 * measures.
 */
export async function openTrajectoryAssessments(ctx: ReadContext, trajectoryId: string) {
  const { rows, trajectory } = await readPartsInOneStatement<{
    rows: ScoreRow[];
    trajectory: TrajectoryMomentsJson;
  }>(ctx, 'read_assessments', 'rows', [trajectoryId]);
  return {
    ...assessmentsOf(trajectoryId, rows),
    threeMonthDay: trajectory.three_month_day,
    registeredResidentId: trajectory.registered_resident_id,
  };
}

// ---- the due list ---------------------------------------------------------------------------

export function dueAssessments(ctx: ServiceContext) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    // Any ZRM version counts: a start measured on the old matrix is not due again after a switch.
    // The measurement after three months is due from the three-month day (repeat-due.ts), the
    // first day it may be recorded.
    const zrmInstrumentList = sql.join(ZRM_INSTRUMENTS.map((key) => sql.lit(key)));
    const { rows } = await sql<{
      trajectory_id: string;
      household: string | null;
      member_ids: string[];
      moment: 'start' | 'three_months' | 'closure';
      due_since: string;
    }>`
      with mine as (
        select t.id, t.municipality_id, t.household_id, t.status, t.opened_at, t.closed_at, t.no_closing_measurement_reason,
               exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                        and a.instrument in (${zrmInstrumentList}) and a.moment = 'start') as has_start,
               exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                        and a.instrument in (${zrmInstrumentList}) and a.moment = 'three_months') as has_three,
               exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                        and a.instrument in (${zrmInstrumentList}) and a.moment = 'closure') as has_closure
        from trajectories t
        where t.municipality_id = ${scope.municipalityId}::uuid and t.coordinator_id = ${ctx.actor.staffId}::uuid
      )
      select m.id as trajectory_id,
             (select string_agg(r.given_name || ' ' || r.family_name, ', ' order by r.birth_date nulls last)
                from residents r where r.municipality_id = ${scope.municipalityId}::uuid and r.household_id = m.household_id) as household,
             ${memberIdsOf('m')} as member_ids,
             d.moment, d.due_since::text as due_since
      from mine m
      cross join lateral (values
        ('start', (m.opened_at at time zone 'Europe/Amsterdam')::date,
           m.status <> 'closed' and not m.has_start),
        ('three_months', ${threeMonthDay(sql.ref('m.opened_at'))},
           m.status in ('open', 'follow_up') and not m.has_three
           and ${threeMonthDay(sql.ref('m.opened_at'))} <= (now() at time zone 'Europe/Amsterdam')::date),
        ('closure', (m.closed_at at time zone 'Europe/Amsterdam')::date,
           m.status in ('aftercare', 'closed') and not m.has_closure and m.no_closing_measurement_reason is null)
      ) as d(moment, due_since, is_due)
      where d.is_due
      order by d.due_since, m.id`.execute(trx);
    await audit(trx, ctx, {
      action: 'assessment.due_list',
      objectType: 'assessment',
      // The list names the households' members: each one's access log shows it.
      residentIds: rows.flatMap((r) => r.member_ids),
    });
    return rows.map((r) => ({
      trajectoryId: r.trajectory_id,
      household: r.household,
      moment: r.moment,
      dueSince: r.due_since,
    }));
  });
}

// ---- aggregated analysis --------------------------------------------------------------------

export function zrmReport(
  ctx: ServiceContext,
  query: {
    teamId?: string | undefined;
    neighbourhoodCode?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    comparison: 'start_three_months' | 'start_closure';
  },
) {
  const { municipalityId } = ctx.actor;
  // A report over a period: planned for its actual dates (see TenantScope.customPlans).
  return inTenant(ctx.db, { municipalityId, teamIds: [], customPlans: true }, async (trx) => {
    // Aggregates only: the municipality sees all teams, a team lead or worker their own.
    const all = (await teams.list(trx, municipalityId)).map((t) => t.id);
    let teamIds = ctx.actor.role === 'municipality' ? all : ctx.actor.teamIds;
    if (query.teamId) {
      if (!teamIds.includes(query.teamId)) throw notFound();
      teamIds = [query.teamId];
    }
    await setScope(trx, { municipalityId, teamIds });
    const settings = await settingsOf(trx, municipalityId);
    const instrument = settings.zrmInstrument;
    const later = query.comparison === 'start_three_months' ? 'three_months' : 'closure';
    const from = query.from ?? '1900-01-01';
    const to = query.to ?? '2999-12-31';
    const buurt = query.neighbourhoodCode ?? null;
    const teamList = teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'];
    const { rows: pairs } = await zrmPairScores({
      municipalityId,
      teamIds: teamList,
      later,
      from,
      to,
      buurt,
    }).execute(trx);
    const zrmVersions = [...ZRM_INSTRUMENTS];
    // Only with a buurt chosen, as a plain `exists` that PostgreSQL can plan as a join;
    // `(buurt is null or exists ...)` is evaluated as a lookup per trajectory.
    const householdInBuurt =
      buurt === null
        ? sql``
        : sql`and exists (select 1 from households h where h.municipality_id = t.municipality_id
            and h.id = t.household_id and h.neighbourhood_code = ${buurt}::text)`;
    const { rows: completeness } = await sql<{
      trajectories: number;
      with_start: number;
      with_three: number;
      with_closure: number;
      repeated: number;
      due_for_repeat: number;
    }>`
      select count(*)::int as trajectories,
        count(*) filter (where s)::int as with_start,
        count(*) filter (where m3)::int as with_three,
        count(*) filter (where c)::int as with_closure,
        count(*) filter (where due and s and (m3 or c))::int as repeated,
        count(*) filter (where due)::int as due_for_repeat
      from (
        select t.id, ${dueForRepeatBy(to)} as due,
          exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id and a.instrument = any(${zrmVersions}::text[]) and a.moment = 'start') as s,
          exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id and a.instrument = any(${zrmVersions}::text[]) and a.moment = 'three_months') as m3,
          exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id and a.instrument = any(${zrmVersions}::text[]) and a.moment = 'closure') as c
        from trajectories t
        where t.municipality_id = ${municipalityId}::uuid and t.team_id = any(${teamList}::uuid[])
          -- The period as instants: converting every trajectory's opening to a day costs more.
          and t.opened_at >= (${from}::date::timestamp at time zone 'Europe/Amsterdam')
          and t.opened_at < ((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')
          ${householdInBuurt}
      ) x`.execute(trx);
    const c = completeness[0] ?? {
      trajectories: 0,
      with_start: 0,
      with_three: 0,
      with_closure: 0,
      repeated: 0,
      due_for_repeat: 0,
    };
    const share = (part: number, whole: number) =>
      whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
    const otherVersion = instrument === 'zrm-2013' ? 'zrm-2017' : 'zrm-2013';
    const shared = new Set(sharedDomains(instrument, otherVersion));
    return {
      instrument,
      comparison: query.comparison,
      /** Which version pairs contributed, e.g. ["zrm-2013>zrm-2017", "zrm-2017>zrm-2017"]. */
      versionPairs: [...new Set(pairs.map((p) => p.versions))].sort(),
      domains: INSTRUMENTS[instrument].domains.map(({ key, name }) => {
        const differences = pairs.filter((p) => p.domain === key).map((p) => p.after - p.before);
        const n = differences.length;
        return {
          domain: key,
          name,
          sharedAcrossVersions: shared.has(key),
          pairs: n,
          improved: share(differences.filter((d) => d > 0).length, n),
          stable: share(differences.filter((d) => d === 0).length, n),
          declined: share(differences.filter((d) => d < 0).length, n),
          meanChange:
            n === 0 ? null : Math.round((differences.reduce((a, b) => a + b, 0) / n) * 100) / 100,
          test: wilcoxonSignedRank(differences),
        };
      }),
      completeness: {
        trajectories: c.trajectories,
        withStart: c.with_start,
        withThreeMonths: c.with_three,
        withClosure: c.with_closure,
        dueForRepeat: c.due_for_repeat,
        // Of those due a second measurement by `to` (repeat-due.ts), as the monitor counts it.
        repeatedShare: c.due_for_repeat === 0 ? null : share(c.repeated, c.due_for_repeat),
      },
    };
  });
}
