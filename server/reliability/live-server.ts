// The real server as `npm start` runs it, in a child process on embedded PostgreSQL, for the
// load, fault and two-instance tests of the reliability suite (issue 8). Also a direct owner
// connection to that database, to read back what the app acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..', '..');

export const DEMO_PASSWORD = 'samenkracht-demo';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function tempDataDir(
  label: string,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `samenkracht-${label}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every server started by this test file, for the log of a failed run. */
export const started: LiveServer[] = [];

/** One run of `server/src/main.ts`. */
export class LiveServer {
  readonly child: ChildProcess;
  readonly base: string;
  private log = '';
  private readonly exited: Promise<number | null>;

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    started.push(this);
  }

  output(): string {
    return this.log;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async healthy(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) throw new Error(`server exited:\n${this.log}`);
      try {
        const response = await fetch(`${this.base}/api/health`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`server did not become healthy:\n${this.log}`);
  }

  /** kill -9: no shutdown hook runs; the embedded PostgreSQL lives on as an orphan. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and the exit code; fails the caller if the process hangs. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(timeoutMs).then(() => 'hung' as const)]);
    if (code === 'hung') {
      this.child.kill('SIGKILL');
      throw new Error(`server did not stop within ${timeoutMs} ms after SIGTERM:\n${this.log}`);
    }
    return code;
  }
}

/** Starts the server on an embedded PostgreSQL in `dataDir` and waits for it to answer. */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  port?: number,
): Promise<LiveServer> {
  const server = new LiveServer(port ?? (await freePort()), { DATA_DIR: dataDir, ...env });
  await server.healthy();
  return server;
}

interface Secrets {
  ownerPassword: string;
  appPassword: string;
  secretKey: string;
}

/** The embedded database's connection details, as the first process wrote them to DATA_DIR. */
export function embeddedDatabase(dataDir: string) {
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Secrets;
  // postmaster.pid: pid, data directory, start time, port, ...
  const lines = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const url = (user: string, password: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    pid,
    port,
    secretKey: secrets.secretKey,
    ownerUrl: url('postgres', secrets.ownerPassword),
    appUrl: url('samenkracht_app', secrets.appPassword),
  };
}

/** A small owner pool (bypasses row-level security) to check what is really stored. */
export function ownerPool(dataDir: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: embeddedDatabase(dataDir).ownerUrl, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

/** A request with a session; a timeout turns a hang into a failure (status 0). */
export async function call<T = Record<string, unknown>>(
  base: string,
  session: Session | null,
  method: string,
  url: string,
  body?: unknown,
  options: { contentType?: string; timeoutMs?: number } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: kept as text for the failure message
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: parsed as T,
  };
}

export async function signIn(base: string, email: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  }
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken } satisfies Session;
}

export interface TrajectorySummary {
  id: string;
  status: string;
  teamId: string;
}

/** The open trajectories a worker may write to (not closed: a closed plan cannot change). */
export async function openTrajectories(base: string, session: Session): Promise<string[]> {
  const list = await call<{ items: TrajectorySummary[] }>(
    base,
    session,
    'GET',
    '/api/v1/trajectories?limit=500',
  );
  if (list.status !== 200) throw new Error(`trajectories: ${list.status}`);
  return list.body.items.filter((t) => t.status !== 'closed').map((t) => t.id);
}

/** A plan body: one agreement carries a marker so the stored version can be recognised. */
export function planBody(version: number, marker: string) {
  return {
    version,
    answers: { own_strength: `Eigen kracht (${marker})` },
    domains: [{ domain: 'finances', situation: 'Schulden', strengths: '', goal: 'Overzicht' }],
    actions: [
      {
        description: `Budgetoverzicht maken (${marker})`,
        ownerType: 'resident',
        ownerName: 'Bewoner',
      },
      { description: 'Samen naar de schuldhulp', ownerType: 'team', ownerName: 'Wijkteam' },
    ],
    agreements: [`Afspraak ${marker}`],
  };
}
