// `npm run setup:municipality -- --name "Gemeente Maastricht" --cbs-code GM0935
//   --admin-email beheer@maastricht.nl --admin-name "Naam Beheerder"`
// Sets up a real municipality (no demo data) in the database the server uses: DATABASE_URL, or
// the embedded server in DATA_DIR. Runs the migrations first. The logic is in
// server/src/modules/organisation/setup-municipality.ts; this file only wires it to a process.
// The administrator's password goes to stdout once; logs go to stderr and never contain it.
import { loadConfig, ConfigError } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import { createDb } from '../src/platform/db.js';
import { embeddedServerInUse } from '../src/platform/embedded-postgres.js';
import { locateDatabase, prepareDatabase } from '../src/db/owner-connection.js';
import {
  SETUP_USAGE,
  SetupError,
  parseSetupArguments,
  setUpMunicipality,
  setupReport,
} from '../src/modules/organisation/setup-municipality.js';

function refuse(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

async function run(): Promise<number> {
  let options;
  let config;
  try {
    options = parseSetupArguments(process.argv.slice(2));
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof SetupError) return refuse(`${error.message}\n${SETUP_USAGE}`);
    if (error instanceof ConfigError) return refuse(error.message);
    throw error;
  }
  if (!config.DATABASE_URL && embeddedServerInUse(config.dataDir)) {
    return refuse(
      `De ingebouwde database in ${config.dataDir} is in gebruik: stop Samenkracht eerst.\n` +
        `The embedded database in ${config.dataDir} is in use: stop Samenkracht first.`,
    );
  }
  const log = createLogger(config.LOG_LEVEL, 2);
  const location = await locateDatabase(config, log);
  const owner = createDb(location.ownerUrl, 1);
  try {
    const applied = await prepareDatabase(owner, config, location);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    const result = await setUpMunicipality(owner, options);
    process.stdout.write(setupReport(options, result));
    return 0;
  } catch (error) {
    if (error instanceof SetupError) return refuse(error.message);
    throw error;
  } finally {
    await owner.destroy();
    await location.embedded?.stop();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `De gemeente is niet ingericht / the municipality was not set up: ${
        error instanceof Error ? (error.stack ?? error.message) : String(error)
      }\n`,
    );
    process.exit(1);
  },
);
