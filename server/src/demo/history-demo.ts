// Two years of history for the demo municipality, so that the monitor, the ZRM analysis and the
// werkbudget figures look like a real team's year instead of a dozen households. It reuses the
// synthetic city's modules (./history/, also used by the benchmarks) against the EXISTING demo
// municipality: its two teams with their buurten, its staff and its werkbudget. Seeded and
// deterministic: the same seed and day give the same history. Invented people only.
//
// The history ends at midnight (Amsterdam) before today, so that the hand-made demo records stay
// the freshest. The demo logins (worker@, worker2@) coordinate closed history trajectories only,
// so that "my trajectories" still shows the hand-made households first and stays short.
import { sql } from 'kysely';
import type { Db } from '../platform/db.js';
import { amsterdamDate, todayInAmsterdam } from '../platform/dates.js';
import { DEMO_WORK_BUDGET } from './budget-demo.js';
import type { CityPlan } from './history/plan.js';
import { Random, seedOf } from './history/random.js';
import type { Address, Buurt, Organisation, Team, Worker } from './history/organisation.js';
import { generateEntryPoint } from './history/entry-point.js';
import { generateTrajectories } from './history/trajectories.js';
import { generateMeasurements } from './history/measurements.js';
import { generateBudgetRequests, historyYears } from './history/budget.js';
import { inScope, insertRows, kyselyTarget, type Target, type Value } from './history/sql.js';
import { STREET_KINDS, STREET_PARTS } from './history/words.js';

const DAY = 86_400_000;

export interface HistoryOptions {
  /** Default 'samenkracht-demo'. */
  seed?: string;
  /** The first day after the history (YYYY-MM-DD, Amsterdam); default today. */
  until?: string;
  /** Years of history (default 2). */
  years?: number;
}

/**
 * The demo's own logins keep a short, readable caseload: they coordinate closed history
 * trajectories only (an open one goes to a colleague). "Mijn trajecten" sorts by what needs to
 * happen, and generated open trajectories carry overdue actions: with any of them the hand-made
 * households would no longer come first. Raise a number to give a login older open ones.
 */
const SHORT_CASELOAD: Record<string, number> = {
  'worker@maastricht.demo': 0,
  'worker2@maastricht.demo': 0,
};

/**
 * Real four-digit postcodes of the demo buurten (letters are invented and chosen from the end of
 * the alphabet, so that they do not meet the hand-made addresses).
 */
const PC4_BY_BUURT: Record<string, number> = {
  caberg: 6216,
  malpertuis: 6216,
  brusselsepoort: 6217,
  malberg: 6215,
  oudcaberg: 6216,
  wyckerpoort: 6222,
  wittevrouwenveld: 6224,
  nazareth: 6222,
  limmel: 6222,
  heugemerveld: 6229,
};

/** Midnight in Amsterdam at the start of `day` (YYYY-MM-DD). */
export function amsterdamMidnight(day: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  // Amsterdam is UTC+1 or UTC+2: the earlier candidate that is still `day` there is midnight.
  for (const hours of [2, 1]) {
    const candidate = new Date(utc - hours * 3_600_000);
    if (amsterdamDate(candidate) === day) return candidate;
  }
  return new Date(utc - 3_600_000);
}

const teamKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/^sociaal team\s+/, '')
    .replace(/[^a-z0-9]+/g, '-');
const compact = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-'.]/g, '');

/**
 * The generator's Organisation, read from the database: the municipality's teams with their
 * buurten (each with invented postcodes for the generated addresses), the workers and team lead
 * of each team, and the municipality's account. A worker in two teams counts for each team with
 * the share of hours divided over them.
 */
export async function loadOrganisation(
  db: Db,
  municipalityId: string,
  rng: Random,
): Promise<Organisation> {
  const { rows: teamRows } = await sql<{ id: string; name: string }>`
    select id, name from teams where municipality_id = ${municipalityId}::uuid and type = 'social'
    order by name`.execute(db);
  const { rows: areaRows } = await sql<{
    team_id: string;
    code: string;
    name: string;
    district_code: string;
  }>`
    select tn.team_id, n.code, n.name, n.district_code from team_neighbourhoods tn
    join neighbourhoods n on n.municipality_id = tn.municipality_id and n.code = tn.neighbourhood_code
    where tn.municipality_id = ${municipalityId}::uuid order by n.code`.execute(db);
  const { rows: staffRows } = await sql<{
    id: string;
    email: string;
    role: string;
    hours_per_week: string | number;
    organisation_id: string | null;
    team_id: string | null;
    teams: number;
  }>`
    select s.id, s.email, s.role, s.hours_per_week, s.organisation_id, st.team_id,
      (select count(*)::int from staff_teams x where x.municipality_id = s.municipality_id and x.staff_id = s.id) as teams
    from staff s
    left join staff_teams st on st.municipality_id = s.municipality_id and st.staff_id = s.id
    where s.municipality_id = ${municipalityId}::uuid and s.active order by s.email, st.team_id`.execute(
    db,
  );

  const letters = (() => {
    const pairs: string[] = [];
    for (let a = 25; a >= 0; a--)
      for (let b = 25; b >= 0; b--) {
        const pair = String.fromCharCode(65 + a, 65 + b);
        if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') pairs.push(pair);
      }
    return pairs;
  })();
  const used = new Map<number, number>();
  const buurten: Buurt[] = [];
  const teams: Team[] = teamRows.map((t) => {
    const areas = areaRows.filter((a) => a.team_id === t.id);
    const teamBuurten: Buurt[] = areas.map((a) => {
      const pc4 = PC4_BY_BUURT[compact(a.name)] ?? 6211;
      const postcodes: Address[] = [];
      for (let i = 0; i < 12; i++) {
        const n = used.get(pc4) ?? 0;
        used.set(pc4, n + 1);
        postcodes.push({
          postcode: `${pc4}${letters[n % letters.length] ?? 'ZZ'}`,
          street: `${rng.pick(STREET_PARTS)}${rng.pick(STREET_KINDS)}`,
        });
      }
      return { code: a.code, name: a.name, districtCode: a.district_code, postcodes };
    });
    buurten.push(...teamBuurten);
    const members = staffRows.filter((s) => s.team_id === t.id);
    const worker = (s: (typeof staffRows)[number]): Worker => ({
      id: s.id,
      email: s.email,
      hoursPerWeek: Number(s.hours_per_week) / Math.max(1, s.teams),
      openCaseload: SHORT_CASELOAD[s.email],
    });
    const workers = members.filter((s) => s.role === 'worker').map(worker);
    const leadRow = members.find((s) => s.role === 'team_lead');
    if (workers.length === 0 || !leadRow) throw new Error(`demo team without workers: ${t.name}`);
    const fte = workers.reduce((sum, w) => sum + w.hoursPerWeek, 0) / 36;
    return {
      id: t.id,
      key: teamKey(t.name),
      name: t.name,
      buurten: teamBuurten,
      fte,
      workers,
      lead: worker(leadRow),
    };
  });
  const municipalityStaff = staffRows.find((s) => s.role === 'municipality');
  if (teams.length === 0 || !municipalityStaff) throw new Error('no demo organisation to extend');
  // The demo's signal lists all come from the municipality (its vroegsignalering, see
  // entry-point-demo.ts), the rent arrears too: the account of the municipality's organisation.
  const sender = municipalityStaff.organisation_id;
  if (!sender) throw new Error('no demo sender of signal lists to extend');
  return {
    municipalityId,
    teams,
    buurten,
    staff: new Set(staffRows.map((s) => s.id)).size,
    municipalityStaffId: municipalityStaff.id,
    signalSenders: { rentArrears: sender, otherKinds: sender },
  };
}

/** A plan sized for the demo's teams: their real fte, the generator's clients per fte-year. */
export function demoPlan(org: Organisation, years: number): CityPlan {
  return {
    size: 'demo',
    municipalityCode: 'GM0935',
    name: 'Maastricht',
    slug: 'maastricht',
    teams: org.teams.length,
    totalFte: org.teams.reduce((sum, t) => sum + t.fte, 0),
    years,
    postcode4: [6211, 6229],
    olderSignalsHandled: 1,
  };
}

/**
 * The werkbudget of the history's earlier years, in the shape of the demo's own year (see
 * budget-demo.ts), and how much each team may still commit per year: three quarters of its
 * share, less what the hand-made demo already asked for, so that no year goes below zero.
 */
async function prepareWorkBudgets(
  target: Target,
  db: Db,
  org: Organisation,
  years: readonly number[],
): Promise<(teamId: string, year: number) => number> {
  const m = org.municipalityId;
  const { rows: existing } = await sql<{ year: number }>`
    select year from work_budgets where municipality_id = ${m}::uuid`.execute(db);
  const missing = years.filter((y) => !existing.some((e) => e.year === y));
  const b = DEMO_WORK_BUDGET;
  if (missing.length > 0) {
    await inScope(target, { municipalityId: m, teamIds: org.teams.map((t) => t.id) }, async (c) => {
      await insertRows(
        c,
        'work_budgets',
        [
          { name: 'municipality_id', type: 'uuid' },
          { name: 'year', type: 'integer' },
          { name: 'base_cents', type: 'bigint' },
          { name: 'mandate_worker_cents', type: 'bigint' },
          { name: 'mandate_team_lead_cents', type: 'bigint' },
        ],
        missing.map((y) => [m, y, b.baseCents, b.mandateWorkerCents, b.mandateTeamLeadCents]),
      );
      await insertRows(
        c,
        'work_budget_top_ups',
        [
          { name: 'municipality_id', type: 'uuid' },
          { name: 'year', type: 'integer' },
          { name: 'position', type: 'integer' },
          { name: 'source', type: 'text' },
          { name: 'cents', type: 'bigint' },
        ],
        missing.map((y) => [m, y, 0, b.topUpSource, b.topUpCents]),
      );
      const allocations: Value[][] = [];
      for (const y of missing) {
        for (const team of org.teams) allocations.push([m, y, team.id, b.teamCents]);
        allocations.push([m, y, null, b.baseCents + b.topUpCents - b.teamCents * org.teams.length]);
      }
      await insertRows(
        c,
        'work_budget_allocations',
        [
          { name: 'municipality_id', type: 'uuid' },
          { name: 'year', type: 'integer' },
          { name: 'team_id', type: 'uuid' },
          { name: 'cents', type: 'bigint' },
        ],
        allocations,
      );
    });
  }
  const { rows: shares } = await sql<{
    year: number;
    team_id: string;
    allocated: string;
    asked: string;
  }>`
    select a.year, a.team_id, a.cents as allocated,
      coalesce((select sum(r.amount_cents) from work_budget_requests r
        where r.municipality_id = a.municipality_id and r.year = a.year and r.team_id = a.team_id
          and r.status <> 'rejected'), 0)::bigint as asked
    from work_budget_allocations a
    where a.municipality_id = ${m}::uuid and a.team_id is not null`.execute(db);
  const headroom = new Map(
    shares.map((s) => [
      `${s.team_id}:${s.year}`,
      Math.max(0, Math.round(0.75 * Number(s.allocated)) - Number(s.asked)),
    ]),
  );
  return (teamId, year) => headroom.get(`${teamId}:${year}`) ?? 0;
}

export interface HistoryResult {
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

/** Writes the history. */
export async function seedHistory(
  owner: Db,
  municipalityId: string,
  options: HistoryOptions = {},
): Promise<HistoryResult> {
  const seed = options.seed ?? 'samenkracht-demo';
  const years = options.years ?? 2;
  const until = options.until ?? todayInAmsterdam();
  const anchor = amsterdamMidnight(until);
  const start = new Date(anchor.getTime() - Math.round(years * 365) * DAY);
  const rng = new Random(seedOf(`${seed}:demo-history`));
  const target = kyselyTarget(owner);
  const timings: Record<string, number> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await work();
    timings[label] = Math.round(performance.now() - began);
    return result;
  };
  const org = await time('organisation', () =>
    loadOrganisation(owner, municipalityId, rng.fork('organisation')),
  );
  const plan = demoPlan(org, years);
  const entry = await time('entryPoint', () =>
    generateEntryPoint(target, rng.fork('entry-point'), plan, org, start, anchor),
  );
  const trajectories = await time('trajectories', () =>
    generateTrajectories(target, rng.fork('trajectories'), org, entry.trajectories, anchor),
  );
  const measurements = await time('measurements', () =>
    generateMeasurements(target, rng.fork('measurements'), org, entry.trajectories, anchor),
  );
  const budgetYears = historyYears(start, anchor);
  const budget = await time('budget', async () => {
    const headroomCents = await prepareWorkBudgets(target, owner, org, budgetYears);
    return generateBudgetRequests(
      target,
      rng.fork('budget'),
      org,
      entry.trajectories,
      budgetYears[0] ?? 0,
      anchor,
      { headroomCents },
    );
  });
  // The generator analyses the tables that later rows refer to; autovacuum analyses the rest
  // within a minute (a whole-database analyze here would add seconds to every start).
  return {
    counts: { ...entry.counts, ...trajectories, ...measurements, ...budget },
    timings,
  };
}
