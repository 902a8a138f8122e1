import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { createDemoEnv, login, call, type TestEnv } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { DEMO_TOTP_ACCOUNTS, DEMO_TOTP_SECRET } from '../../demo/second-factor-demo.js';
import { base32Decode, hotp, stepAt, totpAt } from '../../platform/totp.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createDemoEnv({ LOGIN_MAX_FAILURES: '3' });
});

const demoSecret = base32Decode(DEMO_TOTP_SECRET);

function challengeOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'sk_sign_in');
  if (!cookie) throw new Error(`no challenge cookie: ${response.statusCode} ${response.body}`);
  return `sk_sign_in=${cookie.value}`;
}

const passwordStep = (email: string) =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: DEMO_PASSWORD },
  });

const post = (url: string, cookie: string, payload?: object) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });

/** Six-digit codes that are none of the three codes the server accepts right now. */
function wrongCodes(secret: Buffer, count: number): string[] {
  const now = stepAt(Date.now());
  const valid = new Set([hotp(secret, now - 1), hotp(secret, now), hotp(secret, now + 1)]);
  const codes: string[] = [];
  for (let n = 0; codes.length < count; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) codes.push(candidate);
  }
  return codes;
}

const wrongCode = (secret: Buffer): string => wrongCodes(secret, 1)[0] ?? '';

describe('signing in with a second factor', () => {
  it('asks an enrolled admin for a code (202) and gives no session before it', async () => {
    const first = await passwordStep('admin@maastricht.demo');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'verify' });
    expect(first.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    const challenge = first.cookies.find((c) => c.name === 'sk_sign_in');
    expect(challenge?.httpOnly).toBe(true);
    // The challenge token is no session token.
    const asSession = await env.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `sk_session=${challenge?.value ?? ''}` },
    });
    expect(asSession.statusCode).toBe(401);
  });

  it('opens a session for the right code, and refuses the same code a second time (replay)', async () => {
    const code = totpAt(demoSecret, Date.now());
    const first = await passwordStep('admin@maastricht.demo');
    const ok = await post('/api/v1/auth/login/code', challengeOf(first), { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ user: { role: string } }>().user.role).toBe('admin');
    expect(ok.cookies.find((c) => c.name === 'sk_session')?.value).toBeTruthy();

    const again = await passwordStep('admin@maastricht.demo');
    const replay = await post('/api/v1/auth/login/code', challengeOf(again), { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json<{ code: string }>().code).toBe('invalid_code');
    expect(replay.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
  });

  it('uses a challenge once: a second code on a used challenge is refused', async () => {
    await sql`update staff_second_factors set last_used_step = null`.execute(env.owner);
    const first = await passwordStep('admin@maastricht.demo');
    const cookie = challengeOf(first);
    const now = Date.now();
    expect(
      (await post('/api/v1/auth/login/code', cookie, { code: totpAt(demoSecret, now - 30_000) }))
        .statusCode,
    ).toBe(200);
    const second = await post('/api/v1/auth/login/code', cookie, {
      code: totpAt(demoSecret, now),
    });
    expect(second.statusCode).toBe(401);
    expect(second.json<{ code: string }>().code).toBe('unauthenticated');
  });

  it('throttles wrong codes like wrong passwords: after 3, even the right code gets 429', async () => {
    const first = await passwordStep('gemeente@maastricht.demo');
    const cookie = challengeOf(first);
    for (let i = 0; i < 3; i++) {
      const wrong = await post('/api/v1/auth/login/code', cookie, { code: wrongCode(demoSecret) });
      expect(wrong.statusCode).toBe(401);
    }
    const right = await post('/api/v1/auth/login/code', cookie, {
      code: totpAt(demoSecret, Date.now()),
    });
    expect(right.statusCode).toBe(429);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events a join staff s on s.id = a.actor_id
      where a.action = 'auth.second_factor' and a.result = 'failure'
        and s.email = 'gemeente@maastricht.demo'`.execute(env.owner);
    expect(rows[0]?.n).toBe(3);
  });

  it('holds the limit when wrong codes arrive all at once, and ends the challenge at the limit', async () => {
    const cookie = challengeOf(await passwordStep('privacy@maastricht.demo'));
    const answers = await Promise.all(
      wrongCodes(demoSecret, 30).map((code) => post('/api/v1/auth/login/code', cookie, { code })),
    );
    const checked = answers.filter((a) => a.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - checked);
    // The challenge is over: more guesses need the password again, even the right code does.
    const right = await post('/api/v1/auth/login/code', cookie, {
      code: totpAt(demoSecret, Date.now()),
    });
    expect(right.statusCode).toBe(401);
    expect(right.json<{ code: string }>().code).toBe('unauthenticated');
  });

  it('stores the secret encrypted: the base32 secret is nowhere in the row', async () => {
    const { rows } = await sql<{ secret_encrypted: string }>`
      select secret_encrypted from staff_second_factors`.execute(env.owner);
    // The demo accounts with the published demo secret: admin@, gemeente@ and privacy@.
    expect(rows).toHaveLength(DEMO_TOTP_ACCOUNTS.length);
    for (const row of rows) {
      expect(row.secret_encrypted.startsWith('v1.')).toBe(true);
      expect(row.secret_encrypted).not.toContain(DEMO_TOTP_SECRET);
    }
  });
});

describe('a role that requires a second factor, without one', () => {
  let enrolledSecret: Buffer;
  let recoveryCodes: string[];

  it('after an admin reset: the municipality user gets only the enrolment', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    const admin = await login(env.app, 'admin@maastricht.demo');
    const staff = await call(env.app, admin, 'GET', '/api/v1/admin/sign-in/staff');
    const gemeente = staff
      .json<{ items: { id: string; email: string; secondFactor: boolean; required: boolean }[] }>()
      .items.find((s) => s.email === 'gemeente@maastricht.demo');
    expect(gemeente).toMatchObject({ secondFactor: true, required: true });
    const reset = await call(
      env.app,
      admin,
      'POST',
      `/api/v1/admin/sign-in/staff/${gemeente?.id ?? ''}/reset-second-factor`,
    );
    expect(reset.statusCode).toBe(204);
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'auth.second_factor_reset' and object_id = ${gemeente?.id ?? ''}`.execute(
      env.owner,
    );
    expect(audited.rows[0]?.n).toBe(1);

    const first = await passwordStep('gemeente@maastricht.demo');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'enrol' });
    const cookie = challengeOf(first);
    // Nothing but the enrolment: no session, no code step, no other route.
    expect(first.cookies.find((c) => c.name === 'sk_session')).toBeUndefined();
    const code = await post('/api/v1/auth/login/code', cookie, { code: '123456' });
    expect(code.statusCode).toBe(401);
    const teams = await env.app.inject({
      method: 'GET',
      url: '/api/v1/teams',
      headers: { cookie: cookie.replace('sk_sign_in', 'sk_session') },
    });
    expect(teams.statusCode).toBe(401);

    const enrolment = await post('/api/v1/auth/login/enrolment', cookie);
    expect(enrolment.statusCode).toBe(200);
    const body = enrolment.json<{ secret: string; otpauthUri: string; qrSvg: string }>();
    expect(body.otpauthUri).toContain(`secret=${body.secret}`);
    expect(
      body.otpauthUri.startsWith('otpauth://totp/Samenkracht:gemeente%40maastricht.demo?'),
    ).toBe(true);
    expect(body.qrSvg).toContain('<svg');
    enrolledSecret = base32Decode(body.secret);

    const wrong = await post('/api/v1/auth/login/enrolment/confirm', cookie, {
      code: wrongCode(enrolledSecret),
    });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await post('/api/v1/auth/login/enrolment/confirm', cookie, {
      code: totpAt(enrolledSecret, Date.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    const session = confirmed.json<{ user: { role: string }; recoveryCodes: string[] }>();
    expect(session.user.role).toBe('municipality');
    expect(session.recoveryCodes).toHaveLength(8);
    recoveryCodes = session.recoveryCodes;
    expect(confirmed.cookies.find((c) => c.name === 'sk_session')?.value).toBeTruthy();
    const enrolAudit = await sql<{ result: string }>`
      select result from audit_events where action = 'auth.second_factor_enrol'
      order by at`.execute(env.owner);
    expect(enrolAudit.rows.map((r) => r.result)).toEqual(['failure', 'success']);
  });

  it('then asks for a code; a recovery code works exactly once', async () => {
    const recovery = recoveryCodes[0] ?? '';
    const first = await passwordStep('gemeente@maastricht.demo');
    expect(first.json()).toEqual({ secondFactor: 'verify' });
    const ok = await post('/api/v1/auth/login/code', challengeOf(first), { code: recovery });
    expect(ok.statusCode).toBe(200);
    const again = await passwordStep('gemeente@maastricht.demo');
    const reused = await post('/api/v1/auth/login/code', challengeOf(again), { code: recovery });
    expect(reused.statusCode).toBe(401);
    const { rows } = await sql<{ n: number }>`
      select cardinality(recovery_code_hashes)::int as n from staff_second_factors f
      join staff s on s.id = f.staff_id where s.email = 'gemeente@maastricht.demo'`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBe(7); // 8 issued, 1 used
  });
});

describe('configurable for other roles', () => {
  it('keeps the settings and the reset for admins', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    const worker = await login(env.app, 'worker@maastricht.demo');
    expect((await call(env.app, worker, 'GET', '/api/v1/admin/sign-in')).statusCode).toBe(403);
    expect((await call(env.app, worker, 'GET', '/api/v1/admin/sign-in/staff')).statusCode).toBe(
      403,
    );
  });
  it('signs a worker in with the password alone until the municipality requires it', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    expect((await passwordStep('worker2@maastricht.demo')).statusCode).toBe(200);
    const admin = await login(env.app, 'admin@maastricht.demo');
    const settings = await call(env.app, admin, 'GET', '/api/v1/admin/sign-in');
    expect(settings.json()).toMatchObject({
      alwaysRequiredRoles: ['admin', 'municipality'],
      totpExtraRoles: [],
      version: 0,
    });
    const saved = await call(env.app, admin, 'PUT', '/api/v1/admin/sign-in', {
      version: 0,
      totpExtraRoles: ['worker'],
      oidc: {
        enabled: false,
        displayName: '',
        issuer: '',
        clientId: '',
        emailDomain: '',
        matchClaim: 'email',
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ version: number }>().version).toBe(1);
    const worker = await passwordStep('worker2@maastricht.demo');
    expect(worker.statusCode).toBe(202);
    expect(worker.json()).toEqual({ secondFactor: 'enrol' });
    // The team lead is not a worker: still the password alone.
    expect((await passwordStep('teamlead@maastricht.demo')).statusCode).toBe(200);
    const stale = await call(env.app, admin, 'PUT', '/api/v1/admin/sign-in', {
      version: 0,
      totpExtraRoles: [],
      oidc: {
        enabled: false,
        displayName: '',
        issuer: '',
        clientId: '',
        emailDomain: '',
        matchClaim: 'email',
      },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('lets a team lead set one up voluntarily; from then on the code is asked', async () => {
    const lead = await login(env.app, 'teamlead@maastricht.demo');
    const status = await call(env.app, lead, 'GET', '/api/v1/auth/second-factor');
    expect(status.json()).toEqual({ enrolled: false, required: false });
    const enrolment = await call(env.app, lead, 'POST', '/api/v1/auth/second-factor/enrolment');
    const secret = base32Decode(enrolment.json<{ secret: string }>().secret);
    const confirm = await call(
      env.app,
      lead,
      'POST',
      '/api/v1/auth/second-factor/enrolment/confirm',
      {
        code: totpAt(secret, Date.now()),
      },
    );
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(8);
    // The secret is never shown again: a second enrolment is refused.
    const second = await call(env.app, lead, 'POST', '/api/v1/auth/second-factor/enrolment');
    expect(second.statusCode).toBe(409);
    expect((await passwordStep('teamlead@maastricht.demo')).json()).toEqual({
      secondFactor: 'verify',
    });
  });
});
