// The waiting list is a prepared statement that PostgreSQL plans once per connection, not on every
// request. Its index is partial (registrations_waiting, where status = 'new'), and a generic plan
// can use it only when the status is in the statement's text; with the status as a parameter the
// planner made a custom plan every time (2 ms of planning for 0.7 ms of work on the large bench
// city; bench/README.md, session 8). Here: a team with many answered questions and a few waiting
// ones, the list read repeatedly on one connection, and that connection's plan cache asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDemoEnv, type TestEnv } from '../../../test/harness.js';
import { createDb, type Db } from '../../platform/db.js';
import type { ServiceContext } from '../../platform/context.js';
import { listRegistrations } from './registrations.service.js';

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
  const { rows: columns } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = 'public' and table_name = 'registrations'
      and column_name not in ('id', 'status')`.execute(env.owner);
  const names = sql.join(columns.map((c) => sql.ref(c.column_name)));
  await sql`insert into registrations (id, status, ${names})
    select gen_random_uuid(), 'triaged', ${names} from registrations, generate_series(1, 3000)
    where status = 'triaged'`.execute(env.owner);
  await sql`analyze registrations`.execute(env.owner);
  oneConnection = createDb(env.appUrl, 1);
  ctx = {
    db: oneConnection,
    config: env.config,
    requestId: 'waiting-list-plan',
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

describe('the waiting list and the plan cache', () => {
  it('is planned once and then run from the generic plan', async () => {
    for (let i = 0; i < 12; i++) {
      const waiting = await listRegistrations(ctx, { status: 'new', limit: 100 });
      expect(waiting.every((r) => r.status === 'new')).toBe(true);
    }
    const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
      select generic_plans::int, custom_plans::int from pg_prepared_statements
      where statement like '%from "registrations" as "g"%'`.execute(oneConnection);
    expect(rows).toHaveLength(1);
    // PostgreSQL tries five custom plans before it compares them with the generic one.
    expect(rows[0]!.custom_plans).toBeLessThanOrEqual(5);
    expect(rows[0]!.generic_plans).toBeGreaterThanOrEqual(7);
  });
});
