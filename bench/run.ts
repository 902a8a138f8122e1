// The benchmark: a synthetic city on a fresh embedded PostgreSQL, the real server and a bare
// baseline in their own processes on loopback, autocannon scenarios at 1, 10 and 50 connections,
// a timed signal import, and a report in bench/results/. Stops everything it started, also on
// error.
//
//   npx tsx bench/run.ts --size small|medium|large
//                        [--scenarios home,household,write,mine,trajectory,contact,import,monitor,web]
//                        [--duration 10] [--connections 1,10,50] [--seed S] [--anchor YYYY-MM-DD]
//                        [--log-level info] [--pool 10] [--keep]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { createLogger } from '../server/src/platform/logger.js';
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../server/src/platform/embedded-postgres.js';
import { createDb, type ExecutedQuery } from '../server/src/platform/db.js';
import { seal } from '../server/src/platform/secret-box.js';
import { base32Decode } from '../server/src/platform/totp.js';
import { DEMO_TOTP_SECRET, demoTotpCode } from '../server/src/demo/second-factor-demo.js';
import { ensureAppRole, migrateToLatest } from '../server/src/db/migrate.js';
import { generateCity, type GeneratedCity } from './city/generate.js';
import { loadCity } from './city/load.js';
import { PLANS, type CitySize } from '../server/src/demo/history/plan.js';
import { Random } from '../server/src/demo/history/random.js';
import { runWebBench, webMarkdown } from './web.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(benchDir);

// ---------------------------------------------------------------- options

interface Options {
  size: CitySize;
  scenarios: string[];
  duration: number;
  connections: number[];
  warmup: number;
  seed: string;
  anchor: string | undefined;
  logLevel: string;
  /** Connections to PostgreSQL of the app and of the baseline (the app's DB_POOL_SIZE). */
  pool: number;
  keep: boolean;
  /** A data directory kept by an earlier `--keep` run: its city is read back, not generated. */
  reuse: string | undefined;
}

const SCENARIOS = [
  'home',
  'household',
  'write',
  'mine',
  'trajectory',
  'contact',
  'import',
  'monitor',
  'web',
] as const;
const SCENARIO_ALIASES: Record<string, string> = {
  a: 'home',
  b: 'household',
  c: 'write',
  d: 'import',
  e: 'mine',
  f: 'trajectory',
  g: 'contact',
  h: 'monitor',
  i: 'web',
};

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = (value('size') ?? 'small') as CitySize;
  if (!(size in PLANS)) throw new Error(`--size must be one of ${Object.keys(PLANS).join(', ')}`);
  const scenarios = (value('scenarios') ?? SCENARIOS.join(','))
    .split(',')
    .map((s) => SCENARIO_ALIASES[s.trim()] ?? s.trim());
  for (const s of scenarios)
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw new Error(`unknown scenario ${s}: use ${SCENARIOS.join(', ')} (or a-i)`);
  const duration = Number(value('duration') ?? '10');
  if (!(duration >= 1 && duration <= 120)) throw new Error('--duration is 1-120 seconds');
  const connections = (value('connections') ?? '1,10,50').split(',').map(Number);
  if (connections.some((c) => !(c >= 1 && c <= 200))) throw new Error('--connections 1-200');
  return {
    size,
    scenarios,
    duration,
    connections,
    warmup: Number(value('warmup') ?? '2'),
    seed: value('seed') ?? 'samenkracht',
    anchor: value('anchor'),
    logLevel: value('log-level') ?? 'info',
    pool: Number(value('pool') ?? '10'),
    keep: argv.includes('--keep'),
    reuse: value('reuse'),
  };
}

// ---------------------------------------------------------------- child servers

interface Child {
  name: string;
  process: ChildProcess;
  port: number;
  memory(): Promise<number>;
  /** The statements the app runs during `work`, with their durations (the app server only). */
  record(work: () => Promise<unknown>): Promise<ExecutedQuery[]>;
  stop(): Promise<void>;
}

async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<Child> {
  const child = fork(path.join(benchDir, 'servers', script), [], {
    cwd: repoDir,
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the app server, written when it stops.
    execArgv: [
      '--import',
      'tsx',
      ...(name === 'app' && process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, ...env },
    // Request logs go nowhere (as to a log shipper), but are still produced at --log-level.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}`));
    });
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.port ?? 0);
      }
    });
  });
  return {
    name,
    process: child,
    port,
    memory: () =>
      new Promise<number>((resolve) => {
        const onMessage = (message: { type?: string; rss?: number }) => {
          if (message.type === 'memory') {
            child.off('message', onMessage);
            resolve(message.rss ?? 0);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    record: async (work) => {
      child.send({ type: 'record' });
      await work();
      return new Promise<ExecutedQuery[]>((resolve) => {
        const onMessage = (message: { type?: string; queries?: ExecutedQuery[] }) => {
          if (message.type === 'recorded') {
            child.off('message', onMessage);
            resolve(message.queries ?? []);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'recorded' });
      });
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- sessions

interface Session {
  email: string;
  staffId: string;
  teamId: string;
  cookie: string;
  csrfToken: string;
  households: string[];
  /** The team's trajectories (all statuses), shuffled. */
  trajectories: string[];
  /** The team's trajectories that are not closed, shuffled. */
  openTrajectories: string[];
}

/**
 * The municipality account must sign in with a second factor (its role requires it): the bench
 * enrols it with the demo's published secret, straight in the database, and answers with codes.
 */
async function enrolSecondFactor(ownerUrl: string, secretKey: string, email: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `insert into staff_second_factors (municipality_id, staff_id, secret_encrypted, confirmed_at)
       select municipality_id, id, $2, now() from staff where email = $1
       on conflict do nothing`,
      [email, seal(secretKey, 'totp', base32Decode(DEMO_TOTP_SECRET))],
    );
  } finally {
    await client.end();
  }
}

/** Names a staff member (an admin) as the municipality's privacy officer. */
async function givePrivacyDuty(ownerUrl: string, email: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `insert into privacy_duties (municipality_id, staff_id)
       select municipality_id, id from staff where email = $1 and role = 'admin'
       on conflict do nothing`,
      [email],
    );
  } finally {
    await client.end();
  }
}

async function signIn(base: string, email: string, password: string) {
  let response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status === 202) {
    const challenge = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('sk_sign_in='));
    response = await fetch(`${base}/api/v1/auth/login/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: challenge ?? '' },
      body: JSON.stringify({ code: demoTotpCode() }),
    });
  }
  if (response.status !== 200)
    throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('sk_session='));
  if (!cookie) throw new Error('no session cookie');
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken: body.csrfToken, staffId: body.user.id };
}

/** One session per simulated user: workers taken round the teams, so load spreads like a city's. */
async function signInWorkers(base: string, city: GeneratedCity, count: number): Promise<Session[]> {
  const rng = new Random(7);
  const sessions: Session[] = [];
  const maxWorkers = Math.max(...city.teams.map((t) => t.workers.length));
  for (let round = 0; round < maxWorkers && sessions.length < count; round++) {
    for (const team of city.teams) {
      const worker = team.workers[round];
      if (!worker || sessions.length >= count) continue;
      const shuffled = (ids: readonly string[] | undefined) => {
        const list = [...(ids ?? [])];
        for (let i = list.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [list[i], list[j]] = [list[j] ?? '', list[i] ?? ''];
        }
        return list.slice(0, 5000);
      };
      sessions.push({
        email: worker.email,
        teamId: team.id,
        ...(await signIn(base, worker.email, city.password)),
        households: shuffled(city.householdsByTeam.get(team.id)),
        trajectories: shuffled(city.trajectoriesByTeam.get(team.id)),
        openTrajectories: shuffled(city.openTrajectoriesByTeam.get(team.id)),
      });
    }
  }
  return sessions;
}

// ---------------------------------------------------------------- load

interface LoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** The machine's one-minute load average after the run (other work on the machine shows here). */
  loadAverage?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

type RequestsFor = (connection: number) => autocannon.Request[];

function load(port: number, connections: number, duration: number, requestsFor: RequestsFor) {
  return new Promise<LoadResult>((resolve, reject) => {
    let next = 0;
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration,
        timeout: 10,
        setupClient: (client) => client.setRequests(requestsFor(next++)),
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        latencies.sort((a, b) => a - b);
        resolve({
          connections,
          durationSeconds: result.duration,
          requests: latencies.length,
          requestsPerSecond: Math.round((latencies.length / result.duration) * 10) / 10,
          latencyMs: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            max: percentile(latencies, 100),
          },
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
}

// ---------------------------------------------------------------- scenarios

interface ScenarioResult {
  name: string;
  description: string;
  runs: LoadResult[];
  baseline?: LoadResult[];
}

const cycle = <T>(items: readonly T[], offset: number) => {
  let i = offset % Math.max(1, items.length);
  return () => {
    const item = items[i % items.length];
    i++;
    return item;
  };
};

function homeRequests(sessions: Session[]): { ours: RequestsFor; baseline: RequestsFor } {
  return {
    ours: (n) => {
      const s = sessions[n % sessions.length] as Session;
      const headers = { cookie: s.cookie };
      return [
        { method: 'GET', path: '/api/v1/registrations?status=new', headers },
        // As the web app asks for it: a page of SIGNALS_PAGE_SIZE (web/src/features/entry-point).
        { method: 'GET', path: '/api/v1/signals?status=open&limit=100', headers },
      ];
    },
    baseline: (n) => {
      const s = sessions[n % sessions.length] as Session;
      return [
        { method: 'GET', path: `/registrations?team=${s.teamId}` },
        { method: 'GET', path: `/signals?team=${s.teamId}` },
      ];
    },
  };
}

function householdRequests(sessions: Session[]): { ours: RequestsFor; baseline: RequestsFor } {
  return {
    ours: (n) => {
      const s = sessions[n % sessions.length] as Session;
      const nextId = cycle(s.households, n * 97);
      return [
        {
          method: 'GET',
          headers: { cookie: s.cookie },
          setupRequest: (request) => ({ ...request, path: `/api/v1/households/${nextId()}` }),
        },
      ];
    },
    baseline: (n) => {
      const s = sessions[n % sessions.length] as Session;
      const nextId = cycle(s.households, n * 97);
      return [
        {
          method: 'GET',
          setupRequest: (request) => ({ ...request, path: `/households/${nextId()}` }),
        },
      ];
    },
  };
}

/** The write scenario's questions, by their text: checked and removed after the scenario. */
const WRITTEN_QUESTION = 'waar kan ik hulp krijgen bij mijn administratie?';

function writeRequests(sessions: Session[], stored: { acknowledged: number }): RequestsFor {
  let counter = 0;
  return (n) => {
    const s = sessions[n % sessions.length] as Session;
    return [
      {
        method: 'POST',
        path: '/api/v1/registrations',
        onResponse: (status: number) => {
          if (status === 201) stored.acknowledged += 1;
        },
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrfToken,
          'content-type': 'application/json',
        },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            teamId: s.teamId,
            source: 'self',
            receivedAt: new Date(Date.now() - 60_000).toISOString(),
            question: `Anonieme vraag ${++counter}: ${WRITTEN_QUESTION}`,
            lifeDomains: ['finances'],
          }),
        }),
      },
    ];
  };
}

/** (e) A coordinator's home page: "my trajectories" and the measurements due. */
function mineRequests(sessions: Session[]): { ours: RequestsFor; baseline: RequestsFor } {
  return {
    ours: (n) => {
      const s = sessions[n % sessions.length] as Session;
      const headers = { cookie: s.cookie };
      return [
        {
          method: 'GET',
          path: `/api/v1/trajectories?coordinatorId=${s.staffId}&status=active`,
          headers,
        },
        { method: 'GET', path: '/api/v1/assessments/due', headers },
      ];
    },
    baseline: (n) => {
      const s = sessions[n % sessions.length] as Session;
      return [
        { method: 'GET', path: `/trajectories?coordinator=${s.staffId}` },
        { method: 'GET', path: `/assessments/due?coordinator=${s.staffId}` },
      ];
    },
  };
}

/** (f) Opening a trajectory: the trajectory, its plan and its measurements, over the team's pool. */
function trajectoryRequests(sessions: Session[]): { ours: RequestsFor; baseline: RequestsFor } {
  const build = (prefix: string, withCookie: boolean) => (n: number) => {
    const s = sessions[n % sessions.length] as Session;
    const nextId = cycle(s.trajectories, n * 97);
    let id = '';
    const headers = withCookie ? { cookie: s.cookie } : {};
    return [
      {
        method: 'GET' as const,
        headers,
        setupRequest: (request: autocannon.Request) => {
          id = nextId() ?? '';
          return { ...request, path: `${prefix}/trajectories/${id}` };
        },
      },
      {
        method: 'GET' as const,
        headers,
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          path: `${prefix}/trajectories/${id}/plan`,
        }),
      },
      {
        method: 'GET' as const,
        headers,
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          path: `${prefix}/trajectories/${id}/assessments`,
        }),
      },
    ];
  };
  return { ours: build('/api/v1', true), baseline: build('', false) };
}

/** The contact scenario's notes end with this: checked and removed after the scenario. */
const WRITTEN_CONTACT = 'afspraak bevestigd, post samen doorgenomen.';

/** (g) Saving a contact in the journal of one of the team's open trajectories. */
function contactRequests(sessions: Session[], stored: { acknowledged: number }): RequestsFor {
  let counter = 0;
  return (n) => {
    const s = sessions[n % sessions.length] as Session;
    const nextId = cycle(s.openTrajectories, n * 31);
    return [
      {
        method: 'POST',
        onResponse: (status: number) => {
          if (status === 201) stored.acknowledged += 1;
        },
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrfToken,
          'content-type': 'application/json',
        },
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/trajectories/${nextId()}/contacts`,
          body: JSON.stringify({
            at: new Date(Date.now() - 60_000).toISOString(),
            kind: 'phone',
            note: `Gebeld (${++counter}): ${WRITTEN_CONTACT}`,
            minutes: 15,
          }),
        }),
      },
    ];
  };
}

const SIGNAL_KINDS = [
  'rent_arrears',
  'energy_debt',
  'water_debt',
  'health_insurance_debt',
  'confused_behaviour',
  'gp_signal',
] as const;

/** 10,000 lines: about a third at known households (any team), the rest anywhere in the city. */
function signalCsv(city: GeneratedCity, run: number, lines: number): string {
  const rng = new Random(1000 + run);
  const stamp = `${Date.now().toString(36)}-${run}`;
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const out = [
    'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note',
  ];
  for (let i = 0; i < lines; i++) {
    const kind = rng.pick(SIGNAL_KINDS);
    const known = city.knownAddresses.length > 0 && rng.chance(0.35);
    const address = known
      ? rng.pick(city.knownAddresses)
      : {
          postcode: rng.pick(rng.pick(city.buurten).postcodes).postcode,
          houseNumber: rng.int(1, 120),
          houseLetter: null,
          familyName: '',
        };
    out.push(
      [
        kind,
        `BENCH-${stamp}-${i + 1}`,
        day,
        address.postcode,
        address.houseNumber,
        address.houseLetter ?? '',
        '',
        address.familyName,
        kind === 'confused_behaviour' || kind === 'gp_signal' ? '' : rng.int(5000, 250000),
        '',
      ].join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

async function runImport(port: number, city: GeneratedCity, session: Session, runs: number) {
  const times: number[] = [];
  const responses: unknown[] = [];
  for (let run = 0; run < runs; run++) {
    const csv = signalCsv(city, run, 10_000);
    const began = performance.now();
    // The list is sent by the city's housing corporation: a worker's import names its sender.
    const url = `http://127.0.0.1:${port}/api/v1/signals/imports?organisationId=${city.signalSenderId}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'text/csv',
      },
      body: csv,
    });
    const body = (await response.json()) as Record<string, unknown>;
    const ms = performance.now() - began;
    if (response.status !== 201)
      throw new Error(`signal import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    times.push(Math.round(ms));
    const { rejected, ...summary } = body as { rejected: unknown[] };
    responses.push({
      ...summary,
      rejected: rejected.length,
      status: response.status,
      ms: Math.round(ms),
    });
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: responses,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    timesMs: times,
    /** The imported signals, removed after the timing so that a kept city stays as generated. */
    removedAfterwards: 0,
  };
}

// ---------------------------------------------------------------- monitor

interface Timed {
  name: string;
  path: string;
  status: number;
  bytes: number;
  timesMs: number[];
  /** Median of the runs after the first (the first warms caches and compiles plans). */
  medianMs: number;
}

/** Timed GETs (not autocannon): one warm-up-and-measure run, then `runs` more; the median of those. */
async function timeGets(
  base: string,
  cookie: string,
  requests: { name: string; path: string }[],
  runs: number,
): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const { name, path: p } of requests) {
    const times: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let run = 0; run <= runs; run++) {
      const began = performance.now();
      const response = await fetch(`${base}${p}`, { headers: { cookie } });
      const text = await response.text();
      times.push(Math.round(performance.now() - began));
      status = response.status;
      bytes = text.length;
      if (status !== 200) throw new Error(`${name}: ${status} ${text.slice(0, 300)}`);
    }
    const sorted = times.slice(1).sort((a, b) => a - b);
    out.push({
      name,
      path: p,
      status,
      bytes,
      timesMs: times,
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    });
  }
  return out;
}

/**
 * Where the monitor's time goes: the statements the app ran for one monitor request (recorded in
 * the app server, so these are the real queries, not copies), each with its duration there and
 * its EXPLAIN ANALYZE as the app role with the same tenant settings.
 */
async function explainMonitor(appUrl: string, city: GeneratedCity, recorded: ExecutedQuery[]) {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const teamIds = city.teams.map((t) => t.id);
  const plans: Record<string, { ms: number; appMs: number; plan: string }> = {};
  const statements = recorded.filter((q) => /^\s*(with|select)\b/i.test(q.sql));
  try {
    for (const [index, query] of statements.entries()) {
      // The tenant scope, and the session's touch that goes with a commit (at most every 15 s, so
      // only in some recordings): the request's plumbing, not the monitor's work.
      if (/set_config|touch_session/.test(query.sql)) continue;
      await client.query('begin');
      await client.query(
        `select set_config('app.municipality_id', $1, true), set_config('app.team_ids', $2, true)`,
        [city.municipalityId, teamIds.join(',')],
      );
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${query.sql}`,
        query.parameters as unknown[],
      );
      await client.query('rollback');
      const plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
      // A name a reader can find in monitor.service.ts: the first words after the first select.
      const words = query.sql.replace(/\s+/g, ' ').trim().slice(0, 60);
      plans[`${String(index).padStart(2, '0')} ${words}`] = {
        ms,
        appMs: Math.round(query.ms * 10) / 10,
        plan,
      };
    }
  } finally {
    await client.end();
  }
  return plans;
}

/** What the monitor's JavaScript costs per row: two Amsterdam dates and a working-day count. */
async function speedSectionCost(rows: number) {
  const { workingDaysBetween } = await import('../server/src/modules/reports/working-days.js');
  // The Amsterdam calendar days come from PostgreSQL; this is the JavaScript left per row.
  const days = Array.from({ length: 400 }, (_, i) =>
    new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );
  workingDaysBetween(days[0] ?? '', days[1] ?? ''); // builds the year tables: not counted
  const began = performance.now();
  let sum = 0;
  for (let i = 0; i < rows; i++)
    sum += workingDaysBetween(days[i % 365] ?? '', days[(i % 365) + 6] ?? '');
  return { rows, ms: Math.round(performance.now() - began), check: sum };
}

/**
 * The daily retention job over the whole city, as the app runs it (the app role, row-level
 * security): it also runs 60 s after every start of the app, so a slow one takes a core from
 * whatever the server does next.
 */
async function timeRetentionJob(appUrl: string, runs: number) {
  const { runRetentionJob } = await import('../server/src/modules/privacy/retention.service.js');
  const db = createDb(appUrl, 1);
  const timesMs: number[] = [];
  let proposed = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const began = performance.now();
      proposed = await runRetentionJob(db);
      timesMs.push(Math.round(performance.now() - began));
    }
  } finally {
    await db.destroy();
  }
  const sorted = [...timesMs].sort((a, b) => a - b);
  return { timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, proposed };
}

/** Residents with a registration, of households not erased: for the privacy requests below. */
async function residentsWithHistory(ownerUrl: string, count: number) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{
      municipality_id: string;
      resident_id: string;
      household_id: string;
    }>(
      `select r.municipality_id, r.id as resident_id, r.household_id
         from residents r
         join households h on h.municipality_id = r.municipality_id and h.id = r.household_id
        where h.erased_at is null
          and exists (select 1 from registrations g
                       where g.municipality_id = r.municipality_id and g.resident_id = r.id)
        order by r.id limit $1`,
      [count],
    );
    return rows;
  } finally {
    await owner.end();
  }
}

/**
 * Erasing one household's person data (eraseHousehold, as a granted erasure does), each in a
 * transaction that is rolled back, so that a kept city stays as generated. As the owner: the
 * statements are the erasure's own; row-level security is left out of this figure.
 */
async function timeErasure(
  ownerUrl: string,
  householdIds: { municipalityId: string; id: string }[],
) {
  const { eraseHousehold } = await import('../server/src/modules/privacy/retention.service.js');
  const db = createDb(ownerUrl, 1);
  const undo = new Error('rolled back on purpose');
  const timesMs: number[] = [];
  try {
    for (const household of householdIds) {
      const began = performance.now();
      await db
        .transaction()
        .execute(async (trx) => {
          // The erasure empties the trail's words in the transaction's municipality
          // (erase_trail_texts, migration 20261125T1030), as the app's tenant scope sets it.
          await sql`select set_config('app.municipality_id', ${household.municipalityId}, true)`.execute(
            trx,
          );
          await eraseHousehold(trx, household.municipalityId, household.id);
          throw undo;
        })
        .catch((error: unknown) => {
          if (error !== undo) throw error;
        });
      timesMs.push(Math.round(performance.now() - began));
    }
  } finally {
    await db.destroy();
  }
  const sorted = [...timesMs].sort((a, b) => a - b);
  return { timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

/**
 * The daily grouping of the audit trail's closed days for the privacy alerts (audit-reads.ts),
 * from scratch: the grouped rows are derived, so they are removed first with their day and hour
 * marks (as the owner) and the
 * job groups the last 40 days of the whole trail again; then once more, with nothing to group.
 */
async function timeReadGrouping(ownerUrl: string, appUrl: string) {
  const { groupRecentReadsOfAll } = await import('../server/src/modules/privacy/audit-reads.js');
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const db = createDb(appUrl, 1);
  try {
    // Every mark goes with the rows it stands for: a day or hour marked without its rows would be
    // left out of the alerts.
    await owner.query(
      'delete from audit_reads_by_hour; delete from audit_read_days; delete from audit_read_hours',
    );
    let began = performance.now();
    const days = await groupRecentReadsOfAll(db);
    const fromScratchMs = Math.round(performance.now() - began);
    const { rows } = await owner.query<{ n: string }>(
      'select count(*)::text as n from audit_reads_by_hour',
    );
    began = performance.now();
    await groupRecentReadsOfAll(db);
    const nothingToDoMs = Math.round(performance.now() - began);
    return { days, rows: Number(rows[0]?.n ?? 0), fromScratchMs, nothingToDoMs };
  } finally {
    await db.destroy();
    await owner.end();
  }
}

// ---------------------------------------------------------------- database facts

const MAIN_TABLES = [
  'teams',
  'staff',
  'postcode_neighbourhoods',
  'households',
  'residents',
  'registrations',
  'trajectories',
  'referrals',
  'signal_imports',
  'signals',
  'trajectory_events',
  'plan_versions',
  'plan_actions',
  'network_members',
  'contacts',
  'case_conferences',
  'assessments',
  'assessment_scores',
  'work_budget_requests',
  'work_budget_returns',
  'sessions',
  'audit_events',
];

/** Runs `work` on a connection of its own to `url`, closed afterwards whatever happens. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Removes the write scenario's registrations (as the owner) and says how many there were. They are
 * new anonymous questions in the waiting lists of the workers' teams: left in a kept city, every
 * run added about 20,000 more (one team had 36,000 waiting after a day of runs, a waiting list no
 * team has), and the home scenario of the next run read those lists.
 */
function removeWrittenRegistrations(ownerUrl: string): Promise<number> {
  return withClient(ownerUrl, async (client) => {
    // Without the foreign-key checks (no referral can point at these new questions). Before
    // migration T1300 indexed referrals.registration_id, each check scanned all referrals once
    // per deleted row (minutes for a run's 20,000); a kept city from before it still needs this.
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    const result = await client.query(
      `delete from registrations where source = 'self' and status = 'new' and question like $1`,
      [`Anonieme vraag %: ${WRITTEN_QUESTION}`],
    );
    await client.query('commit');
    return result.rowCount ?? 0;
  });
}

/**
 * Removes the contact scenario's phone calls (as the owner) and says how many there were. Left in
 * a kept city, every run added about 40,000 contacts to the journals of the workers' open
 * trajectories, which later runs then read.
 */
function removeWrittenContacts(ownerUrl: string): Promise<number> {
  return withClient(ownerUrl, async (client) => {
    const result = await client.query(
      `delete from contacts where kind = 'phone' and note like $1`,
      [`Gebeld (%): ${WRITTEN_CONTACT}`],
    );
    return result.rowCount ?? 0;
  });
}

/**
 * Removes the signals the import scenario imported, and their imports (as the owner). Left in a
 * kept city, each run added 30,000 open signals to the teams' outreach lists: one team had 2,317
 * open after a day of runs, and the home scenario of the next run read that list.
 */
function removeImportedSignals(ownerUrl: string): Promise<number> {
  return withClient(ownerUrl, async (client) => {
    await client.query('begin');
    const removed = await client.query<{ import_id: string | null }>(
      `delete from signals where reference like 'BENCH-%' returning import_id`,
    );
    const imports = [...new Set(removed.rows.map((r) => r.import_id).filter((id) => id !== null))];
    await client.query('delete from signal_imports where id = any($1::uuid[])', [imports]);
    await client.query('commit');
    return removed.rowCount ?? 0;
  });
}

async function databaseFacts(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const size = await client.query<{ bytes: string }>(
      'select pg_database_size(current_database())::text as bytes',
    );
    const rows: Record<string, number> = {};
    for (const table of MAIN_TABLES) {
      const r = await client.query<{ n: string }>(`select count(*)::text as n from ${table}`);
      rows[table] = Number(r.rows[0]?.n ?? 0);
    }
    return { sizeBytes: Number(size.rows[0]?.bytes ?? 0), rows };
  } finally {
    await client.end();
  }
}

/** The plans of the read queries as the app role sees them (row-level security included). */
async function explainReads(appUrl: string, city: GeneratedCity, session: Session) {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const plans: Record<string, string> = {};
  const queries: Record<string, [string, unknown[]]> = {
    registrationsNew: [
      `select g.id, n.name, r.given_name || ' ' || r.family_name from registrations g
         left join residents r on r.municipality_id = g.municipality_id and r.id = g.resident_id
         left join households h on h.municipality_id = g.municipality_id and h.id = g.household_id
         left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
        where g.municipality_id = $1 and g.team_id in ($2) and g.status = 'new'
        order by g.received_at asc, g.id limit 100`,
      [city.municipalityId, session.teamId],
    ],
    signalsOpen: [
      `select s.id, n.name from signals s
         left join neighbourhoods n on n.municipality_id = s.municipality_id and n.code = s.neighbourhood_code
        where s.municipality_id = $1 and s.team_id in ($2) and s.status = 'open'
        order by s.postcode, s.house_number, s.received_at limit 200`,
      [city.municipalityId, session.teamId],
    ],
    household: [
      `select h.id, n.name, (select t.id from trajectories t where t.municipality_id = h.municipality_id
          and t.household_id = h.id and t.status <> 'closed' limit 1)
         from households h
         left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
        where h.municipality_id = $1 and h.id = $2`,
      [city.municipalityId, session.households[0]],
    ],
    householdMembers: [
      `select id, household_id, given_name, family_name, birth_date, bsn_masked from residents
        where municipality_id = $1 and household_id in ($2) order by birth_date, given_name`,
      [city.municipalityId, session.households[0]],
    ],
  };
  try {
    for (const [name, [text, params]] of Object.entries(queries)) {
      await client.query('begin');
      await client.query(
        `select set_config('app.municipality_id', $1, true), set_config('app.team_ids', $2, true)`,
        [city.municipalityId, session.teamId],
      );
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${text}`,
        params,
      );
      await client.query('rollback');
      plans[name] = result.rows.map((r) => r['QUERY PLAN']).join('\n');
    }
  } finally {
    await client.end();
  }
  return plans;
}

// ---------------------------------------------------------------- report

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function markdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# Benchmark: ${report.size} (${report.city.municipality})`);
  lines.push('');
  lines.push(
    `Run ${report.startedAt} on ${report.machine.cpus} CPU(s) (${report.machine.cpuModel}), Node ${report.machine.node}; ` +
      `${report.options.duration} s per level, log level ${report.options.logLevel}, ${report.options.pool} connections to PostgreSQL per server, seed \`${report.options.seed}\`, anchor ${report.city.anchor.slice(0, 10)}.`,
  );
  lines.push('');
  lines.push(
    `City: ${report.city.teams} teams, ${report.city.staff} staff, ` +
      (report.generation.reused
        ? 'read back from a kept data directory (--reuse; generated in an earlier run). '
        : `generated in ${(report.generation.ms / 1000).toFixed(1)} s ` +
          `(${report.generation.rowsPerSecond} rows/s; vacuum analyze ${(report.generation.vacuumAnalyzeMs / 1000).toFixed(1)} s). `) +
      `Database ${mb(report.database.sizeBytes)} MB. App RSS: peak ${mb(report.memory.appPeakRss)} MB (baseline ${mb(report.memory.baselinePeakRss)} MB).`,
  );
  lines.push('');
  lines.push('| table | rows generated | rows after the run |');
  lines.push('| --- | ---: | ---: |');
  for (const [table, n] of Object.entries(report.database.rows))
    lines.push(`| ${table} | ${n} | ${report.database.afterRun?.rows[table] ?? '-'} |`);
  lines.push('');
  lines.push(
    '| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | baseline req/s | baseline p95 ms | ours/baseline |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const scenario of report.scenarios) {
    scenario.runs.forEach((run, i) => {
      const base = scenario.baseline?.[i];
      lines.push(
        `| ${scenario.name} | ${run.connections} | ${run.requestsPerSecond} | ${run.latencyMs.p50} | ${run.latencyMs.p95} | ${run.latencyMs.p99} | ${run.errors} | ${run.non2xx} | ` +
          (base
            ? `${base.requestsPerSecond} | ${base.latencyMs.p95} | ${(run.requestsPerSecond / base.requestsPerSecond).toFixed(2)} |`
            : '- | - | - |'),
      );
    });
  }
  if (report.writtenRegistrations) {
    const { acknowledged, storedAndRemoved } = report.writtenRegistrations;
    lines.push('');
    lines.push(
      `Write scenario: ${acknowledged} registrations acknowledged (201), ${storedAndRemoved} found stored afterwards (the difference: requests in flight when a level ended) and removed again, so that a kept city's waiting lists stay as generated.`,
    );
  }
  if (report.writtenContacts) {
    const { acknowledged, storedAndRemoved } = report.writtenContacts;
    lines.push('');
    lines.push(
      `Contact scenario: ${acknowledged} contacts acknowledged (201), ${storedAndRemoved} found stored afterwards and removed again.`,
    );
  }
  if (report.import) {
    lines.push('');
    lines.push(
      `Signal import of 10,000 lines: median ${(report.import.medianMs / 1000).toFixed(2)} s (runs: ${report.import.timesMs.map((t) => (t / 1000).toFixed(2)).join(', ')} s); the ${report.import.removedAfterwards} imported signals removed again afterwards.`,
    );
  }
  if (report.monitor) {
    lines.push('');
    lines.push(
      `Monitor for ${report.monitor.year} as the municipality (all ${report.city.teams} teams), one request at a time; median of ${report.monitor.runs} runs after a first one (first run in brackets):`,
    );
    lines.push('');
    lines.push('| report | median ms | first ms | runs ms | bytes |');
    lines.push('| --- | ---: | ---: | ---: | ---: |');
    for (const t of report.monitor.timings)
      lines.push(
        `| ${t.name} | ${t.medianMs} | ${t.timesMs[0]} | ${t.timesMs.slice(1).join(', ')} | ${t.bytes} |`,
      );
    lines.push('');
    // The five slowest statements of one monitor request, as the app ran them.
    const slowest = Object.entries(report.monitor.queries)
      .sort(([, a], [, b]) => b.appMs - a.appMs)
      .slice(0, 5);
    const total = Object.values(report.monitor.queries).reduce((sum, q) => sum + q.appMs, 0);
    lines.push(
      `Monitor statements: ${Object.keys(report.monitor.queries).length}, ${Math.round(total)} ms in the database in all. Slowest (in the app / EXPLAIN ANALYZE, ms):`,
    );
    lines.push('');
    for (const [name, q] of slowest) lines.push(`- \`${name}…\` ${q.appMs} / ${q.ms.toFixed(1)}`);
    lines.push(
      `JavaScript of the speed section: ${report.monitor.speedSection.rows} rows in ${report.monitor.speedSection.ms} ms (workingDaysBetween per row; the dates come from SQL).`,
    );
    const retention = report.monitor.retentionJob;
    lines.push('');
    lines.push(
      `Daily retention job over the whole city (as the app role; also 60 s after every start of the app): median ${retention.medianMs} ms of ${retention.timesMs.length} runs (${retention.timesMs.join(', ')} ms), ${retention.proposed} files proposed for erasure.`,
    );
    const erasure = report.monitor.erasure;
    lines.push('');
    lines.push(
      `Erasing one household's person data (what a granted erasure request runs; as the owner, each rolled back): median ${erasure.medianMs} ms of ${erasure.timesMs.length} households (${erasure.timesMs.join(', ')} ms).`,
    );
    const grouping = report.monitor.readGrouping;
    lines.push('');
    lines.push(
      `Grouping the audit trail's closed days for the privacy alerts (the daily job, last 40 days of the whole city, from scratch; the alerts above read them grouped): ${grouping.fromScratchMs} ms for ${grouping.days} days into ${grouping.rows} rows; again, with nothing to group: ${grouping.nothingToDoMs} ms.`,
    );
  }
  lines.push('');
  lines.push(
    'Targets (issue 8, for the large city): p95 < 50 ms at 50 connections for home, household, mine, trajectory, write and contact; ours/baseline >= 0.5 on reads; monitor about 1 s; import < 5 s.',
  );
  return `${lines.join('\n')}\n`;
}

interface Report {
  size: CitySize;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; memoryBytes: number };
  options: Options;
  city: {
    municipality: string;
    anchor: string;
    teams: number;
    staff: number;
    benchTeam: string;
    sessions: number;
  };
  generation: {
    ms: number;
    timings: Record<string, number>;
    rows: Record<string, number>;
    reused: boolean;
    rowsPerSecond: number | null;
    vacuumAnalyzeMs: number;
  };
  database: {
    sizeBytes: number;
    rows: Record<string, number>;
    afterRun?: { sizeBytes: number; rows: Record<string, number> };
  };
  memory: { appPeakRss: number; appFinalRss: number; baselinePeakRss: number };
  scenarios: ScenarioResult[];
  import?: Awaited<ReturnType<typeof runImport>>;
  /** The write scenario's registrations: acknowledged with 201, found stored (then removed). */
  writtenRegistrations?: { acknowledged: number; storedAndRemoved: number };
  /** The contact scenario's phone calls, likewise. */
  writtenContacts?: { acknowledged: number; storedAndRemoved: number };
  monitor?: {
    year: number;
    runs: number;
    timings: Timed[];
    queries: Awaited<ReturnType<typeof explainMonitor>>;
    speedSection: Awaited<ReturnType<typeof speedSectionCost>>;
    retentionJob: Awaited<ReturnType<typeof timeRetentionJob>>;
    erasure: Awaited<ReturnType<typeof timeErasure>>;
    readGrouping: Awaited<ReturnType<typeof timeReadGrouping>>;
  };
  plans?: Record<string, string>;
  plansAfterRun?: Record<string, string>;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const os = await import('node:os');
  const startedAt = new Date().toISOString();
  const log = (message: string) => process.stdout.write(`[bench ${options.size}] ${message}\n`);
  const dataDir = options.reuse ?? (await mkdtemp(path.join(tmpdir(), 'samenkracht-bench-')));
  let embedded: EmbeddedDatabase | null = null;
  const children: Child[] = [];
  let stopped = false;
  const cleanUp = async () => {
    if (stopped) return;
    stopped = true;
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    if (!options.keep && !options.reuse) await rm(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  };
  // Ctrl-C or a kill stops the servers and PostgreSQL too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    if (options.scenarios.includes('web')) {
      // The web app's first screen needs no city: the real server with its demo serves web/dist.
      const web = await runWebBench((m) => process.stdout.write(`[bench web] ${m}\n`));
      const resultsDir = path.join(benchDir, 'results');
      await mkdir(resultsDir, { recursive: true });
      const stamp = startedAt.replace(/[:.]/g, '-');
      await writeFile(
        path.join(resultsDir, `web-${stamp}.json`),
        `${JSON.stringify({ startedAt, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version }, web }, null, 2)}\n`,
      );
      const md = `${webMarkdown(web)}\nMeasured ${startedAt} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; build of ${web.buildAt}.\n`;
      await writeFile(path.join(resultsDir, 'web-latest.md'), md);
      process.stdout.write(`\n${md}\n`);
      if (options.scenarios.length === 1) return;
    }
    log(`embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres(dataDir, createLogger('silent'));
    const owner = createDb(embedded.ownerUrl, 1);
    try {
      await ensureAppRole(owner, decodeURIComponent(new URL(embedded.appUrl).password));
      await migrateToLatest(owner);
    } finally {
      await owner.destroy();
    }

    log(options.reuse ? `reading the kept city in ${options.reuse}` : 'generating the city');
    const city = options.reuse
      ? await loadCity(embedded.ownerUrl, options.size, options.seed)
      : await generateCity(embedded.ownerUrl, {
          size: options.size,
          seed: options.seed,
          ...(options.anchor ? { anchor: options.anchor } : {}),
        });
    const generatedRows = Object.entries(city.generated)
      .filter(([t]) => t !== 'teams' && t !== 'neighbourhoods')
      .reduce((n, [, v]) => n + v, 0);
    const genMs = city.timings.total ?? 0;
    log(
      `generated ${generatedRows} rows in ${(genMs / 1000).toFixed(1)} s: ${JSON.stringify(city.generated)}`,
    );
    const vacuumStarted = performance.now();
    {
      const client = new pg.Client({ connectionString: embedded.ownerUrl });
      await client.connect();
      await client.query('vacuum analyze');
      await client.end();
    }
    const vacuumAnalyzeMs = Math.round(performance.now() - vacuumStarted);
    const facts = await databaseFacts(embedded.ownerUrl);
    log(`database ${mb(facts.sizeBytes)} MB`);

    const poolSize = String(options.pool);
    const app = await startChild('app', 'app.ts', {
      BENCH_APP_DATABASE_URL: embedded.appUrl,
      BENCH_SECRET_KEY: embedded.secretKey,
      BENCH_LOG_LEVEL: options.logLevel,
      BENCH_DB_POOL_SIZE: poolSize,
    });
    children.push(app);
    const baseline = await startChild('baseline', 'baseline.ts', {
      BENCH_OWNER_DATABASE_URL: embedded.ownerUrl,
      BENCH_MUNICIPALITY_ID: city.municipalityId,
      BENCH_DB_POOL_SIZE: poolSize,
    });
    children.push(baseline);
    const base = `http://127.0.0.1:${app.port}`;
    const sessions = await signInWorkers(base, city, Math.max(...options.connections));
    const first = sessions[0];
    if (!first) throw new Error('no worker could sign in');
    log(`app on ${app.port}, baseline on ${baseline.port}, ${sessions.length} signed-in workers`);
    // The plans on the generated city, before the write scenarios add to it.
    const plans = await explainReads(embedded.appUrl, city, first);

    const memory = { appPeakRss: await app.memory(), appFinalRss: 0, baselinePeakRss: 0 };
    const sample = async () => {
      memory.appPeakRss = Math.max(memory.appPeakRss, await app.memory());
      memory.baselinePeakRss = Math.max(memory.baselinePeakRss, await baseline.memory());
    };
    const scenarios: ScenarioResult[] = [];
    const measure = async (
      port: number,
      connections: number,
      requestsFor: RequestsFor,
      label: string,
    ) => {
      const result = await load(port, connections, options.duration, requestsFor);
      result.loadAverage = Math.round(os.loadavg()[0] ?? 0);
      await sample();
      log(
        `${label} c=${connections}: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} p95 ${result.latencyMs.p95} p99 ${result.latencyMs.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx} (load average ${result.loadAverage})`,
      );
      return result;
    };
    /** Each level of ours, then the same level of the baseline, so both see the same machine. */
    const levels = async (
      name: string,
      description: string,
      ours: RequestsFor,
      base?: RequestsFor,
    ): Promise<ScenarioResult> => {
      if (options.warmup > 0) {
        await load(app.port, 10, options.warmup, ours);
        if (base) await load(baseline.port, 10, options.warmup, base);
      }
      const runs: LoadResult[] = [];
      const baselineRuns: LoadResult[] = [];
      for (const connections of options.connections) {
        runs.push(await measure(app.port, connections, ours, name));
        if (base)
          baselineRuns.push(await measure(baseline.port, connections, base, `${name} (baseline)`));
      }
      return { name, description, runs, ...(base ? { baseline: baselineRuns } : {}) };
    };

    if (options.reuse) {
      // What earlier runs on this kept city wrote and left (a run stopped midway, or one from before
      // the scenarios cleaned up after themselves) goes first: every run reads the city as it was
      // generated, and the write and contact scenarios count only their own rows.
      const left = {
        registrations: await removeWrittenRegistrations(embedded.ownerUrl),
        contacts: await removeWrittenContacts(embedded.ownerUrl),
        signals: await removeImportedSignals(embedded.ownerUrl),
      };
      if (Object.values(left).some((n) => n > 0))
        log(`removed what earlier runs had written: ${JSON.stringify(left)}`);
    }
    if (options.scenarios.includes('home')) {
      const r = homeRequests(sessions);
      scenarios.push(
        await levels(
          'home',
          'GET /api/v1/registrations?status=new and GET /api/v1/signals?status=open, alternating',
          r.ours,
          r.baseline,
        ),
      );
    }
    if (options.scenarios.includes('household')) {
      const r = householdRequests(sessions);
      scenarios.push(
        await levels(
          'household',
          "GET /api/v1/households/{id} over the ids of each worker's team",
          r.ours,
          r.baseline,
        ),
      );
    }
    let writtenRegistrations: Report['writtenRegistrations'];
    /**
     * A scenario that saves: afterwards every acknowledged (201) save must be stored, and the
     * scenario's rows are removed again so that a kept city stays as generated. More may be stored
     * than acknowledged: requests still in flight when a level's time was up are stored, but
     * autocannon no longer reads their answers. Fewer would be a lost write.
     */
    const { ownerUrl } = embedded;
    const savingLevels = async (
      name: string,
      description: string,
      requests: (stored: { acknowledged: number }) => RequestsFor,
      removeWritten: (ownerUrl: string) => Promise<number>,
    ) => {
      const stored = { acknowledged: 0 };
      scenarios.push(await levels(name, description, requests(stored)));
      const removed = await removeWritten(ownerUrl);
      log(`${name}: ${stored.acknowledged} acknowledged, ${removed} stored (and removed again)`);
      if (removed < stored.acknowledged)
        throw new Error(`${name}: ${stored.acknowledged} acknowledged but ${removed} stored`);
      return { acknowledged: stored.acknowledged, storedAndRemoved: removed };
    };
    if (options.scenarios.includes('write')) {
      writtenRegistrations = await savingLevels(
        'write',
        'POST /api/v1/registrations: a new anonymous question (cookie + CSRF header)',
        (stored) => writeRequests(sessions, stored),
        removeWrittenRegistrations,
      );
    }
    if (options.scenarios.includes('mine')) {
      const r = mineRequests(sessions);
      scenarios.push(
        await levels(
          'mine',
          'GET /api/v1/trajectories?coordinatorId=<me> and GET /api/v1/assessments/due, alternating',
          r.ours,
          r.baseline,
        ),
      );
    }
    if (options.scenarios.includes('trajectory')) {
      const r = trajectoryRequests(sessions);
      scenarios.push(
        await levels(
          'trajectory',
          "GET /api/v1/trajectories/{id}, .../plan and .../assessments over each worker's team's trajectories",
          r.ours,
          r.baseline,
        ),
      );
    }
    let writtenContacts: Report['writtenContacts'];
    if (options.scenarios.includes('contact')) {
      writtenContacts = await savingLevels(
        'contact',
        'POST /api/v1/trajectories/{id}/contacts: a phone call in the journal of an open trajectory (cookie + CSRF header)',
        (stored) => contactRequests(sessions, stored),
        removeWrittenContacts,
      );
    }
    let monitorResult: Report['monitor'];
    if (options.scenarios.includes('monitor')) {
      const year = new Date(city.anchor).getUTCFullYear() - 1;
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const municipalityEmail = `gemeente@${PLANS[options.size].slug}.bench`;
      await enrolSecondFactor(embedded.ownerUrl, embedded.secretKey, municipalityEmail);
      const municipality = await signIn(base, municipalityEmail, city.password);
      const runs = 7; // the machine varies ±30% between identical requests: a median of 7 says more than of 3
      const timings = await timeGets(
        base,
        municipality.cookie,
        [
          { name: 'monitor', path: `/api/v1/reports/monitor?from=${from}&to=${to}` },
          { name: 'public', path: `/api/v1/reports/public?from=${from}&to=${to}` },
          { name: 'zrm', path: `/api/v1/reports/zrm?from=${from}&to=${to}` },
          {
            name: 'zrm start-closure',
            path: `/api/v1/reports/zrm?from=${from}&to=${to}&comparison=start_closure`,
          },
          { name: 'monitor.xlsx', path: `/api/v1/reports/monitor.xlsx?from=${from}&to=${to}` },
          // The business case over five years of the city: costs against estimated savings.
          {
            name: 'business case',
            path: `/api/v1/business-case?fromYear=${year - 4}&toYear=${year}`,
          },
        ],
        runs,
      );
      // The privacy officer's alerts over the last 30 days of the audit trail (which the load
      // scenarios of this and earlier runs fill): the city's functional administrator is given
      // the privacy duty for it, as a municipality would name its officer.
      const officerEmail = `admin@${PLANS[options.size].slug}.bench`;
      await givePrivacyDuty(embedded.ownerUrl, officerEmail);
      await enrolSecondFactor(embedded.ownerUrl, embedded.secretKey, officerEmail);
      const officer = await signIn(base, officerEmail, city.password);
      const [requester, ...toErase] = await residentsWithHistory(embedded.ownerUrl, 6);
      timings.push(
        ...(await timeGets(
          base,
          officer.cookie,
          [
            { name: 'privacy alerts (30 days, 3 runs)', path: '/api/v1/privacy/alerts?status=all' },
            // The right of access: everything about one resident, as the privacy officer hands it out.
            ...(requester
              ? [
                  {
                    name: 'right of access (one resident)',
                    path: `/api/v1/residents/${requester.resident_id}/export`,
                  },
                ]
              : []),
          ],
          3,
        )),
      );
      const erasure = await timeErasure(
        embedded.ownerUrl,
        toErase.map((r) => ({ municipalityId: r.municipality_id, id: r.household_id })),
      );
      await sample();
      const recorded = await app.record(() =>
        fetch(`${base}/api/v1/reports/monitor?from=${from}&to=${to}`, {
          headers: { cookie: municipality.cookie },
        }).then((response) => response.text()),
      );
      const queries = await explainMonitor(embedded.appUrl, city, recorded);
      const speedRows = Number(
        /"still_waiting".*?"basedOn":(\d+)/.exec(
          await (
            await fetch(`${base}/api/v1/reports/monitor?from=${from}&to=${to}`, {
              headers: { cookie: municipality.cookie },
            })
          ).text(),
        )?.[1] ?? 0,
      );
      const speedSection = await speedSectionCost(speedRows);
      const retentionJob = await timeRetentionJob(embedded.appUrl, 3);
      const readGrouping = await timeReadGrouping(embedded.ownerUrl, embedded.appUrl);
      monitorResult = {
        year,
        runs,
        timings,
        queries,
        speedSection,
        retentionJob,
        readGrouping,
        erasure,
      };
      for (const t of timings)
        log(
          `${t.name} ${year}: median ${t.medianMs} ms (${t.timesMs.join(', ')}), ${t.bytes} bytes`,
        );
      log(
        `monitor statements (ms in the app): ${Object.entries(queries)
          .sort(([, a], [, b]) => b.appMs - a.appMs)
          .slice(0, 8)
          .map(([n, q]) => `${n}… ${q.appMs}`)
          .join('; ')}; speed section JS ${speedSection.ms} ms for ${speedSection.rows} rows`,
      );
      log(
        `retention job (whole city): median ${retentionJob.medianMs} ms (${retentionJob.timesMs.join(', ')}), ${retentionJob.proposed} proposed`,
      );
      log(
        `erasing one household (rolled back): median ${erasure.medianMs} ms (${erasure.timesMs.join(', ')})`,
      );
      log(
        `audit reads grouped (daily job, 40 days from scratch): ${readGrouping.fromScratchMs} ms for ${readGrouping.days} days into ${readGrouping.rows} rows; again, nothing to group: ${readGrouping.nothingToDoMs} ms`,
      );
    }
    let importResult: Report['import'];
    if (options.scenarios.includes('import')) {
      importResult = await runImport(app.port, city, first, 3);
      await sample();
      importResult.removedAfterwards = await removeImportedSignals(embedded.ownerUrl);
      log(
        `import 10,000 signals: median ${importResult.medianMs} ms (${importResult.timesMs.join(', ')})`,
      );
    }
    memory.appFinalRss = await app.memory();
    const plansAfterRun = await explainReads(embedded.appUrl, city, first);
    const afterRun = await databaseFacts(embedded.ownerUrl);

    const report: Report = {
      size: options.size,
      startedAt,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        memoryBytes: os.totalmem(),
      },
      options,
      city: {
        municipality: city.municipalityName,
        anchor: city.anchor,
        teams: city.teams.length,
        staff: city.generated.staff ?? 0,
        benchTeam: city.teams.find((t) => t.id === first.teamId)?.name ?? '',
        sessions: sessions.length,
      },
      generation: {
        ms: genMs,
        timings: city.timings,
        rows: city.generated,
        // A kept city (--reuse) is read back, not generated: no rate to report.
        reused: options.reuse !== undefined,
        rowsPerSecond: options.reuse ? null : Math.round(generatedRows / (genMs / 1000)),
        vacuumAnalyzeMs,
      },
      database: { ...facts, afterRun },
      memory,
      scenarios,
      ...(importResult ? { import: importResult } : {}),
      ...(writtenRegistrations ? { writtenRegistrations } : {}),
      ...(writtenContacts ? { writtenContacts } : {}),
      ...(monitorResult ? { monitor: monitorResult } : {}),
      plans,
      plansAfterRun,
    };
    const resultsDir = path.join(benchDir, 'results');
    await mkdir(resultsDir, { recursive: true });
    const stamp = startedAt.replace(/[:.]/g, '-');
    await writeFile(
      path.join(resultsDir, `${options.size}-${stamp}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    const md = markdown(report);
    await writeFile(path.join(resultsDir, `${options.size}-latest.md`), md);
    process.stdout.write(`\n${md}\n`);
    for (const [name, plan] of Object.entries(plans))
      process.stdout.write(`-- ${name}\n${plan}\n\n`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
