// The plan's version list is audited as one version is, naming the household's members; and a
// plan that repeats an action, a network member or a life domain is refused with a 400 naming
// the repeat, instead of a bare 409 or a second goal for the same domain.
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

interface Plan {
  version: number;
  domains: { domain: string; goal: string }[];
  actions: { id: string; description: string }[];
  network: { id: string; name: string }[];
}
interface Problem {
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
let trajectoryId: string;
let householdId: string;
let first: Plan;

const save = (body: Record<string, unknown>) =>
  call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, body);

/** What a save could change: the versions, the current plan's typed rows, the audit. */
async function footprint() {
  const { rows } = await sql<{ versions: number; actions: number; saves: number }>`select
      (select count(*)::int from plan_versions where trajectory_id = ${trajectoryId}::uuid) as versions,
      (select count(*)::int from plan_actions where trajectory_id = ${trajectoryId}::uuid) as actions,
      (select count(*)::int from audit_events where action = 'plan.save') as saves`.execute(
    env.owner,
  );
  return rows[0];
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  ({ trajectoryId, householdId } = await openTrajectory(env.app, worker, {
    givenName: 'Marieke',
    familyName: 'Versie',
  }));
  const saved = await save({
    version: 0,
    domains: [{ domain: 'finances', goal: 'Rust in de schulden' }],
    actions: [
      { description: 'Schuldhulp met zus Marieke', ownerType: 'network', ownerName: 'Marieke' },
    ],
    network: [{ name: 'Marieke Jansen', relation: 'family', closeness: 1 }],
  });
  expect(saved.statusCode, saved.body).toBe(200);
  first = saved.json<Plan>();
});

describe("the plan's version list", () => {
  it("names every member of the household in its audit rows, as one version's read does", async () => {
    const versions = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/plan/versions`,
    );
    expect(versions.statusCode).toBe(200);
    const members = await sql<{ id: string }>`
      select id::text as id from residents where household_id = ${householdId}::uuid`.execute(
      env.owner,
    );
    expect(members.rows.length).toBeGreaterThan(0);
    const audited = await lastAuditOf(env, 'plan.read');
    expect(audited.residentIds).toEqual(members.rows.map((r) => r.id).sort());
    expect(new Set(audited.reasons)).toEqual(new Set(['versions']));
  });
});

describe('a plan that repeats itself', () => {
  it('is refused with a 400 naming the repeated action, network member or domain, and nothing changes', async () => {
    const action = first.actions[0];
    const member = first.network[0];
    if (!action || !member) throw new Error('the first version has an action and a member');
    const keep = { ownerType: 'network', ownerName: 'Marieke' };
    const cases: [string, Record<string, unknown>][] = [
      [
        'actions.1.id',
        {
          actions: [
            { id: action.id, description: 'Schuldhulp', ...keep },
            { id: action.id, description: 'Nog eens hetzelfde id', ...keep },
          ],
        },
      ],
      [
        'network.2.id',
        {
          network: [
            { id: member.id, name: 'Marieke Jansen', relation: 'family', closeness: 1 },
            { name: 'Buurman Piet', relation: 'neighbour', closeness: 2 },
            { id: member.id, name: 'Marieke J.', relation: 'family', closeness: 2 },
          ],
        },
      ],
      [
        'domains.1.domain',
        {
          domains: [
            { domain: 'finances', goal: 'Rust in de schulden' },
            { domain: 'finances', goal: 'Een tweede doel voor hetzelfde leefgebied' },
          ],
        },
      ],
    ];
    const before = await footprint();
    for (const [name, body] of cases) {
      const response = await save({ version: 1, ...body });
      expect(response.statusCode, name).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.invalidParams?.map((p) => p.name)).toEqual([name]);
      expect(problem.invalidParams?.[0]?.reason).not.toBe('');
      expect(problem.invalidParams?.[0]?.reasonNl).not.toBe('');
    }
    expect(await footprint()).toEqual(before);
    const now = await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    expect(now.json<Plan>()).toMatchObject({
      version: 1,
      domains: first.domains,
      actions: first.actions,
      network: first.network,
    });
  });

  it('still saves different domains, and new actions and members beside the kept ones', async () => {
    const action = first.actions[0];
    const member = first.network[0];
    if (!action || !member) throw new Error('the first version has an action and a member');
    const saved = await save({
      version: 1,
      domains: [
        { domain: 'finances', goal: 'Rust in de schulden' },
        { domain: 'housing', goal: 'Een woning die past' },
      ],
      actions: [
        { id: action.id, description: action.description, ownerType: 'network', ownerName: 'M' },
        { description: 'Woningzoekende inschrijven', ownerType: 'resident', ownerName: 'Marieke' },
      ],
      network: [
        { id: member.id, name: member.name, relation: 'family', closeness: 1 },
        { name: 'Buurman Piet', relation: 'neighbour', closeness: 2 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Plan>().version).toBe(2);
  });
});
