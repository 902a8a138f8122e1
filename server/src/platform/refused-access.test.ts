// Refused access is audited: a worker asking for another team's trajectory (404) or for an
// admin's route (403) leaves a row naming who, the route and the id; a stranger leaves none.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let trajectoryId: string;

interface AuditRow {
  actor_id: string | null;
  actor_role: string;
  object_type: string;
  object_id: string | null;
  reason: string | null;
  result: string;
  resident_id: string | null;
}

const refusals = async () =>
  (
    await sql<AuditRow>`select actor_id, actor_role, object_type, object_id, reason, result, resident_id
      from audit_events where action = 'access.refused' order by at, id`.execute(env.owner)
  ).rows;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  // A trajectory of worker's team; worker2 is in the other demo team.
  const { rows } = await sql<{ id: string }>`select t.id from trajectories t
      join staff_teams st on st.team_id = t.team_id
      join staff s on s.id = st.staff_id
      where s.email = 'worker@maastricht.demo'
        and t.team_id not in (select st2.team_id from staff_teams st2 join staff s2 on s2.id = st2.staff_id
                              where s2.email = 'worker2@maastricht.demo')
      limit 1`.execute(env.owner);
  trajectoryId = rows[0]?.id ?? '';
  expect(trajectoryId).not.toBe('');
});

describe('refused access', () => {
  it("writes who asked for which id on a 404 outside the caller's teams", async () => {
    const before = (await refusals()).length;
    const read = await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    expect(read.statusCode).toBe(404);
    const rows = await refusals();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toEqual({
      actor_id: worker2.user.id,
      actor_role: 'worker',
      object_type: 'trajectories',
      object_id: trajectoryId,
      reason: 'GET /api/v1/trajectories/:id/plan',
      result: 'not_found',
      // Nothing about the resident is looked up for a refusal.
      resident_id: null,
    });
  });

  it('writes a 403 for a route of another role as denied, and nothing changes', async () => {
    const before = (await refusals()).length;
    const organisations = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from organisations`.execute(env.owner))
        .rows[0]?.n;
    const count = await organisations();
    const created = await call(env.app, worker, 'POST', '/api/v1/organisations', {
      name: 'Niet toegestaan',
      kind: 'welfare',
    });
    expect(created.statusCode).toBe(403);
    expect(await organisations()).toBe(count);
    const rows = await refusals();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actor_id: worker.user.id,
      object_type: 'organisations',
      object_id: null,
      reason: 'POST /api/v1/organisations',
      result: 'denied',
    });
  });

  it('writes nothing for a caller who is not signed in, or for an answer that is not a refusal', async () => {
    const before = (await refusals()).length;
    const stranger = await env.app.inject({
      method: 'GET',
      url: `/api/v1/trajectories/${trajectoryId}`,
    });
    expect(stranger.statusCode).toBe(401);
    const own = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(own.statusCode).toBe(200);
    expect(await refusals()).toHaveLength(before);
  });
});
