// Start-up: configuration, database (embedded or external), migrations, demo data, HTTP.
// Ctrl-C and SIGTERM stop the HTTP server, the pool and the embedded database in that order.
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './platform/logger.js';
import { createDb, type Db } from './platform/db.js';
import { derivedAppPassword } from './db/migrate.js';
import { locateDatabase, prepareDatabase } from './db/owner-connection.js';
import { buildApp } from './app.js';
import { DEMO_LOGINS, DEMO_PASSWORD, hasDemo, isEmpty, seedDemo } from './demo/seed.js';
import { DEMO_TOTP_ACCOUNTS } from './demo/second-factor-demo.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);

  const location = await locateDatabase(config, log);
  const { embedded, ownerUrl, appUrl } = location;

  if (!config.secretKey) {
    if (embedded) {
      config.secretKey = embedded.secretKey;
    } else {
      log.warn('SECRET_KEY is not set: deriving one from DATABASE_URL (set it in production)');
      config.secretKey = derivedAppPassword(`secret-key:${ownerUrl}`);
    }
  }

  const owner: Db = createDb(ownerUrl, 2);
  const applied = await prepareDatabase(owner, config, location);
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  const loadDemo = (embedded !== null || config.DEMO) && (await isEmpty(owner));
  if (loadDemo) {
    await seedDemo(owner, config.secretKey, { history: config.DEMO_HISTORY });
    log.info('demo municipality loaded');
  }
  // A database set up with `npm run setup:municipality` has no demo accounts to show.
  const showDemoLogins = loadDemo || ((embedded !== null || config.DEMO) && (await hasDemo(owner)));
  await owner.destroy();

  const db = createDb(appUrl, config.DB_POOL_SIZE);
  const app = await buildApp({ config, db });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await db.destroy();
    if (embedded) await embedded.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  const lines = ['', `Samenkracht draait op / is running at ${url}`, `API: ${url}/api/docs`];
  if (showDemoLogins) {
    lines.push(`Demo-accounts (wachtwoord / password: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) lines.push(`  ${login.email.padEnd(28)} ${login.description}`);
    lines.push(
      `Code (tweestapsverificatie / second factor) voor ${DEMO_TOTP_ACCOUNTS.join(', ')}:`,
      '  npm run demo:totp admin   (of / or: npm run demo:totp gemeente)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Samenkracht could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
