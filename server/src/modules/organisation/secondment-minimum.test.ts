// The minimum hours of a secondment in the team composition (seed 003: "Deze detachering is voor
// minimaal 28 uur per week"): who counts, how a member of two teams counts, and who sees names.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';

interface Composition {
  items: { organisationName: string | null; hoursPerWeek: number }[];
  minimumSecondmentHoursPerWeek?: number;
  secondedBelowMinimumCount?: number;
  secondedBelowMinimum?: { staffId: string; name: string; hoursPerWeek: number }[];
}

const PASSWORD = 'een-sterk-wachtwoord';

let env: TestEnv;
let admin: Session;
let gemeente: Session;
let otherTeamLead: Session;
let zuid: string;
let west: string;
const ids = new Map<string, string>();

async function createTeam(name: string): Promise<string> {
  const response = await call(env.app, admin, 'POST', '/api/v1/teams', { name, type: 'social' });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function createStaff(
  name: string,
  role: string,
  teamIds: string[],
  hoursPerWeek: number,
  organisationId: string | null,
): Promise<void> {
  const response = await call(env.app, admin, 'POST', '/api/v1/staff', {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@maastricht.demo`,
    role,
    organisationId,
    teamIds,
    hoursPerWeek,
    password: PASSWORD,
  });
  expect(response.statusCode).toBe(201);
  ids.set(name, response.json<{ id: string }>().id);
}

const composition = async (session: Session, teamId: string) => {
  const response = await call(env.app, session, 'GET', `/api/v1/teams/${teamId}/composition`);
  expect(response.statusCode).toBe(200);
  return response.json<Composition>();
};

beforeAll(async () => {
  env = await createDemoEnv();
  admin = await login(env.app, 'admin@maastricht.demo');
  gemeente = await login(env.app, 'gemeente@maastricht.demo');
  // Ruud Hermans leads Noordwest, not the teams made here.
  otherTeamLead = await login(env.app, 'teamlead@maastricht.demo');
  const organisations = (await call(env.app, admin, 'GET', '/api/v1/organisations')).json<{
    items: { id: string; name: string }[];
  }>().items;
  const welzijn = organisations.find((o) => o.name === 'Welzijn Maasland')?.id ?? null;
  expect(welzijn).not.toBeNull();
  zuid = await createTeam('Sociaal Team Zuid');
  west = await createTeam('Sociaal Team West');

  // Below the minimum: 24 hours in one team.
  await createStaff('Anna Below', 'worker', [zuid], 24, welzijn);
  // In two teams, 16 hours in each as the composition splits them, 32 in all: not below, since
  // the secondment is to the buurtteam, not to each team.
  await createStaff('Bram Split', 'worker', [zuid, west], 32, welzijn);
  // In two teams with 20 hours in all: below, in both teams' figures (with 20, not 10).
  await createStaff('Carla Twice', 'worker', [zuid, west], 20, welzijn);
  // Exactly the minimum is not below it.
  await createStaff('Daan Exact', 'worker', [zuid], 28, welzijn);
  // A worker whose organisation is not recorded is still a buurtteamwerker: counted.
  await createStaff('Eva Unrecorded', 'worker', [zuid], 20, null);
  // Not seconded: the municipality hires the team lead; a volunteer is not employed.
  await createStaff('Frank Lead', 'team_lead', [zuid], 20, welzijn);
  await createStaff('Gina Volunteer', 'volunteer', [zuid], 4, welzijn);
  // Someone who has left does not count.
  await createStaff('Hugo Left', 'worker', [zuid], 10, welzijn);
  const left = await call(env.app, admin, 'GET', `/api/v1/staff/${ids.get('Hugo Left')}`);
  const off = await call(env.app, admin, 'PATCH', `/api/v1/staff/${ids.get('Hugo Left')}`, {
    version: left.json<{ version: number }>().version,
    active: false,
  });
  expect(off.statusCode).toBe(200);
});

describe('seconded workers below the minimum of 28 hours a week in the team composition', () => {
  it('gives the municipality the number of seconded workers below it, and no names', async () => {
    const south = await composition(gemeente, zuid);
    expect(south.minimumSecondmentHoursPerWeek).toBe(28);
    // Anna (24), Carla (20 in all) and Eva (20); not Bram (16 + 16), Daan (28), Frank (team
    // lead), Gina (volunteer) or Hugo (left).
    expect(south.secondedBelowMinimumCount).toBe(3);
    expect(south).not.toHaveProperty('secondedBelowMinimum');

    const westTeam = await composition(gemeente, west);
    // Bram has 16 hours in West and Carla 10: only Carla is below the minimum, by her 20 in all.
    expect(westTeam.items.find((i) => i.organisationName === 'Welzijn Maasland')).toMatchObject({
      hoursPerWeek: 26,
    });
    expect(westTeam.secondedBelowMinimumCount).toBe(1);
    expect(westTeam).not.toHaveProperty('secondedBelowMinimum');
  });

  it('names them for the administrator, with their hours in total over their teams, audited', async () => {
    const south = await composition(admin, zuid);
    expect(south.secondedBelowMinimumCount).toBe(3);
    expect(south.secondedBelowMinimum).toEqual([
      { staffId: ids.get('Anna Below'), name: 'Anna Below', hoursPerWeek: 24 },
      { staffId: ids.get('Carla Twice'), name: 'Carla Twice', hoursPerWeek: 20 },
      { staffId: ids.get('Eva Unrecorded'), name: 'Eva Unrecorded', hoursPerWeek: 20 },
    ]);
    const { rows } = await sql<{ reason: string; actor_id: string }>`
      select reason, actor_id::text as actor_id from audit_events
      where action = 'staff.list' and reason like ${`team ${zuid}:%`}`.execute(env.owner);
    expect(rows).toEqual([
      {
        reason: `team ${zuid}: below the minimum hours of a secondment`,
        actor_id: admin.user.id,
      },
    ]);
  });

  it("names them for the team's own team lead, and gives another team's lead the count", async () => {
    const lead = await login(env.app, 'frank.lead@maastricht.demo', PASSWORD);
    const own = await composition(lead, zuid);
    expect(own.secondedBelowMinimum?.map((m) => m.name)).toEqual([
      'Anna Below',
      'Carla Twice',
      'Eva Unrecorded',
    ]);
    const other = await composition(otherTeamLead, zuid);
    expect(other.secondedBelowMinimumCount).toBe(3);
    expect(other).not.toHaveProperty('secondedBelowMinimum');
  });

  it('gives a worker of the team the count only', async () => {
    const worker = await login(env.app, 'daan.exact@maastricht.demo', PASSWORD);
    const own = await composition(worker, zuid);
    expect(own.secondedBelowMinimumCount).toBe(3);
    expect(own).not.toHaveProperty('secondedBelowMinimum');
  });

  it('counts none in a team whose seconded workers all have the minimum or more', async () => {
    const teams = (await call(env.app, admin, 'GET', '/api/v1/teams')).json<{
      items: { id: string; name: string }[];
    }>().items;
    const noordwest = teams.find((t) => t.name === 'Sociaal Team Noordwest')?.id ?? '';
    const demo = await composition(admin, noordwest);
    expect(demo.secondedBelowMinimumCount).toBe(0);
    expect(demo.secondedBelowMinimum).toEqual([]);
  });
});
