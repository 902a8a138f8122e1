import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';

interface Team {
  id: string;
  name: string;
  neighbourhoodCodes: string[];
  version: number;
}
interface Problem {
  code: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let admin: Session;
let worker: Session;
let worker2: Session;
let gemeente: Session;
let noordwest: Team;
let oost: Team;
let haarlem: Awaited<ReturnType<typeof createMunicipality>>;
let haarlemAdmin: Session;

beforeAll(async () => {
  env = await createDemoEnv();
  admin = await login(env.app, 'admin@maastricht.demo');
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  gemeente = await login(env.app, 'gemeente@maastricht.demo');
  const teams = (await call(env.app, admin, 'GET', '/api/v1/teams')).json<{ items: Team[] }>()
    .items;
  noordwest = teams.find((t) => t.name === 'Sociaal Team Noordwest') as Team;
  oost = teams.find((t) => t.name === 'Sociaal Team Oost') as Team;
  haarlem = await createMunicipality(env.owner);
  const account = await createStaffMember(env.owner, haarlem.municipalityId, { role: 'admin' });
  haarlemAdmin = await login(env.app, account.email, account.password);
});

describe('neighbourhoods', () => {
  it('lists all 44 CBS buurten of Maastricht with their wijk', async () => {
    const response = await call(env.app, worker, 'GET', '/api/v1/neighbourhoods');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { code: string; name: string; districtName: string }[] }>()
      .items;
    expect(items).toHaveLength(44);
    expect(items).toContainEqual({
      code: 'BU09350205',
      name: 'Caberg',
      districtCode: 'WK093502',
      districtName: 'Wijk 02 Buitenwijk West',
    });
  });

  it('shows another municipality only its own buurten', async () => {
    const items = (await call(env.app, haarlemAdmin, 'GET', '/api/v1/neighbourhoods')).json<{
      items: { code: string }[];
    }>().items;
    expect(items.map((n) => n.code)).toEqual([haarlem.neighbourhoodCode]);
  });
});

describe('teams', () => {
  it('gives Sociaal Team Noordwest its five buurten', () => {
    expect(noordwest.neighbourhoodCodes.sort()).toEqual(
      ['BU09350200', 'BU09350204', 'BU09350205', 'BU09350206', 'BU09350207'].sort(),
    );
  });

  it('lets an admin create a team', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/teams', {
      name: 'Sociaal Team Centrum',
      type: 'integral',
      workingArea: 'Binnenstad en Wyck',
      neighbourhoodCodes: ['BU09350000', 'BU09350006'],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<Team>()).toMatchObject({ name: 'Sociaal Team Centrum', version: 1 });
    const list = (await call(env.app, worker, 'GET', '/api/v1/teams')).json<{ items: Team[] }>()
      .items;
    expect(list.map((t) => t.name)).toContain('Sociaal Team Centrum');
  });

  it('refuses a worker and the municipality creating a team (403)', async () => {
    for (const session of [worker, gemeente]) {
      const response = await call(env.app, session, 'POST', '/api/v1/teams', {
        name: 'Niet toegestaan',
        type: 'social',
      });
      expect(response.statusCode).toBe(403);
    }
  });

  it('names every invalid field, in Dutch and English, and creates nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from teams`.execute(
      env.owner,
    );
    const response = await call(env.app, admin, 'POST', '/api/v1/teams', {
      name: '',
      type: 'sociaal',
      neighbourhoodCodes: ['Caberg'],
      colour: 'blue',
    });
    expect(response.statusCode).toBe(400);
    const names = response.json<Problem>().invalidParams?.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['name', 'type', 'neighbourhoodCodes.0', 'colour']),
    );
    expect(response.json<Problem>().invalidParams?.find((p) => p.name === 'colour')?.reasonNl).toBe(
      'is geen bekend veld',
    );
    const after = await sql<{ n: number }>`select count(*)::int as n from teams`.execute(env.owner);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('refuses a buurt of another municipality as a field error', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/teams', {
      name: 'Team met verkeerde buurt',
      type: 'social',
      neighbourhoodCodes: ['BU09350205', haarlem.neighbourhoodCode],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('neighbourhoodCodes.1');
  });

  it('refuses a duplicate team name with 409 naming the field', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/teams', {
      name: 'sociaal team oost',
      type: 'social',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('name');
  });

  it('detects a concurrent edit: the second save with the old version gets 409 and changes nothing', async () => {
    const first = await call(env.app, admin, 'PATCH', `/api/v1/teams/${oost.id}`, {
      version: oost.version,
      workingArea: 'Oost, bijgewerkt',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<Team>().version).toBe(oost.version + 1);
    const second = await call(env.app, admin, 'PATCH', `/api/v1/teams/${oost.id}`, {
      version: oost.version,
      workingArea: 'Oost, overschreven',
    });
    expect(second.statusCode).toBe(409);
    const stored = await call(env.app, admin, 'GET', `/api/v1/teams/${oost.id}`);
    expect(stored.json<{ workingArea: string }>().workingArea).toBe('Oost, bijgewerkt');
  });

  it("answers 404 to another municipality's admin, and the team stays unchanged", async () => {
    const read = await call(env.app, haarlemAdmin, 'GET', `/api/v1/teams/${noordwest.id}`);
    const change = await call(env.app, haarlemAdmin, 'PATCH', `/api/v1/teams/${noordwest.id}`, {
      version: noordwest.version,
      name: 'Overgenomen',
    });
    expect(read.statusCode).toBe(404);
    expect(change.statusCode).toBe(404);
    const { rows } = await sql<{ name: string; version: number }>`
      select name, version from teams where id = ${noordwest.id}::uuid`.execute(env.owner);
    expect(rows[0]).toEqual({ name: 'Sociaal Team Noordwest', version: noordwest.version });
  });

  it('reports the composition in fte per partner organisation (36 hours = 1 fte)', async () => {
    const response = await call(
      env.app,
      gemeente,
      'GET',
      `/api/v1/teams/${noordwest.id}/composition`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      items: { organisationName: string; hoursPerWeek: number; fte: number; staffCount: number }[];
      totalHoursPerWeek: number;
      totalFte: number;
    }>();
    // Demo: Welzijn Maasland seconds Sanne (32), Ruud (36) and Esra (30) to Noordwest.
    expect(body.items.find((i) => i.organisationName === 'Welzijn Maasland')).toEqual(
      expect.objectContaining({ hoursPerWeek: 98, staffCount: 3, fte: 2.72 }),
    );
    expect(body.totalHoursPerWeek).toBe(body.items.reduce((sum, i) => sum + i.hoursPerWeek, 0));
    expect(body.totalFte).toBeCloseTo(body.totalHoursPerWeek / 36, 2);
  });
});

describe('organisations', () => {
  it('lists partner organisations with their account contact, and lets an admin add one', async () => {
    const created = await call(env.app, admin, 'POST', '/api/v1/organisations', {
      name: 'Vrijwilligerscentrale Maastricht',
      accountContact: {
        name: 'Loes Janssen',
        email: 'l.janssen@vrijwilligers.demo',
        phone: '043 111 2222',
      },
    });
    expect(created.statusCode).toBe(201);
    const list = (await call(env.app, worker, 'GET', '/api/v1/organisations')).json<{
      items: { name: string; accountContact: { name: string } }[];
    }>().items;
    expect(
      list.find((o) => o.name === 'Vrijwilligerscentrale Maastricht')?.accountContact.name,
    ).toBe('Loes Janssen');
    expect(list.length).toBe(6);
  });

  it('refuses an invalid contact e-mail address, naming the nested field', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/organisations', {
      name: 'Zonder geldig adres',
      accountContact: { name: 'X', email: 'geen-adres' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams).toContainEqual(
      expect.objectContaining({
        name: 'accountContact.email',
        reasonNl: 'moet een geldig e-mailadres zijn',
      }),
    );
  });
});

describe('staff', () => {
  interface StaffMember {
    id: string;
    name: string;
    email: string;
    teamIds: string[];
    hoursPerWeek: number;
    version: number;
  }

  it('shows an admin every staff member, and pages with a cursor', async () => {
    const first = (await call(env.app, admin, 'GET', '/api/v1/staff?limit=10')).json<{
      items: StaffMember[];
      nextCursor: string | null;
    }>();
    expect(first.items).toHaveLength(10);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await call(env.app, admin, 'GET', `/api/v1/staff?limit=10&cursor=${first.nextCursor}`)
    ).json<{
      items: StaffMember[];
      nextCursor: string | null;
    }>();
    // However many staff the demo has (between 11 and 20): the rest on the second page.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from staff where municipality_id = ${admin.user.municipalityId}`.execute(
      env.owner,
    );
    const total = rows[0]?.n ?? 0;
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThanOrEqual(20);
    expect(second.items).toHaveLength(total - 10);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.items, ...second.items].map((s) => s.id));
    expect(ids.size).toBe(total);
    // The cursor names no one in the URL, and one made up by a client is refused.
    const lastOfFirst = first.items.at(-1)?.name ?? '';
    expect(lastOfFirst).not.toBe('');
    const cursorText = first.nextCursor ?? '';
    for (const part of cursorText.split('.'))
      expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(lastOfFirst);
    const madeUp = Buffer.from(JSON.stringify([lastOfFirst, first.items.at(-1)?.id])).toString(
      'base64url',
    );
    const refused = await call(env.app, admin, 'GET', `/api/v1/staff?limit=10&cursor=${madeUp}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ invalidParams: { name: string }[] }>().invalidParams[0]?.name).toBe(
      'query.cursor',
    );
  });

  it('shows a worker only the colleagues of their own team', async () => {
    const items = (await call(env.app, worker, 'GET', '/api/v1/staff')).json<{
      items: StaffMember[];
    }>().items;
    expect(items.length).toBe(9);
    expect(items.every((s) => s.teamIds.includes(noordwest.id))).toBe(true);
  });

  it('answers 404 when a worker opens a staff member of another team', async () => {
    const oostOnly = (await call(env.app, admin, 'GET', `/api/v1/staff?teamId=${oost.id}`))
      .json<{ items: StaffMember[] }>()
      .items.find((s) => !s.teamIds.includes(noordwest.id)) as StaffMember;
    expect((await call(env.app, worker2, 'GET', `/api/v1/staff/${oostOnly.id}`)).statusCode).toBe(
      200,
    );
    expect((await call(env.app, worker, 'GET', `/api/v1/staff/${oostOnly.id}`)).statusCode).toBe(
      404,
    );
  });

  it('does not let the municipality role read staff records (403)', async () => {
    expect((await call(env.app, gemeente, 'GET', '/api/v1/staff')).statusCode).toBe(403);
  });

  it('lets an admin add a staff member who can then sign in, and audits it', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/staff', {
      name: 'Noor Willems',
      email: 'n.willems@maastricht.demo',
      role: 'worker',
      teamIds: [noordwest.id],
      hoursPerWeek: 28,
      expertise: ['jongvolwassenen'],
      password: 'een-sterk-wachtwoord',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<StaffMember>();
    expect(created).not.toHaveProperty('password');
    const session = await login(env.app, 'n.willems@maastricht.demo', 'een-sterk-wachtwoord');
    expect(session.user.teamIds).toEqual([noordwest.id]);
    const { rows } = await sql<{ actor_id: string; actor_role: string }>`
      select actor_id, actor_role from audit_events
      where action = 'staff.create' and object_id = ${created.id}`.execute(env.owner);
    expect(rows).toEqual([{ actor_id: admin.user.id, actor_role: 'admin' }]);
  });

  it('refuses an e-mail address that is already in use (409, field named)', async () => {
    const response = await call(env.app, admin, 'POST', '/api/v1/staff', {
      name: 'Dubbel',
      email: 'WORKER@maastricht.demo',
      role: 'worker',
      hoursPerWeek: 20,
      password: 'een-sterk-wachtwoord',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('email');
  });

  it('audits every read of staff records: lists and single records', async () => {
    const before = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where actor_id = ${worker2.user.id}::uuid
      and action in ('staff.list', 'staff.read')`.execute(env.owner);
    await call(env.app, worker2, 'GET', '/api/v1/staff');
    await call(env.app, worker2, 'GET', `/api/v1/staff/${worker2.user.id}`);
    const after = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where actor_id = ${worker2.user.id}::uuid
      and action in ('staff.list', 'staff.read')`.execute(env.owner);
    expect((after.rows[0]?.n ?? 0) - (before.rows[0]?.n ?? 0)).toBe(2);
  });

  it('changes hours and teams with the version, and refuses a stale version', async () => {
    const member = (
      await call(env.app, admin, 'GET', `/api/v1/staff/${worker.user.id}`)
    ).json<StaffMember>();
    const changed = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
      version: member.version,
      hoursPerWeek: 36,
      teamIds: [noordwest.id, oost.id],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<StaffMember>()).toMatchObject({
      hoursPerWeek: 36,
      teamIds: [noordwest.id, oost.id].sort(),
    });
    const stale = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
      version: member.version,
      hoursPerWeek: 10,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("refuses a team of another municipality as a staff member's team", async () => {
    const member = (
      await call(env.app, admin, 'GET', `/api/v1/staff/${worker2.user.id}`)
    ).json<StaffMember>();
    const response = await call(env.app, admin, 'PATCH', `/api/v1/staff/${member.id}`, {
      version: member.version,
      teamIds: [haarlem.teamId],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('teamIds.0');
  });
});

describe('a member of two teams in the team composition', () => {
  interface Composition {
    items: { organisationName: string | null; hoursPerWeek: number; staffCount: number }[];
    totalHoursPerWeek: number;
  }
  const composition = async (team: Team) =>
    (
      await call(env.app, gemeente, 'GET', `/api/v1/teams/${team.id}/composition`)
    ).json<Composition>();
  const hoursOf = (c: Composition, organisationName: string) =>
    c.items.find((i) => i.organisationName === organisationName)?.hoursPerWeek ?? 0;

  it('counts half of their hours in each team, as the business case does', async () => {
    const [northBefore, eastBefore] = [await composition(noordwest), await composition(oost)];
    const organisations = (await call(env.app, admin, 'GET', '/api/v1/organisations')).json<{
      items: { id: string; name: string }[];
    }>().items;
    const thuiszorg = organisations.find((o) => o.name === 'Thuiszorg De Mergel');
    const created = await call(env.app, admin, 'POST', '/api/v1/staff', {
      name: 'Twee Teams',
      email: 'twee.teams@maastricht.demo',
      role: 'worker',
      organisationId: thuiszorg?.id,
      teamIds: [noordwest.id, oost.id],
      hoursPerWeek: 27,
      password: 'een-sterk-wachtwoord',
    });
    expect(created.statusCode).toBe(201);
    const [northAfter, eastAfter] = [await composition(noordwest), await composition(oost)];
    expect(hoursOf(northAfter, 'Thuiszorg De Mergel')).toBe(
      hoursOf(northBefore, 'Thuiszorg De Mergel') + 13.5,
    );
    expect(hoursOf(eastAfter, 'Thuiszorg De Mergel')).toBe(
      hoursOf(eastBefore, 'Thuiszorg De Mergel') + 13.5,
    );
    // Together the teams gained the 27 hours that exist, not 54.
    expect(
      northAfter.totalHoursPerWeek +
        eastAfter.totalHoursPerWeek -
        northBefore.totalHoursPerWeek -
        eastBefore.totalHoursPerWeek,
    ).toBeCloseTo(27, 2);
  });
});

describe('a change of role or activity ends the sessions', () => {
  const me = (session: Session) => call(env.app, session, 'GET', '/api/v1/auth/me');
  const current = async (id: string) =>
    (await call(env.app, admin, 'GET', `/api/v1/staff/${id}`)).json<{ version: number }>();
  const patch = async (id: string, body: object) =>
    call(env.app, admin, 'PATCH', `/api/v1/staff/${id}`, {
      version: (await current(id)).version,
      ...body,
    });

  it('signs out a worker promoted to admin: the new role needs a second factor first', async () => {
    const promoted = await login(env.app, 'l.smeets@maastricht.demo');
    // Other changes, and the role they already have, leave the session alone.
    expect((await patch(promoted.user.id, { hoursPerWeek: 30, role: 'worker' })).statusCode).toBe(
      200,
    );
    expect((await me(promoted)).statusCode).toBe(200);

    expect((await patch(promoted.user.id, { role: 'admin' })).statusCode).toBe(200);
    expect((await me(promoted)).statusCode).toBe(401);
    expect((await call(env.app, promoted, 'GET', '/api/v1/admin/sign-in/staff')).statusCode).toBe(
      401,
    );
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'l.smeets@maastricht.demo', password: 'samenkracht-demo' },
    });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ secondFactor: 'enrol' });
    const { rows } = await sql<{ reason: string }>`
      select reason from audit_events where action = 'staff.update'
        and object_id = ${promoted.user.id} order by at, id`.execute(env.owner);
    expect(rows.map((r) => r.reason)).toEqual([
      'changed: role, hoursPerWeek',
      'changed: role; sessions ended: 1',
    ]);
  });

  it('signs out a staff member switched off; switching them on again takes a new sign-in', async () => {
    const member = await login(env.app, 't.vencken@maastricht.demo');
    expect((await patch(member.user.id, { active: false })).statusCode).toBe(200);
    expect((await me(member)).statusCode).toBe(401);
    expect((await patch(member.user.id, { active: true })).statusCode).toBe(200);
    expect((await me(member)).statusCode).toBe(401);
    const fresh = await login(env.app, 't.vencken@maastricht.demo');
    expect((await me(fresh)).statusCode).toBe(200);
  });
});
