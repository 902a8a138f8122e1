// A database connection lost under a running transaction (pg_terminate_backend, a PostgreSQL
// crash or restart) must cost that one request a 503, never the process. Before the fix the
// checked-out client's 'error' event had no listener and ended the app (found by the kill -9 of
// PostgreSQL in server/reliability/faults.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { isDatabaseDown } from './error-handler.js';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});

describe('a connection lost in the middle of a transaction', () => {
  it('fails that transaction as "database down" and the pool carries on', async () => {
    const failure = await env.db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(env.owner);
        // The connection dies while this transaction is between two queries: the client emits
        // 'error' with no query to reject. Unheard, that event would end the process here.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 1`.execute(trx);
        return null;
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isDatabaseDown(failure)).toBe(true);

    // The broken client was discarded: the next queries get fresh connections.
    for (let i = 0; i < 6; i++) {
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(env.db);
      expect(rows[0]!.one).toBe(1);
    }
    const health = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('answers a request whose connection is cut with a 503 problem document', async () => {
    // Every connection of the app cut while idle in the pool; then a request per connection.
    // Only this test file's database: the other test files share the PostgreSQL server.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where usename = 'samenkracht_app' and datname = current_database()
                and pid <> pg_backend_pid()`.execute(env.owner);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => env.app.inject({ method: 'GET', url: '/api/health' })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
  });

  it('recognises the driver errors that carry no code', () => {
    expect(isDatabaseDown(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseDown(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseDown(new Error('relation "x" does not exist'))).toBe(false);
    // The Unix socket's file missing while PostgreSQL restarts, but not any missing file.
    const socketGone = Object.assign(new Error('connect ENOENT /x/pg/.s.PGSQL.5432'), {
      code: 'ENOENT',
      syscall: 'connect',
    });
    expect(isDatabaseDown(socketGone)).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open' }))).toBe(
      false,
    );
  });
});
