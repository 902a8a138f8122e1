// Forward-only migrations, run at start-up by the owner role. Kysely's migrator takes a lock, so
// two app instances starting together do not both migrate.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations and role set-up work below the typed schema (the tables may not exist yet).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UntypedDb = Kysely<any>;

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{8}T\d{4}-.+\.ts$/.test(f));
    const migrations: Record<string, Migration> = {};
    for (const file of files.sort()) {
      const module = (await import(
        pathToFileURL(path.join(migrationsDir, file)).href
      )) as Migration;
      migrations[file.replace(/\.ts$/, '')] = module;
    }
    return migrations;
  }
}

/**
 * The app's login role: owns nothing and cannot bypass row-level security. Created (or its
 * password reset) by the owner before migrations, which grant it exactly what it needs.
 */
export async function ensureAppRole(owner: UntypedDb, password: string): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select from pg_roles where rolname = 'samenkracht_app') then
        create role samenkracht_app login nosuperuser nocreatedb nocreaterole noinherit nobypassrls;
      end if;
    end $$;
  `.execute(owner);
  // ALTER ROLE takes no bind parameters; the password is our own base64url or hex text.
  if (!/^[A-Za-z0-9_-]+$/.test(password))
    throw new Error('app role password has unsafe characters');
  await sql
    .raw(`alter role samenkracht_app login nosuperuser nobypassrls password '${password}'`)
    .execute(owner);
}

/** With only an owner URL, the app role's password is derived from it, the same on every node. */
export function derivedAppPassword(ownerUrl: string): string {
  return createHash('sha256').update(`samenkracht_app:${ownerUrl}`).digest('hex');
}

export async function migrateToLatest(owner: UntypedDb): Promise<string[]> {
  const migrator = new Migrator({ db: owner, provider: new DirectoryMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
