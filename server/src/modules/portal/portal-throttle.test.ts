// Guessing at the portal's doors: resident sign-in is limited per login name and per client
// address (the address's count shared with staff sign-in), a failed sign-in of an existing account
// is audited without showing in the resident's access log, and an invitation code is no way to
// find out who has an account (throttled per code and per address, and spent after a few login
// names that were taken).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { MAX_TAKEN_LOGIN_NAMES } from './portal.service.js';

let env: TestEnv;
let worker: Session;

const PASSWORD = 'mijn-eigen-wachtwoord';

type Problem = {
  code: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
};

const signIn = (loginName: string, password: string, remoteAddress = '198.51.100.1') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/login',
    remoteAddress,
    payload: { loginName, password },
  });

const activate = (code: string, loginName: string, remoteAddress = '198.51.100.2') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    remoteAddress,
    payload: { code, loginName, password: PASSWORD },
  });

async function newResident(givenName: string, familyName: string): Promise<string> {
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: { givenName, familyName, birthDate: '1971-05-05' },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<{ residentId: string }>().residentId;
}

async function invite(residentId: string): Promise<string> {
  const response = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
    residentId,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ code: string }>().code;
}

function asResident(response: {
  cookies: { name: string; value: string }[];
  json: <T>() => T;
}): Session {
  const cookie = response.cookies.find((c) => c.name === 'sk_session');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

// Every test starts with no failures counted, so that one's guesses do not stop another.
beforeEach(async () => {
  await sql`delete from login_failures`.execute(env.owner);
});

describe('resident sign-in from one client address', () => {
  it('stops trying many login names (spraying) after as many failures as staff sign-in allows', async () => {
    const max = env.config.LOGIN_MAX_FAILURES * 4;
    const answers: number[] = [];
    for (let i = 0; i < max + 5; i++) {
      answers.push((await signIn(`spray${i}@example.demo`, 'Welkom01!')).statusCode);
    }
    expect(answers.slice(0, max).every((status) => status === 401)).toBe(true);
    expect(answers.slice(max).every((status) => status === 429)).toBe(true);
    // Another address is not stopped.
    expect(
      (await signIn('spray-elders@example.demo', 'Welkom01!', '198.51.100.99')).statusCode,
    ).toBe(401);
  });

  it("shares the address's count with staff sign-in: one place cannot try both doors twice as often", async () => {
    const max = env.config.LOGIN_MAX_FAILURES * 4;
    for (let i = 0; i < max; i++) {
      expect((await signIn(`deur${i}@example.demo`, 'Welkom01!', '198.51.100.3')).statusCode).toBe(
        401,
      );
    }
    const staff = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '198.51.100.3',
      payload: { email: 'deur@example.demo', password: 'Welkom01!' },
    });
    expect(staff.statusCode).toBe(429);
  });
});

describe('a failed resident sign-in of an existing account', () => {
  let residentId: string;
  let resident: Session;

  beforeAll(async () => {
    residentId = await newResident('Audit', 'Mislukt');
    const opened = await activate(await invite(residentId), 'audit.mislukt@example.demo');
    expect(opened.statusCode, opened.body).toBe(200);
    resident = asResident(opened);
  });

  it('is audited as a failed sign-in of that account, and not shown in the resident’s access log', async () => {
    expect((await signIn('audit.mislukt@example.demo', 'fout-geraden')).statusCode).toBe(401);
    expect((await signIn('niemand.bekend@example.demo', 'fout-geraden')).statusCode).toBe(401);
    const { rows } = await sql<{
      actor_id: string;
      actor_role: string;
      resident_id: string | null;
      object_type: string;
    }>`
      select actor_id::text, actor_role, resident_id::text, object_type from audit_events
       where action = 'auth.login' and result = 'failure'`.execute(env.owner);
    // One row, for the account that exists; an unknown name names nobody.
    expect(rows).toEqual([
      { actor_id: residentId, actor_role: 'unknown', resident_id: null, object_type: 'session' },
    ]);
    const log = await call(env.app, resident, 'GET', '/api/v1/portal/access-log');
    const items = log.json<{ items: { action: string; what: string }[] }>().items;
    expect(items.some((i) => i.what.includes('mislukt'))).toBe(false);
    expect(items.filter((i) => i.action === 'auth.login')).toHaveLength(0);
  });
});

describe('an invitation code', () => {
  it(`is spent after ${MAX_TAKEN_LOGIN_NAMES} login names that are taken, also across throttle windows`, async () => {
    const residentId = await newResident('Code', 'Proever');
    const code = await invite(residentId);
    // Names of staff members (and residents) are in use: each such try is counted on the code.
    const answers: Problem[] = [];
    for (let i = 0; i < MAX_TAKEN_LOGIN_NAMES; i++) {
      // Forget the window's count each time: the limit of the code holds beyond it.
      await sql`delete from login_failures`.execute(env.owner);
      const response = await activate(code, 'worker@maastricht.demo', `203.0.113.${i + 1}`);
      expect(response.statusCode, response.body).toBe(409);
      answers.push(response.json<Problem>());
    }
    expect(answers[0]?.invalidParams).toEqual([
      { name: 'loginName', reason: 'is already in use', reasonNl: 'is al in gebruik' },
    ]);
    // The last one says the code is spent, in both languages.
    const spent = answers.at(-1)?.invalidParams?.find((p) => p.name === 'code');
    expect(spent?.reasonNl).toContain('Vraag het buurtteam om een nieuwe code');
    expect(spent?.reason).toContain('Ask the neighbourhood team for a new code');
    await sql`delete from login_failures`.execute(env.owner);
    // Spent: another taken name tells nothing more, and a free one opens nothing.
    for (const loginName of ['teamlead@maastricht.demo', 'code.proever@example.demo']) {
      const after = await activate(code, loginName, '203.0.113.50');
      expect(after.statusCode).toBe(400);
      expect(after.json<Problem>().invalidParams?.[0]?.name).toBe('code');
    }
    const { rows } =
      await sql`select 1 from resident_accounts where resident_id = ${residentId}::uuid`.execute(
        env.owner,
      );
    expect(rows).toHaveLength(0);
    // A new code from the worker works.
    const fresh = await activate(await invite(residentId), 'code.proever@example.demo');
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('is throttled per code: tries past the limit in the window get 429, from any address', async () => {
    const code = await invite(await newResident('Snel', 'Proever'));
    const max = env.config.LOGIN_MAX_FAILURES;
    const answers: number[] = [];
    for (let i = 0; i < max + 1; i++) {
      answers.push(
        (await activate(code, 'worker@maastricht.demo', `203.0.114.${i + 1}`)).statusCode,
      );
    }
    // The first `max` were judged (409, the last one spending the code), the next refused.
    expect(answers.slice(0, max)).toEqual(Array.from({ length: max }, () => 409));
    expect(answers.at(-1)).toBe(429);
  });

  it('is throttled per client address: many codes from one place get 429', async () => {
    const max = env.config.LOGIN_MAX_FAILURES * 4;
    const answers: number[] = [];
    for (let i = 0; i < max + 2; i++) {
      answers.push(
        (
          await activate(
            `ABCD-EFGH-JK${String(i).padStart(2, '2')}`,
            'raad@example.demo',
            '203.0.115.1',
          )
        ).statusCode,
      );
    }
    expect(answers.slice(0, max).every((status) => status === 400)).toBe(true);
    expect(answers.slice(max).every((status) => status === 429)).toBe(true);
  });

  it('leaves no count behind when it opens the account', async () => {
    const residentId = await newResident('Goed', 'Gegaan');
    const code = await invite(residentId);
    expect((await activate(code, 'worker@maastricht.demo', '203.0.116.1')).statusCode).toBe(409);
    const opened = await activate(code, 'goed.gegaan@example.demo', '203.0.116.1');
    expect(opened.statusCode, opened.body).toBe(200);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from login_failures`.execute(env.owner);
    // Only the taken name's failure stays (per code and per address): the success took its own back.
    expect(rows[0]?.n).toBe(2);
  });
});
