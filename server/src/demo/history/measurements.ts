// The measurements module of the synthetic city: the Zelfredzaamheidsmatrix (ZRM 2017, the
// default instrument) of the resident the registration was about, at the start of most
// trajectories, after three months for about 40%, at closure for about 30% of the closed ones,
// and now and then in between, with small, realistic improvements. Closed trajectories without a
// closing measurement carry the reason the worker gave, as the closing form asks.
import { INSTRUMENTS } from '../../modules/assessments/instruments.js';
import { amsterdamDate } from '../../platform/dates.js';
import type { GeneratedTrajectory } from './entry-point.js';
import type { Organisation } from './organisation.js';
import type { Random } from './random.js';
import { inScope, insertRows, updateRows, type Column, type Value, type Target } from './sql.js';

const DAY = 86_400_000;
/** The day a measurement is dated, as the app counts days: in Amsterdam. */
const isoDay = (ms: number) => amsterdamDate(new Date(ms));

/**
 * The three-month day of a trajectory opened at `openedAt`: three calendar months after its opening
 * day in Amsterdam, the day of month cut to the month's length (31 January -> 30 April), as
 * PostgreSQL adds months (repeat-due.ts, threeMonthDay). The app accepts a measurement after
 * three months from this day on.
 */
function threeMonthDayOf(openedAt: number): string {
  const [year = 0, month = 1, day = 1] = isoDay(openedAt).split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + 3, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** `at`, or a moment on `day` (Amsterdam) when `at` falls on an earlier day. */
function notBeforeDay(at: number, day: string): number {
  return isoDay(at) < day ? Date.parse(`${day}T10:00:00Z`) : at;
}
const DOMAINS = INSTRUMENTS['zrm-2017'].domains.map((d) => d.key);

/** The shares used (assumptions, shaped by the issue: repeated measurements for about a third). */
export const MEASUREMENT_FIGURES = {
  startShare: 0.88,
  /** Of the trajectories that ran for three months. */
  threeMonthsShare: 0.6,
  /** Closing measurement: diligent where there was a three-month one, rare otherwise. */
  closureShareAfterThreeMonths: 0.45,
  closureShareOtherwise: 0.15,
  /** Of the trajectories that ran for six months: one interim measurement. */
  interimShare: 0.6,
  /** Not discussed (null) per domain. */
  notDiscussed: { justice: 0.35, substance_use: 0.2 } as Record<string, number>,
};

const ASSESSMENT_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'trajectory_id', type: 'uuid' },
  { name: 'resident_id', type: 'uuid' },
  { name: 'instrument', type: 'text' },
  { name: 'moment', type: 'text' },
  { name: 'taken_on', type: 'date' },
  { name: 'created_by', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];
const SCORE_COLUMNS: Column[] = [
  { name: 'municipality_id', type: 'uuid' },
  { name: 'team_id', type: 'uuid' },
  { name: 'assessment_id', type: 'uuid' },
  { name: 'domain', type: 'text' },
  { name: 'score', type: 'numeric' },
];
const REASON_COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'no_closing_measurement_reason', type: 'text' },
];
const NO_CLOSING_REASONS = [
  'Bewoner niet meer bereikt',
  'Bewoner wilde geen afsluitend gesprek',
  'Verhuisd',
  'Overgedragen aan specialistische zorg',
  'Kort traject; geen tweede meting zinvol',
] as const;

/** A start profile: two to four domains with problems (1-3), the rest mostly self-sufficient. */
function startScores(rng: Random): (number | null)[] {
  const problems = new Set<number>();
  const count = rng.int(2, 4);
  while (problems.size < count) problems.add(rng.int(0, DOMAINS.length - 1));
  return DOMAINS.map((domain, i) => {
    if (rng.chance(MEASUREMENT_FIGURES.notDiscussed[domain] ?? 0.05)) return null;
    if (problems.has(i)) return rng.weighted({ 1: 15, 2: 45, 3: 40 }) === '1' ? 1 : rng.int(2, 3);
    return rng.weighted({ 3: 20, 4: 45, 5: 35 }) === '3' ? 3 : rng.int(4, 5);
  });
}

/** A later measurement: problem domains improve a little more often than they decline. */
function later(rng: Random, before: (number | null)[], closing: boolean): (number | null)[] {
  return before.map((score) => {
    if (score === null) return rng.chance(0.2) ? rng.int(3, 5) : null;
    const r = rng.next();
    let change =
      score <= 3
        ? r < 0.06
          ? -1
          : r < (closing ? 0.5 : 0.38)
            ? 1
            : 0
        : score === 4
          ? r < 0.05
            ? -1
            : r < 0.15
              ? 1
              : 0
          : r < 0.03
            ? -1
            : 0;
    if (closing && change === 1 && score <= 2 && rng.chance(0.2)) change = 2;
    return Math.min(5, Math.max(1, score + change));
  });
}

export async function generateMeasurements(
  target: Target,
  rng: Random,
  org: Organisation,
  all: readonly GeneratedTrajectory[],
  anchor: Date,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  const now = anchor.getTime();
  const f = MEASUREMENT_FIGURES;
  for (const team of org.teams) {
    const r = rng.fork(team.key);
    const m = org.municipalityId;
    const assessments: Value[][] = [];
    const scores: Value[][] = [];
    const reasons: Value[][] = [];
    const record = (
      t: GeneratedTrajectory,
      moment: string,
      at: number,
      values: (number | null)[],
    ) => {
      const id = r.uuidv7(at);
      assessments.push([
        m,
        id,
        team.id,
        t.id,
        t.residentId,
        'zrm-2017',
        moment,
        isoDay(at),
        t.coordinatorId,
        new Date(at),
      ]);
      values.forEach((score, i) => scores.push([m, team.id, id, DOMAINS[i] ?? '', score]));
    };
    for (const t of all) {
      if (t.teamId !== team.id) continue;
      const end = t.closedAt ?? now;
      const closed = t.status === 'closed' || t.status === 'aftercare';
      let current: (number | null)[] | null = null;
      /** When the latest measurement so far was taken: the closing one comes after it. */
      let lastAt = t.openedAt;
      let threeMonths = false;
      const startAt = t.openedAt + r.exponential(7) * DAY;
      if (r.chance(f.startShare) && startAt < end) {
        current = startScores(r);
        record(t, 'start', startAt, current);
        lastAt = startAt;
        // Not before the three-month day (91 days is one short after a long month or two).
        const at3 = Math.max(
          startAt,
          notBeforeDay(t.openedAt + (91 + r.exponential(10)) * DAY, threeMonthDayOf(t.openedAt)),
        );
        if (at3 < end && r.chance(f.threeMonthsShare)) {
          const interimAt = t.openedAt + (150 + r.next() * 60) * DAY;
          if (interimAt < end && r.chance(f.interimShare)) {
            // An interim measurement sits between three months and closure; the three-month one first.
            current = later(r, current, false);
            record(t, 'three_months', at3, current);
            current = later(r, current, false);
            record(t, 'interim', interimAt, current);
            lastAt = Math.max(at3, interimAt);
          } else {
            current = later(r, current, false);
            record(t, 'three_months', at3, current);
            lastAt = at3;
          }
          threeMonths = true;
        }
      }
      let closing = false;
      if (closed && t.closedAt !== null && current) {
        const share = threeMonths ? f.closureShareAfterThreeMonths : f.closureShareOtherwise;
        if (r.chance(share)) {
          // In the last week, but not before the measurements already taken (the start above all).
          const at = Math.max(lastAt, t.closedAt - r.next() * 7 * DAY);
          record(t, 'closure', at, later(r, current, true));
          closing = true;
        }
      }
      if (closed && !closing) reasons.push([t.id, r.pick(NO_CLOSING_REASONS)]);
    }
    await inScope(target, { municipalityId: m, teamIds: [team.id] }, async (c) => {
      await insertRows(c, 'assessments', ASSESSMENT_COLUMNS, assessments);
      await c.query('analyze assessments'); // see entry-point.ts: the foreign-key checks' plans
      await insertRows(c, 'assessment_scores', SCORE_COLUMNS, scores);
      await updateRows(c, 'trajectories', m, REASON_COLUMNS, reasons);
    });
    add('assessments', assessments.length);
    add('assessment_scores', scores.length);
  }
  return counts;
}
