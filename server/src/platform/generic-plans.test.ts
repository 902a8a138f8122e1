// The working lists are prepared statements that PostgreSQL plans once per connection, not on
// every request (platform/db.ts; ARCHITECTURE.md, prepared statements). Two lists were not:
// - the waiting list: its index is partial (registrations_waiting, where status = 'new'), and a
//   generic plan can use it only when the status is in the statement's text; with the status as
//   a parameter the planner made a custom plan every time (2 ms of planning for 0.7 ms of work
//   on the large bench city; bench/README.md, session 8);
// - a coordinator's active trajectories, once "active" became `status in (...)` so that the index
//   bounds the scan: with the statuses as parameters PostgreSQL preferred custom plans as well.
// Here: a team with years of history beside the few rows that are current, each list read
// repeatedly on one connection, and that connection's plan cache asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDemoEnv, type TestEnv } from '../../test/harness.js';
import { createDb, type Db } from './db.js';
import type { ServiceContext } from './context.js';
import { listRegistrationPage } from '../modules/registrations/registrations.service.js';
import { listTrajectoryPage } from '../modules/trajectories/trajectories.service.js';

let env: TestEnv;
let oneConnection: Db;
let ctx: ServiceContext;

beforeAll(async () => {
  env = await createDemoEnv();
  const { rows } = await sql<{
    id: string;
    name: string;
    municipality_id: string;
    team_ids: string[];
  }>`select s.id, s.name, s.municipality_id, array_agg(st.team_id) as team_ids
     from staff s join staff_teams st on st.municipality_id = s.municipality_id and st.staff_id = s.id
     where s.email = 'worker@maastricht.demo' group by s.id, s.name, s.municipality_id`.execute(
    env.owner,
  );
  const worker = rows[0]!;
  // A team's history: thousands of questions already triaged beside the few that wait, as in a
  // city after some years (copies of the demo's own, with new ids).
  for (const [table, closed, copies] of [
    ['registrations', 'triaged', 3000],
    ['trajectories', 'closed', 300],
  ] as const) {
    const { rows: columns } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = 'public' and table_name = ${table}
        and column_name not in ('id', 'status')`.execute(env.owner);
    const names = sql.join(columns.map((c) => sql.ref(c.column_name)));
    await sql`insert into ${sql.table(table)} (id, status, ${names})
      select gen_random_uuid(), ${closed}, ${names} from ${sql.table(table)},
        generate_series(1, ${copies}) where status = ${closed}`.execute(env.owner);
    await sql`analyze ${sql.table(table)}`.execute(env.owner);
  }
  oneConnection = createDb(env.appUrl, 1);
  ctx = {
    db: oneConnection,
    config: env.config,
    requestId: 'generic-plans',
    actor: {
      staffId: worker.id,
      municipalityId: worker.municipality_id,
      name: worker.name,
      role: 'worker',
      teamIds: worker.team_ids,
      csrfToken: '',
      householdId: null,
      glassGrants: [],
    },
  };
  return () => oneConnection.destroy();
});

/** The plan-cache counts of the connection's one prepared statement that reads `from`. */
async function planCounts(from: string) {
  const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
    select generic_plans::int, custom_plans::int from pg_prepared_statements
    where statement like ${`%${from}%`}`.execute(oneConnection);
  expect(rows, from).toHaveLength(1);
  return rows[0]!;
}

describe('the working lists and the plan cache', () => {
  it('plans the waiting list once and then runs it from the generic plan', async () => {
    for (let i = 0; i < 12; i++) {
      const { items: waiting } = await listRegistrationPage(ctx, { status: 'new', limit: 100 });
      expect(waiting.every((r) => r.status === 'new')).toBe(true);
    }
    const counts = await planCounts('from "registrations" as "g"');
    // PostgreSQL tries five custom plans before it compares them with the generic one.
    expect(counts.custom_plans).toBeLessThanOrEqual(5);
    expect(counts.generic_plans).toBeGreaterThanOrEqual(7);
  });

  it("plans a coordinator's active trajectories once, and lists no closed one", async () => {
    for (let i = 0; i < 12; i++) {
      const { items: mine } = await listTrajectoryPage(ctx, {
        coordinatorId: ctx.actor.staffId,
        status: 'active',
        limit: 200,
      });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((t) => t.status !== 'closed')).toBe(true);
    }
    const counts = await planCounts('from "trajectories" as "t"');
    expect(counts.custom_plans).toBeLessThanOrEqual(5);
    expect(counts.generic_plans).toBeGreaterThanOrEqual(7);
  });
});
