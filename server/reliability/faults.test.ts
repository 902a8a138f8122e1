// Faults against the real server (a child process on embedded PostgreSQL), one data directory for
// the whole file, in order. After each fault the server comes back without a manual step, and the
// database is checked directly: nothing partial, nothing twice, every acknowledged write there.
//   a. kill -9 of the app in the middle of a 10,000-line signal import
//   b. kill -9 of the app in the middle of a stream of plan saves
//   c. pg_terminate_backend of the app's connection in the middle of a transaction
//   d. kill -9 of the embedded PostgreSQL itself
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  call,
  embeddedDatabase,
  openTrajectories,
  planBody,
  signIn,
  sleep,
  startServer,
  started,
  tempDataDir,
  type LiveServer,
  type Session,
} from './live-server.js';

const RUN = randomUUID().slice(0, 8);

let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: LiveServer;
let session: Session;
let session2: Session;
/** Open trajectories of two workers of different teams, each with the session that may write. */
let writable: { session: () => Session; trajectoryId: string }[];

/** A fresh owner connection: the embedded database gets a new port with every app start. */
/** An organisation of the demo municipality: a worker's signal import names its sender. */
async function sender(): Promise<string> {
  return withOwner(async (db) => {
    const r = await db.query<{ id: string }>('select id from organisations order by name limit 1');
    return r.rows[0]!.id;
  });
}

async function withOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: embeddedDatabase(data.dir).ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function restart(): Promise<void> {
  server = await startServer(data.dir);
}

beforeAll(async () => {
  data = await tempDataDir('faults');
  server = await startServer(data.dir);
  session = await signIn(server.base, 'worker@maastricht.demo');
  session2 = await signIn(server.base, 'worker2@maastricht.demo');
  writable = [
    ...(await openTrajectories(server.base, session)).map((trajectoryId) => ({
      session: () => session,
      trajectoryId,
    })),
    ...(await openTrajectories(server.base, session2)).map((trajectoryId) => ({
      session: () => session2,
      trajectoryId,
    })),
  ];
  expect(writable.length).toBeGreaterThanOrEqual(3);
}, 120_000);

afterAll(async () => {
  if (process.env.RELIABILITY_VERBOSE === '1') {
    for (const [i, run] of started.entries())
      process.stdout.write(`--- server ${i}\n${run.output()}\n`);
  }
  if (server?.running) await server.stop().catch(() => server.crash());
  await data?.remove();
});

/** Waits until `probe` is true, polling; false when the time is up. */
async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 20) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await sleep(everyMs);
  }
  return false;
}

const SIGNAL_KINDS = ['rent_arrears', 'energy_debt', 'water_debt', 'health_insurance_debt'];
// Postcodes of the demo's Maastricht neighbourhoods (server/src/demo/entry-point-demo.ts).
const POSTCODES = ['6216AB', '6216CK', '6216GN', '6217AE'];

function signalCsv(lines: number): string {
  const out = [
    'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note',
  ];
  for (let i = 0; i < lines; i++) {
    out.push(
      [
        SIGNAL_KINDS[i % SIGNAL_KINDS.length],
        `FAULT-${RUN}-${i + 1}`,
        '2026-11-01',
        POSTCODES[i % POSTCODES.length],
        1 + (i % 150),
        '',
        '',
        '',
        10_000 + i,
        '',
      ].join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

describe('faults, each followed by a restart without manual steps', () => {
  it('a. kill -9 of the app during a 10,000-line signal import: nothing of it, then once', async () => {
    const csv = signalCsv(10_000);
    const countSignals = () =>
      withOwner(async (db) => {
        const r = await db.query<{ rows: number; distinct_keys: number; imports: number }>(
          `select count(*)::int as rows, count(distinct (kind, reference))::int as distinct_keys,
                  (select count(*)::int from signal_imports where file_sha256 = $2) as imports
             from signals where reference like $1`,
          [`FAULT-${RUN}-%`, createHash('sha256').update(csv).digest('hex')],
        );
        return r.rows[0]!;
      });

    const importing = call(
      server.base,
      session,
      'POST',
      `/api/v1/signals/imports?organisationId=${await sender()}`,
      csv,
      {
        contentType: 'text/csv',
        timeoutMs: 60_000,
      },
    ).then(
      (answer) => `answered ${answer.status}`,
      (error: Error) => `failed: ${error.name}`,
    );
    // The middle of the import: its transaction has written signals and not yet committed.
    const midway = await withOwner((db) =>
      until(
        async () => {
          const r = await db.query(
            `select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where a.usename = 'samenkracht_app' and l.granted
              and l.relation = 'signals'::regclass and l.mode = 'RowExclusiveLock'`,
          );
          return r.rowCount! > 0;
        },
        30_000,
        5,
      ),
    );
    expect(midway, 'the import was seen writing signals').toBe(true);
    await server.crash();
    expect(await importing).toMatch(/^failed/);

    await restart();
    // The import is one transaction: after the crash none of its lines exist.
    expect(await countSignals()).toEqual({ rows: 0, distinct_keys: 0, imports: 0 });

    session = await signIn(server.base, 'worker@maastricht.demo');
    const again = await call<{ imported: number; duplicates: number; lines: number }>(
      server.base,
      session,
      'POST',
      `/api/v1/signals/imports?organisationId=${await sender()}`,
      csv,
      { contentType: 'text/csv', timeoutMs: 60_000 },
    );
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ lines: 10_000, imported: 10_000, duplicates: 0 });
    // Importing the same file once more adds nothing: (kind, reference) is the key.
    const third = await call<{ imported: number; duplicates: number }>(
      server.base,
      session,
      'POST',
      `/api/v1/signals/imports?organisationId=${await sender()}`,
      csv,
      { contentType: 'text/csv', timeoutMs: 60_000 },
    );
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ imported: 0, duplicates: 10_000 });
    // Two import records of this file (10,000 new, then 0 new), the signals once.
    expect(await countSignals()).toEqual({ rows: 10_000, distinct_keys: 10_000, imports: 2 });
  });

  it('b. kill -9 of the app during plan saves: every acknowledged version, none half', async () => {
    const chosen = writable.slice(0, 4);
    const acked = new Map<string, { version: number; marker: string }[]>();
    let crashed = false;
    const saver = async ({ session, trajectoryId }: (typeof writable)[number]) => {
      const start = await call<{ version: number }>(
        server.base,
        session(),
        'GET',
        `/api/v1/trajectories/${trajectoryId}/plan`,
      );
      let version = start.body.version;
      acked.set(trajectoryId, []);
      expect(start.status).toBe(200);
      for (let n = 1; !crashed; n++) {
        const marker = `plan-${RUN}-${trajectoryId.slice(-6)}-${n}`;
        try {
          const saved = await call<{ version: number }>(
            server.base,
            session(),
            'PUT',
            `/api/v1/trajectories/${trajectoryId}/plan`,
            planBody(version, marker),
            { timeoutMs: 10_000 },
          );
          expect(saved.status).toBe(200);
          version = saved.body.version;
          acked.get(trajectoryId)!.push({ version, marker });
        } catch (error) {
          if (!crashed) throw error;
        }
      }
    };
    const savers = chosen.map(saver);
    // Let every saver acknowledge a few versions, then pull the plug while they are busy.
    const busy = await until(
      async () =>
        acked.size === chosen.length && [...acked.values()].every((list) => list.length >= 3),
      30_000,
    );
    expect(busy, 'every saver had acknowledged saves before the crash').toBe(true);
    crashed = true;
    await server.crash();
    await Promise.all(savers);

    await restart();
    await withOwner(async (db) => {
      for (const { trajectoryId } of chosen) {
        const saves = acked.get(trajectoryId)!;
        const last = saves.at(-1)!;
        const versions = await db.query<{ version: number; marker: string }>(
          `select version, plan->'agreements'->>0 as marker from plan_versions
            where trajectory_id = $1 order by version`,
          [trajectoryId],
        );
        const stored = new Map(versions.rows.map((r) => [r.version, r.marker]));
        // Every acknowledged version is there with what was sent.
        for (const save of saves) expect(stored.get(save.version)).toBe(`Afspraak ${save.marker}`);
        // Versions run 1..n without gaps (no half-saved version); at most the one save in flight
        // at the crash committed without its answer arriving.
        expect(versions.rows.map((r) => r.version)).toEqual(
          Array.from({ length: versions.rows.length }, (_, i) => i + 1),
        );
        const highest = versions.rows.at(-1)!;
        expect(highest.version - last.version).toBeLessThanOrEqual(1);
        // The trajectory's counter and its current actions belong to the highest version.
        const current = await db.query<{ plan_version: number; actions: string[] }>(
          `select t.plan_version,
                  array(select description from plan_actions a
                         where a.trajectory_id = t.id order by position) as actions
             from trajectories t where t.id = $1`,
          [trajectoryId],
        );
        const marker = highest.marker.replace('Afspraak ', '');
        expect(current.rows[0]).toEqual({
          plan_version: highest.version,
          actions: [`Budgetoverzicht maken (${marker})`, 'Samen naar de schuldhulp'],
        });
      }
    });
    // The old session still works: sessions live in the database, not in the process.
    const me = await call(server.base, session, 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
  });

  it('c. pg_terminate_backend mid-transaction: a 503 problem, nothing stored, the pool recovers', async () => {
    const { trajectoryId } = writable[0]!;
    const plan = await call<{ version: number }>(
      server.base,
      session,
      'GET',
      `/api/v1/trajectories/${trajectoryId}/plan`,
    );
    const first = await call<{ version: number }>(
      server.base,
      session,
      'PUT',
      `/api/v1/trajectories/${trajectoryId}/plan`,
      planBody(plan.body.version, `before-${RUN}`),
    );
    expect(first.status).toBe(200);
    const version = first.body.version;

    await withOwner(async (db) => {
      // Hold the plan's current actions: the next save bumps the version and writes the new
      // plan_versions row, then waits here to replace the actions, in the middle of its transaction.
      await db.query('begin');
      await db.query('select 1 from plan_actions where trajectory_id = $1 for update', [
        trajectoryId,
      ]);
      const saving = call(
        server.base,
        session,
        'PUT',
        `/api/v1/trajectories/${trajectoryId}/plan`,
        planBody(version, `interrupted-${RUN}`),
        { timeoutMs: 15_000 },
      );
      // Waiting for the actions, having written its plan_versions row (holds a row-exclusive lock).
      let waiting: number | undefined;
      await until(async () => {
        const r = await db.query<{ pid: number }>(
          `select pid from pg_stat_activity a
            where usename = 'samenkracht_app' and wait_event_type = 'Lock'
              and exists (select 1 from pg_locks l where l.pid = a.pid and l.granted
                            and l.relation = 'plan_versions'::regclass
                            and l.mode = 'RowExclusiveLock')`,
        );
        waiting = r.rows[0]?.pid;
        return waiting !== undefined;
      }, 15_000);
      expect(waiting, 'the save was seen waiting mid-transaction').toBeDefined();
      await db.query('select pg_terminate_backend($1)', [waiting]);
      const answer = await saving;
      expect(answer.status).toBe(503);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'database_unavailable' });
      await db.query('rollback');

      // Nothing of the interrupted save: no new version, the counter and the actions as before.
      const stored = await db.query<{ plan_version: number; versions: number; actions: string[] }>(
        `select t.plan_version,
                (select count(*)::int from plan_versions v where v.trajectory_id = t.id and v.version > $2) as versions,
                array(select description from plan_actions a where a.trajectory_id = t.id order by position) as actions
           from trajectories t where t.id = $1`,
        [trajectoryId, version],
      );
      expect(stored.rows[0]).toEqual({
        plan_version: version,
        versions: 0,
        actions: [`Budgetoverzicht maken (before-${RUN})`, 'Samen naar de schuldhulp'],
      });

      // Every connection of the app cut at once, idle ones too: the pool replaces them.
      await db.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where usename = 'samenkracht_app'`,
      );
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(server.base, session, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));
    // The same save again, on the version it was based on, now goes through.
    const retried = await call<{ version: number }>(
      server.base,
      session,
      'PUT',
      `/api/v1/trajectories/${trajectoryId}/plan`,
      planBody(version, `retried-${RUN}`),
    );
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(version + 1);
  });

  it('d. kill -9 of the embedded PostgreSQL: health says so, it comes back, nothing acknowledged lost', async () => {
    const { trajectoryId } = writable[0]!;
    const acked = new Map<string, string>();
    const unanswered = new Set<string>();
    const outage: number[] = [];
    let stop = false;
    const writer = async (index: number) => {
      for (let n = 1; !stop; n++) {
        const marker = `pgkill-${RUN}-${index}-${n}`;
        const answer = await call<{ id: string }>(
          server.base,
          session,
          'POST',
          `/api/v1/trajectories/${trajectoryId}/contacts`,
          { at: new Date(Date.now() - 60_000).toISOString(), kind: 'phone', note: marker },
          { timeoutMs: 10_000 },
        );
        // A write whose commit reached the WAL just as PostgreSQL died may be stored without
        // having been acknowledged; that is allowed, a lost acknowledged one is not.
        if (answer.status !== 201) unanswered.add(marker);
        if (answer.status === 201) acked.set(answer.body.id, marker);
        else {
          // During the outage: an honest 503 problem document, never a hang or another error.
          expect(answer.contentType).toContain('application/problem+json');
          expect(answer.body).toMatchObject({ code: 'database_unavailable' });
          outage.push(answer.status);
          await sleep(50);
        }
      }
    };
    const writers = [1, 2, 3].map(writer);
    await until(async () => acked.size >= 10, 30_000);

    const before = embeddedDatabase(data.dir);
    process.kill(before.pid, 'SIGKILL');
    // The app notices: its health check reports the database unreachable...
    const noticed = await until(async () => {
      const health = await call(server.base, null, 'GET', '/api/health');
      return health.status === 503 && health.body.database === 'unreachable';
    }, 10_000);
    expect(noticed, 'health reported the database unreachable').toBe(true);
    // ...and starts PostgreSQL again by itself (WAL recovery), on the same port.
    const recovered = await until(
      async () => {
        const health = await call(server.base, null, 'GET', '/api/health');
        return health.status === 200;
      },
      60_000,
      100,
    );
    expect(recovered, `the database came back:\n${server.output()}`).toBe(true);
    expect(embeddedDatabase(data.dir).port).toBe(before.port);
    const countAtRecovery = acked.size;
    await until(async () => acked.size >= countAtRecovery + 10, 30_000);
    stop = true;
    await Promise.all(writers);
    expect(outage.every((status) => status === 503)).toBe(true);

    // A clean stop after the fault (PostgreSQL's stop must not wait for the dead one), a restart,
    // and every acknowledged contact is there, once; none that was not acknowledged.
    expect(await server.stop()).toBe(0);
    await restart();
    const stored = await withOwner((db) =>
      db.query<{ id: string; note: string }>(`select id, note from contacts where note like $1`, [
        `pgkill-${RUN}-%`,
      ]),
    );
    const storedIds = new Set(stored.rows.map((r) => r.id));
    expect([...acked.keys()].filter((id) => !storedIds.has(id))).toEqual([]);
    for (const row of stored.rows) {
      if (!acked.has(row.id)) expect(unanswered.has(row.note)).toBe(true);
      else expect(acked.get(row.id)).toBe(row.note);
    }
    // No duplicates: one row per marker.
    expect(new Set(stored.rows.map((r) => r.note)).size).toBe(stored.rows.length);
    process.stdout.write(
      `kill -9 of PostgreSQL: ${acked.size} contacts acknowledged and stored, ` +
        `${outage.length} answered 503 during the outage\n`,
    );
  });
});
