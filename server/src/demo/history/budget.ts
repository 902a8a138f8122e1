// The werkbudget module of the synthetic city: a werkbudget for every year of history (a base in
// proportion to the teams' fte, a top-up, a share per team and a city-wide pot), requests from
// trajectories decided under the mandate (worker, team lead, municipality), payments, and the
// return recorded afterwards for most paid requests.
import type { GeneratedTrajectory } from './entry-point.js';
import type { Organisation } from './organisation.js';
import type { CityPlan } from './plan.js';
import type { Random } from './random.js';
import { inScope, insertRows, type Column, type Value, type Target } from './sql.js';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Assumptions (001 describes EUR 50,000 a year for one city; here scaled by fte). */
export const BUDGET_FIGURES = {
  baseEurPerFte: 1000,
  topUpShare: 0.15,
  /** Share of the base allocated to the teams (by fte); the rest is the city-wide pot. */
  teamShare: 0.8,
  /** Share of trajectories with a werkbudget request. */
  requestShare: 0.045,
  /** Mean amount above a minimum of EUR 50 (exponential), capped at EUR 3,000. */
  meanAmountEur: 250,
  rejected: 0.07,
  /** Share of paid requests (older than two months) with a recorded return. */
  returnShare: 0.6,
  /** Share of those returns with an estimated financial return. */
  financialReturnShare: 0.35,
  mandateWorkerCents: 25_000,
  mandateTeamLeadCents: 100_000,
} as const;

const REQUEST_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'year', type: 'integer' },
  { name: 'purpose', type: 'text' },
  { name: 'amount_cents', type: 'bigint' },
  { name: 'vat', type: 'text' },
  { name: 'justification', type: 'text' },
  { name: 'alternatives_tried', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'approval_level', type: 'text' },
  { name: 'requested_by', type: 'uuid' },
  { name: 'requested_at', type: 'timestamptz' },
  { name: 'decided_by', type: 'uuid' },
  { name: 'decided_at', type: 'timestamptz' },
  { name: 'paid_on', type: 'date' },
  { name: 'payee', type: 'text' },
  { name: 'payment_reference', type: 'text' },
  { name: 'paid_by', type: 'uuid' },
];
const RETURN_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'request_id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'social', type: 'text' },
  { name: 'category', type: 'text' },
  { name: 'financial_kind', type: 'text' },
  { name: 'monthly_cents', type: 'bigint' },
  { name: 'months', type: 'integer' },
  { name: 'recorded_by', type: 'uuid' },
  { name: 'recorded_at', type: 'timestamptz' },
];

const PURPOSES = [
  ['Overbrugging energierekening om afsluiting te voorkomen', 'housing', 'Energieleverancier'],
  ['Tweedehands laptop voor schoolwerk', 'school', 'Kringloopwinkel'],
  ['Fysiotherapie die de verzekering niet dekt', 'health', 'Fysiotherapiepraktijk'],
  ['Verhuiskosten naar een passende woning', 'housing', 'Verhuisbedrijf'],
  ['Fiets om naar werk te gaan', 'work', 'Fietsenwerkplaats'],
  ['Eenmalige aflossing om beslag te voorkomen', 'debts', 'Deurwaarder'],
  ['Contributie sportclub voor de kinderen', 'participation', 'Sportvereniging'],
  ['Rijlessen voor een baan in de thuiszorg', 'work', 'Rijschool'],
] as const;

/** The years from the history's start to the anchor day. */
export function historyYears(start: Date, anchor: Date): number[] {
  const years: number[] = [];
  for (let y = start.getUTCFullYear(); y <= anchor.getUTCFullYear(); y++) years.push(y);
  return years;
}

/** The whole werkbudget module: a budget for every year of history, then requests and returns. */
export async function generateBudget(
  target: Target,
  rng: Random,
  plan: CityPlan,
  org: Organisation,
  all: readonly GeneratedTrajectory[],
  start: Date,
  anchor: Date,
): Promise<Record<string, number>> {
  const years = historyYears(start, anchor);
  await generateWorkBudgets(target, plan, org, years);
  const counts = await generateBudgetRequests(target, rng, org, all, years[0] ?? 0, anchor);
  return { work_budgets: years.length, ...counts };
}

/**
 * The werkbudget of each year: a base in proportion to the plan's fte, a top-up, a share per team
 * (by fte) and the rest as a city-wide pot.
 */
export async function generateWorkBudgets(
  target: Target,
  plan: CityPlan,
  org: Organisation,
  years: readonly number[],
): Promise<void> {
  const f = BUDGET_FIGURES;
  const m = org.municipalityId;
  const base = Math.round(plan.totalFte * f.baseEurPerFte) * 100;
  const totalFte = org.teams.reduce((s, t) => s + t.fte, 0);
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
      years.map((y) => [m, y, base, f.mandateWorkerCents, f.mandateTeamLeadCents]),
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
      years.map((y) => [m, y, 0, 'Armoedebudget jeugd', Math.round(base * f.topUpShare)]),
    );
    const allocations: Value[][] = [];
    for (const y of years) {
      let given = 0;
      for (const team of org.teams) {
        const cents = Math.round((base * f.teamShare * team.fte) / totalFte);
        given += cents;
        allocations.push([m, y, team.id, cents]);
      }
      allocations.push([m, y, null, base + Math.round(base * f.topUpShare) - given]);
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

export interface BudgetRequestOptions {
  /**
   * How much a team may still commit in a year (cents), when the werkbudget already exists (the
   * demo's own requests count too): a request that would commit more is not generated, so that no
   * year's team share goes below zero. Without it, the generated figures decide.
   */
  headroomCents?: (teamId: string, year: number) => number;
}

/**
 * Requests from trajectories (decided at the level the amount requires, some rejected, most paid
 * within ten days) and the return recorded afterwards for most paid ones.
 */
export async function generateBudgetRequests(
  target: Target,
  rng: Random,
  org: Organisation,
  all: readonly GeneratedTrajectory[],
  firstYear: number,
  anchor: Date,
  options: BudgetRequestOptions = {},
): Promise<Record<string, number>> {
  const f = BUDGET_FIGURES;
  const m = org.municipalityId;
  const now = anchor.getTime();
  const counts: Record<string, number> = {};
  for (const team of org.teams) {
    const r = rng.fork(team.key);
    const committed = new Map<number, number>();
    const requests: Value[][] = [];
    const returns: Value[][] = [];
    for (const t of all) {
      if (t.teamId !== team.id || !r.chance(f.requestShare)) continue;
      const end = t.closedAt ?? now;
      const at = t.openedAt + r.exponential(30) * DAY;
      if (at >= end || new Date(at).getUTCFullYear() < firstYear) continue;
      const [purpose, category, payee] = r.pick(PURPOSES);
      const cents = Math.min(300_000, Math.round((50 + r.exponential(f.meanAmountEur)) * 100));
      const level =
        cents <= f.mandateWorkerCents
          ? 'worker'
          : cents <= f.mandateTeamLeadCents
            ? 'team_lead'
            : 'municipality';
      const decider =
        level === 'worker'
          ? t.coordinatorId
          : level === 'team_lead'
            ? team.lead.id
            : org.municipalityStaffId;
      const age = (now - at) / DAY;
      const decidedAt = at + (level === 'worker' ? 0.1 : r.int(1, 5)) * DAY;
      const paidAt = decidedAt + r.int(1, 10) * DAY;
      const status =
        age < 3 || decidedAt >= now
          ? 'requested'
          : r.chance(f.rejected)
            ? 'rejected'
            : paidAt < now && (age > 14 || r.chance(0.4))
              ? 'paid'
              : 'approved';
      const year = new Date(at).getUTCFullYear();
      if (options.headroomCents && status !== 'rejected') {
        const after = (committed.get(year) ?? 0) + cents;
        if (after > options.headroomCents(team.id, year)) continue;
        committed.set(year, after);
      }
      const decided = status !== 'requested';
      const paid = status === 'paid';
      const id = r.uuidv7(at);
      requests.push([
        m,
        id,
        team.id,
        t.id,
        new Date(at).getUTCFullYear(),
        purpose,
        cents,
        r.weighted({ included: 70, exempt: 20, excluded: 10 }),
        'Geen voorliggende voorziening binnen de termijn; voorkomt duurdere problemen.',
        'Fondsen en netwerk gevraagd; niet op tijd of niet mogelijk.',
        status,
        level,
        t.coordinatorId,
        new Date(at),
        decided ? decider : null,
        decided ? new Date(decidedAt) : null,
        paid ? isoDay(paidAt) : null,
        paid ? payee : null,
        paid ? `WB-${new Date(at).getUTCFullYear()}-${id.slice(-6)}` : null,
        paid ? team.lead.id : null,
      ]);
      const recordedAt = paidAt + r.int(30, 120) * DAY;
      if (paid && recordedAt < now && r.chance(f.returnShare)) {
        const financial = r.chance(f.financialReturnShare);
        returns.push([
          m,
          id,
          team.id,
          'De situatie is stabiel; de inzet voorkwam een duurdere voorziening.',
          category,
          financial
            ? r.pick(['bijstandsuitkering stopt', 'geen huisuitzetting', 'minder zorgkosten'])
            : null,
          financial ? r.int(100, 1500) * 100 : null,
          financial ? r.int(3, 24) : null,
          t.coordinatorId,
          new Date(recordedAt),
        ]);
      }
    }
    await inScope(target, { municipalityId: m, teamIds: [team.id] }, async (c) => {
      await insertRows(c, 'work_budget_requests', REQUEST_COLUMNS, requests);
      await insertRows(c, 'work_budget_returns', RETURN_COLUMNS, returns);
    });
    counts.work_budget_requests = (counts.work_budget_requests ?? 0) + requests.length;
    counts.work_budget_returns = (counts.work_budget_returns ?? 0) + returns.length;
  }
  return counts;
}
