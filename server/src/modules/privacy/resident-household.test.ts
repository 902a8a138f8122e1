// A resident's session sees only their own household, also by row-level security: two households
// of the same team, and a resident of one of them.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
let worker: Session;
let resident: Session;
const own = { household: '', trajectory: '', resident: '' };
const other = { household: '', trajectory: '', resident: '', action: '' };

async function openCase(familyName: string) {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp gevraagd',
    resident: { givenName: 'Test', familyName, birthDate: '1975-02-02' },
  });
  const residentId = created.json<{ residentId: string }>().residentId;
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
  const trajectory = (
    await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
      { outcome: 'multiple_problems' },
    )
  ).json<{ trajectoryId: string }>().trajectoryId;
  const plan = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectory}/plan`, {
    version: 0,
    answers: { own_strength: `Plan van ${familyName}` },
    actions: [
      { description: 'Zelf bellen', ownerType: 'resident', ownerName: 'Ik', status: 'open' },
    ],
    agreements: [],
  });
  await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectory}/contacts`, {
    at: new Date().toISOString(),
    kind: 'phone',
    note: `Journaal van ${familyName}`,
  });
  const household = (
    await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectory}`)
  ).json<{ householdId: string }>().householdId;
  const action = plan.json<{ actions: { id: string }[] }>().actions[0]?.id ?? '';
  return { household, trajectory, resident: residentId, action };
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  Object.assign(own, await openCase('Eigen'));
  Object.assign(other, await openCase('Ander'));
  const code = (
    await call(env.app, worker, 'POST', '/api/v1/portal/invitations', { residentId: own.resident })
  ).json<{ code: string }>().code;
  const activated = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: { code, loginName: 'eigen@example.demo', password: 'mijn-eigen-wachtwoord' },
  });
  const cookie = activated.cookies.find((c) => c.name === 'sk_session');
  const body = activated.json<{ csrfToken: string; user: Session['user'] }>();
  resident = { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
});

/** Rows about a household as the app role in a resident's scope (or a staff scope if null). */
async function rowsAbout(target: typeof own, residentHousehold: string | null) {
  return env.db.transaction().execute(async (trx) => {
    await sql`select set_config('app.municipality_id', ${worker.user.municipalityId}, true),
                     set_config('app.team_ids', ${worker.user.teamIds.join(',')}, true),
                     set_config('app.resident_household_id', ${residentHousehold ?? ''}, true)`.execute(
      trx,
    );
    const { rows } = await sql<Record<string, number>>`select
      (select count(*)::int from households where id = ${target.household}) as households,
      (select count(*)::int from residents where household_id = ${target.household}) as residents,
      (select count(*)::int from trajectories where id = ${target.trajectory}) as trajectories,
      (select count(*)::int from plan_versions where trajectory_id = ${target.trajectory}) as plans,
      (select count(*)::int from plan_actions where trajectory_id = ${target.trajectory}) as actions,
      (select count(*)::int from contacts where trajectory_id = ${target.trajectory}) as contacts,
      (select count(*)::int from registrations where household_id = ${target.household}) as registrations,
      (select count(*)::int from audit_events where resident_id = ${target.resident}) > 0 as audit`.execute(
      trx,
    );
    return rows[0];
  });
}

describe("the resident's household", () => {
  it('is all a resident scope can read, even with the team in scope and a query of its own', async () => {
    const everything = {
      households: 1,
      residents: 1,
      trajectories: 1,
      plans: 1,
      actions: 1,
      contacts: 1,
      registrations: 1,
      audit: true,
    };
    // Staff of the team see both households.
    expect(await rowsAbout(other, null)).toEqual(everything);
    // The resident's scope: their own household, nothing of the other one.
    expect(await rowsAbout(own, own.household)).toEqual(everything);
    expect(await rowsAbout(other, own.household)).toEqual({
      households: 0,
      residents: 0,
      trajectories: 0,
      plans: 0,
      actions: 0,
      contacts: 0,
      registrations: 0,
      audit: false,
    });
  });

  it('refuses writes into another household from a resident scope', async () => {
    await expect(
      env.db.transaction().execute(async (trx) => {
        await sql`select set_config('app.municipality_id', ${worker.user.municipalityId}, true),
                         set_config('app.team_ids', ${worker.user.teamIds.join(',')}, true),
                         set_config('app.resident_household_id', ${own.household}, true)`.execute(
          trx,
        );
        await sql`insert into resident_messages (municipality_id, id, team_id, trajectory_id, resident_id, kind, text)
                  values (${worker.user.municipalityId}, gen_random_uuid(), ${worker.user.teamIds[0] ?? ''},
                          ${other.trajectory}, ${own.resident}, 'plan_wish', 'crafted')`.execute(
          trx,
        );
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the portal to the own household: another household’s action id is not found', async () => {
    const crafted = await call(
      env.app,
      resident,
      'POST',
      `/api/v1/portal/actions/${other.action}`,
      {
        status: 'done',
      },
    );
    expect(crafted.statusCode).toBe(404);
    const plan = await call(env.app, resident, 'GET', '/api/v1/portal/plan');
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Plan van Eigen');
    expect(plan.body).not.toContain('Ander');
  });
});
