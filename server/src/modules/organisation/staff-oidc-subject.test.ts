// A staff member's subject at the municipality's identity provider: the admin reads, sets and
// clears it; it is unique per municipality (409 naming the field), and only admins see it.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';

interface Staff {
  id: string;
  version: number;
  oidcSubject?: string | null;
}
interface Problem {
  code: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;
let admin: Session;
let worker: Session;
let worker2: Session;

const staffOf = async (who: Session, id: string) =>
  (await call(env.app, who, 'GET', `/api/v1/staff/${id}`)).json<Staff>();
const patch = (who: Session, id: string, body: Record<string, unknown>) =>
  call(env.app, who, 'PATCH', `/api/v1/staff/${id}`, body);
const subjectInDb = async (id: string) =>
  (
    await sql<{ oidc_subject: string | null }>`
      select oidc_subject from staff where id = ${id}`.execute(env.owner)
  ).rows[0]?.oidc_subject;

beforeAll(async () => {
  env = await createDemoEnv();
  admin = await login(env.app, 'admin@maastricht.demo');
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
});

describe('the OIDC subject of a staff member', () => {
  it('is empty at first, and shown to the admin only', async () => {
    expect(await staffOf(admin, worker.user.id)).toMatchObject({ oidcSubject: null });
    const list = (await call(env.app, admin, 'GET', '/api/v1/staff')).json<{ items: Staff[] }>();
    expect(list.items.find((s) => s.id === worker.user.id)).toHaveProperty('oidcSubject', null);
    // A worker reads colleagues of the own team, without the sign-in link.
    const own = await call(env.app, worker, 'GET', `/api/v1/staff/${worker.user.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).not.toHaveProperty('oidcSubject');
  });

  it('is set and cleared by the admin, not by others', async () => {
    const before = await staffOf(admin, worker.user.id);
    const set = await patch(admin, worker.user.id, {
      version: before.version,
      oidcSubject: '  sanne-0042  ',
    });
    expect(set.statusCode).toBe(200);
    // Trimmed; the version goes up by one.
    expect(set.json()).toMatchObject({ oidcSubject: 'sanne-0042', version: before.version + 1 });
    expect(await subjectInDb(worker.user.id)).toBe('sanne-0042');

    const forbidden = await patch(worker, worker.user.id, {
      version: before.version + 1,
      oidcSubject: null,
    });
    expect(forbidden.statusCode).toBe(403);
    const empty = await patch(admin, worker.user.id, {
      version: before.version + 1,
      oidcSubject: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<Problem>().invalidParams?.map((p) => p.name)).toEqual(['oidcSubject']);

    const cleared = await patch(admin, worker.user.id, {
      version: before.version + 1,
      oidcSubject: null,
    });
    expect(cleared.json()).toMatchObject({ oidcSubject: null, version: before.version + 2 });
    expect(await subjectInDb(worker.user.id)).toBeNull();
  });

  it('is unique per municipality: 409 naming the field, in Dutch and English', async () => {
    const first = await staffOf(admin, worker.user.id);
    expect(
      (await patch(admin, worker.user.id, { version: first.version, oidcSubject: 'gedeeld-1' }))
        .statusCode,
    ).toBe(200);
    const other = await staffOf(admin, worker2.user.id);
    const taken = await patch(admin, worker2.user.id, {
      version: other.version,
      oidcSubject: 'gedeeld-1',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().invalidParams).toEqual([
      {
        name: 'oidcSubject',
        reason: 'is already linked to another staff member',
        reasonNl: 'is al gekoppeld aan een andere medewerker',
      },
    ]);
    expect(await subjectInDb(worker2.user.id)).toBeNull();
    // Saving the member's own subject again is no conflict.
    const again = await staffOf(admin, worker.user.id);
    expect(
      (await patch(admin, worker.user.id, { version: again.version, oidcSubject: 'gedeeld-1' }))
        .statusCode,
    ).toBe(200);

    // Another municipality may use the same subject for its own staff member.
    const haarlem = await createMunicipality(env.owner);
    const account = await createStaffMember(env.owner, haarlem.municipalityId, { role: 'admin' });
    const haarlemAdmin = await login(env.app, account.email, account.password);
    const member = await staffOf(haarlemAdmin, account.id);
    const elsewhere = await patch(haarlemAdmin, account.id, {
      version: member.version,
      oidcSubject: 'gedeeld-1',
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
