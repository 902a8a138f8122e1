// The real server, in its own process so that the load generator does not share its event loop:
// buildApp on the app role's connection, listening on a free loopback port. Started by
// bench/run.ts through child_process.fork; it reports its port and, when asked, its memory.
import { loadConfig } from '../../server/src/config.js';
import { createDb, type ExecutedQuery } from '../../server/src/platform/db.js';
import { buildApp } from '../../server/src/app.js';

async function main(): Promise<void> {
  const appUrl = process.env.BENCH_APP_DATABASE_URL;
  if (!appUrl || !process.send) throw new Error('start me through bench/run.ts');
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    SECRET_KEY: process.env.BENCH_SECRET_KEY,
    DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? '10',
    // Plain http on loopback: the cookie must come back without TLS.
    COOKIE_SECURE: 'false',
  });
  // Every statement with its duration, so that bench/run.ts can show where a report's time goes
  // (and EXPLAIN the very statements the app ran, not copies). Kept only while recording.
  let recorded: ExecutedQuery[] | null = null;
  const db = createDb(appUrl, config.DB_POOL_SIZE, {
    onQuery: (query) => recorded?.push(query),
  });
  const app = await buildApp({ config, db, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'memory')
      process.send?.({ type: 'memory', rss: process.memoryUsage().rss });
    if (message.type === 'record') recorded = [];
    if (message.type === 'recorded') {
      process.send?.({ type: 'recorded', queries: recorded ?? [] });
      recorded = null;
    }
    if (message.type === 'stop') {
      void app
        .close()
        .then(() => db.destroy())
        .finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench app server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
