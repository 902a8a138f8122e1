import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let worker2: Session;
let trajectoryId: string;

type Plan = {
  version: number;
  actions: { description: string; ownerType: string; ownerName: string }[];
};

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  trajectoryId = (await openTrajectory(env.app, worker, { givenName: 'Truus', familyName: 'Plan' }))
    .trajectoryId;
});

const append = (version: number, as = worker, extra: Record<string, unknown> = {}) =>
  call(env.app, as, 'POST', `/api/v1/trajectories/${trajectoryId}/plan/actions`, {
    version,
    description: 'Naar het Thuisadministratie-uur op dinsdag',
    ownerType: 'collective',
    ownerName: 'Thuisadministratie-uur De Kommel',
    domain: 'finances',
    ...extra,
  });
const plan = async () =>
  (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)).json<Plan>();

describe('adding one action to the plan (from the social map)', () => {
  it('adds it as a new version, keeping what was there', async () => {
    const first = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
      version: 0,
      actions: [{ description: 'Zelf de post openen', ownerType: 'resident', ownerName: 'Truus' }],
    });
    expect(first.statusCode).toBe(200);
    const added = await append(1);
    expect(added.statusCode).toBe(201);
    expect(added.json<Plan>().version).toBe(2);
    expect(added.json<Plan>().actions.map((a) => [a.ownerType, a.ownerName])).toEqual([
      ['resident', 'Truus'],
      ['collective', 'Thuisadministratie-uur De Kommel'],
    ]);
  });

  it('answers 409 on a stale version and changes nothing', async () => {
    const stale = await append(1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ currentVersion: number }>().currentVersion).toBe(2);
    const now = await plan();
    expect(now.version).toBe(2);
    expect(now.actions).toHaveLength(2);
  });

  it('refuses invalid input with a 400 naming the field', async () => {
    const bad = await append(2, worker, { ownerType: 'neighbour' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'ownerType',
    );
    const future = await append(7);
    expect(future.statusCode).toBe(400);
    expect(future.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'version',
    );
    expect((await plan()).version).toBe(2);
  });

  it("keeps another team's worker out (404)", async () => {
    expect((await append(2, worker2)).statusCode).toBe(404);
    expect((await plan()).actions).toHaveLength(2);
  });
});
