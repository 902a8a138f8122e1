// The monitor: reach, who, speed, work and results, computed from what the work already records.
// Aggregates only (counts, medians, shares), never a person. Every query is plain SQL over one
// municipality and the chosen teams, period and buurt.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { teams } from '../organisation/organisation.repository.js';
import { HOURS_PER_FTE } from '../organisation/organisation.policy.js';
import { workingDaysBetween } from './working-days.js';
import { label, type Label } from './labels.js';
import { INSTRUMENTS, ZRM_INSTRUMENTS } from '../assessments/instruments.js';
import { collectiveReach } from './collective-reach.js';
import { zrmPairScoresOfPeople } from '../assessments/zrm-pairs.js';
import { dueForRepeatBy } from '../assessments/repeat-due.js';
import { averageTeamHours, type StaffPeriod } from '../business-case/staff-hours.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { LifeDomain } from '../registrations/registrations.schemas.js';
import type { ReferralKind } from '../../db/schema.js';

export interface MonitorFilter {
  from: string;
  to: string;
  teamId?: string | undefined;
  neighbourhoodCode?: string | undefined;
}

export interface Table {
  key: string;
  title: Label;
  rows: { key: string; label: Label; value: number }[];
  total: number;
}

interface FigureBase {
  key: string;
  title: Label;
  value: number | null;
  /** How many cases the figure is computed from (for suppression and for honesty). */
  basedOn: number;
}

/**
 * A key figure. A share also carries the cases it counts (`part`, of `basedOn`): the public
 * report works its share out again from the two counts rounded as it publishes them, so that the
 * share says no more than they do (suppression.ts, publicShare). The count never leaves the
 * server: the exports and the API's schema have no place for it.
 */
export type Figure =
  | (FigureBase & { unit: 'count' | 'working_days' | 'days' | 'cents' | 'per_fte' })
  | (FigureBase & { unit: 'share'; part: number });

export interface Section {
  key: string;
  title: Label;
  tables: Table[];
  figures: Figure[];
}

export interface Monitor {
  filters: {
    from: string;
    to: string;
    teamIds: string[];
    teamNames: string[];
    neighbourhoodCode: string | null;
  };
  sections: Section[];
}

interface Params {
  municipalityId: string;
  teamIds: string[];
  from: string;
  to: string;
  buurt: string | null;
}

/**
 * A table with a row for every key in `rows`, 0 where none occur: in the public report a missing
 * row would read "none" beside the "<5" (1-4) of a row that is there. A key that occurs but is not
 * in the list (data from before a list was fixed) follows as a row of its own, so that nothing
 * counted drops out of the total.
 */
const table = (
  key: string,
  title: Label,
  group: string,
  counts: { key: string | null; n: number }[],
  rows: readonly string[],
): Table => {
  const byKey = new Map(counts.map((c) => [c.key ?? 'unknown', c.n]));
  const keys = [...rows, ...[...byKey.keys()].filter((k) => !rows.includes(k))];
  const shown = keys.map((k) => ({ key: k, label: label(group, k), value: byKey.get(k) ?? 0 }));
  return { key, title, rows: shown, total: shown.reduce((s, r) => s + r.value, 0) };
};

/** Every kind of referral the database accepts (referrals_kind_check), in the monitor's order. */
const REFERRAL_KINDS = [
  'volunteer',
  'collective',
  'specialist',
  'youth_family_team',
  'warm_referral',
  'specialist_task',
  'handover',
  'wmo_advice',
] as const satisfies readonly ReferralKind[];

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The 90th percentile by the nearest-rank method: the smallest value with 90% at or below it. */
const percentile90 = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1] ?? null;
};

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

// ---- the indicators -------------------------------------------------------------------------

/**
 * An instant within the period's days in Amsterdam, written so that an index on the column can
 * be used (a cast of the column to a date cannot).
 */
const inPeriod = (p: Params, column: string) =>
  sql`${sql.ref(column)} >= ${periodStart(p)} and ${sql.ref(column)} < ${periodEnd(p)}`;

/** The period's first instant: midnight in Amsterdam at the start of its first day. */
const periodStart = (p: Params) =>
  sql`(${p.from}::date::timestamp at time zone 'Europe/Amsterdam')`;

/**
 * The first instant after the period (midnight after its last day in Amsterdam). Comparing the
 * column with it, rather than the column's Amsterdam day with the last day, spares a time zone
 * conversion per row (all of a city's trajectories in the work counts).
 */
const periodEnd = (p: Params) =>
  sql`((${p.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`;

/**
 * With a buurt chosen: the household of the row `alias` lives there. Without one, nothing at all:
 * a join to households only to test `buurt is null` cost a city-wide report seconds.
 */
const householdInBuurt = (p: Params, alias: string) =>
  p.buurt === null
    ? sql``
    : sql`and exists (select 1 from households hb where hb.municipality_id = ${sql.ref(`${alias}.municipality_id`)}
        and hb.id = ${sql.ref(`${alias}.household_id`)} and hb.neighbourhood_code = ${p.buurt}::text)`;

/** The same for a join on trajectories `t`: only when a buurt is chosen. */
const trajectoryBuurtJoin = (p: Params) =>
  p.buurt === null
    ? sql``
    : sql`join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
        and h.neighbourhood_code = ${p.buurt}::text`;

/** Registrations in the period (by received day in Amsterdam), optionally in one buurt. */
function registrationsIn(p: Params) {
  return sql`
    select g.* from registrations g
    where g.municipality_id = ${p.municipalityId}::uuid and g.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 'g.received_at')}
      ${householdInBuurt(p, 'g')}`;
}

const NO_ADDRESS: Label = { nl: 'Onbekend (geen adres)', en: 'Unknown (no address)' };

/**
 * The buurten the table by buurt has a row for, by name: every buurt of the municipality, or the
 * one chosen. A row for each, also where no one registered: in the public report a buurt left out
 * would read "none" beside the "<5" (1-4) of a buurt that is there.
 */
async function buurtenShown(trx: Trx, p: Params): Promise<{ code: string; name: string }[]> {
  const { rows } = await sql<{ code: string; name: string }>`
    select n.code, n.name from neighbourhoods n
    where n.municipality_id = ${p.municipalityId}::uuid
      and (${p.buurt}::text is null or n.code = ${p.buurt}::text)
    order by n.name, n.code`.execute(trx);
  // A buurt code the municipality does not know (only through the filter): its code as its name.
  if (p.buurt !== null && rows.length === 0) return [{ code: p.buurt, name: p.buurt }];
  return rows;
}

/**
 * Registrations by buurt: a row per buurt shown, and for the whole municipality one for the
 * registrations without an address (with a buurt chosen they drop out).
 */
function registrationsByBuurt(
  buurten: { code: string; name: string }[],
  counts: { key: string | null; n: number }[],
  wholeMunicipality: boolean,
): Table {
  const byKey = new Map(counts.map((c) => [c.key ?? 'unknown', c.n]));
  const rows = buurten.map((b) => ({
    key: b.code,
    label: { nl: b.name, en: b.name },
    value: byKey.get(b.code) ?? 0,
  }));
  if (wholeMunicipality)
    rows.push({ key: 'unknown', label: NO_ADDRESS, value: byKey.get('unknown') ?? 0 });
  // A household's buurt is one of the municipality's (a foreign key); should a count still have
  // no row, it gets one rather than drop out of the total.
  for (const [key, n] of byKey)
    if (!rows.some((r) => r.key === key)) rows.push({ key, label: { nl: key, en: key }, value: n });
  return {
    key: 'registrations_by_neighbourhood',
    title: { nl: 'Aanmeldingen per buurt', en: 'Registrations by neighbourhood' },
    rows,
    total: rows.reduce((sum, r) => sum + r.value, 0),
  };
}

async function reach(trx: Trx, p: Params): Promise<Section> {
  const bySource = await sql<{
    key: string;
    n: number;
  }>`select source as key, count(*)::int as n from (${registrationsIn(p)}) g group by source`.execute(
    trx,
  );
  const byTriage = await sql<{
    key: string;
    n: number;
  }>`select coalesce(triage_outcome, 'pending') as key, count(*)::int as n from (${registrationsIn(p)}) g group by 1`.execute(
    trx,
  );
  const byDomain = await sql<{
    key: string;
    n: number;
  }>`select d as key, count(*)::int as n from (${registrationsIn(p)}) g, unnest(g.life_domains) d group by d`.execute(
    trx,
  );
  const byBuurt = await sql<{ key: string | null; n: number }>`
    select h.neighbourhood_code as key, count(*)::int as n from (${registrationsIn(p)}) g
    left join households h on h.municipality_id = g.municipality_id and h.id = g.household_id
    group by h.neighbourhood_code`.execute(trx);
  const signals = await sql<{
    received: number;
    matched: number;
    reached: number;
    support: number;
  }>`
    select count(*)::int as received,
      count(*) filter (where s.household_id is not null)::int as matched,
      count(*) filter (where s.status in ('reached_support_started', 'reached_no_help_needed'))::int as reached,
      count(*) filter (where s.registration_id is not null)::int as support
    from signals s
    where s.municipality_id = ${p.municipalityId}::uuid and s.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 's.received_at')}
      and (${p.buurt}::text is null or s.neighbourhood_code = ${p.buurt}::text)`.execute(trx);
  const s = signals.rows[0] ?? { received: 0, matched: 0, reached: 0, support: 0 };
  const buurtTable = registrationsByBuurt(
    await buurtenShown(trx, p),
    byBuurt.rows,
    p.buurt === null,
  );
  return {
    key: 'reach',
    title: { nl: 'Bereik', en: 'Reach' },
    tables: [
      table(
        'registrations_by_source',
        { nl: 'Aanmeldingen per bron', en: 'Registrations by source' },
        'source',
        bySource.rows,
        [
          'self',
          'network',
          'gp',
          'housing_corporation',
          'police',
          'work_and_income',
          'school',
          'outreach',
          'other',
        ],
      ),
      buurtTable,
      table(
        'registrations_by_life_domain',
        { nl: 'Leefgebieden in de aanmeldingen', en: 'Life domains in registrations' },
        'domain',
        byDomain.rows,
        LifeDomain.options,
      ),
      table(
        'triage_outcomes',
        { nl: 'Uitkomst van de triage', en: 'Triage outcomes' },
        'triage',
        byTriage.rows,
        [
          'advice_only',
          'single_problem',
          'multiple_problems',
          'youth_family',
          'out_of_scope',
          'pending',
        ],
      ),
      {
        key: 'signals',
        title: { nl: 'Signalen en outreach', en: 'Signals and outreach' },
        rows: (['received', 'matched', 'reached', 'support'] as const).map((k) => ({
          key: k,
          label: label('signal', k),
          value: s[k],
        })),
        // Not a distribution: the rows are stages of one funnel, so there is no total to add up.
        total: s.received,
      },
    ],
    figures: [],
  };
}

async function who(trx: Trx, p: Params): Promise<Section> {
  // The age on the day of registration, computed once per registration (the time zone
  // conversion is the expensive part), then banded.
  const ages = await sql<{ key: string; n: number }>`
    select case
        when age is null then 'unknown'
        when age < interval '18 years' then '0-17'
        when age < interval '27 years' then '18-26'
        when age < interval '45 years' then '27-44'
        when age < interval '65 years' then '45-64'
        when age < interval '80 years' then '65-79'
        else '80+' end as key, count(*)::int as n
    from (
      select age((g.received_at at time zone 'Europe/Amsterdam')::date::timestamp, r.birth_date::timestamp) as age
      from (${registrationsIn(p)}) g
      -- Left: a registration without a resident (no person data yet) counts as unknown, so that
      -- the table holds every registration.
      left join residents r on r.municipality_id = g.municipality_id and r.id = g.resident_id
    ) x
    group by 1`.execute(trx);
  const sizes = await sql<{ key: string; n: number }>`
    select case when members = 1 then '1' when members = 2 then '2' when members <= 4 then '3-4' else '5+' end as key, count(*)::int as n
    from (
      select r.household_id, count(*) as members from residents r
      where r.municipality_id = ${p.municipalityId}::uuid
        and r.household_id in (select g.household_id from (${registrationsIn(p)}) g where g.household_id is not null)
      group by r.household_id
    ) x group by 1`.execute(trx);
  return {
    key: 'who',
    title: { nl: 'Wie', en: 'Who' },
    tables: [
      table(
        'age_bands',
        { nl: 'Leeftijd van de aangemelde inwoner', en: 'Age of the registered resident' },
        'ageBand',
        ages.rows,
        ['0-17', '18-26', '27-44', '45-64', '65-79', '80+', 'unknown'],
      ),
      table(
        'household_size',
        { nl: 'Samenstelling van het huishouden', en: 'Household size' },
        'householdSize',
        sizes.rows,
        ['1', '2', '3-4', '5+'],
      ),
    ],
    figures: [],
  };
}

/**
 * The registrations that never waited for a first contact, so that they stay out of the speed
 * figures: an information-and-advice contact registered with first contact and triage in one
 * step (`adviceOnly` on create: triage `advice_only`, first contact and triage both at the moment
 * it came in), and an advice-only triage without any first contact (possible before triage
 * required one). A registration triaged advice only after a first contact recorded on its own
 * waited like any other (its triage comes later than its arrival) and stays, even when that
 * contact was on the spot. Counted, the advice contacts (about a quarter of all registrations in
 * the demo) each added a wait of 0 working days and pulled the median down.
 */
const neverWaited = sql`g.triage_outcome is not distinct from 'advice_only'
  and (g.first_contact_at is null
    or (g.first_contact_at = g.received_at and g.triaged_at is not distinct from g.received_at))`;

async function speed(trx: Trx, p: Params): Promise<Section> {
  // The calendar days in Amsterdam come from PostgreSQL: formatting two dates per registration
  // in JavaScript cost a second for a city's year.
  const { rows } = await sql<{ received_on: string; first_contact_on: string | null }>`
    select (g.received_at at time zone 'Europe/Amsterdam')::date as received_on,
      (g.first_contact_at at time zone 'Europe/Amsterdam')::date as first_contact_on
    from (${registrationsIn(p)}) g where not (${neverWaited})`.execute(trx);
  const days = rows.flatMap((r) =>
    r.first_contact_on === null ? [] : [workingDaysBetween(r.received_on, r.first_contact_on)],
  );
  const waitingNow = rows.length - days.length;
  const title = (nl: string, en: string) => ({ nl, en });
  return {
    key: 'speed',
    title: { nl: 'Snelheid', en: 'Speed' },
    tables: [],
    figures: [
      {
        key: 'first_contact_median',
        title: title(
          'Werkdagen tot eerste contact (mediaan)',
          'Working days to first contact (median)',
        ),
        value: median(days),
        basedOn: days.length,
        unit: 'working_days',
      },
      {
        key: 'first_contact_p90',
        title: title(
          'Werkdagen tot eerste contact (90e percentiel)',
          'Working days to first contact (90th percentile)',
        ),
        value: percentile90(days),
        basedOn: days.length,
        unit: 'working_days',
      },
      {
        key: 'first_contact_over_5',
        title: title('Langer dan vijf werkdagen gewacht', 'Waited more than five working days'),
        value: days.filter((d) => d > 5).length,
        basedOn: days.length,
        unit: 'count',
      },
      {
        key: 'still_waiting',
        title: title('Nog zonder eerste contact', 'Still waiting for a first contact'),
        value: waitingNow,
        basedOn: rows.length,
        unit: 'count',
      },
    ],
  };
}

/**
 * The chosen teams' hours a week today, counted as the business case counts them (staff-hours.ts,
 * from the staff history): workers and team leads while active, and someone in several teams for
 * an equal part of their hours in each, so that a team is not given the full hours of a person it
 * shares. Over all teams everyone still counts once, with all their hours.
 */
async function teamHoursNow(trx: Trx, p: Params): Promise<number> {
  const today = todayInAmsterdam();
  // The stretches that hold today: one per staff member at most (a few hundred rows in a city).
  const { rows } = await sql<{
    organisation_id: string | null;
    team_ids: string[];
    hours_per_week: number;
    valid_from: string;
    valid_until: string | null;
  }>`
    select sp.organisation_id, sp.team_ids, sp.hours_per_week, sp.valid_from, sp.valid_until
    from staff_periods sp
    where sp.municipality_id = ${p.municipalityId}::uuid and sp.active
      and sp.role in ('worker', 'team_lead') and sp.hours_per_week > 0
      and sp.valid_from <= ${today}::date and (sp.valid_until is null or sp.valid_until > ${today}::date)
      and sp.team_ids && ${p.teamIds}::uuid[]`.execute(trx);
  const periods: StaffPeriod[] = rows.map((r) => ({
    organisationId: r.organisation_id,
    teamIds: r.team_ids,
    hoursPerWeek: r.hours_per_week,
    from: r.valid_from,
    until: r.valid_until,
  }));
  return p.teamIds.reduce(
    (sum, teamId) => sum + averageTeamHours(periods, teamId, today, today),
    0,
  );
}

async function work(trx: Trx, p: Params): Promise<Section> {
  const buurtJoin = trajectoryBuurtJoin(p);
  const counts = await sql<{ open_at_end: number; opened: number; closed: number }>`
    select
      count(*) filter (where t.opened_at < ${periodEnd(p)}
        and (t.closed_at is null or t.closed_at >= ${periodEnd(p)}))::int as open_at_end,
      count(*) filter (where ${inPeriod(p, 't.opened_at')})::int as opened,
      count(*) filter (where ${inPeriod(p, 't.closed_at')})::int as closed
    from trajectories t ${buurtJoin}
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])`.execute(
    trx,
  );
  const c = counts.rows[0] ?? { open_at_end: 0, opened: 0, closed: 0 };
  const caseload = await sql<{ n: number }>`
    select count(*)::int as n from trajectories t ${buurtJoin}
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[]) and t.status <> 'closed'
    group by t.coordinator_id`.execute(trx);
  // Staff are counted per team, never per buurt: with a buurt chosen there is no fte to divide
  // its trajectories by, and the figure is left out (null) rather than set against a whole team.
  const fteTotal = p.buurt === null ? (await teamHoursNow(trx, p)) / HOURS_PER_FTE : null;
  const durations = await sql<{ days: number }>`
    select ((t.closed_at at time zone 'Europe/Amsterdam')::date - (t.opened_at at time zone 'Europe/Amsterdam')::date)::int as days
    from trajectories t ${buurtJoin}
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 't.closed_at')}`.execute(trx);
  const conferences = await sql<{ n: number }>`
    select count(*)::int as n from case_conferences k
    join trajectories t on t.municipality_id = k.municipality_id and t.id = k.trajectory_id ${buurtJoin}
    where k.municipality_id = ${p.municipalityId}::uuid and k.team_id = any(${p.teamIds}::uuid[])
      and k.held_on between ${p.from}::date and ${p.to}::date`.execute(trx);
  const band = (d: number) =>
    d < 91
      ? 'under_3_months'
      : d < 183
        ? '3_6_months'
        : d < 365
          ? '6_12_months'
          : d < 730
            ? '1_2_years'
            : 'over_2_years';
  const bands = new Map<string, number>();
  for (const { days } of durations.rows) bands.set(band(days), (bands.get(band(days)) ?? 0) + 1);
  const loads = caseload.rows.map((r) => r.n);
  const openNow = loads.reduce((s, n) => s + n, 0);
  const title = (nl: string, en: string) => ({ nl, en });
  return {
    key: 'work',
    title: { nl: 'Werk', en: 'Work' },
    tables: [
      table(
        'durations',
        { nl: 'Duur van afgesloten trajecten', en: 'Duration of closed trajectories' },
        'durationBand',
        [...bands].map(([key, n]) => ({ key, n })),
        ['under_3_months', '3_6_months', '6_12_months', '1_2_years', 'over_2_years'],
      ),
    ],
    figures: [
      {
        key: 'open_at_end',
        title: title(
          'Lopende trajecten aan het eind van de periode',
          'Open trajectories at the end of the period',
        ),
        value: c.open_at_end,
        basedOn: c.open_at_end,
        unit: 'count',
      },
      {
        key: 'opened',
        title: title('Nieuwe trajecten', 'New trajectories'),
        value: c.opened,
        basedOn: c.opened,
        unit: 'count',
      },
      {
        key: 'closed',
        title: title('Afgesloten trajecten', 'Closed trajectories'),
        value: c.closed,
        basedOn: c.closed,
        unit: 'count',
      },
      {
        key: 'caseload_median',
        title: title(
          'Caseload per regisseur (mediaan, nu)',
          'Caseload per coordinator (median, now)',
        ),
        value: median(loads),
        basedOn: loads.length,
        unit: 'count',
      },
      {
        key: 'caseload_per_fte',
        title: title('Lopende trajecten per fte (nu)', 'Open trajectories per fte (now)'),
        value:
          fteTotal !== null && fteTotal > 0 ? Math.round((openNow / fteTotal) * 10) / 10 : null,
        basedOn: openNow,
        unit: 'per_fte',
      },
      {
        key: 'duration_median',
        title: title(
          'Duur afgesloten trajecten in dagen (mediaan)',
          'Duration of closed trajectories in days (median)',
        ),
        value: median(durations.rows.map((r) => r.days)),
        basedOn: durations.rows.length,
        unit: 'days',
      },
      {
        key: 'case_conferences',
        title: title('Casuïstiekbesprekingen', 'Case conferences'),
        value: conferences.rows[0]?.n ?? 0,
        basedOn: conferences.rows[0]?.n ?? 0,
        unit: 'count',
      },
    ],
  };
}

/**
 * With a buurt chosen: the werkbudget request's trajectory is of a household there (a correction
 * carries its request's trajectory). The werkbudget is spent on a household, so a buurt's share of
 * it is as meaningful as its trajectories; a request without a trajectory belongs to no buurt and
 * drops out, as a registration without an address does.
 */
const requestInBuurt = (p: Params) =>
  p.buurt === null
    ? sql``
    : sql`and exists (select 1 from trajectories t
        join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
        where t.municipality_id = r.municipality_id and t.id = r.trajectory_id
          and h.neighbourhood_code = ${p.buurt}::text)`;

async function results(trx: Trx, p: Params): Promise<Section> {
  const buurtJoin = trajectoryBuurtJoin(p);
  const closed = await sql<{ closed: number; without: number }>`
    select count(*)::int as closed, count(*) filter (where t.handled_without_specialist_care)::int as without
    from trajectories t ${buurtJoin}
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 't.closed_at')}`.execute(trx);
  const referrals = await sql<{ key: string; n: number }>`
    select f.kind as key, count(*)::int as n from referrals f
    where f.municipality_id = ${p.municipalityId}::uuid and f.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 'f.created_at')}
      ${householdInBuurt(p, 'f')}
    group by f.kind`.execute(trx);
  // The actions of the current plans of the trajectories open in the period, by owner: counted
  // per trajectory when its plan is saved (trajectories.plan_actions_by_owner, migration
  // 20261124T0000), so this reads the trajectories alone, not every plan action in the city.
  const owners = await sql<{ key: string; n: number }>`
    select owner.key, sum(owner.value::int)::int as n
    from trajectories t ${buurtJoin}
    cross join jsonb_each_text(t.plan_actions_by_owner) as owner
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])
      and t.opened_at < ${periodEnd(p)} and (t.closed_at is null or t.closed_at >= ${periodStart(p)})
    group by owner.key`.execute(trx);
  const budget = await sql<{ spent: number; uses: number; financial_return: number }>`
    select coalesce(sum(r.amount_cents), 0)::bigint as spent,
      count(*) filter (where r.status = 'paid')::int as uses,
      coalesce(sum(x.monthly_cents * x.months) filter (where r.status = 'paid'), 0)::bigint as financial_return
    from work_budget_requests r
    left join work_budget_returns x on x.municipality_id = r.municipality_id and x.request_id = r.id
    where r.municipality_id = ${p.municipalityId}::uuid and r.team_id = any(${p.teamIds}::uuid[])
      and r.status in ('paid', 'correction') and r.paid_on between ${p.from}::date and ${p.to}::date
      ${requestInBuurt(p)}`.execute(trx);
  const c = closed.rows[0] ?? { closed: 0, without: 0 };
  const b = budget.rows[0] ?? { spent: 0, uses: 0, financial_return: 0 };
  const title = (nl: string, en: string) => ({ nl, en });
  return {
    key: 'results',
    title: { nl: 'Resultaten', en: 'Results' },
    tables: [
      table(
        'referrals_by_kind',
        { nl: 'Verwijzingen', en: 'Referrals' },
        'referralKind',
        referrals.rows,
        REFERRAL_KINDS,
      ),
      table(
        'support_mix',
        {
          nl: 'Wie doet wat in de plannen (eigen kracht en netwerk eerst)',
          en: 'Who acts in the plans (own strength and network first)',
        },
        'ownerType',
        owners.rows,
        ['resident', 'network', 'volunteer', 'collective', 'team', 'specialist'],
      ),
    ],
    figures: [
      {
        key: 'without_specialist_care',
        title: title('Afgesloten zonder specialistische zorg', 'Closed without specialist care'),
        value: share(c.without, c.closed),
        basedOn: c.closed,
        part: c.without,
        unit: 'share',
      },
      {
        key: 'work_budget_uses',
        title: title('Werkbudget: betaalde inzet', 'Work budget: paid uses'),
        value: b.uses,
        basedOn: b.uses,
        unit: 'count',
      },
      {
        key: 'work_budget_spent',
        title: title('Werkbudget: uitgegeven', 'Work budget: spent'),
        value: b.spent,
        basedOn: b.uses,
        unit: 'cents',
      },
      {
        key: 'work_budget_return',
        title: title(
          'Werkbudget: geschat financieel rendement',
          'Work budget: estimated financial return',
        ),
        value: b.financial_return,
        basedOn: b.uses,
        unit: 'cents',
      },
    ],
  };
}

/**
 * Self-sufficiency (ZRM): per domain, how many residents measured at the start and again after
 * three months (in the period) improved, and how complete the measurements are. The paired test
 * per domain is in /api/v1/reports/zrm.
 */
async function selfSufficiency(trx: Trx, p: Params): Promise<Section> {
  const settings = await trx
    .selectFrom('municipality_settings')
    .select('zrm_instrument')
    .where('municipality_id', '=', p.municipalityId)
    .executeTakeFirst();
  const instrument = settings?.zrm_instrument ?? 'zrm-2017';
  // The same pairs as /reports/zrm (start and three months), but counted per resident: one
  // resident can have two trajectories with both measurements in the period (help again after a
  // closure), and "residents" must not count them twice. Each resident counts once, with their
  // latest pair (the three-month measurement taken last; the pair's ids settle a tie), in the
  // number measured and in every domain row alike. A measurement of the household as a whole
  // counts once per trajectory (zrm-pairs.ts, `person`).
  const pairScores = zrmPairScoresOfPeople({ ...p, later: 'three_months' });
  const improved = await sql<{ key: string; n: number; residents: number }>`
    with pairs as (${pairScores}),
      latest as (
        select distinct on (person) person, pair from pairs order by person, later_on desc, pair desc)
    select x.domain as key, count(*) filter (where x.after > x.before)::int as n,
      (select count(*) from latest)::int as residents
    from pairs x join latest l on l.person = x.person and l.pair = x.pair
    group by x.domain`.execute(trx);
  const zrmList = sql.join(ZRM_INSTRUMENTS.map((key) => sql.lit(key)));
  // The share measured twice, of the trajectories opened in the period that were due a second
  // measurement by its end (repeat-due.ts: the due list's rule). Counted from every trajectory
  // opened, it pulled a report in March down to nearly nothing.
  const completeness = await sql<{ due: number; repeated: number }>`
    select count(*)::int as due,
      count(*) filter (where exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id and a.instrument in (${zrmList}) and a.moment = 'start')
        and exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id and a.instrument in (${zrmList}) and a.moment in ('three_months', 'closure')))::int as repeated
    from trajectories t ${trajectoryBuurtJoin(p)}
    where t.municipality_id = ${p.municipalityId}::uuid and t.team_id = any(${p.teamIds}::uuid[])
      and ${inPeriod(p, 't.opened_at')}
      and ${dueForRepeatBy(p.to)}`.execute(trx);
  const c = completeness.rows[0] ?? { due: 0, repeated: 0 };
  const residents = improved.rows[0]?.residents ?? 0;
  const domainNames = Object.fromEntries(
    INSTRUMENTS[instrument].domains.map((d) => [d.key, { nl: d.name, en: d.nameEn }]),
  );
  const rows = INSTRUMENTS[instrument].domains.map((d) => ({
    key: d.key,
    label: domainNames[d.key] ?? { nl: d.key, en: d.key },
    value: improved.rows.find((r) => r.key === d.key)?.n ?? 0,
  }));
  return {
    key: 'self_sufficiency',
    title: { nl: 'Zelfredzaamheid (ZRM)', en: 'Self-sufficiency (ZRM)' },
    tables: [
      {
        key: 'zrm_improved_by_domain',
        title: {
          nl: 'Verbeterd na drie maanden, per domein (aantal inwoners)',
          en: 'Improved after three months, per domain (residents)',
        },
        rows,
        // Not a partition: one resident can improve on several domains. The total is the
        // residents measured twice, each once.
        total: residents,
      },
    ],
    figures: [
      {
        key: 'zrm_pairs',
        title: {
          nl: 'Inwoners met een start- en driemaandenmeting',
          en: 'Residents measured at the start and after three months',
        },
        value: residents,
        basedOn: residents,
        unit: 'count',
      },
      {
        key: 'zrm_repeated_share',
        title: {
          nl: 'Trajecten met herhaalde ZRM (gestart in de periode, aan het eind drie maanden oud of afgesloten)',
          en: 'Trajectories with a repeated ZRM (opened in the period, three months old or closed by its end)',
        },
        value: share(c.repeated, c.due),
        basedOn: c.due,
        part: c.repeated,
        unit: 'share',
      },
    ],
  };
}

// ---- putting it together --------------------------------------------------------------------

/** The teams whose figures this caller may see: all for the municipality, their own for a team lead. */
async function teamsFor(
  trx: Trx,
  ctx: ServiceContext,
  teamId: string | undefined,
  publicReport: boolean,
) {
  const all = await teams.list(trx, ctx.actor.municipalityId);
  const allowed =
    ctx.actor.role === 'municipality' || publicReport
      ? all
      : all.filter((t) => ctx.actor.teamIds.includes(t.id));
  if (teamId) {
    const one = allowed.filter((t) => t.id === teamId);
    if (one.length === 0) throw notFound();
    return one;
  }
  return allowed;
}

export async function buildMonitor(
  ctx: ServiceContext,
  filter: MonitorFilter,
  options: { publicReport?: boolean } = {},
): Promise<Monitor> {
  if (filter.from > filter.to)
    throw invalidField('from', 'must not be after to', 'mag niet na de einddatum liggen');
  const { municipalityId } = ctx.actor;
  const chosen = await inTenant(ctx.db, { municipalityId, teamIds: [] }, (trx) =>
    teamsFor(trx, ctx, filter.teamId, options.publicReport === true),
  );
  const teamIds = chosen.map((t) => t.id);
  // Aggregation reads the chosen teams' case tables; nothing but counts leaves this function.
  // Planned for the actual period, never with a prepared statement's generic guess
  // (TenantScope.customPlans).
  const scope = { municipalityId, teamIds, customPlans: true };
  const p: Params = {
    municipalityId,
    teamIds: teamIds.length > 0 ? teamIds : ['00000000-0000-0000-0000-000000000000'],
    from: filter.from,
    to: filter.to,
    buurt: filter.neighbourhoodCode ?? null,
  };
  // Two read transactions side by side: the sections are independent, and a city's year is
  // seconds of SQL that a second core halves. Each holds one pooled connection and waits for
  // no other, so concurrent reports cannot starve each other of connections. The split follows
  // the measured cost in a large city (bench/README.md): registrations and residents on one side,
  // trajectories, plans and measurements on the other, about equal.
  const [first, second] = await Promise.all([
    inTenant(ctx.db, scope, async (trx) => ({
      reach: await reach(trx, p),
      who: await who(trx, p),
      speed: await speed(trx, p),
      work: await work(trx, p),
    })),
    inTenant(ctx.db, scope, async (trx) => ({
      results: await results(trx, p),
      selfSufficiency: await selfSufficiency(trx, p),
      collectiveReach: await collectiveReach(trx, p),
    })),
  ]);
  // The order on screen and in the exports.
  const sections = [
    first.reach,
    first.who,
    first.speed,
    first.work,
    second.results,
    second.selfSufficiency,
    second.collectiveReach,
  ];
  await inTenant(ctx.db, scope, (trx) =>
    audit(trx, ctx, {
      action: 'report.monitor',
      objectType: 'report',
      reason: `${filter.from}..${filter.to}${options.publicReport ? ' public' : ''}`,
    }),
  );
  return {
    filters: {
      from: filter.from,
      to: filter.to,
      teamIds,
      teamNames: chosen.map((t) => t.name),
      neighbourhoodCode: filter.neighbourhoodCode ?? null,
    },
    sections,
  };
}
