// The session check opens the request's transaction and the request's first inTenant continues
// it (request-transaction.ts). Checked here: which requests take it and which end it unused, that
// the caller's data is read in the right scope either way, that a session in use is kept alive by
// the commit, and that no request holds two connections (a pool of one serves every kind).
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { createDb, inTenant, runSessionCheck, type Db } from './db.js';
import { SMALL_BODY_BYTES, SMALL_BODY_WAIT_MS } from './access.js';
import {
  finishRequestTransaction,
  requestTransactionCounts,
  runInRequestTransaction,
  type RequestTransaction,
} from './request-transaction.js';

let env: TestEnv;
let worker: Session;
let householdId: string;
let otherTeamsHouseholdId: string;
let trajectoryId: string;
let otherTeamsTrajectoryId: string;

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  const own = await sql<{ household_id: string; id: string }>`
    select household_id, id from trajectories
    where team_id = ${worker.user.teamIds[0]}::uuid and status <> 'closed' limit 1`.execute(
    env.owner,
  );
  householdId = own.rows[0]!.household_id;
  trajectoryId = own.rows[0]!.id;
  const other = await sql<{ id: string }>`
    select id from households where team_id <> all(${worker.user.teamIds}::uuid[]) limit 1`.execute(
    env.owner,
  );
  otherTeamsHouseholdId = other.rows[0]!.id;
  const otherTrajectory = await sql<{ id: string }>`
    select id from trajectories where team_id <> all(${worker.user.teamIds}::uuid[]) limit 1`.execute(
    env.owner,
  );
  otherTeamsTrajectoryId = otherTrajectory.rows[0]!.id;
});

/** What a request did with its transaction: [taken, ended unused]. */
/** An organisation of the demo municipality, in whose name a worker imports a signal list. */
const aSender = async () =>
  (await sql<{ id: string }>`select id from organisations order by name limit 1`.execute(env.owner))
    .rows[0]?.id ?? '';

async function countsDuring(request: () => Promise<unknown>): Promise<[number, number]> {
  const before = { ...requestTransactionCounts };
  await request();
  return [
    requestTransactionCounts.taken - before.taken,
    requestTransactionCounts.endedUnused - before.endedUnused,
  ];
}

/**
 * A contact saved over a raw socket by a client on a slow line: its headers now, its body when
 * `sendBody` is called. `answer` is what the server wrote before the connection closed.
 */
function slowContactSave(port: number, note: string) {
  const body = JSON.stringify({
    at: new Date(Date.now() - 60_000).toISOString(),
    kind: 'phone',
    note,
    minutes: 5,
  });
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
  socket.write(
    `POST /api/v1/trajectories/${trajectoryId}/contacts HTTP/1.1\r\nHost: localhost\r\n` +
      `Cookie: ${worker.cookie}\r\nX-CSRF-Token: ${worker.csrfToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n',
  );
  return { socket, answer, sendBody: () => socket.write(body) };
}

/** A request that is ready at once (the contact journal), and how long `app` took to answer it. */
async function readyRequest(app: FastifyInstance) {
  const began = performance.now();
  const response = await call(app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/contacts`);
  return { statusCode: response.statusCode, waitedMs: performance.now() - began };
}

describe('the request transaction', () => {
  it('is continued by the read of the contact journal, which sees the caller’s own teams only', async () => {
    let status = 0;
    expect(
      await countsDuring(async () => {
        status = (
          await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/contacts`)
        ).statusCode;
      }),
    ).toEqual([1, 0]);
    expect(status).toBe(200);
    // Another team's journal: the same path, and row-level security in the session's scope.
    const refused = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${otherTeamsTrajectoryId}/contacts`,
    );
    expect(refused.statusCode).toBe(404);
  });

  it('is not opened for a read in one statement (a household), which checks the session itself', async () => {
    let status = 0;
    expect(
      await countsDuring(async () => {
        status = (await call(env.app, worker, 'GET', `/api/v1/households/${householdId}`))
          .statusCode;
      }),
    ).toEqual([0, 0]);
    expect(status).toBe(200);
  });

  it('is ended unused, before the answer, by a request that reads nothing', async () => {
    let status = 0;
    expect(
      await countsDuring(async () => {
        status = (await call(env.app, worker, 'GET', '/api/v1/auth/me')).statusCode;
      }),
    ).toEqual([0, 1]);
    expect(status).toBe(200);
  });

  it('is continued by a save with a small body, which arrives with its headers', async () => {
    let status = 0;
    expect(
      await countsDuring(async () => {
        status = (
          await call(env.app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/contacts`, {
            at: new Date(Date.now() - 60_000).toISOString(),
            kind: 'phone',
            note: 'Teruggebeld over de afspraak',
            minutes: 10,
          })
        ).statusCode;
      }),
    ).toEqual([1, 0]);
    expect(status).toBe(201);
  });

  it('is not opened for a larger body (a signal list), whose upload must not hold a connection', async () => {
    const lines = Array.from(
      { length: 400 },
      (_, i) => `rent_arrears,REF-BODY-${i},2026-11-20,6211AB,${i + 1},,,,12500,`,
    );
    const csv = [
      'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note',
      ...lines,
    ].join('\n');
    expect(csv.length).toBeGreaterThan(SMALL_BODY_BYTES);
    let status = 0;
    expect(
      await countsDuring(async () => {
        status = (
          await env.app.inject({
            method: 'POST',
            url: `/api/v1/signals/imports?organisationId=${await aSender()}`,
            headers: {
              cookie: worker.cookie,
              'x-csrf-token': worker.csrfToken,
              'content-type': 'text/csv',
            },
            payload: csv,
          })
        ).statusCode;
      }),
    ).toEqual([0, 0]);
    expect(status).toBe(201);
  });

  it('is rolled back when the session is not valid, and the answer is 401', async () => {
    const stranger = { ...worker, cookie: 'sk_session=not-a-session' };
    expect(
      await countsDuring(async () => {
        const response = await call(
          env.app,
          stranger,
          'GET',
          `/api/v1/trajectories/${trajectoryId}/contacts`,
        );
        expect(response.statusCode).toBe(401);
      }),
    ).toEqual([0, 1]);
  });

  it('keeps a session in use alive through the commit of the work', async () => {
    await sql`update sessions set last_seen_at = now() - interval '20 minutes'
      where staff_id = ${worker.user.id}::uuid and revoked_at is null`.execute(env.owner);
    expect(
      (await call(env.app, worker, 'GET', `/api/v1/trajectories/${trajectoryId}/contacts`))
        .statusCode,
    ).toBe(200);
    const { rows } = await sql<{ idle: number }>`
      select min(extract(epoch from now() - last_seen_at))::float8 as idle from sessions
      where staff_id = ${worker.user.id}::uuid and revoked_at is null`.execute(env.owner);
    expect(rows[0]?.idle).toBeLessThan(5);
  });

  it('lets requests of one person run side by side when the session is due a touch', async () => {
    await sql`update sessions set last_seen_at = now() - interval '20 minutes'
      where staff_id = ${worker.user.id}::uuid and revoked_at is null`.execute(env.owner);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(
          env.app,
          worker,
          'GET',
          i % 2
            ? `/api/v1/households/${householdId}`
            : `/api/v1/trajectories/${trajectoryId}/contacts`,
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
  });
});

describe('with a pool of one connection', () => {
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    db = createDb(env.appUrl, 1);
    app = await buildApp({ config: env.config, db, serveWeb: false });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('serves reads, writes, refusals and a report one after another and side by side', async () => {
    const lead = await login(app, 'teamlead@maastricht.demo');
    const requests = () => [
      call(app, worker, 'GET', `/api/v1/households/${householdId}`),
      call(app, worker, 'GET', `/api/v1/households/${otherTeamsHouseholdId}`),
      call(app, worker, 'GET', '/api/v1/auth/me'),
      call(app, worker, 'POST', `/api/v1/trajectories/${trajectoryId}/contacts`, {
        at: new Date(Date.now() - 60_000).toISOString(),
        kind: 'phone',
        note: 'Nagebeld',
        minutes: 5,
      }),
      call(app, lead, 'GET', '/api/v1/reports/monitor?from=2026-01-01&to=2026-12-31'),
    ];
    const expected = [200, 404, 200, 201, 200];
    for (const request of requests()) expect((await request).statusCode).toBe(expected.shift());
    const together = await Promise.all([...requests(), ...requests()]);
    expect(together.map((a) => a.statusCode)).toEqual([
      200, 404, 200, 201, 200, 200, 404, 200, 201, 200,
    ]);
  });

  it('gives the connection back while a small body is slow to arrive, and still saves it', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const before = { ...requestTransactionCounts };
    // Headers now, the body only after more than the wait: a slow client on purpose.
    const slow = slowContactSave(port, 'Langzaam verstuurd');
    await new Promise((resolve) => setTimeout(resolve, SMALL_BODY_WAIT_MS + 300));
    // The only connection is free again: another request is served while the body is awaited.
    const meanwhile = await call(
      app,
      worker,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/contacts`,
    );
    expect(meanwhile.statusCode).toBe(200);
    slow.sendBody();
    expect(await slow.answer).toMatch(/^HTTP\/1\.1 201/);
    // The slow request's transaction was ended unused; the journal read took its own.
    expect(requestTransactionCounts.endedUnused - before.endedUnused).toBe(1);
    expect(requestTransactionCounts.taken - before.taken).toBe(1);
  });
  it('gives the connection back at once when the client left while its check waited for it', async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const before = { ...requestTransactionCounts };
    // The only connection is busy, so the save's session check waits for it in the pool.
    const { transaction: busy } = await runSessionCheck(db, 'select 1 as one', true);
    const leaving = slowContactSave(port, 'Nooit aangekomen');
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The client goes away before its body, and before its check had a connection.
    leaving.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await finishRequestTransaction(busy!);
    // Its check now runs and sees the client gone: the connection is not held for the body wait.
    const ready = await readyRequest(app);
    expect(ready.statusCode).toBe(200);
    expect(ready.waitedMs).toBeLessThan(SMALL_BODY_WAIT_MS / 2);
    // Three transactions: the busy one and the left client's, ended unused; the journal read's.
    expect(requestTransactionCounts.endedUnused - before.endedUnused).toBe(2);
    expect(requestTransactionCounts.taken - before.taken).toBe(1);
  });
  it('does not read, nor audit, for a client that left while its check waited for a connection', async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    // The reads of the journal, by request: each writes a row per member of the household.
    const journalReads = async () =>
      (
        await sql<{ count: number }>`
          select count(distinct request_id)::int as count from audit_events
          where action = 'contact.list' and object_id = ${trajectoryId}`.execute(env.owner)
      ).rows[0]!.count;
    const before = await journalReads();
    const { transaction: busy } = await runSessionCheck(db, 'select 1 as one', true);
    const leaving = connect(port, '127.0.0.1');
    leaving.on('error', () => undefined);
    leaving.write(
      `GET /api/v1/trajectories/${trajectoryId}/contacts HTTP/1.1\r\nHost: localhost\r\n` +
        `Cookie: ${worker.cookie}\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    leaving.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await finishRequestTransaction(busy!);
    // The same read for a client that stays, after the one that left: by then that one is done.
    expect((await readyRequest(app)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await journalReads()).toBe(before + 1);
  });
});

describe('with a pool of two connections', () => {
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    db = createDb(env.appUrl, 2);
    app = await buildApp({ config: env.config, db, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it('lets at most half the pool wait for small bodies, so slow clients leave room for others', async () => {
    const { port } = app.server.address() as AddressInfo;
    const before = { ...requestTransactionCounts };
    // Two clients on a slow line: their headers now, their bodies later.
    const slow = ['Eerste trage lijn', 'Tweede trage lijn'].map((note) =>
      slowContactSave(port, note),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Only one of them holds a connection: the other is free for a request that is ready.
    const ready = await readyRequest(app);
    expect(ready.statusCode).toBe(200);
    expect(ready.waitedMs).toBeLessThan(SMALL_BODY_WAIT_MS / 2);
    for (const client of slow) client.sendBody();
    for (const client of slow) expect(await client.answer).toMatch(/^HTTP\/1\.1 201/);
    // The held one and the journal read were taken by their handlers. The other slow save's
    // transaction was ended at once, and its handler began its own when its body was there.
    expect(requestTransactionCounts.taken - before.taken).toBe(2);
    expect(requestTransactionCounts.endedUnused - before.endedUnused).toBe(1);
  });
});

describe('a held transaction and a pool of one connection, without HTTP', () => {
  let db: Db;
  beforeAll(() => {
    db = createDb(env.appUrl, 1);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const within = <T>(transaction: RequestTransaction, work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) =>
      runInRequestTransaction(transaction, () => void work().then(resolve, reject)),
    );

  it('is ended before a query outside inTenant takes the only connection', async () => {
    const { transaction } = await runSessionCheck(db, 'select 1 as one', true);
    const answer = await within(transaction!, () =>
      sql<{ two: number }>`select 2 as two`.execute(db),
    );
    expect(answer.rows[0]?.two).toBe(2);
    expect(transaction?.state).toBe('closed');
  });

  it('is continued by inTenant, in the scope that inTenant asks for', async () => {
    const { rows } = await sql<{ municipality_id: string; team_id: string }>`
      select municipality_id, team_id from households where id = ${householdId}::uuid`.execute(
      env.owner,
    );
    const { municipality_id: municipalityId, team_id: teamId } = rows[0]!;
    const { transaction } = await runSessionCheck(
      db,
      `select set_config('app.municipality_id', '${municipalityId}', true)`,
      true,
    );
    // The check applied a municipality but no teams: inTenant must set its own teams.
    transaction!.applied = [['app.municipality_id', municipalityId]];
    const seen = await within(transaction!, () =>
      inTenant(db, { municipalityId, teamIds: [teamId] }, (trx) =>
        sql<{ id: string }>`select id from households where id = ${householdId}::uuid`.execute(trx),
      ),
    );
    expect(transaction?.state).toBe('closed');
    expect(seen.rows.map((r) => r.id)).toEqual([householdId]);
  });
});
