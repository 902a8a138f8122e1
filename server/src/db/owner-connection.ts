// Which PostgreSQL to use and bringing it up to date: the embedded server in DATA_DIR, or the
// one DATABASE_URL names. Shared by start-up (main.ts) and the one-off commands in
// server/scripts, so that both find and migrate the same database the same way.
import type { Config } from '../config.js';
import type { Logger } from '../platform/logger.js';
import type { Db } from '../platform/db.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/embedded-postgres.js';
import { derivedAppPassword, ensureAppRole, migrateToLatest } from './migrate.js';

function withUser(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

export interface DatabaseLocation {
  /** The owner role: runs migrations and one-off set-up work. */
  ownerUrl: string;
  /** The app's own login role (no ownership, no bypass of row-level security). */
  appUrl: string;
  /** The embedded server when DATABASE_URL is not set; stop it when done. */
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL (and APP_DATABASE_URL) when set; otherwise starts the embedded server in DATA_DIR. */
export async function locateDatabase(config: Config, log: Logger): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) {
    const ownerUrl = config.DATABASE_URL;
    const appUrl =
      config.APP_DATABASE_URL ??
      withUser(ownerUrl, 'samenkracht_app', derivedAppPassword(config.DATABASE_URL));
    return { ownerUrl, appUrl, embedded: null };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir, log);
  return { ownerUrl: embedded.ownerUrl, appUrl: embedded.appUrl, embedded };
}

/**
 * As the owner: the app role (unless APP_DATABASE_URL names one the operator manages), then the
 * migrations. Returns the migrations applied now.
 */
export async function prepareDatabase(
  owner: Db,
  config: Config,
  location: DatabaseLocation,
): Promise<string[]> {
  if (!config.APP_DATABASE_URL) {
    const password = new URL(location.appUrl).password;
    await ensureAppRole(owner, password ? decodeURIComponent(password) : '');
  }
  return migrateToLatest(owner);
}
