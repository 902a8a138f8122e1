// The demo's generated history: consistent with what the app validates, within the werkbudget,
// the demo logins' caseload short, and the same seed and day give the same history.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestEnv } from '../../test/harness.js';
import { seedDemo } from './seed.js';
import { amsterdamMidnight, seedHistory } from './history-demo.js';
import { threeMonthDay } from '../modules/assessments/repeat-due.js';

const UNTIL = '2026-03-16';

describe('demo history', () => {
  it('writes two years that the app would accept, before the hand-made demo', async () => {
    const env = await createTestEnv();
    const { municipalityId: m } = await seedDemo(env.owner, env.config.secretKey, {
      history: false,
    });
    const anchor = amsterdamMidnight(UNTIL);
    expect(anchor.toISOString()).toBe('2026-03-15T23:00:00.000Z'); // CET: UTC+1 in March
    const afterAnchor = async () =>
      (
        await sql<{ n: number }>`
          select (select count(*)::int from registrations where municipality_id = ${m}::uuid and received_at >= ${anchor})
            + (select count(*)::int from signals where municipality_id = ${m}::uuid and received_at >= ${anchor})
            + (select count(*)::int from trajectories where municipality_id = ${m}::uuid and opened_at >= ${anchor})
            as n`.execute(env.owner)
      ).rows[0]?.n;
    const handMade = await afterAnchor();
    const began = performance.now();
    const { counts, timings } = await seedHistory(env.owner, m, { until: UNTIL });
    process.stdout.write(
      `demo history: ${JSON.stringify({ ms: Math.round(performance.now() - began), timings, counts })}\n`,
    );
    const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(env.owner)).rows;

    // About two years of a 7 + 4.4 fte team pair at 64 clients per fte-year: hundreds, not dozens.
    expect(counts.trajectories).toBeGreaterThan(800);

    // Nothing generated from midnight (Amsterdam) of UNTIL on: what is there is hand-made.
    expect(await afterAnchor()).toBe(handMade);

    // Every household lies in a buurt of its own team.
    const [outside] = await q<{ n: number }>(sql`
      select count(*)::int as n from households h where h.municipality_id = ${m}::uuid
        and not exists (select 1 from team_neighbourhoods tn where tn.municipality_id = h.municipality_id
          and tn.team_id = h.team_id and tn.neighbourhood_code = h.neighbourhood_code)`);
    expect(outside?.n).toBe(0);

    // Waits are in order: received, first contact, triage; closing after opening.
    const [disorder] = await q<{ n: number }>(sql`
      select count(*)::int as n from registrations where municipality_id = ${m}::uuid
        and (first_contact_at < received_at or triaged_at < first_contact_at)`);
    expect(disorder?.n).toBe(0);
    const [closedEarly] = await q<{ n: number }>(sql`
      select count(*)::int as n from trajectories where municipality_id = ${m}::uuid
        and closed_at < opened_at`);
    expect(closedEarly?.n).toBe(0);

    // ZRM on the municipality's version, with start-three months pairs to compare.
    const moments = await q<{ instrument: string; moment: string; n: number }>(sql`
      select instrument, moment, count(*)::int as n from assessments
      where municipality_id = ${m}::uuid group by 1, 2`);
    expect(new Set(moments.map((r) => r.instrument))).toEqual(new Set(['zrm-2017']));
    expect(moments.find((r) => r.moment === 'three_months')?.n ?? 0).toBeGreaterThan(100);
    // ... dated as the app accepts them (assessments.service, checkMomentDate): not before the
    // opening day, the one after three months not before the three-month day, and no later
    // moment before the same person's start.
    const misdated = await q<{ moment: string; n: number }>(sql`
      select a.moment, count(*)::int as n from assessments a
      join trajectories t on t.municipality_id = a.municipality_id and t.id = a.trajectory_id
      where a.municipality_id = ${m}::uuid
        and (a.taken_on < (t.opened_at at time zone 'Europe/Amsterdam')::date
          or (a.moment = 'three_months' and a.taken_on < ${threeMonthDay(sql.ref('t.opened_at'))})
          or (a.moment in ('three_months', 'closure') and exists (
                select 1 from assessments s where s.municipality_id = a.municipality_id
                  and s.trajectory_id = a.trajectory_id and s.moment = 'start'
                  and s.resident_id is not distinct from a.resident_id
                  and s.taken_on > a.taken_on)))
      group by a.moment`);
    expect(misdated).toEqual([]);

    // The demo logins coordinate few open trajectories (the hand-made ones and none generated).
    const open = await q<{ email: string; n: number }>(sql`
      select s.email, count(t.id)::int as n from staff s
      left join trajectories t on t.municipality_id = s.municipality_id and t.coordinator_id = s.id
        and t.status <> 'closed'
      where s.municipality_id = ${m}::uuid and s.email in ('worker@maastricht.demo', 'worker2@maastricht.demo')
      group by s.email`);
    expect(open).toHaveLength(2);
    for (const row of open) expect(row.n).toBeLessThanOrEqual(10);

    // No year's werkbudget goes below zero: per team, committed (approved, paid, correction)
    // stays within its allocation, and the allocations never exceed base plus top-ups.
    const overdrawn = await q<{ year: number }>(sql`
      select a.year from work_budget_allocations a
      where a.municipality_id = ${m}::uuid and a.team_id is not null
        and a.cents < (select coalesce(sum(r.amount_cents), 0) from work_budget_requests r
          where r.municipality_id = a.municipality_id and r.year = a.year and r.team_id = a.team_id
            and r.status in ('approved', 'paid', 'correction', 'requested'))`);
    expect(overdrawn).toEqual([]);
    const unbalanced = await q<{ year: number }>(sql`
      select b.year from work_budgets b where b.municipality_id = ${m}::uuid
        and (select sum(cents) from work_budget_allocations a where a.municipality_id = b.municipality_id and a.year = b.year)
          > b.base_cents + (select coalesce(sum(cents), 0) from work_budget_top_ups u
            where u.municipality_id = b.municipality_id and u.year = b.year)`);
    expect(unbalanced).toEqual([]);
    const [years] = await q<{ n: number }>(sql`
      select count(*)::int as n from work_budgets where municipality_id = ${m}::uuid`);
    expect(years?.n).toBeGreaterThanOrEqual(3); // 2024, 2025 and 2026 for a history to March 2026
  }, 180_000);

  it('gives the same history for the same seed and day', async () => {
    const summary = async () => {
      const env = await createTestEnv();
      const { municipalityId: m } = await seedDemo(env.owner, env.config.secretKey, {
        history: false,
      });
      await seedHistory(env.owner, m, { until: UNTIL, years: 0.25 });
      // Ids are made from the seed and the row's time; the teams' own ids differ per seed run.
      const { rows } = await sql<{ ids: string }>`
        select string_agg(g.id::text || g.received_at::text || coalesce(g.triage_outcome, '-'), ',' order by g.id) as ids
        from registrations g where g.municipality_id = ${m}::uuid
          and g.received_at < ${amsterdamMidnight(UNTIL)}`.execute(env.owner);
      return rows[0]?.ids ?? '';
    };
    const first = await summary();
    expect(first.length).toBeGreaterThan(100);
    expect(await summary()).toBe(first);
  }, 120_000);
});
