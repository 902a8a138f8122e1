// Two requests that really run at the same time: an owner transaction holds the rows they will
// both lock, and lets go only when each of them waits for that lock (or has answered already).
// Without this, one request usually finishes before the other begins, and a race goes untested.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../src/platform/db.js';

/**
 * Sends `requests` at once while `lock` (a `select ... for update` of the rows they contend for)
 * holds those rows in a transaction of `owner`, and answers their results once all have been let
 * through.
 */
export async function sideBySide<T>(
  owner: Db,
  lock: RawBuilder<unknown>,
  requests: (() => Promise<T>)[],
): Promise<T[]> {
  let pending!: Promise<T[]>;
  await owner.transaction().execute(async (trx) => {
    await lock.execute(trx);
    let settled = 0;
    pending = Promise.all(
      requests.map((request) =>
        request().finally(() => {
          settled += 1;
        }),
      ),
    );
    for (let i = 0; ; i += 1) {
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(owner);
      if ((waiting.rows[0]?.n ?? 0) + settled >= requests.length) break;
      if (i > 500) throw new Error('the requests never waited for the row lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return pending;
}

/**
 * As sideBySide, but the requests reach the lock in the order given: each is sent only once the
 * one before it waits for the lock (or has answered already). PostgreSQL hands a row lock to its
 * waiters first come, first served, so when `lock` lets go they run in this order: e.g. a
 * trajectory's closing, then a sign-up that must then find it closed.
 */
export async function oneAfterAnother<T>(
  owner: Db,
  lock: RawBuilder<unknown>,
  requests: (() => Promise<T>)[],
): Promise<T[]> {
  const sent: Promise<T>[] = [];
  await owner.transaction().execute(async (trx) => {
    await lock.execute(trx);
    let settled = 0;
    for (const request of requests) {
      const answer = request().finally(() => {
        settled += 1;
      });
      answer.catch(() => undefined); // handled by the Promise.all below, not "unhandled" meanwhile
      sent.push(answer);
      for (let i = 0; ; i += 1) {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(owner);
        if ((waiting.rows[0]?.n ?? 0) + settled >= sent.length) break;
        if (i > 500) throw new Error('a request never waited for the row lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  });
  return Promise.all(sent);
}
