// What the administrator's staff form may and may not do to an account:
// - the municipality always keeps an active administrator (409 naming `role` or `active`), also
//   when two administrators take each other's role at the same moment;
// - the login name (e-mail address) can be corrected, unique over all municipalities, and the
//   person signs in again with the new one;
// - switching off a coordinator, or taking them out of a team, is not refused, but the answer
//   counts the trajectories they still coordinate, per team.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

interface Staff {
  id: string;
  email: string;
  role: string;
  active: boolean;
  teamIds: string[];
  version: number;
  openTrajectoriesCoordinated?: { teamId: string; count: number }[];
}
interface Problem {
  code: string;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});

const staffOf = async (who: Session, id: string) =>
  (await call(env.app, who, 'GET', `/api/v1/staff/${id}`)).json<Staff>();
const patch = async (who: Session, id: string, body: Record<string, unknown>) =>
  call(env.app, who, 'PATCH', `/api/v1/staff/${id}`, {
    version: (await staffOf(who, id)).version,
    ...body,
  });
const me = (session: Session) => call(env.app, session, 'GET', '/api/v1/auth/me');
const activeAdminsOf = async (municipalityId: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from staff
      where municipality_id = ${municipalityId}::uuid and role = 'admin' and active`.execute(
      env.owner,
    )
  ).rows[0]?.n;

let cities = 0;
/**
 * A municipality of its own with one administrator, signed in. The test database holds several,
 * each with an administrator: another municipality's administrators never count for this one.
 */
async function cityWithOneAdmin() {
  cities += 1;
  const city = await createMunicipality(env.owner, {
    code: `GM${String(900 + cities).padStart(4, '0')}`,
  });
  const account = await createStaffMember(env.owner, city.municipalityId, { role: 'admin' });
  return {
    ...city,
    adminId: account.id,
    admin: await login(env.app, account.email, account.password),
  };
}

describe('the last active administrator', () => {
  it('cannot take away their own role: 409 naming the field, in Dutch and English, nothing changes', async () => {
    const { municipalityId, adminId, admin } = await cityWithOneAdmin();
    const before = await staffOf(admin, adminId);
    const response = await patch(admin, adminId, { role: 'worker', hoursPerWeek: 20 });
    expect(response.statusCode).toBe(409);
    const problem = response.json<Problem>();
    expect(problem).toMatchObject({
      code: 'conflict',
      detail: 'At least one active administrator must remain.',
      detailNl: 'Er moet minstens één actieve beheerder overblijven.',
    });
    expect(problem.invalidParams).toEqual([
      {
        name: 'role',
        reason: 'cannot be changed: at least one active administrator must remain',
        reasonNl: 'kan niet worden gewijzigd: er moet minstens één actieve beheerder overblijven',
      },
    ]);
    expect(await activeAdminsOf(municipalityId)).toBe(1);
    // Not even the hours sent with it; and the administrator is still signed in.
    expect(await staffOf(admin, adminId)).toMatchObject({ version: before.version, role: 'admin' });
    expect((await me(admin)).statusCode).toBe(200);
  });

  it('cannot switch themselves off (409 naming `active`), nor both at once', async () => {
    const { municipalityId, adminId, admin } = await cityWithOneAdmin();
    const off = await patch(admin, adminId, { active: false });
    expect(off.statusCode).toBe(409);
    expect(off.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['active']);
    expect(off.json<Problem>().invalidParams?.[0]?.reasonNl).toBe(
      'kan niet worden uitgezet: er moet minstens één actieve beheerder overblijven',
    );
    const both = await patch(admin, adminId, { role: 'team_lead', active: false });
    expect(both.statusCode).toBe(409);
    expect(both.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['role', 'active']);
    expect(await activeAdminsOf(municipalityId)).toBe(1);
    expect((await me(admin)).statusCode).toBe(200);
  });

  it('may step down when another active administrator remains; an inactive one does not count', async () => {
    const { municipalityId, adminId, admin } = await cityWithOneAdmin();
    const second = await createStaffMember(env.owner, municipalityId, { role: 'admin' });
    await sql`update staff set active = false where id = ${second.id}::uuid`.execute(env.owner);
    expect((await patch(admin, adminId, { role: 'worker' })).statusCode).toBe(409);

    expect((await patch(admin, second.id, { active: true })).statusCode).toBe(200);
    const stepped = await patch(admin, adminId, { role: 'worker' });
    expect(stepped.statusCode).toBe(200);
    expect(await activeAdminsOf(municipalityId)).toBe(1);
    // Signed out, as with every change of role.
    expect((await me(admin)).statusCode).toBe(401);
  });

  it('is kept when two administrators take away each other’s role at the same moment', async () => {
    const { municipalityId, adminId, admin } = await cityWithOneAdmin();
    const other = await createStaffMember(env.owner, municipalityId, { role: 'admin' });
    const otherAdmin = await login(env.app, other.email, other.password);
    const [mine, theirs] = [await staffOf(admin, other.id), await staffOf(otherAdmin, adminId)];

    // Hold both requests at their commit (the audit rows go with it: TenantPostgresDriver), so
    // that each has made its change, and counted, before the other commits. Only a lock on the
    // administrators makes the second wait for the first and count what it left.
    const { requests } = await env.owner.transaction().execute(async (hold) => {
      await sql`lock table audit_events in exclusive mode`.execute(hold);
      const started = Promise.all([
        call(env.app, admin, 'PATCH', `/api/v1/staff/${other.id}`, {
          version: mine.version,
          role: 'worker',
        }),
        call(env.app, otherAdmin, 'PATCH', `/api/v1/staff/${adminId}`, {
          version: theirs.version,
          role: 'worker',
        }),
      ]);
      // Both waiting: for the audit table, or one for the other's lock on the administrators.
      for (let waited = 0; waited < 100; waited++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
          where not granted`.execute(env.owner);
        if ((rows[0]?.n ?? 0) >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // In an object: returned as such, the transaction would wait for the requests it holds.
      return { requests: started };
    });
    const responses = await requests;
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = responses.find((r) => r.statusCode === 409);
    expect(refused?.json<Problem>().invalidParams?.[0]?.name).toBe('role');
    expect(await activeAdminsOf(municipalityId)).toBe(1);
  });
});

describe("correcting a staff member's e-mail address (the login name)", () => {
  let city: Awaited<ReturnType<typeof cityWithOneAdmin>>;
  let worker: { id: string; email: string; password: string };

  beforeAll(async () => {
    city = await cityWithOneAdmin();
    worker = await createStaffMember(env.owner, city.municipalityId, {
      email: 's.jansen@test.demo',
      teamIds: [city.teamId],
    });
  });

  it('is done by the administrator; the old sessions end and the new address signs in', async () => {
    const session = await login(env.app, worker.email, worker.password);
    const response = await patch(city.admin, worker.id, { email: 'Sanne.Jansen@test.demo' });
    expect(response.statusCode).toBe(200);
    expect(response.json<Staff>()).toMatchObject({ email: 'Sanne.Jansen@test.demo' });
    expect((await me(session)).statusCode).toBe(401);
    const old = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: worker.email, password: worker.password },
    });
    expect(old.statusCode).toBe(401);
    // Sign-in does not count capitals, as before.
    const fresh = await login(env.app, 'sanne.jansen@test.demo', worker.password);
    expect((await me(fresh)).statusCode).toBe(200);
    // Audited by field name, never with the address.
    const { rows } = await sql<{ reason: string }>`select reason from audit_events
      where action = 'staff.update' and object_id = ${worker.id}`.execute(env.owner);
    expect(rows.map((r) => r.reason)).toEqual(['changed: email; sessions ended: 1']);
    expect(JSON.stringify(rows)).not.toMatch(/jansen/i);
  });

  it('keeps the sessions when only the capitals change', async () => {
    const session = await login(env.app, 'sanne.jansen@test.demo', worker.password);
    const response = await patch(city.admin, worker.id, { email: 'sanne.jansen@test.demo' });
    expect(response.statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(200);
  });

  it('refuses an address in use by any account, of any municipality (409 naming the field)', async () => {
    const elsewhere = await createMunicipality(env.owner, { code: 'GM0363', name: 'Amsterdam' });
    // Taken there, in other capitals.
    await createStaffMember(env.owner, elsewhere.municipalityId, { email: 'p.bakker@test.demo' });
    const before = await staffOf(city.admin, worker.id);
    const response = await patch(city.admin, worker.id, { email: 'P.Bakker@test.demo' });
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().invalidParams).toEqual([
      {
        name: 'email',
        reason: 'is already in use by another account',
        reasonNl: 'is al in gebruik voor een ander account',
      },
    ]);
    expect(await staffOf(city.admin, worker.id)).toMatchObject({
      email: before.email,
      version: before.version,
    });
  });

  it('refuses an address that is not one (400 naming the field), as on creation', async () => {
    const response = await patch(city.admin, worker.id, { email: 'sanne at test.demo' });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams?.[0]?.name).toBe('email');
    expect((await staffOf(city.admin, worker.id)).email).toBe('sanne.jansen@test.demo');
  });
});

describe('a coordinator switched off or taken out of a team', () => {
  let city: Awaited<ReturnType<typeof cityWithOneAdmin>>;
  let secondTeam: string;
  let coordinator: { id: string; email: string; password: string };

  /** A trajectory of its own household (one open trajectory per household), coordinated by `by`. */
  async function trajectory(
    teamId: string,
    by: string,
    status: 'open' | 'follow_up' | 'aftercare' | 'closed',
  ) {
    const m = city.municipalityId;
    await inTenant(env.owner, { municipalityId: m, teamIds: [teamId] }, async (trx) => {
      const household = newId();
      await trx
        .insertInto('households')
        .values({
          municipality_id: m,
          id: household,
          team_id: teamId,
          postcode: '2011AB',
          house_number: 1,
          house_letter: null,
          house_number_addition: null,
          street: null,
          city: null,
          neighbourhood_code: city.neighbourhoodCode,
        })
        .execute();
      await trx
        .insertInto('trajectories')
        .values({
          municipality_id: m,
          id: newId(),
          household_id: household,
          team_id: teamId,
          coordinator_id: by,
          opened_at: new Date('2026-01-05T10:00:00+01:00'),
          registration_id: null,
          status,
          // Aftercare follows the closing (it has its outcome); the trajectory is not closed yet.
          ...(status === 'closed' || status === 'aftercare'
            ? {
                closed_at: new Date('2026-02-05T10:00:00+01:00'),
                outcome: 'goals_achieved' as const,
                handled_without_specialist_care: true,
                no_closing_measurement_reason: 'test',
              }
            : {}),
        })
        .execute();
    });
  }

  beforeAll(async () => {
    city = await cityWithOneAdmin();
    secondTeam = newId();
    await inTenant(env.owner, { municipalityId: city.municipalityId, teamIds: [] }, (trx) =>
      trx
        .insertInto('teams')
        .values({
          municipality_id: city.municipalityId,
          id: secondTeam,
          name: 'Buurtteam Twee',
          type: 'social',
          working_area: '',
        })
        .execute(),
    );
    coordinator = await createStaffMember(env.owner, city.municipalityId, {
      teamIds: [city.teamId, secondTeam],
    });
    await trajectory(city.teamId, coordinator.id, 'open');
    await trajectory(city.teamId, coordinator.id, 'follow_up');
    await trajectory(city.teamId, coordinator.id, 'closed');
    await trajectory(secondTeam, coordinator.id, 'aftercare');
  });

  const expected = () =>
    [
      { teamId: city.teamId, count: 2 },
      { teamId: secondTeam, count: 1 },
    ].sort((a, b) => a.teamId.localeCompare(b.teamId));

  it("are counted per team in the administrator's read (closed ones not), for no one else", async () => {
    expect((await staffOf(city.admin, coordinator.id)).openTrajectoriesCoordinated).toEqual(
      expected(),
    );
    const colleague = await login(env.app, coordinator.email, coordinator.password);
    expect(await staffOf(colleague, coordinator.id)).not.toHaveProperty(
      'openTrajectoriesCoordinated',
    );
    const list = (await call(env.app, city.admin, 'GET', '/api/v1/staff')).json<{
      items: Staff[];
    }>();
    expect(list.items.find((s) => s.id === coordinator.id)).not.toHaveProperty(
      'openTrajectoriesCoordinated',
    );
  });

  it('taking them out of a team is not refused, and the answer says what they still coordinate there', async () => {
    const response = await patch(city.admin, coordinator.id, { teamIds: [secondTeam] });
    expect(response.statusCode).toBe(200);
    expect(response.json<Staff>()).toMatchObject({
      teamIds: [secondTeam],
      openTrajectoriesCoordinated: expected(),
    });
  });

  it('switching them off is not refused, and the answer says the same', async () => {
    const response = await patch(city.admin, coordinator.id, { active: false });
    expect(response.statusCode).toBe(200);
    expect(response.json<Staff>()).toMatchObject({
      active: false,
      openTrajectoriesCoordinated: expected(),
    });
  });
});
