// A NUL character (U+0000) cannot be stored by PostgreSQL. Anywhere in a JSON body, a query
// string or a path parameter it is a 400 naming the field, before the handler runs (so nothing
// changes); a NUL that reaches the database another way is still a 400, not a 500.
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';
import { registerErrorHandler } from './error-handler.js';
import { pathsWithNul } from './nul-characters.js';

let env: TestEnv;
let worker: Session;

type Problem = {
  code: string;
  status: number;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
};

const NUL_PARAM = (name: string) => ({
  name,
  reason: 'may not contain a NUL character',
  reasonNl: 'mag geen NUL-teken bevatten',
});

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
});

describe('a NUL character in a request', () => {
  it('is a 400 naming the field on an anonymous sign-in, without counting a failure', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/login',
      payload: { loginName: 'a\u0000b', password: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>()).toMatchObject({
      code: 'validation_failed',
      invalidParams: [NUL_PARAM('loginName')],
    });
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from login_failures`.execute(env.owner);
    expect(rows[0]?.n).toBe(0);
  });

  it('names a nested field with the path zod uses, and every field that has one', async () => {
    const before = await sql<{ n: number }>`
      select count(*)::int as n from registrations`.execute(env.owner);
    const response = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId: worker.user.teamIds[0],
      source: 'self',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      question: 'Hulp\u0000 bij de administratie',
      resident: { givenName: 'Nul', familyName: 'Te\u0000ken', birthDate: '1971-05-05' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<Problem>().invalidParams).toEqual([
      NUL_PARAM('question'),
      NUL_PARAM('resident.familyName'),
    ]);
    const after = await sql<{ n: number }>`
      select count(*)::int as n from registrations`.execute(env.owner);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('is a 400 naming the query parameter, and the path parameter', async () => {
    const search = await call(env.app, worker, 'GET', '/api/v1/households?q=Jan%00sen');
    expect(search.statusCode).toBe(400);
    expect(search.json<Problem>().invalidParams).toEqual([NUL_PARAM('query.q')]);
    const byId = await call(env.app, worker, 'GET', '/api/v1/households/ab%00cd');
    expect(byId.statusCode).toBe(400);
    expect(byId.json<Problem>().invalidParams).toEqual([NUL_PARAM('params.id')]);
  });

  it('names a list item by its index and a key that holds one', () => {
    expect(pathsWithNul({ a: ['ok', 'n\u0000'], b: { 'k\u0000': 1 }, c: 3, d: null })).toEqual([
      ['a', 1],
      ['b', 'k\\u0000'],
    ]);
    expect(pathsWithNul('\u0000')).toEqual([[]]);
  });
});

describe('the error handler', () => {
  it('answers PostgreSQL refusing a NUL (22021, 22P05) with 400, in Dutch and English', async () => {
    const app = Fastify();
    registerErrorHandler(app, env.db, { spa: false });
    for (const code of ['22021', '22P05']) {
      app.get(`/${code}`, () => {
        throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });
      });
    }
    for (const code of ['22021', '22P05']) {
      const response = await app.inject({ method: 'GET', url: `/${code}` });
      expect(response.statusCode).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.code).toBe('validation_failed');
      expect(problem.detail).toContain('NUL character');
      expect(problem.detailNl).toContain('NUL-teken');
    }
    await app.close();
  });
});
