// The resident's optional second factor: the same TOTP code as staff, in its own table.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { base32Decode, hotp, stepAt, totpAt } from '../../platform/totp.js';

let env: TestEnv;
let resident: Session;
let worker: Session;
let residentId: string;
const LOGIN = 'inwoner.totp';
const PASSWORD = 'mijn-eigen-wachtwoord';

const passwordStep = () =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/login',
    payload: { loginName: LOGIN, password: PASSWORD },
  });

beforeAll(async () => {
  env = await createDemoEnv({ LOGIN_MAX_FAILURES: '3' });
  worker = await login(env.app, 'worker@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: { givenName: 'Twee', familyName: 'Stappen', birthDate: '1970-04-04' },
  });
  residentId = created.json<{ residentId: string }>().residentId;
  const invitation = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
    residentId,
  });
  const activated = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: {
      code: invitation.json<{ code: string }>().code,
      loginName: LOGIN,
      password: PASSWORD,
    },
  });
  expect(activated.statusCode, activated.body).toBe(200);
  const cookie = activated.cookies.find((c) => c.name === 'sk_session');
  const body = activated.json<{ csrfToken: string; user: Session['user'] }>();
  resident = { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };
});

describe('the resident sets up an optional second factor', () => {
  let secret: Buffer;

  it('signs in with the password alone before, and is not required to set one up', async () => {
    expect((await passwordStep()).statusCode).toBe(200);
    const status = await call(env.app, resident, 'GET', '/api/v1/portal/second-factor');
    expect(status.json()).toEqual({ enrolled: false, required: false });
  });

  it('enrols with a first code and gets eight recovery codes', async () => {
    const enrolment = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment',
    );
    expect(enrolment.statusCode).toBe(200);
    const body = enrolment.json<{ secret: string; otpauthUri: string }>();
    expect(body.otpauthUri).toContain('Samenkracht:inwoner.totp');
    secret = base32Decode(body.secret);
    const confirm = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment/confirm',
      { code: totpAt(secret, Date.now()) },
    );
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(8);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from resident_second_factors where confirmed_at is not null`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('is then asked for the code; a used code is refused, the next step accepted', async () => {
    const first = await passwordStep();
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'verify' });
    const challenge = first.cookies.find((c) => c.name === 'sk_sign_in');
    const code = (value: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/portal/login/code',
        headers: { cookie: `sk_sign_in=${challenge?.value ?? ''}` },
        payload: { code: value },
      });
    // The enrolment used the code of its step: it does not work a second time.
    const { rows } = await sql<{ step: number }>`
      select last_used_step as step from resident_second_factors`.execute(env.owner);
    const used = rows[0]?.step ?? 0;
    const replay = await code(hotp(secret, used));
    expect(replay.statusCode).toBe(401);
    const next = await code(hotp(secret, used + 1));
    expect(next.statusCode).toBe(200);
    expect(next.json<{ user: { role: string } }>().user.role).toBe('resident');
    // A staff challenge route does not take a resident's challenge.
    const staffRoute = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/code',
      headers: { cookie: `sk_sign_in=${challenge?.value ?? ''}` },
      payload: { code: '123456' },
    });
    expect(staffRoute.statusCode).toBe(401);
  });

  it('holds the limit when wrong codes arrive all at once, and ends the challenge at the limit', async () => {
    const first = await passwordStep();
    const cookie = `sk_sign_in=${first.cookies.find((c) => c.name === 'sk_sign_in')?.value ?? ''}`;
    const now = stepAt(Date.now());
    const valid = new Set([hotp(secret, now - 1), hotp(secret, now), hotp(secret, now + 1)]);
    const codes = Array.from({ length: 40 }, (_, n) => String(n).padStart(6, '0'))
      .filter((code) => !valid.has(code))
      .slice(0, 30);
    const answers = await Promise.all(
      codes.map((code) =>
        env.app.inject({
          method: 'POST',
          url: '/api/v1/portal/login/code',
          headers: { cookie },
          payload: { code },
        }),
      ),
    );
    const checked = answers.filter((a) => a.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - checked);
    const right = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login/code',
      headers: { cookie },
      payload: { code: totpAt(secret, Date.now()) },
    });
    expect(right.statusCode).toBe(401);
    expect(right.json<{ code: string }>().code).toBe('unauthenticated');
    await sql`delete from login_failures`.execute(env.owner);
  });

  it('holds the limit when wrong passwords arrive all at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        env.app.inject({
          method: 'POST',
          url: '/api/v1/portal/login',
          payload: { loginName: LOGIN, password: `geraden-${i}` },
        }),
      ),
    );
    const checked = answers.filter((a) => a.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - checked);
    await sql`delete from login_failures`.execute(env.owner);
  });

  it('can turn it off again with a current code', async () => {
    await sql`update resident_second_factors set last_used_step = null`.execute(env.owner);
    const off = await call(env.app, resident, 'POST', '/api/v1/portal/second-factor/removal', {
      code: totpAt(secret, Date.now()),
    });
    expect(off.statusCode).toBe(204);
    expect((await passwordStep()).statusCode).toBe(200);
  });
});

describe('a worker turns a lost second factor off', () => {
  it("only for the household's own team, audited; the resident signs in with the password again", async () => {
    // The resident turns it on again (the previous block turned it off).
    await sql`update resident_second_factors set last_used_step = null`.execute(env.owner);
    const enrolment = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment',
    );
    const secret = base32Decode(enrolment.json<{ secret: string }>().secret);
    const confirm = await call(
      env.app,
      resident,
      'POST',
      '/api/v1/portal/second-factor/enrolment/confirm',
      { code: totpAt(secret, Date.now()) },
    );
    expect(confirm.statusCode).toBe(200);
    expect((await passwordStep()).statusCode).toBe(202);

    // Fatima works in the other demo team: not her household (404), and nothing changes.
    const other = await login(env.app, 'worker2@maastricht.demo');
    const refused = await call(
      env.app,
      other,
      'POST',
      `/api/v1/portal/residents/${residentId}/second-factor/reset`,
    );
    expect(refused.statusCode).toBe(404);
    expect((await passwordStep()).statusCode).toBe(202);

    const reset = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/portal/residents/${residentId}/second-factor/reset`,
    );
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ wasOn: true });
    expect((await passwordStep()).statusCode).toBe(200);
    const again = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/portal/residents/${residentId}/second-factor/reset`,
    );
    expect(again.json()).toEqual({ wasOn: false });
    const { rows } = await sql<{ actor_id: string; reason: string | null }>`
      select actor_id, reason from audit_events
      where action = 'portal.second_factor_reset' and resident_id = ${residentId}::uuid
      order by at, id`.execute(env.owner);
    expect(rows).toEqual([
      { actor_id: worker.user.id, reason: null },
      { actor_id: worker.user.id, reason: 'was not on' },
    ]);
  });
});
