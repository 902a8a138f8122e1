// Changing one's own password: the current one first (a wrong one counts as a failed sign-in),
// a new one of at least 12 characters that differs, then the other sessions end and this one
// stays. Audited, success and failure.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';

interface Problem {
  code: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
}

let env: TestEnv;

beforeAll(async () => {
  env = await createDemoEnv();
});

const change = (session: Session, currentPassword: string, newPassword: string) =>
  call(env.app, session, 'POST', '/api/v1/auth/password', { currentPassword, newPassword });

describe('changing my own password', () => {
  it('asks the current one, refuses a short or unchanged new one, then ends my other sessions', async () => {
    const here = await login(env.app, 'worker2@maastricht.demo');
    const elsewhere = await login(env.app, 'worker2@maastricht.demo');
    const newPassword = 'een-nieuw-wachtwoord-2026';

    const wrong = await change(here, 'niet-het-wachtwoord', newPassword);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().invalidParams?.[0]).toMatchObject({
      name: 'currentPassword',
      reasonNl: 'klopt niet',
    });
    const short = await change(here, DEMO_PASSWORD, 'kort');
    expect(short.statusCode).toBe(400);
    expect(short.json<Problem>().invalidParams?.[0]?.name).toBe('newPassword');
    const same = await change(here, DEMO_PASSWORD, DEMO_PASSWORD);
    expect(same.statusCode).toBe(400);
    expect(same.json<Problem>().invalidParams?.[0]).toMatchObject({
      name: 'newPassword',
      reasonNl: 'moet anders zijn dan het huidige wachtwoord',
    });
    // Nothing changed so far: the demo password still signs in.
    await login(env.app, 'worker2@maastricht.demo');

    expect((await change(here, DEMO_PASSWORD, newPassword)).statusCode).toBe(204);
    expect((await call(env.app, here, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await call(env.app, elsewhere, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const old = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'worker2@maastricht.demo', password: DEMO_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    await login(env.app, 'worker2@maastricht.demo', newPassword);

    const { rows } = await sql<{ result: string; n: number }>`
      select result, count(*)::int as n from audit_events
      where action = 'auth.password_change' and actor_id = ${here.user.id}::uuid
      group by result order by result`.execute(env.owner);
    expect(rows).toEqual([
      { result: 'failure', n: 1 },
      { result: 'success', n: 1 },
    ]);
  });

  it('stops guessing: after as many wrong current passwords as failed sign-ins allow, 429', async () => {
    const session = await login(env.app, 'teamlead@maastricht.demo');
    const answers: number[] = [];
    for (let i = 0; i < env.config.LOGIN_MAX_FAILURES + 1; i++)
      answers.push((await change(session, `geraden-${i}`, 'nog-een-nieuw-wachtwoord')).statusCode);
    expect(answers.slice(0, env.config.LOGIN_MAX_FAILURES).every((s) => s === 400)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    // The right password is refused too while the account is throttled.
    expect((await change(session, DEMO_PASSWORD, 'nog-een-nieuw-wachtwoord')).statusCode).toBe(429);
  });

  it('holds the limit when wrong current passwords arrive all at once', async () => {
    const session = await login(env.app, 'm.bouzid@maastricht.demo');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        change(session, `geraden-${i}`, 'nog-een-nieuw-wachtwoord'),
      ),
    );
    const checked = answers.filter((a) => a.statusCode === 400).length;
    expect(checked).toBeLessThanOrEqual(env.config.LOGIN_MAX_FAILURES);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - checked);
  });
});
