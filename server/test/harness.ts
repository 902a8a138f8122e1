// Per test file: a fresh database cloned from the migrated template, the app built on it as the
// app role, and helpers to sign in and call it through app.inject (real HTTP handling, no mocks).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject, afterAll } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, type Db } from '../src/platform/db.js';
import { buildApp } from '../src/app.js';
import { seedDemo, DEMO_PASSWORD, type SeedOptions } from '../src/demo/seed.js';
import { demoTotpCode } from '../src/demo/second-factor-demo.js';
import { base32Decode, totpAt } from '../src/platform/totp.js';

const TEMPLATE_DATABASE = 'samenkracht_template';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestEnv {
  app: FastifyInstance;
  /** The app role: what the server itself can see and do. */
  db: Db;
  /** The owner (a superuser here): for arranging data and checking what really is in a table. */
  owner: Db;
  config: Config;
  appUrl: string;
}

// login() below needs the owner of an app's database to undo the replay mark of the demo
// second factor (see there).
const ownerOf = new WeakMap<FastifyInstance, Db>();

export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = createDb(inject('ownerUrl'), 1);
  await sql`create database ${sql.id(name)} template ${sql.id(TEMPLATE_DATABASE)}`.execute(admin);
  await admin.destroy();
  const owner = createDb(withDatabase(inject('ownerUrl'), name), 2);
  const appUrl = withDatabase(inject('appUrl'), name);
  const db = createDb(appUrl, 5);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    ...overrides,
  });
  const app = await buildApp({ config, db, serveWeb: false });
  ownerOf.set(app, owner);
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await owner.destroy();
  });
  return { app, db, owner, config, appUrl };
}

/** A test env with the demo municipality loaded (Maastricht, two teams, the demo accounts). */
/**
 * The hand-made demo only, by default: its two years of generated history take seconds per test
 * file and no test may depend on demo counts. Pass `{ history: true }` where a test needs it.
 */
export async function createDemoEnv(
  overrides: Record<string, string> = {},
  options: SeedOptions = { history: false },
): Promise<TestEnv> {
  const env = await createTestEnv(overrides);
  await seedDemo(env.owner, env.config.secretKey, options);
  return env;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; name: string; role: string; municipalityId: string; teamIds: string[] };
}

export async function login(
  app: FastifyInstance,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  let response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (
    response.statusCode === 202 &&
    response.json<{ secondFactor: string }>().secondFactor === 'enrol'
  ) {
    // An account whose role requires a second factor and has none (a factory's admin): set one
    // up as the person would, with the first code of the new secret.
    const challenge = response.cookies.find((c) => c.name === 'sk_sign_in');
    const headers = { cookie: `sk_sign_in=${challenge?.value ?? ''}` };
    const enrolment = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/enrolment',
      headers,
    });
    const secret = base32Decode(enrolment.json<{ secret: string }>().secret);
    response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/enrolment/confirm',
      headers,
      payload: { code: totpAt(secret, Date.now()) },
    });
  } else if (response.statusCode === 202) {
    // A demo account with the published demo second factor (admin@, gemeente@). Tests sign in
    // many times within one 30-second step, and a code works only once: forget the last used
    // step first. Only this test helper does that; the replay rule itself is tested directly.
    const challenge = response.cookies.find((c) => c.name === 'sk_sign_in');
    const owner = ownerOf.get(app);
    if (!challenge || !owner) throw new Error(`login ${email}: second factor without challenge`);
    await sql`update staff_second_factors set last_used_step = null
      where staff_id = (select id from staff where lower(email) = lower(${email}))`.execute(owner);
    response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/code',
      headers: { cookie: `sk_sign_in=${challenge.value}` },
      payload: { code: demoTotpCode() },
    });
  }
  if (response.statusCode !== 200)
    throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'sk_session');
  if (!setCookie) throw new Error('no session cookie');
  const body = response.json<{ csrfToken: string; user: Session['user'] }>();
  return { cookie: `sk_session=${setCookie.value}`, csrfToken: body.csrfToken, user: body.user };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as a signed-in browser makes it: session cookie, and the CSRF header on writes. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/**
 * The audit trail as a row per resident an event names: a list's row (its residents in
 * `resident_ids`, migration 20261125T1700) once for each of them, a single row as it is. For the
 * tests that check who was named; use it as `from ${auditPerResident} as audit_events`.
 */
export const auditPerResident = sql`(
  select e.municipality_id, e.id, e.at, e.actor_id, e.actor_role, e.on_behalf_of, e.action,
         e.object_type, e.object_id, n.resident_id, e.reason, e.result, e.request_id
  from audit_events e
  cross join lateral unnest(coalesce(e.resident_ids, array[e.resident_id])) as n(resident_id))`;

/**
 * The audit rows of the last request that wrote `action`: which residents it named (sorted) and
 * its reasons. For the tests that check a list or search names exactly the residents it showed.
 */
export async function lastAuditOf(
  env: Pick<TestEnv, 'owner'>,
  action: string,
): Promise<{ residentIds: (string | null)[]; reasons: (string | null)[] }> {
  const { rows } = await sql<{ resident_id: string | null; reason: string | null }>`
    select resident_id::text as resident_id, reason from ${auditPerResident} as audit_events
    where action = ${action}
      and request_id = (select request_id from audit_events where action = ${action}
                        order by at desc, id desc limit 1)`.execute(env.owner);
  return {
    residentIds: rows.map((r) => r.resident_id).sort(),
    reasons: rows.map((r) => r.reason),
  };
}
