// Writes openapi.json from the routes (`npm run openapi:write`), or with --check fails when the
// committed file differs from what the routes describe (`npm run openapi:check`, run in CI).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/platform/db.js';

const target = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'openapi.json',
);

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
// The document is built from the route schemas alone; no query is made.
const db = createDb('postgres://unused:unused@127.0.0.1:1/unused', 1);
const app = await buildApp({ config, db, serveWeb: false });
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await db.destroy();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== document) {
    process.stderr.write(
      'openapi.json is out of date with the routes: run `npm run openapi:write` and commit it.\n',
    );
    process.exit(1);
  }
  process.stdout.write('openapi.json matches the routes.\n');
} else {
  await writeFile(target, document);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
