// A household changes while the team works with it: a move (and its buurt), a new member, a
// member's corrected details. One version guards the household and its members; every change is
// audited with every member; bad input and stale versions change nothing.
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
import { sideBySide } from '../../../test/side-by-side.js';

interface Member {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  bsnKnown: boolean;
}
interface Household {
  id: string;
  teamId: string;
  address: { postcode: string | null; houseNumber: number | null; street: string | null };
  neighbourhoodCode: string | null;
  members: Member[];
  version: number;
}
interface Problem {
  status: number;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let worker: Session;
/** A worker of another team. */
let otherTeam: Session;

/** A household of the worker's team with at least one member, read fresh. */
async function aHousehold(skip: readonly string[] = []): Promise<Household> {
  const { rows } = await sql<{ id: string }>`
    select h.id::text as id from households h
    where h.team_id = any(${worker.user.teamIds}::uuid[]) and h.postcode is not null
      and exists (select 1 from residents r where r.household_id = h.id)
      and not (h.id = any(${skip}::uuid[]))
    order by h.created_at limit 1`.execute(env.owner);
  const id = rows[0]?.id ?? '';
  return read(id);
}

async function read(id: string): Promise<Household> {
  const response = await call(env.app, worker, 'GET', `/api/v1/households/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Household>();
}

/** The household's row and members as stored, to show that a refusal changed nothing. */
async function stored(id: string) {
  const household = await sql`select * from households where id = ${id}::uuid`.execute(env.owner);
  const members = await sql`select * from residents where household_id = ${id}::uuid
    order by id`.execute(env.owner);
  return { household: household.rows, members: members.rows };
}

/**
 * A postcode that the postcode table places in a buurt of the team other than `buurt` (entered
 * here, as an administrator loads the table).
 */
async function postcodeOutside(buurt: string | null) {
  const { rows } = await sql<{ code: string; municipality_id: string }>`
    select neighbourhood_code as code, municipality_id::text as municipality_id
    from team_neighbourhoods
    where team_id = any(${worker.user.teamIds}::uuid[])
      and neighbourhood_code is distinct from ${buurt}
    order by neighbourhood_code limit 1`.execute(env.owner);
  const row = rows[0] as { code: string; municipality_id: string };
  await sql`insert into postcode_neighbourhoods (municipality_id, postcode, neighbourhood_code)
    values (${row.municipality_id}::uuid, '6211XX', ${row.code})
    on conflict do nothing`.execute(env.owner);
  return { postcode: '6211 XX', code: row.code };
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  otherTeam = await login(env.app, 'worker2@maastricht.demo');
});

describe('a move', () => {
  it('changes the address and the buurt with it, raises the version, audits every member', async () => {
    const before = await aHousehold();
    const target = await postcodeOutside(before.neighbourhoodCode);
    const response = await call(env.app, worker, 'PATCH', `/api/v1/households/${before.id}`, {
      version: before.version,
      address: { postcode: target.postcode, houseNumber: 3, street: 'Nieuwe straat' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json<Household>();
    expect(after.address.houseNumber).toBe(3);
    expect(after.address.street).toBe('Nieuwe straat');
    expect(after.neighbourhoodCode).toBe(target.code);
    expect(after.version).toBe(before.version + 1);
    expect(after.teamId).toBe(before.teamId);
    expect(await read(before.id)).toEqual(after);
    const audit = await lastAuditOf(env, 'household.update');
    expect(audit.residentIds).toEqual(before.members.map((m) => m.id).sort());
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const household = await aHousehold();
    const was = await stored(household.id);
    const response = await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
      // A version this household does not have (now): as after someone else's change.
      version: household.version + 1,
      address: null,
    });
    expect(response.statusCode).toBe(409);
    expect(await stored(household.id)).toEqual(was);
  });

  it('lets one of two simultaneous changes through and answers the other 409', async () => {
    const household = await aHousehold();
    const change = (street: string) => () =>
      call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
        version: household.version,
        address: { postcode: '6216AB', houseNumber: 1, street },
        neighbourhoodCode: household.neighbourhoodCode ?? undefined,
      });
    const results = await sideBySide(
      env.owner,
      sql`select 1 from households where id = ${household.id}::uuid for update`,
      [change('Eerste straat'), change('Tweede straat')],
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = results.find((r) => r.statusCode === 200)?.json<Household>();
    expect((await read(household.id)).address.street).toBe(won?.address.street);
  });

  it('asks for the buurt of an address the postcode table does not know (400), and changes nothing', async () => {
    const household = await aHousehold();
    const was = await stored(household.id);
    const response = await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
      version: household.version,
      address: { postcode: '6216AB', houseNumber: 99 },
    });
    expect(response.statusCode).toBe(400);
    const param = response.json<Problem>().invalidParams?.[0];
    expect(param?.name).toBe('neighbourhoodCode');
    expect(param?.reasonNl).toMatch(/kies dus de buurt/);
    expect(await stored(household.id)).toEqual(was);
  });

  it('refuses a bad postcode and unknown fields, naming them in Dutch and English; changes nothing', async () => {
    const household = await aHousehold();
    const was = await stored(household.id);
    const response = await call(env.app, worker, 'PATCH', `/api/v1/households/${household.id}`, {
      version: household.version,
      address: { postcode: '0000', houseNumber: 0 },
      team: 'x',
    });
    expect(response.statusCode).toBe(400);
    const params = response.json<Problem>().invalidParams ?? [];
    expect(params.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining(['address.houseNumber', 'address.postcode']),
    );
    expect(params.find((p) => p.name === 'address.postcode')?.reasonNl).toMatch(/postcode/);
    expect(await stored(household.id)).toEqual(was);
  });

  it('lets a worker who broke the glass read the household but not change it: 404, unchanged', async () => {
    const household = await aHousehold();
    const granted = await call(env.app, otherTeam, 'POST', '/api/v1/break-glass', {
      householdId: household.id,
      reason: 'Crisis gemeld buiten kantoortijd, coördinator niet bereikbaar',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const read = await call(env.app, otherTeam, 'GET', `/api/v1/households/${household.id}`);
    expect(read.statusCode).toBe(200);
    const version = read.json<Household>().version;
    const was = await stored(household.id);
    const attempts = [
      await call(env.app, otherTeam, 'PATCH', `/api/v1/households/${household.id}`, {
        version,
        address: null,
      }),
      await call(env.app, otherTeam, 'POST', `/api/v1/households/${household.id}/members`, {
        version,
        givenName: 'Glas',
        familyName: 'Breker',
      }),
      await call(
        env.app,
        otherTeam,
        'PATCH',
        `/api/v1/households/${household.id}/members/${household.members[0]?.id ?? ''}`,
        { version, givenName: 'Glas' },
      ),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404]);
    expect(await stored(household.id)).toEqual(was);
  });

  it("keeps another team's household out of reach: 404, unchanged", async () => {
    const household = await aHousehold();
    const was = await stored(household.id);
    const response = await call(env.app, otherTeam, 'PATCH', `/api/v1/households/${household.id}`, {
      version: household.version,
      address: null,
    });
    expect(response.statusCode).toBe(404);
    expect(await stored(household.id)).toEqual(was);
  });
});

describe('a new member', () => {
  it('joins the household, audited with every member including the new one', async () => {
    const before = await aHousehold();
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${before.id}/members`,
      {
        version: before.version,
        givenName: 'Noor',
        familyName: 'Testkind',
        birthDate: '2019-04-02',
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const after = response.json<Household>();
    const noor = after.members.find((m) => m.givenName === 'Noor');
    expect(noor?.birthDate).toBe('2019-04-02');
    expect(after.members).toHaveLength(before.members.length + 1);
    expect(after.version).toBe(before.version + 1);
    expect((await lastAuditOf(env, 'resident.create')).residentIds).toEqual(
      after.members.map((m) => m.id).sort(),
    );
  });

  it('asks to check a person with the same name and birth date first (409 naming confirmedNew)', async () => {
    const household = await aHousehold();
    const existing = household.members.find((m) => m.birthDate !== null) as Member;
    const other = await aHousehold([household.id]);
    const body = {
      givenName: existing.givenName,
      familyName: existing.familyName,
      birthDate: existing.birthDate,
    };
    const was = await stored(other.id);
    const refused = await call(env.app, worker, 'POST', `/api/v1/households/${other.id}/members`, {
      ...body,
      version: other.version,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().invalidParams?.[0]?.name).toBe('confirmedNew');
    expect(await stored(other.id)).toEqual(was);
    const confirmed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${other.id}/members`,
      { ...body, version: other.version, confirmedNew: true },
    );
    expect(confirmed.statusCode).toBe(201);
  });

  it('refuses a BSN that is recorded already, naming bsn, and a birth date in the future', async () => {
    const household = await aHousehold();
    // 111222333 passes the elfproef.
    const first = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${household.members[0]?.id ?? ''}`,
      { version: household.version, bsn: '111222333' },
    );
    expect(first.statusCode, first.body).toBe(200);
    const other = await aHousehold([household.id]);
    const was = await stored(other.id);
    const twice = await call(env.app, worker, 'POST', `/api/v1/households/${other.id}/members`, {
      version: other.version,
      givenName: 'Sam',
      familyName: 'Dubbel',
      bsn: '111222333',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().invalidParams?.[0]?.name).toBe('bsn');
    const future = await call(env.app, worker, 'POST', `/api/v1/households/${other.id}/members`, {
      version: other.version,
      givenName: 'Sam',
      familyName: 'Later',
      birthDate: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    const param = future.json<Problem>().invalidParams?.[0];
    expect(param?.name).toBe('birthDate');
    expect(param?.reasonNl).toBe('mag niet in de toekomst liggen');
    expect(await stored(other.id)).toEqual(was);
  });
});

describe("a member's corrected details", () => {
  it('changes only the fields sent, and audits which fields (not their values)', async () => {
    const household = await aHousehold();
    const member = household.members[0] as Member;
    const response = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${member.id}`,
      { version: household.version, givenName: 'Gecorrigeerd', birthDate: '1980-02-29' },
    );
    expect(response.statusCode, response.body).toBe(200);
    const changed = response.json<Household>().members.find((m) => m.id === member.id);
    expect(changed).toMatchObject({
      givenName: 'Gecorrigeerd',
      familyName: member.familyName,
      birthDate: '1980-02-29',
    });
    const audit = await lastAuditOf(env, 'resident.update');
    expect(audit.residentIds).toEqual(household.members.map((m) => m.id).sort());
    expect(new Set(audit.reasons)).toEqual(new Set(['birthDate, givenName']));
  });

  it('refuses a correction that corrects nothing (only the version), naming it, and changes nothing', async () => {
    const household = await aHousehold();
    const was = await stored(household.id);
    const response = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${household.members[0]?.id ?? ''}`,
      { version: household.version },
    );
    expect(response.statusCode).toBe(400);
    const param = response.json<Problem>().invalidParams?.[0];
    expect(param?.name).toBe('version');
    expect(param?.reasonNl).toMatch(/minstens één veld/);
    expect(await stored(household.id)).toEqual(was);
  });

  it('answers 404 for a resident of another household, and changes neither', async () => {
    const household = await aHousehold();
    const other = await aHousehold([household.id]);
    const was = [await stored(household.id), await stored(other.id)];
    const response = await call(
      env.app,
      worker,
      'PATCH',
      `/api/v1/households/${household.id}/members/${other.members[0]?.id ?? ''}`,
      { version: household.version, givenName: 'Niemand' },
    );
    expect(response.statusCode).toBe(404);
    expect([await stored(household.id), await stored(other.id)]).toEqual(was);
  });
});
