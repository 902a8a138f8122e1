import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The web's pure helpers (date and time) run here too; its screens run in Playwright.
    include: ['server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    env: { TZ: 'Europe/Amsterdam', NODE_ENV: 'test' },
    // Two cores: two test files at a time, each with its own database.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
