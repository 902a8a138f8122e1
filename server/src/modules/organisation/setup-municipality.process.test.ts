// The real command, `npm run setup:municipality`, in a child process against a fresh embedded
// database in its own DATA_DIR (no DATABASE_URL): it migrates, sets up, prints the password once
// on stdout, and a second run refuses with exit code 1.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
let dataDir = '';

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function runSetup(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The embedded database in DATA_DIR, whatever the calling shell points at.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/scripts/setup-municipality.ts', ...args],
    {
      cwd: root,
      env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const args = [
  '--name',
  'Gemeente Haarlem',
  '--cbs-code',
  'GM0392',
  '--admin-email',
  'beheer@haarlem.example',
  '--admin-name',
  'Bas Beheerder',
];

it('sets up a municipality in a fresh embedded database, once', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'samenkracht-setup-'));

  const first = await runSetup(args);
  expect(first.stderr).toContain('migrations applied');
  expect(first.code).toBe(0);
  // By hand: Haarlem (GM0392) has 21 wijken and 111 buurten in the reference files.
  expect(first.stdout).toContain(
    'Gemeente ingericht / municipality set up: Gemeente Haarlem (GM0392)',
  );
  expect(first.stdout).toContain('21 wijken / districts, 111 buurten / neighbourhoods');
  const password = /Startwachtwoord \/ initial password: (\S+)/.exec(first.stdout)?.[1] ?? '';
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  // Once on stdout, nowhere in the logs.
  expect(first.stdout.split(password)).toHaveLength(2);
  expect(first.stderr).not.toContain(password);

  const again = await runSetup(args);
  expect(again.code).toBe(1);
  expect(again.stdout).toBe('');
  expect(again.stderr).toContain(
    '--cbs-code: er bestaat al een gemeente met code GM0392 (Gemeente Haarlem); er is niets veranderd',
  );
  expect(again.stderr).not.toContain('migrations applied');

  const wrong = await runSetup(['--cbs-code', 'GM0392']);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('--name: is verplicht / is required');
}, 90_000);
