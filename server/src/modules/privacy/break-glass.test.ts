import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let worker: Session; // Sociaal Team Noordwest: the case is theirs
let worker2: Session; // Sociaal Team Oost: outside their scope
let trajectoryId: string;
let householdId: string;
let otherTrajectoryId: string;

async function openCase(givenName: string, familyName: string) {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Crisis thuis',
    resident: { givenName, familyName, birthDate: '1980-05-05' },
  });
  expect(created.statusCode).toBe(201);
  // Triage follows the first contact.
  await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  return triage.json<{ trajectoryId: string }>().trajectoryId;
}

const REASON = 'Crisis: collega Sanne ziek, moeder belt in paniek over uithuiszetting vandaag';

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  trajectoryId = await openCase('Glas', 'Breker');
  otherTrajectoryId = await openCase('Ander', 'Gezin');
  const plan = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    answers: { own_strength: 'Kan zelf bellen.' },
    actions: [],
    agreements: ['Dagelijks contact'],
  });
  expect(plan.statusCode).toBe(200);
  await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/contacts`, {
    at: new Date().toISOString(),
    kind: 'phone',
    note: 'Gebeld met de verhuurder',
  });
  householdId = (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`)).json<{
    householdId: string;
  }>().householdId;
});

describe('break the glass', () => {
  it('without a grant, a worker of another team gets 404 on the case and its parts', async () => {
    for (const url of [
      `/api/v1/trajectories/${trajectoryId}`,
      `/api/v1/trajectories/${trajectoryId}/plan`,
      `/api/v1/trajectories/${trajectoryId}/contacts`,
      `/api/v1/households/${householdId}`,
    ]) {
      expect((await call(env.app, worker2, 'GET', url)).statusCode, url).toBe(404);
    }
  });

  it('refuses a grant without a reason of at least 20 characters, or for an own case', async () => {
    const short = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: 'crisis',
    });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('reason');
    const own = await call(env.app, worker, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: REASON,
    });
    expect(own.statusCode).toBe(400);
    const unknown = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      householdId: '01900000-0000-7000-8000-000000000000',
      reason: REASON,
    });
    expect(unknown.statusCode).toBe(404);
    // Neither attempt left a grant behind.
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from break_glass_grants where household_id = ${householdId}`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('with a reason, opens that household read-only until the end of the day, and audits it', async () => {
    const granted = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: REASON,
    });
    expect(granted.statusCode).toBe(201);
    const grant = granted.json<{ householdId: string; expiresAt: string }>();
    expect(grant.householdId).toBe(householdId);
    // Until midnight in Amsterdam, and at least two hours from now.
    const expires = new Date(grant.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(Date.now() + 2 * 3600_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 26 * 3600_000);

    const trajectory = await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(trajectory.statusCode).toBe(200);
    const plan = await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Dagelijks contact');
    const contacts = await call(
      env.app,
      worker2,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
    );
    expect(contacts.statusCode).toBe(200);
    expect(contacts.json<{ items: unknown[] }>().items).toHaveLength(1);
    const household = await call(env.app, worker2, 'GET', `/api/v1/households/${householdId}`);
    expect(household.statusCode).toBe(200);
    expect(household.body).toContain('Breker');

    // Only that household: the same team's other case stays closed.
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/trajectories/${otherTrajectoryId}`)).statusCode,
    ).toBe(404);

    // Read-only: writing into the case is refused (not a server error).
    const write = await call(
      env.app,
      worker2,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
      {
        at: new Date().toISOString(),
        kind: 'phone',
        note: 'Mag niet lukken',
      },
    );
    expect([403, 404]).toContain(write.statusCode);
    const { rows: contactRows } = await sql<{ n: number }>`
      select count(*)::int as n from contacts where trajectory_id = ${trajectoryId}`.execute(
      env.owner,
    );
    expect(contactRows[0]?.n).toBe(1);

    const { rows } = await sql<{
      action: string;
      reason: string | null;
      resident_id: string | null;
    }>`
      select action, reason, resident_id from audit_events
      where action = 'break_glass.open' and actor_id = ${worker2.user.id}
        and object_id = ${householdId}`.execute(env.owner);
    // One row per member of the household (one member here), with the reason.
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toBe(REASON);
    expect(rows[0]?.resident_id).not.toBeNull();

    const mine = await call(env.app, worker2, 'GET', '/api/v1/break-glass');
    expect(
      mine.json<{ items: { householdId: string }[] }>().items.map((g) => g.householdId),
    ).toEqual([householdId]);
  });

  it('ends when the grant expires', async () => {
    await sql`update break_glass_grants set created_at = now() - interval '2 days',
                expires_at = now() - interval '1 second' where household_id = ${householdId}`.execute(
      env.owner,
    );
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/trajectories/${trajectoryId}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/households/${householdId}`)).statusCode,
    ).toBe(404);
    expect((await call(env.app, worker2, 'GET', '/api/v1/break-glass')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('is enforced by row-level security itself, not only by the services', async () => {
    // As the app role with worker2's team scope: no rows without the glass setting, the household
    // with it, and never a household that is not named.
    const teamOost = worker2.user.teamIds.join(',');
    const read = (glass: string) =>
      env.db.transaction().execute(async (trx) => {
        await sql`select set_config('app.municipality_id', ${worker2.user.municipalityId}, true),
                         set_config('app.team_ids', ${teamOost}, true),
                         set_config('app.glass_household_ids', ${glass}, true)`.execute(trx);
        const { rows } = await sql<{ n: number }>`
          select (select count(*)::int from households where id = ${householdId})
               + (select count(*)::int from contacts where trajectory_id = ${trajectoryId}) as n`.execute(
          trx,
        );
        return rows[0]?.n;
      });
    expect(await read('')).toBe(0);
    expect(await read(householdId)).toBe(2);
  });
});
