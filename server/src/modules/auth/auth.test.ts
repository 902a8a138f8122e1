import { describe, expect, it, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { createDemoEnv, login, call, type TestEnv } from '../../../test/harness.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createDemoEnv({ LOGIN_MAX_FAILURES: '3' });
});

const loginAs = (email: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('signing in', () => {
  it('returns the user, a CSRF token and an HttpOnly SameSite=Strict session cookie', async () => {
    const response = await loginAs('worker@maastricht.demo', 'samenkracht-demo');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      user: { name: string; role: string; teamIds: string[] };
      csrfToken: string;
    }>();
    expect(body.user).toMatchObject({ name: 'Sanne Jacobs', role: 'worker' });
    expect(body.user.teamIds).toHaveLength(1);
    expect(body.csrfToken.length).toBeGreaterThan(30);
    const cookie = response.cookies.find((c) => c.name === 'sk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('answers a wrong password and an unknown account identically with 401', async () => {
    const wrongPassword = await loginAs('teamlead@maastricht.demo', 'niet-het-wachtwoord');
    const unknown = await loginAs('niemand@maastricht.demo', 'niet-het-wachtwoord');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknown.json());
    expect(wrongPassword.headers['content-type']).toContain('application/problem+json');
    expect(unknown.cookies).toHaveLength(0);
  });

  it('rate-limits repeated failures with 429, also for the right password, and for unknown accounts alike', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await loginAs('gemeente@maastricht.demo', 'fout')).statusCode).toBe(401);
      expect((await loginAs('onbekend@maastricht.demo', 'fout')).statusCode).toBe(401);
    }
    expect((await loginAs('gemeente@maastricht.demo', 'samenkracht-demo')).statusCode).toBe(429);
    const unknown = await loginAs('onbekend@maastricht.demo', 'fout');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.json<{ detailNl: string }>().detailNl).toContain('Te veel pogingen');
  });

  it('holds the limit when wrong passwords for one account arrive all at once, from many addresses', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        env.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `192.0.2.${i + 1}`,
          payload: { email: 'm.bouzid@maastricht.demo', password: `geraden-${i}` },
        }),
      ),
    );
    const checked = answers.filter((a) => a.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - checked);
    // Every password that was checked is a failed sign-in in the audit trail; no more than that.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events a join staff s on s.id = a.actor_id
      where a.action = 'auth.login' and a.result = 'failure'
        and s.email = 'm.bouzid@maastricht.demo'`.execute(env.owner);
    expect(rows[0]?.n).toBe(checked);
  });

  it('counts no failure when the server, not the guess, failed', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    // The account look-up fails (the function is briefly gone): a 500, and no guess was judged.
    await sql`alter function auth_account_for_login(text) rename to auth_account_for_login_away`.execute(
      env.owner,
    );
    try {
      expect((await loginAs('worker@maastricht.demo', 'fout')).statusCode).toBe(500);
    } finally {
      await sql`alter function auth_account_for_login_away(text) rename to auth_account_for_login`.execute(
        env.owner,
      );
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from login_failures`.execute(env.owner);
    expect(rows[0]?.n).toBe(0);
  });

  it('leaves no count behind for a right password, for the account or the address', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    expect((await loginAs('worker@maastricht.demo', 'fout')).statusCode).toBe(401);
    expect((await loginAs('worker@maastricht.demo', 'samenkracht-demo')).statusCode).toBe(200);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from login_failures`.execute(env.owner);
    // Only the address's one failure is left: the right password took its own row back and
    // cleared the account's failures.
    expect(rows[0]?.n).toBe(1);
  });

  it('rejects unknown fields in the login body with 400 naming the field', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'worker@maastricht.demo', password: 'x', remember: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ invalidParams: { name: string }[] }>().invalidParams).toContainEqual(
      expect.objectContaining({ name: 'remember', reasonNl: 'is geen bekend veld' }),
    );
  });

  it('writes an audit row for a successful and a failed sign-in', async () => {
    const { rows } = await sql<{ result: string; n: number }>`
      select result, count(*)::int as n from audit_events where action = 'auth.login' group by result`.execute(
      env.owner,
    );
    const byResult = Object.fromEntries(rows.map((r) => [r.result, r.n]));
    expect(byResult.success).toBeGreaterThanOrEqual(1);
    expect(byResult.failure).toBeGreaterThanOrEqual(1);
  });
});

describe('the session', () => {
  it('is known to /me, which returns the same CSRF token', async () => {
    const session = await login(env.app, 'admin@maastricht.demo');
    const me = await call(env.app, session, 'GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: session.user, csrfToken: session.csrfToken });
  });

  it('is revoked server-side by logout: the old cookie no longer works', async () => {
    const session = await login(env.app, 'worker2@maastricht.demo');
    expect((await call(env.app, session, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await call(env.app, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const { rows } = await sql<{ revoked: boolean }>`
      select revoked_at is not null as revoked from sessions
      where staff_id = ${session.user.id}::uuid order by created_at desc limit 1`.execute(
      env.owner,
    );
    expect(rows[0]?.revoked).toBe(true);
  });

  it('expires after 30 minutes without use', async () => {
    const session = await login(env.app, 'teamlead@maastricht.demo').catch(async () => {
      // The rate-limit test above may have counted this address; clear and retry.
      await sql`delete from login_failures`.execute(env.owner);
      return login(env.app, 'teamlead@maastricht.demo');
    });
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'
      where staff_id = ${session.user.id}::uuid`.execute(env.owner);
    expect((await call(env.app, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('stays alive while used: a request touches a session idle for more than 15 seconds, not one used just now', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    const session = await login(env.app, 'worker@maastricht.demo');
    const idleSeconds = async () =>
      (
        await sql<{ idle: number }>`
          select extract(epoch from now() - last_seen_at)::float8 as idle from sessions
          where staff_id = ${session.user.id}::uuid and revoked_at is null
          order by created_at desc limit 1`.execute(env.owner)
      ).rows[0]?.idle;
    await sql`update sessions set last_seen_at = now() - interval '29 minutes'
      where staff_id = ${session.user.id}::uuid`.execute(env.owner);
    expect((await call(env.app, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect(await idleSeconds()).toBeLessThan(5);
    // Used 10 seconds ago: not written again (at most one update per 15 seconds per session).
    await sql`update sessions set last_seen_at = now() - interval '10 seconds'
      where staff_id = ${session.user.id}::uuid`.execute(env.owner);
    expect((await call(env.app, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect(await idleSeconds()).toBeGreaterThanOrEqual(10);
  });

  it('expires 12 hours after sign-in even when used all the time', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    const session = await login(env.app, 'worker@maastricht.demo');
    await sql`update sessions set created_at = now() - interval '12 hours 1 minute', last_seen_at = now()
      where staff_id = ${session.user.id}::uuid`.execute(env.owner);
    expect((await call(env.app, session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without or with a wrong CSRF token, and changes nothing', async () => {
    await sql`delete from login_failures`.execute(env.owner);
    const session = await login(env.app, 'admin@maastricht.demo');
    const before = await sql<{ n: number }>`select count(*)::int as n from teams`.execute(
      env.owner,
    );
    const payload = { name: 'Sociaal Team Zonder Token', type: 'social' };
    const withoutToken = await env.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: session.cookie },
      payload,
    });
    const wrongToken = await env.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: session.cookie, 'x-csrf-token': 'not-the-token' },
      payload,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(wrongToken.statusCode).toBe(403);
    expect(withoutToken.json<{ code: string }>().code).toBe('csrf_failed');
    const after = await sql<{ n: number }>`select count(*)::int as n from teams`.execute(env.owner);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('answers 401 to a request without a session', async () => {
    const response = await call(env.app, null, 'GET', '/api/v1/teams');
    expect(response.statusCode).toBe(401);
    expect(response.json<{ titleNl: string }>().titleNl).toContain('niet ingelogd');
  });
});
