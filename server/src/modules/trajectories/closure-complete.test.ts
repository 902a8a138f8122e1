// A trajectory is closed with its closing date and outcome, or not at all (migration
// 20261125T0100): PostgreSQL refuses anything in between, and the repair reopens what the old
// PATCH path left behind, with a line in the trajectory's history saying why.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createDemoEnv, type TestEnv } from '../../../test/harness.js';
import {
  REOPENED_NOTE,
  refuseIncompleteClosures,
  reopenIncompleteClosures,
} from '../../db/migrations/20261125T0100-trajectory-closure-complete.js';

let env: TestEnv;
let owner: Kysely<unknown>;

interface Row {
  id: string;
  status: string;
  closed_at: Date | null;
  outcome: string | null;
  version: number;
}

const trajectory = async (id: string) =>
  (
    await sql<Row>`select id, status, closed_at, outcome, version from trajectories
      where id = ${id}::uuid`.execute(owner)
  ).rows[0];

const someTrajectory = async (status: string) => {
  const { rows } = await sql<Row>`select id, status, closed_at, outcome, version
    from trajectories where status = ${status} order by id limit 1`.execute(owner);
  const row = rows[0];
  if (!row) throw new Error(`the demo has no ${status} trajectory`);
  return row;
};

beforeAll(async () => {
  env = await createDemoEnv();
  owner = env.owner as unknown as Kysely<unknown>;
});

describe('a closure is complete or it is not one', () => {
  it('refuses aftercare or closed without a closing date or outcome, and an open one with them', async () => {
    const open = await someTrajectory('open');
    const closed = await someTrajectory('closed');
    const refused = [
      sql`update trajectories set status = 'aftercare' where id = ${open.id}::uuid`,
      sql`update trajectories set status = 'closed', outcome = 'goals_achieved' where id = ${open.id}::uuid`,
      sql`update trajectories set status = 'closed', closed_at = now() where id = ${open.id}::uuid`,
      sql`update trajectories set outcome = null where id = ${closed.id}::uuid`,
      sql`update trajectories set status = 'open' where id = ${closed.id}::uuid`,
    ];
    for (const statement of refused)
      await expect(statement.execute(owner)).rejects.toThrow(/trajectories_closure_complete/);
    expect(await trajectory(open.id)).toEqual(open);
    expect(await trajectory(closed.id)).toEqual(closed);
  });

  it('reopens what was closed without its date or outcome, says so in the history, and leaves the rest', async () => {
    // The state the old PATCH path left behind, made possible again for this test's own database.
    await sql`alter table trajectories drop constraint trajectories_closure_complete`.execute(
      owner,
    );
    const broken = await someTrajectory('open');
    await sql`update trajectories set status = 'aftercare' where id = ${broken.id}::uuid`.execute(
      owner,
    );
    const closed = await someTrajectory('closed');
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from trajectory_events`.execute(owner);

    await reopenIncompleteClosures(owner);

    expect(await trajectory(broken.id)).toMatchObject({
      status: 'open',
      closed_at: null,
      outcome: null,
      version: broken.version + 1,
    });
    const { rows: events } = await sql<{ from_value: string; to_value: string; note: string }>`
      select from_value, to_value, note from trajectory_events
       where trajectory_id = ${broken.id}::uuid and note = ${REOPENED_NOTE}`.execute(owner);
    expect(events).toEqual([{ from_value: 'aftercare', to_value: 'open', note: REOPENED_NOTE }]);
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from trajectory_events`.execute(owner);
    expect(after.rows[0]?.n).toBe((before.rows[0]?.n ?? 0) + 1);
    expect(await trajectory(closed.id)).toEqual(closed);
    // Row-level security is forced again on both tables, as before the repair.
    const { rows: forced } = await sql<{ relname: string; relforcerowsecurity: boolean }>`
      select relname, relforcerowsecurity from pg_class
       where relname in ('trajectories', 'trajectory_events') order by relname`.execute(owner);
    expect(forced).toEqual([
      { relname: 'trajectories', relforcerowsecurity: true },
      { relname: 'trajectory_events', relforcerowsecurity: true },
    ]);
    // With the repair done, the rule holds for every row again.
    await expect(refuseIncompleteClosures(owner)).resolves.toBeUndefined();
  });
});
