// The audit rows of an inTenant transaction travel with its commit (`insert ...; commit` as one
// message, one round trip less per request). They must still say exactly what was written, exist
// only when the work does, and make the work fail when they cannot be written. Everywhere else
// an audit row is inserted at once, as it always was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { createDb, inTenant, setScope, type Db, type ExecutedQuery, type Trx } from './db.js';
import { flushAudit, writeAudit, type AuditActor, type AuditEvent } from './audit.js';
import { newId } from './ids.js';

let env: TestEnv;
let recorded: ExecutedQuery[];
let db: Db;

beforeAll(async () => {
  env = await createTestEnv();
  recorded = [];
  // One connection: every statement recorded here is one round trip on it.
  db = createDb(env.appUrl, 1, { onQuery: (query) => recorded.push(query) });
});

afterAll(async () => {
  await db.destroy();
});

// audit_events has no foreign keys: invented ids are enough (row-level security only asks that
// the municipality is the scope's).
const municipalityId = '00000000-0000-7000-8000-0000000000a1';
const scope = { municipalityId, teamIds: [] };
const actor: AuditActor = {
  municipalityId,
  staffId: '00000000-0000-7000-8000-0000000000b1',
  role: 'social_worker',
};
const residentA = '00000000-0000-7000-8000-0000000000c1';
const residentB = '00000000-0000-7000-8000-0000000000c2';

/** The audit rows of a request as they are stored (read as the owner, outside any scope). */
const storedRows = (requestId: string) =>
  env.owner
    .selectFrom('audit_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('action')
    .orderBy('resident_id')
    .execute();

/** The audit rows of a request as the running transaction sees them. */
const visibleIn = (trx: Trx, requestId: string) =>
  sql<{ n: number }>`select count(*)::int as n from audit_events where request_id = ${requestId}`
    .execute(trx)
    .then((r) => r.rows[0]?.n);

const firstWords = () => recorded.map((q) => q.sql.trim().split(/\s+/)[0]?.toLowerCase());

describe('audit rows of an inTenant transaction', () => {
  it('are written in the same message as the commit, with the values exactly as given', async () => {
    const requestId = `req-${newId()}`;
    // Quotes, a backslash (escapeLiteral switches to E'' then), unicode and an attempt to end
    // the statement: all of it must arrive as the text it is.
    const reason = `O'Brien zei: "C:\\temp\\" — één € 🙂'); delete from audit_events; --`;
    recorded.length = 0;
    await inTenant(db, scope, async (trx) => {
      await writeAudit(trx, actor, requestId, {
        action: 'household.read',
        objectType: 'household',
        objectId: 'h-1',
        residentIds: [residentA, residentB],
        reason,
      });
      await writeAudit(trx, { ...actor, staffId: null, role: 'system' }, requestId, {
        action: 'retention.list',
        objectType: 'retention',
        result: 'denied',
      });
    });
    // begin+scope, then both inserts and the commit: two round trips, no separate insert.
    expect(firstWords()).toEqual(['begin;', 'insert']);
    expect(recorded[1]?.sql).toMatch(
      /^insert into audit_events .*; insert into audit_events .*; commit$/s,
    );
    expect(recorded[1]?.parameters).toEqual([]);

    const rows = await storedRows(requestId);
    // household.read sorts before retention.list. The two residents of one event: one row, the
    // residents in `resident_ids` in the order given.
    expect(rows.map(({ id: _id, at: _at, ...rest }) => rest)).toEqual([
      {
        municipality_id: municipalityId,
        actor_id: actor.staffId,
        actor_role: 'social_worker',
        on_behalf_of: null,
        action: 'household.read',
        object_type: 'household',
        object_id: 'h-1',
        resident_id: null,
        resident_ids: [residentA, residentB],
        reason,
        result: 'success',
        request_id: requestId,
      },
      {
        municipality_id: municipalityId,
        // Missing values are SQL nulls, not the text 'null'.
        actor_id: null,
        actor_role: 'system',
        on_behalf_of: null,
        action: 'retention.list',
        object_type: 'retention',
        object_id: null,
        resident_id: null,
        resident_ids: null,
        reason: null,
        result: 'denied',
        request_id: requestId,
      },
    ]);
    // Each row its own id.
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('write one row for a long list, each resident named once, in the commit message', async () => {
    const requestId = `req-${newId()}`;
    const residents = Array.from({ length: 60 }, () => newId());
    recorded.length = 0;
    await inTenant(db, scope, (trx) =>
      writeAudit(trx, actor, requestId, {
        action: 'signal.list',
        objectType: 'signal',
        // A household with two signals on the page: its members come twice.
        residentIds: [...residents, ...residents.slice(0, 5)],
      }),
    );
    expect(firstWords()).toEqual(['begin;', 'insert']);
    const rows = await storedRows(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.resident_id).toBeNull();
    expect(rows[0]?.resident_ids).toEqual(residents);
  });

  it('name a single resident in resident_id, also when a list holds only one', async () => {
    const requestId = `req-${newId()}`;
    await inTenant(db, scope, async (trx) => {
      await writeAudit(trx, actor, requestId, {
        action: 'signal.list',
        objectType: 'signal',
        residentIds: [residentA, residentA],
      });
      await writeAudit(trx, actor, requestId, {
        action: 'household.read',
        objectType: 'household',
        residentId: residentB,
      });
    });
    const rows = await storedRows(requestId);
    expect(rows.map((r) => [r.action, r.resident_id, r.resident_ids])).toEqual([
      ['household.read', residentB, null],
      ['signal.list', residentA, null],
    ]);
  });

  it('take a resident id that is not a uuid to the parameters, where PostgreSQL refuses it', async () => {
    const requestId = `req-${newId()}`;
    // In an array literal "a,b" would be two values: the list must not name three residents.
    const notOne = `${residentA},${residentB}`;
    await expect(
      inTenant(db, scope, (trx) =>
        writeAudit(trx, actor, requestId, {
          action: 'household.read',
          objectType: 'household',
          residentIds: [notOne, residentA],
        }),
      ),
    ).rejects.toThrow(/uuid/);
    expect(await storedRows(requestId)).toEqual([]);
  });

  it('commits as before when nothing was audited', async () => {
    recorded.length = 0;
    await inTenant(db, scope, (trx) => visibleIn(trx, 'nothing'));
    expect(firstWords()).toEqual(['begin;', 'select', 'commit']);
  });

  it('vanish with a rolled-back transaction', async () => {
    const requestId = `req-${newId()}`;
    recorded.length = 0;
    await expect(
      inTenant(db, scope, async (trx) => {
        await writeAudit(trx, actor, requestId, { action: 'household.read', objectType: 'x' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(firstWords()).toEqual(['begin;', 'rollback']);
    expect(await storedRows(requestId)).toEqual([]);
  });

  it('that cannot be written take the work with them, and the error reaches the caller', async () => {
    const requestId = `req-${newId()}`;
    const workKey = `work-${newId()}`;
    let workDone = false;
    recorded.length = 0;
    await expect(
      inTenant(db, scope, async (trx) => {
        // The work: a row in a table without row-level security.
        await trx.insertInto('login_failures').values({ key_hash: workKey }).execute();
        // A result the check constraint refuses: the insert fails only when it reaches
        // PostgreSQL, with the commit.
        await writeAudit(trx, actor, requestId, {
          action: 'household.read',
          objectType: 'x',
          result: 'refused' as AuditEvent['result'],
        });
        workDone = true;
      }),
    ).rejects.toThrow(/audit_events_result_check/);
    expect(workDone).toBe(true);
    // The failed `insert ...; commit` is not among the recorded statements (Kysely reports a
    // failed query as an error, not as a query); after it, Kysely rolled back.
    expect(firstWords()).toEqual(['begin;', 'insert', 'rollback']);
    expect(await storedRows(requestId)).toEqual([]);
    const work = await env.owner
      .selectFrom('login_failures')
      .select('key_hash')
      .where('key_hash', '=', workKey)
      .execute();
    expect(work).toEqual([]);

    // The connection (the only one) is clean for the next request, which commits its row.
    const nextId = `req-${newId()}`;
    await inTenant(db, scope, (trx) =>
      writeAudit(trx, actor, nextId, { action: 'household.read', objectType: 'x' }),
    );
    expect(await storedRows(nextId)).toHaveLength(1);
  });

  it('rely on PostgreSQL skipping the commit after a failed statement of the same message', async () => {
    // What commitTransaction counts on, shown on a bare connection: the error ends the message,
    // the commit after it never runs, and the transaction block stays open (aborted) until the
    // rollback that Kysely sends.
    const client = new pg.Client({ connectionString: env.appUrl });
    await client.connect();
    try {
      await client.query('begin');
      await expect(client.query('select 1/0; commit')).rejects.toThrow('division by zero');
      await expect(client.query('select 1')).rejects.toThrow(/current transaction is aborted/);
      await client.query('rollback');
      expect((await client.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('can be written at once by flushAudit, to be read back in the transaction', async () => {
    const requestId = `req-${newId()}`;
    const seen = await inTenant(db, scope, async (trx) => {
      await writeAudit(trx, actor, requestId, { action: 'audit.read', objectType: 'x' });
      const before = await visibleIn(trx, requestId);
      await flushAudit(trx);
      const after = await visibleIn(trx, requestId);
      return { before, after };
    });
    expect(seen).toEqual({ before: 0, after: 1 });
    // Flushed once: one row, not a second one with the commit.
    expect(await storedRows(requestId)).toHaveLength(1);
  });

  it('holding a NUL character are inserted at once, and refused as before', async () => {
    // A NUL would end the query text in the protocol; with a parameter PostgreSQL refuses it.
    const requestId = `req-${newId()}`;
    await expect(
      inTenant(db, scope, (trx) =>
        writeAudit(trx, actor, requestId, {
          action: 'household.search',
          objectType: 'household',
          reason: 'a\u0000b',
        }),
      ),
    ).rejects.toThrow(/0x00/);
    expect(await storedRows(requestId)).toEqual([]);
  });
});

describe('audit rows of any other transaction', () => {
  it('are inserted at once in a transaction opened directly', async () => {
    const requestId = `req-${newId()}`;
    recorded.length = 0;
    const inside = await db.transaction().execute(async (trx) => {
      await setScope(trx, scope);
      await writeAudit(trx, actor, requestId, { action: 'auth.login', objectType: 'staff' });
      return visibleIn(trx, requestId);
    });
    expect(inside).toBe(1);
    expect(firstWords()).toEqual(['begin', 'select', 'insert', 'select', 'commit']);
    expect(await storedRows(requestId)).toHaveLength(1);
  });

  it('are inserted at once with an outer inTenant transaction inside an inner one', async () => {
    const requestId = `req-${newId()}`;
    // env.db has several connections: the inner transaction runs on another one.
    // The inner one rolls back: the row belongs to the outer one and must not go with it.
    const seen = await inTenant(env.db, scope, async (outer) => {
      await expect(
        inTenant(env.db, scope, async () => {
          await writeAudit(outer, actor, requestId, { action: 'portal.read', objectType: 'x' });
          throw new Error('inner work failed');
        }),
      ).rejects.toThrow('inner work failed');
      return visibleIn(outer, requestId);
    });
    expect(seen).toBe(1);
    expect(await storedRows(requestId)).toHaveLength(1);
  });

  it('are inserted at once from a transaction opened directly inside an inTenant', async () => {
    // The inner transaction's commit must not carry (or be) the outer one's pending rows.
    const outerId = `req-${newId()}`;
    const innerId = `req-${newId()}`;
    const seen = await inTenant(env.db, scope, async (trx) => {
      await writeAudit(trx, actor, outerId, { action: 'household.read', objectType: 'x' });
      await env.db.transaction().execute(async (direct) => {
        await setScope(direct, scope);
        await writeAudit(direct, actor, innerId, { action: 'auth.login', objectType: 'staff' });
      });
      // The direct transaction has committed its row; the outer one's is still waiting.
      return { inner: (await storedRows(innerId)).length, outer: await visibleIn(trx, outerId) };
    });
    expect(seen).toEqual({ inner: 1, outer: 0 });
    expect(await storedRows(outerId)).toHaveLength(1);
  });
});
