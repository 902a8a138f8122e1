// The real start-up, as `npm start` runs it: embedded PostgreSQL, migrations, demo data, HTTP.
// Then the hard cases: kill -9 of the app (its database lives on as an orphan) and a restart
// without any manual step, with every committed write still there; and a clean SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRET } from './demo/second-factor-demo.js';
import { base32Decode, hotp, stepAt } from './platform/totp.js';

const root = path.resolve(import.meta.dirname, '..', '..');
let dataDir = '';
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(port: number): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // This test is about starting, crashing and stopping, not the demo's generated history.
      DEMO_HISTORY: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  children.push(child);
  return { child, output: () => output };
}

async function waitForHealth(port: number, output: () => string): Promise<void> {
  // Up to 60 s: the first start (initdb, migrations, demo) is slow when the machine is busy.
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

// The admin signs in with the demo second factor; a code is accepted once, so the second sign-in
// takes the next step's code (accepted one step early) or waits for it.
let lastStep = -1;
async function nextDemoCode(): Promise<string> {
  while (lastStep + 1 > stepAt(Date.now()) + 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  lastStep = Math.max(stepAt(Date.now()), lastStep + 1);
  return hotp(base32Decode(DEMO_TOTP_SECRET), lastStep);
}

async function signIn(port: number) {
  const password = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@maastricht.demo', password: 'samenkracht-demo' }),
  });
  expect(password.status).toBe(202);
  const challenge = (password.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: challenge },
    body: JSON.stringify({ code: await nextDemoCode() }),
  });
  expect(response.status).toBe(200);
  const cookie =
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith('sk_session='))
      ?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('starting, crashing and stopping the real server', () => {
  it('starts with demo data, survives kill -9 without losing a committed write, and stops cleanly', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'samenkracht-process-'));
    const port = await freePort();

    const first = start(port);
    await waitForHealth(port, first.output);
    expect(first.output()).toContain('worker@maastricht.demo');
    const session = await signIn(port);
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/teams`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({ name: 'Team van voor de crash', type: 'social' }),
    });
    expect(created.status).toBe(201);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = start(port);
    await waitForHealth(port, second.output);
    const again = await signIn(port);
    const teams = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/teams`, { headers: { cookie: again.cookie } })
    ).json()) as { items: { name: string }[] };
    const names = teams.items.map((t) => t.name);
    expect(names).toContain('Team van voor de crash');
    // The demo was loaded once: no second Maastricht after the restart.
    expect(names.filter((n) => n === 'Sociaal Team Noordwest')).toHaveLength(1);

    second.child.kill('SIGTERM');
    const code = await new Promise((resolve) => second.child.once('exit', resolve));
    expect(code).toBe(0);
    // A clean stop leaves no lock file: PostgreSQL shut down too.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
