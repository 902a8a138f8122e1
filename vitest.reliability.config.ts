import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: bad input against every endpoint of openapi.json (issue 8).
export default defineConfig({
  test: {
    include: ['server/reliability/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    env: { TZ: 'Europe/Amsterdam', NODE_ENV: 'test' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
