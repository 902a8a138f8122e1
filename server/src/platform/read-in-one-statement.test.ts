// Opening a household is a read in one statement (read-in-one-statement.ts, read_household): the
// session check, the role check, the scope, the read and its audit rows in one message. Checked
// here: that it is one statement, that its audit rows are those the service wrote before, and
// that every refusal is the one the session check before the handler gave (401, 403, 404 with its
// refusal row), including a session that expired, was revoked or is due a touch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { createDb, type Db, type ExecutedQuery } from './db.js';

let env: TestEnv;
let app: FastifyInstance;
let db: Db;
const recorded: ExecutedQuery[] = [];
let worker: Session;
let householdId: string;
let memberIds: string[];
let otherTeamsHouseholdId: string;

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string | null;
  resident_id: string | null;
  result: string;
  request_id: string | null;
}

const auditRowsAbout = async (objectId: string) =>
  (
    await sql<AuditRow>`select id, at, actor_id, actor_role, action, object_type, object_id,
        resident_id, result, request_id
      from audit_events where object_id = ${objectId} order by at, id`.execute(env.owner)
  ).rows;

beforeAll(async () => {
  env = await createDemoEnv();
  db = createDb(env.appUrl, 2, { onQuery: (query) => recorded.push(query) });
  app = await buildApp({ config: env.config, db, serveWeb: false });
  worker = await login(app, 'worker@maastricht.demo');
  const own = await sql<{ id: string }>`
    select h.id from households h
    where h.team_id = ${worker.user.teamIds[0]}::uuid
      and (select count(*) from residents r where r.household_id = h.id) >= 2
    limit 1`.execute(env.owner);
  householdId = own.rows[0]!.id;
  const members = await sql<{ id: string }>`
    select id from residents where household_id = ${householdId}::uuid
    order by birth_date, given_name`.execute(env.owner);
  memberIds = members.rows.map((r) => r.id);
  const other = await sql<{ id: string }>`
    select id from households where team_id <> all(${worker.user.teamIds}::uuid[]) limit 1`.execute(
    env.owner,
  );
  otherTeamsHouseholdId = other.rows[0]!.id;
});

afterAll(async () => {
  await app.close();
  await db.destroy();
});

describe('opening a household in one statement', () => {
  it('is one statement, answers the household with its members, and audits one row per member', async () => {
    recorded.length = 0;
    const response = await call(app, worker, 'GET', `/api/v1/households/${householdId}`);
    expect(response.statusCode).toBe(200);
    expect(recorded.map((q) => q.sql.trim())).toEqual([
      expect.stringMatching(/^select read_household\(\$1, \$2, \$3, \$4, \$5, \$6\) as result$/),
    ]);
    const household = response.json<{ id: string; members: { id: string }[] }>();
    expect(household.id).toBe(householdId);
    expect(household.members.map((m) => m.id)).toEqual(memberIds);

    const rows = await auditRowsAbout(householdId);
    const reads = rows.filter((r) => r.action === 'household.read');
    expect(reads.map((r) => r.resident_id).sort()).toEqual([...memberIds].sort());
    for (const row of reads) {
      expect(row).toMatchObject({
        actor_id: worker.user.id,
        actor_role: 'worker',
        object_type: 'household',
        result: 'success',
      });
      expect(row.request_id).toMatch(/\S/);
      // Time-ordered ids, as the app makes them: version 7, and the time of the row itself.
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const millis = parseInt(row.id.replace(/-/g, '').slice(0, 12), 16);
      expect(Math.abs(millis - row.at.getTime())).toBeLessThan(5_000);
    }
  });

  it('does not find another team’s household, and audits the refusal, not a read', async () => {
    const response = await call(app, worker, 'GET', `/api/v1/households/${otherTeamsHouseholdId}`);
    expect(response.statusCode).toBe(404);
    const rows = await auditRowsAbout(otherTeamsHouseholdId);
    expect(rows.map((r) => [r.action, r.result, r.actor_id])).toEqual([
      ['access.refused', 'not_found', worker.user.id],
    ]);
  });

  it('refuses a role the route does not name (403), with who was refused', async () => {
    const volunteer = await login(app, 'vrijwilliger@maastricht.demo');
    const response = await call(app, volunteer, 'GET', `/api/v1/households/${householdId}`);
    expect(response.statusCode).toBe(403);
    const rows = await auditRowsAbout(householdId);
    expect(rows.filter((r) => r.actor_id === volunteer.user.id).map((r) => r.action)).toEqual([
      'access.refused',
    ]);
  });

  it('answers 401 without a cookie, with a cookie that is no session, and for an expired or revoked session', async () => {
    expect((await call(app, null, 'GET', `/api/v1/households/${householdId}`)).statusCode).toBe(
      401,
    );
    const stranger = { ...worker, cookie: 'sk_session=not-a-session' };
    expect((await call(app, stranger, 'GET', `/api/v1/households/${householdId}`)).statusCode).toBe(
      401,
    );

    const idle = await login(app, 'worker@maastricht.demo');
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'
      where csrf_token = ${idle.csrfToken}`.execute(env.owner);
    expect((await call(app, idle, 'GET', `/api/v1/households/${householdId}`)).statusCode).toBe(
      401,
    );

    const revoked = await login(app, 'worker@maastricht.demo');
    await sql`update sessions set revoked_at = now() where csrf_token = ${revoked.csrfToken}`.execute(
      env.owner,
    );
    const before = (await auditRowsAbout(householdId)).length;
    expect((await call(app, revoked, 'GET', `/api/v1/households/${householdId}`)).statusCode).toBe(
      401,
    );
    expect((await auditRowsAbout(householdId)).length).toBe(before);
  });

  it('answers 401 before validation without a cookie, and validates the path before the session check', async () => {
    expect((await call(app, null, 'GET', '/api/v1/households/not-a-uuid')).statusCode).toBe(401);
    const stranger = { ...worker, cookie: 'sk_session=not-a-session' };
    const malformed = await call(app, stranger, 'GET', '/api/v1/households/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toMatch(
      /id/,
    );
  });

  it('keeps a session in use alive, in the same statement', async () => {
    const session = await login(app, 'worker@maastricht.demo');
    await sql`update sessions set last_seen_at = now() - interval '20 minutes'
      where csrf_token = ${session.csrfToken}`.execute(env.owner);
    expect((await call(app, session, 'GET', `/api/v1/households/${householdId}`)).statusCode).toBe(
      200,
    );
    const { rows } = await sql<{ idle: number }>`
      select extract(epoch from now() - last_seen_at)::float8 as idle from sessions
      where csrf_token = ${session.csrfToken}`.execute(env.owner);
    expect(rows[0]?.idle).toBeLessThan(5);
  });
});

describe('opening a trajectory in one statement', () => {
  let trajectoryId: string;
  let trajectoryMembers: string[];
  let otherTeamsTrajectoryId: string;

  beforeAll(async () => {
    const own = await sql<{ id: string; household_id: string }>`
      select t.id, t.household_id from trajectories t
      where t.team_id = ${worker.user.teamIds[0]}::uuid and t.status <> 'closed'
      limit 1`.execute(env.owner);
    trajectoryId = own.rows[0]!.id;
    const members = await sql<{ id: string }>`
      select id from residents where household_id = ${own.rows[0]!.household_id}::uuid`.execute(
      env.owner,
    );
    trajectoryMembers = members.rows.map((r) => r.id);
    const other = await sql<{ id: string }>`
      select id from trajectories where team_id <> all(${worker.user.teamIds}::uuid[]) limit 1`.execute(
      env.owner,
    );
    otherTeamsTrajectoryId = other.rows[0]!.id;
  });

  it('is one statement and audits one row per member of the household', async () => {
    recorded.length = 0;
    const response = await call(app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(response.statusCode).toBe(200);
    expect(recorded.map((q) => q.sql.trim())).toEqual([
      expect.stringMatching(/^select read_trajectory\(\$1, \$2, \$3, \$4, \$5, \$6\) as result$/),
    ]);
    expect(response.json<{ id: string }>().id).toBe(trajectoryId);
    const reads = (await auditRowsAbout(trajectoryId)).filter(
      (r) => r.action === 'trajectory.read' && r.actor_id === worker.user.id,
    );
    expect(reads.map((r) => r.resident_id).sort()).toEqual([...trajectoryMembers].sort());
  });

  it('answers what a change answers: the two reads of a trajectory agree', async () => {
    const before = await call(app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    const { version } = before.json<{ version: number }>();
    const changed = await call(app, worker, 'PATCH', `/api/v1/trajectories/${trajectoryId}`, {
      version,
      nextFollowUpOn: '2027-01-15',
      note: 'Over zeven weken weer langs',
    });
    expect(changed.statusCode).toBe(200);
    const opened = await call(app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(opened.json()).toEqual(changed.json());
    // The change is in both, with its event in the history (at, by and note included).
    const body = opened.json<{ nextFollowUpOn: string; events: { kind: string }[] }>();
    expect(body.nextFollowUpOn).toBe('2027-01-15');
    expect(body.events.map((e) => e.kind)).toContain('follow_up');
  });

  it('does not find another team’s trajectory (404), and a volunteer is refused (403)', async () => {
    expect(
      (await call(app, worker, 'GET', `/api/v1/trajectories/${otherTeamsTrajectoryId}`)).statusCode,
    ).toBe(404);
    expect(
      (await auditRowsAbout(otherTeamsTrajectoryId)).map((r) => [r.action, r.actor_id]),
    ).toEqual([['access.refused', worker.user.id]]);
    const volunteer = await login(app, 'vrijwilliger@maastricht.demo');
    expect(
      (await call(app, volunteer, 'GET', `/api/v1/trajectories/${trajectoryId}`)).statusCode,
    ).toBe(403);
  });
});

describe('opening the plan and the measurements of a trajectory in one statement', () => {
  it('reads the current plan in one statement, as the versions route reads that version', async () => {
    const { rows } = await sql<{ id: string; plan_version: number }>`
      select id, plan_version from trajectories
      where team_id = ${worker.user.teamIds[0]}::uuid and plan_version > 0 limit 1`.execute(
      env.owner,
    );
    const { id, plan_version: version } = rows[0]!;
    recorded.length = 0;
    const current = await call(app, worker, 'GET', `/api/v1/trajectories/${id}/plan`);
    expect(current.statusCode).toBe(200);
    expect(recorded.map((q) => q.sql.trim())).toEqual([
      expect.stringMatching(/^select read_plan\(\$1, \$2, \$3, \$4, \$5, \$6\) as result$/),
    ]);
    const byVersion = await call(
      app,
      worker,
      'GET',
      `/api/v1/trajectories/${id}/plan/versions/${version}`,
    );
    expect(current.json()).toEqual(byVersion.json());
    expect(current.json<{ version: number }>().version).toBe(version);
    const reads = (await auditRowsAbout(id)).filter(
      (r) => r.action === 'plan.read' && r.actor_id === worker.user.id,
    );
    expect(reads.length).toBeGreaterThan(0);
  });

  it('answers an empty plan for a trajectory without one, and 404 outside the team', async () => {
    const { rows } = await sql<{ id: string }>`
      insert into trajectories (municipality_id, id, household_id, team_id, coordinator_id, opened_at)
      select h.municipality_id, gen_random_uuid(), h.id, h.team_id, ${worker.user.id}::uuid, now()
        from households h
       where h.team_id = ${worker.user.teamIds[0]}::uuid
         and not exists (select 1 from trajectories t where t.household_id = h.id and t.status <> 'closed')
       limit 1
      returning id`.execute(env.owner);
    const fresh = rows[0]!.id;
    const plan = await call(app, worker, 'GET', `/api/v1/trajectories/${fresh}/plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ version: 0, actions: [], savedBy: null });
    const measurements = await call(
      app,
      worker,
      'GET',
      `/api/v1/trajectories/${fresh}/assessments`,
    );
    expect(measurements.statusCode).toBe(200);
    // No registration: a measurement without a member is of the household as a whole.
    const { threeMonthDay, ...empty } = measurements.json<{ threeMonthDay: string }>();
    expect(empty).toEqual({ items: [], progress: [], registeredResidentId: null });
    expect(threeMonthDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const other = await sql<{ id: string }>`
      select id from trajectories where team_id <> all(${worker.user.teamIds}::uuid[]) limit 1`.execute(
      env.owner,
    );
    for (const tab of ['plan', 'assessments'])
      expect(
        (await call(app, worker, 'GET', `/api/v1/trajectories/${other.rows[0]!.id}/${tab}`))
          .statusCode,
      ).toBe(404);
  });

  it('reads the measurements in one statement, audited once per resident measured', async () => {
    const { rows } = await sql<{ trajectory_id: string; residents: string[]; count: number }>`
      select a.trajectory_id, array_agg(distinct a.resident_id) as residents, count(*)::int as count
        from assessments a join trajectories t on t.id = a.trajectory_id
       where t.team_id = ${worker.user.teamIds[0]}::uuid and a.resident_id is not null
       group by a.trajectory_id limit 1`.execute(env.owner);
    const { trajectory_id: id, residents, count } = rows[0]!;
    recorded.length = 0;
    const response = await call(app, worker, 'GET', `/api/v1/trajectories/${id}/assessments`);
    expect(response.statusCode).toBe(200);
    expect(recorded.map((q) => q.sql.trim())).toEqual([
      expect.stringMatching(/^select read_assessments\(\$1, \$2, \$3, \$4, \$5, \$6\) as result$/),
    ]);
    const body = response.json<{
      items: { id: string; scores: Record<string, number | null> }[];
    }>();
    expect(body.items).toHaveLength(count);
    expect(Object.keys(body.items[0]!.scores).length).toBeGreaterThan(0);
    const reads = (await auditRowsAbout(id)).filter(
      (r) => r.action === 'assessment.list' && r.actor_id === worker.user.id,
    );
    expect(reads.map((r) => r.resident_id).sort()).toEqual([...residents].sort());
  });
});
