// The resident's changes to the household's plan in the portal: a tick and an agreement are in
// the access log of every member of the household (the plan is the household's, as a worker's
// save names them all), and they lock the trajectory, so that one sent while the team closes the
// trajectory waits for the closing and is refused (409) instead of changing a closed plan.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  call,
  createDemoEnv,
  lastAuditOf,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let lead: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  lead = await login(env.app, 'teamlead@maastricht.demo');
});

function asResident(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Session {
  const cookie = response.cookies.find((c) => c.name === 'sk_session');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
}

/** The resident's own portal account, invited by the worker and activated. */
async function openPortal(residentId: string, loginName: string): Promise<Session> {
  const invitation = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
    residentId,
  });
  expect(invitation.statusCode, invitation.body).toBe(201);
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: {
      code: invitation.json<{ code: string }>().code,
      loginName,
      password: 'mijn-eigen-wachtwoord',
    },
  });
  expect(opened.statusCode, opened.body).toBe(200);
  return asResident(opened);
}

interface Household {
  trajectoryId: string;
  annaId: string;
  bertId: string;
  anna: Session;
  /** Anna's own action in version 1 of the plan. */
  actionId: string;
}

/** Anna and her partner Bert, a trajectory with version 1 of its plan, and Anna in the portal. */
async function household(familyName: string): Promise<Household> {
  const opened = await openTrajectory(env.app, worker, { givenName: 'Anna', familyName });
  const householdUrl = `/api/v1/households/${opened.householdId}`;
  const read = await call(env.app, worker, 'GET', householdUrl);
  const added = await call(env.app, worker, 'POST', `${householdUrl}/members`, {
    version: read.json<{ version: number }>().version,
    givenName: 'Bert',
    familyName,
    birthDate: '1980-04-04',
  });
  expect(added.statusCode, added.body).toBe(201);
  const bertId = added
    .json<{ members: { id: string; givenName: string }[] }>()
    .members.find((m) => m.givenName === 'Bert')?.id;
  if (!bertId) throw new Error('Bert was not added');
  const saved = await call(
    env.app,
    worker,
    'PUT',
    `/api/v1/trajectories/${opened.trajectoryId}/plan`,
    {
      version: 0,
      actions: [{ description: 'Post openen', ownerType: 'resident', ownerName: 'Anna' }],
    },
  );
  expect(saved.statusCode, saved.body).toBe(200);
  const actionId = saved.json<{ actions: { id: string }[] }>().actions[0]?.id ?? '';
  const anna = await openPortal(opened.residentId, `anna.${familyName.toLowerCase()}@example.demo`);
  return { trajectoryId: opened.trajectoryId, annaId: opened.residentId, bertId, anna, actionId };
}

describe('who the audit rows of the resident’s plan changes name', () => {
  let h: Household;
  beforeAll(async () => {
    h = await household('Gezin');
  });

  it("Anna's agreement in the portal is in Bert's access log too, Anna the actor", async () => {
    const agreed = await call(env.app, h.anna, 'POST', '/api/v1/portal/plan/agreement', {
      version: 1,
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    const audited = await lastAuditOf(env, 'plan.agreement');
    expect(audited.residentIds).toEqual([h.annaId, h.bertId].sort());
    const { rows } = await sql<{ actor_id: string; resident_ids: string[] | null }>`
      select actor_id::text, resident_ids::text[] from audit_events
      where action = 'plan.agreement' and object_id = ${h.trajectoryId}`.execute(env.owner);
    // One event, the acting resident first among the named.
    expect(rows).toEqual([{ actor_id: h.annaId, resident_ids: [h.annaId, h.bertId] }]);
  });

  it("Anna's tick (a new version of the plan) is in Bert's access log too; a comment alone only in hers", async () => {
    const ticked = await call(env.app, h.anna, 'POST', `/api/v1/portal/actions/${h.actionId}`, {
      status: 'done',
    });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect((await lastAuditOf(env, 'plan.save')).residentIds).toEqual([h.annaId, h.bertId].sort());

    const commented = await call(env.app, h.anna, 'POST', `/api/v1/portal/actions/${h.actionId}`, {
      comment: 'Gelukt, met hulp van de buurvrouw',
    });
    expect(commented.statusCode, commented.body).toBe(200);
    expect((await lastAuditOf(env, 'plan.save')).residentIds).toEqual([h.annaId]);
  });
});

/**
 * Holds the trajectory's row while the team's closing and then the resident's request reach it,
 * then lets go: answers both responses and the trajectory's plan version before and after.
 */
async function raceWithClosing(trajectoryId: string, resident: () => ReturnType<typeof call>) {
  const planVersion = async () => {
    const { rows } = await sql<{ plan_version: number; agreed: number }>`
      select plan_version, (select count(*)::int from plan_versions v
        where v.trajectory_id = t.id and v.agreed_on is not null) as agreed
      from trajectories t where t.id = ${trajectoryId}::uuid`.execute(env.owner);
    return rows[0];
  };
  const waitForLockWaiters = async (n: number) => {
    for (let i = 0; i < 400; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(env.owner);
      if ((rows[0]?.n ?? 0) >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`never ${n} lock waiter(s)`);
  };
  const before = await planVersion();
  const [closed, answered] = await env.owner.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await sql`select 1 from trajectories where id = ${trajectoryId}::uuid for update`.execute(conn);
    const closing = call(env.app, lead, 'POST', `/api/v1/trajectories/${trajectoryId}/close`, {
      closedAt: new Date().toISOString(),
      outcome: 'goals_achieved',
      handledWithoutSpecialistCare: true,
      reason: 'Doelen bereikt',
      noClosingMeasurementReason: 'Geen meting',
    });
    await waitForLockWaiters(1);
    const request = resident();
    await waitForLockWaiters(2);
    await sql`commit`.execute(conn);
    return Promise.all([closing, request]);
  });
  return { closed, answered, before, after: await planVersion() };
}

describe('a resident’s change racing the closing of the trajectory', () => {
  it('a tick sent while the trajectory closes is refused (409) and makes no new version', async () => {
    const h = await household('Afvinken');
    const race = await raceWithClosing(h.trajectoryId, () =>
      call(env.app, h.anna, 'POST', `/api/v1/portal/actions/${h.actionId}`, { status: 'done' }),
    );
    expect(race.closed.statusCode, race.closed.body).toBe(200);
    expect(race.answered.statusCode, race.answered.body).toBe(409);
    expect(race.after).toEqual(race.before);
  });

  it('an agreement sent while the trajectory closes is refused (409) and records nothing', async () => {
    const h = await household('Akkoord');
    const race = await raceWithClosing(h.trajectoryId, () =>
      call(env.app, h.anna, 'POST', '/api/v1/portal/plan/agreement', { version: 1 }),
    );
    expect(race.closed.statusCode, race.closed.body).toBe(200);
    expect(race.answered.statusCode, race.answered.body).toBe(409);
    expect(race.after).toEqual({ ...race.before, agreed: 0 });
  });
});
