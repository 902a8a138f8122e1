// Browser tests against the real server (with its demo data) on a fresh, empty data directory.
// Run from the repository root: npx playwright test --config web/playwright.config.ts
// (the server serves web/dist, so build the web app first: npm run build:web).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, resolveChromiumPath } from './e2e/chromium';

// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The config is evaluated in the runner and again in each worker: create the data directory and
// unpack Chromium once, and hand both on through the environment.
process.env.SAMENKRACHT_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'samenkracht-e2e-'));
process.env.SAMENKRACHT_E2E_CHROMIUM ??= await resolveChromiumPath();

export default defineConfig({
  testDir: './e2e',
  outputDir: join(repoRoot, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${PORT}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.SAMENKRACHT_E2E_CHROMIUM,
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node --import tsx server/src/main.ts',
    cwd: repoRoot,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    // SIGTERM lets the server stop its embedded PostgreSQL too (SIGKILL would orphan it).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    // The demo seed writes two years of history (about 20 s on a quiet machine, more when busy).
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR: process.env.SAMENKRACHT_E2E_DATA_DIR,
      NODE_ENV: 'test',
      TZ: 'Europe/Amsterdam',
    },
  },
});
