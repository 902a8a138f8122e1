// Database access: two pools (the owner for migrations and seeding, the app role for requests)
// and the tenant transaction that every request's work runs in.
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

// numeric (hours per week) and bigint (counts, cents) arrive as strings by default. Our values
// stay far below 2^53, so plain numbers are exact and easier to use.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// A date is a calendar day, not an instant: keep 'YYYY-MM-DD' instead of a midnight in some zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** A statement as it ran: for the benchmark's query timings, never for logs (it holds values). */
export interface ExecutedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export function createDb(
  connectionString: string,
  max: number,
  options: { onQuery?: (query: ExecutedQuery) => void } = {},
): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // A client losing its connection (pg_terminate_backend, a database restart or crash) emits
  // 'error'. The pool listens while the client is idle; a client checked out for a transaction
  // has no listener between two queries, and an unheard 'error' event ends the whole process.
  // The broken client is not queryable any more, and the pool discards it when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const { onQuery } = options;
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery && {
      log: (event) => {
        if (event.level === 'query')
          onQuery({
            sql: event.query.sql,
            parameters: event.query.parameters,
            ms: event.queryDurationMillis,
          });
      },
    }),
  });
}

/** Who a piece of work is done for: the tenant and the teams that bound need-to-know. */
export interface TenantScope {
  municipalityId: string;
  teamIds: readonly string[];
  /** A partner's organisation: opens the referrals addressed to it (with consent, while open). */
  organisationId?: string | null;
  /**
   * Break the glass: households readable outside the caller's teams, and the teams that are in
   * `teamIds` only because of them. Those teams pass the services' own team filters, but row-level
   * security lets through only the named households of them (policy break_glass_read).
   */
  glass?: { householdIds: readonly string[]; teamIds: readonly string[] };
  /** A resident's session: row-level security shows only this household (policy resident_household). */
  residentHouseholdId?: string | null;
}

/**
 * Runs `work` in one transaction with the tenant context set, so that row-level security
 * scopes every statement to the caller's municipality (and, for later tables, teams).
 * `set_config(..., true)` is local to the transaction: a pooled connection never carries one
 * request's tenant into the next.
 */
export async function inTenant<T>(
  db: Db,
  scope: TenantScope,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await setScope(trx, scope);
    return work(trx);
  });
}

/** Sets (or narrows) the scope of the running transaction. */
export async function setScope(trx: Trx, scope: TenantScope): Promise<void> {
  const glassTeams = new Set(scope.glass?.teamIds ?? []);
  const teamIds = scope.teamIds.filter((id) => !glassTeams.has(id));
  const glassHouseholds = scope.glass?.householdIds ?? [];
  await sql`select set_config('app.municipality_id', ${scope.municipalityId}, true),
                   set_config('app.team_ids', ${teamIds.join(',')}, true),
                   set_config('app.organisation_id', ${scope.organisationId ?? ''}, true),
                   set_config('app.glass_household_ids', ${glassHouseholds.join(',')}, true),
                   set_config('app.resident_household_id', ${scope.residentHouseholdId ?? ''}, true)`.execute(
    trx,
  );
}
