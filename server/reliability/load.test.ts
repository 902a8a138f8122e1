// Sustained mixed load on the real server (a child process on embedded PostgreSQL): 50 concurrent
// users reading home pages and trajectories and saving contacts, registrations and plan versions.
// Passes only with zero 5xx, zero failed or timed-out requests and zero unexpected statuses (a 409
// on a genuinely concurrent plan save is expected and counted apart), and when every write the
// server acknowledged is in the database afterwards, exactly once, and nothing unacknowledged is.
// 60 seconds, as issue 8 asks, also in CI; RELIABILITY_LOAD_SECONDS=n sets another length for a quick
// local run.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import {
  call,
  openTrajectories,
  ownerPool,
  planBody,
  signIn,
  startServer,
  tempDataDir,
  type LiveServer,
  type Session,
} from './live-server.js';

const SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS) || 60;
const USERS = 50;
const RUN = randomUUID().slice(0, 8);

let data: Awaited<ReturnType<typeof tempDataDir>>;
let server: LiveServer;
let owner: pg.Pool;

beforeAll(async () => {
  data = await tempDataDir('load');
  server = await startServer(data.dir);
  owner = ownerPool(data.dir);
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await server?.stop().catch(() => server.crash());
  await data?.remove();
});

interface Worker {
  session: Session;
  teamId: string;
  trajectories: string[];
}

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  failures: string[];
  unexpected: string[];
  conflicts: number;
  latenciesMs: number[];
  contacts: Map<string, string>;
  registrations: Map<string, string>;
  /** `${trajectoryId}:${version}` -> marker */
  plans: Map<string, string>;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

async function user(index: number, workers: Worker[], until: number, tally: Tally) {
  const worker = workers[index % workers.length] as Worker;
  const base = server.base;
  let sequence = 0;
  const record = (what: string, status: number, expected: number[]) => {
    tally.requests++;
    tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
    if (status === 0 || status >= 500) tally.failures.push(`${what}: ${status}`);
    else if (!expected.includes(status)) tally.unexpected.push(`${what}: ${status}`);
  };
  const request = async <T = Record<string, unknown>>(
    what: string,
    expected: number[],
    ...args: Parameters<typeof call>
  ) => {
    const began = performance.now();
    try {
      const answer = await call<T>(...args);
      tally.latenciesMs.push(performance.now() - began);
      const detail =
        answer.status >= 400
          ? ` ${JSON.stringify((answer.body as { invalidParams?: unknown }).invalidParams ?? answer.body).slice(0, 300)}`
          : '';
      record(`${what}${detail}`, answer.status, expected);
      return answer;
    } catch (error) {
      record(`${what} (${(error as Error).name})`, 0, expected);
      return null;
    }
  };

  while (Date.now() < until) {
    const roll = Math.random();
    const trajectoryId = pick(worker.trajectories);
    const marker = `load-${RUN}-${index}-${++sequence}`;
    if (roll < 0.35) {
      // The home page: waiting list, outreach list, what is due.
      await request(
        'waiting list',
        [200],
        base,
        worker.session,
        'GET',
        '/api/v1/registrations?status=new',
      );
      await request(
        'outreach list',
        [200],
        base,
        worker.session,
        'GET',
        '/api/v1/signals?status=open',
      );
      await request('due', [200], base, worker.session, 'GET', '/api/v1/assessments/due');
    } else if (roll < 0.6) {
      // Opening a trajectory.
      for (const part of ['', '/plan', '/assessments', '/contacts']) {
        await request(
          `trajectory${part}`,
          [200],
          base,
          worker.session,
          'GET',
          `/api/v1/trajectories/${trajectoryId}${part}`,
        );
      }
    } else if (roll < 0.8) {
      const saved = await request<{ id: string }>(
        'contact',
        [201],
        base,
        worker.session,
        'POST',
        `/api/v1/trajectories/${trajectoryId}/contacts`,
        {
          at: new Date(Date.now() - 60_000).toISOString(),
          kind: 'phone',
          note: marker,
          minutes: 10,
        },
      );
      if (saved?.status === 201) tally.contacts.set(saved.body.id, marker);
    } else if (roll < 0.85) {
      const saved = await request<{ id: string }>(
        'registration',
        [201],
        base,
        worker.session,
        'POST',
        '/api/v1/registrations',
        {
          teamId: worker.teamId,
          source: 'self',
          receivedAt: new Date(Date.now() - 60_000).toISOString(),
          question: marker,
        },
      );
      if (saved?.status === 201) tally.registrations.set(saved.body.id, marker);
    } else {
      // Plan save with the version just read: two users on one plan meet a genuine 409.
      const plan = await request<{ version: number }>(
        'plan',
        [200],
        base,
        worker.session,
        'GET',
        `/api/v1/trajectories/${trajectoryId}/plan`,
      );
      if (plan?.status !== 200) continue;
      const saved = await request<{ version: number }>(
        'plan save',
        [200, 409],
        base,
        worker.session,
        'PUT',
        `/api/v1/trajectories/${trajectoryId}/plan`,
        planBody(plan.body.version, marker),
      );
      if (saved?.status === 200) tally.plans.set(`${trajectoryId}:${saved.body.version}`, marker);
      if (saved?.status === 409) tally.conflicts++;
    }
  }
}

describe(`${USERS} concurrent users for ${SECONDS} s, reads and writes mixed`, () => {
  it('answers without errors and keeps every acknowledged write, once', async () => {
    // Several demo workers of two teams, three sessions each.
    const workers: Worker[] = [];
    for (const email of [
      'worker@maastricht.demo',
      'worker2@maastricht.demo',
      'teamlead@maastricht.demo',
    ]) {
      for (let i = 0; i < 3; i++) {
        const session = await signIn(server.base, email);
        const list = await call<{ items: { id: string; teamId: string; status: string }[] }>(
          server.base,
          session,
          'GET',
          '/api/v1/trajectories?limit=500',
        );
        const trajectories = await openTrajectories(server.base, session);
        expect(trajectories.length, `${email} has open trajectories in the demo`).toBeGreaterThan(
          0,
        );
        workers.push({ session, teamId: list.body.items[0]?.teamId ?? '', trajectories });
      }
    }

    const tally: Tally = {
      requests: 0,
      byStatus: new Map(),
      failures: [],
      unexpected: [],
      conflicts: 0,
      latenciesMs: [],
      contacts: new Map(),
      registrations: new Map(),
      plans: new Map(),
    };
    const began = performance.now();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(i, workers, until, tally)));
    const seconds = (performance.now() - began) / 1000;

    const sorted = [...tally.latenciesMs].sort((x, y) => x - y);
    const percentile = (p: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
    const statuses = Object.fromEntries([...tally.byStatus].sort(([a], [b]) => a - b));
    // The figures of the run, for the log of CI and for bench/README.md.
    process.stdout.write(
      [
        `load: ${USERS} users, ${seconds.toFixed(1)} s, ${tally.requests} requests, ` +
          `${(tally.requests / seconds).toFixed(0)} requests/s`,
        `  latency p50 ${percentile(50)} ms, p95 ${percentile(95)} ms, p99 ${percentile(99)} ms`,
        `  statuses ${JSON.stringify(statuses)}`,
        `  5xx/failed ${tally.failures.length}, unexpected ${tally.unexpected.length}, ` +
          `plan conflicts (409, expected) ${tally.conflicts}`,
        `  acknowledged writes: ${tally.contacts.size} contacts, ${tally.registrations.size} ` +
          `registrations, ${tally.plans.size} plan versions`,
      ].join('\n') + '\n',
    );
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(tally.unexpected.slice(0, 10)).toEqual([]);
    expect(tally.contacts.size).toBeGreaterThan(0);
    expect(tally.plans.size).toBeGreaterThan(0);

    // Every acknowledged contact is stored with its text, and no other contact of this run is.
    const contacts = await owner.query<{ id: string; note: string }>(
      `select id, note from contacts where note like $1`,
      [`load-${RUN}-%`],
    );
    expect(contacts.rows.length).toBe(tally.contacts.size);
    for (const row of contacts.rows) expect(tally.contacts.get(row.id)).toBe(row.note);

    const registrations = await owner.query<{ id: string; question: string }>(
      `select id, question from registrations where question like $1`,
      [`load-${RUN}-%`],
    );
    expect(registrations.rows.length).toBe(tally.registrations.size);
    for (const row of registrations.rows)
      expect(tally.registrations.get(row.id)).toBe(row.question);

    // Every acknowledged plan version holds what was sent; no version of this run is missing or
    // extra; each trajectory's counter is its highest version; the current actions are the last.
    const versions = await owner.query<{ trajectory_id: string; version: number; marker: string }>(
      `select trajectory_id, version, plan->'agreements'->>0 as marker
         from plan_versions where plan->'agreements'->>0 like $1`,
      [`Afspraak load-${RUN}-%`],
    );
    expect(versions.rows.length).toBe(tally.plans.size);
    for (const row of versions.rows) {
      expect(`Afspraak ${tally.plans.get(`${row.trajectory_id}:${row.version}`)}`).toBe(row.marker);
    }
    const consistency = await owner.query<{
      id: string;
      plan_version: number;
      highest: number;
      latest_actions: number;
      current_actions: number;
    }>(
      `select t.id, t.plan_version, max(v.version)::int as highest,
              jsonb_array_length((array_agg(v.plan order by v.version desc))[1]->'actions') as latest_actions,
              (select count(*)::int from plan_actions a where a.trajectory_id = t.id) as current_actions
         from trajectories t join plan_versions v on v.trajectory_id = t.id
        where t.id = any($1::uuid[]) group by t.id, t.plan_version`,
      [[...new Set([...tally.plans.keys()].map((k) => k.split(':')[0]))]],
    );
    for (const row of consistency.rows) {
      expect(row.plan_version).toBe(row.highest);
      expect(row.current_actions).toBe(row.latest_actions);
    }
  });
});
