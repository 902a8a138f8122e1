// Database access: two pools (the owner for migrations and seeding, the app role for requests)
// and the tenant transaction that every request's work runs in.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import type { Database } from '../db/schema.js';
import {
  finishRequestTransaction,
  heldRequestTransaction,
  takeRequestTransaction,
  type RequestTransaction,
} from './request-transaction.js';

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

/**
 * At most this many named statements per connection; later new texts run unnamed. Kysely builds a
 * handful of texts per query shape, but `in (...)` lists of varying length make new ones, and a
 * connection must not collect them without bound.
 */
const MAX_PREPARED_PER_CONNECTION = 1000;

const statementNames = new Map<string, string>();
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/** A stable name for a statement's text (kept for the first texts seen; enough for our shapes). */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `sk_${createHash('sha1').update(text).digest('base64url')}`;
    if (statementNames.size < 10 * MAX_PREPARED_PER_CONNECTION) statementNames.set(text, name);
  }
  return name;
}

/** A pooled connection as Kysely uses it; release(error) discards a broken one. */
type PoolClient = PostgresPoolClient & { release(error?: Error): void };

/**
 * Sends every parameterised statement as a named prepared statement, so that PostgreSQL parses
 * (and, for the statements where its generic plan is as good, plans) it once per connection
 * instead of on every request. Planning is a large share of a short read here: the row-level
 * security policies are expanded into every plan (measured on the large bench city: 1.3 ms to plan
 * opening a household, 0.7 ms to run it). Values still travel as parameters, never in the text.
 */
function preparing(client: pg.PoolClient, onRelease?: () => void): PoolClient {
  let names = preparedOn.get(client);
  if (!names) {
    names = new Set();
    preparedOn.set(client, names);
  }
  const prepared = names;
  return {
    query: ((text: string, parameters: readonly unknown[]) => {
      if (parameters.length === 0) return client.query(text);
      const name = statementName(text);
      if (!prepared.has(name)) {
        if (prepared.size >= MAX_PREPARED_PER_CONNECTION)
          return client.query(text, [...parameters]);
        prepared.add(name);
      }
      return client.query({ name, text, values: [...parameters] });
    }) as unknown as PostgresPoolClient['query'],
    release: (error?: Error) => {
      onRelease?.();
      client.release(error);
    },
  };
}

/**
 * Each Db's own pool: a fresh connection from it for the session check that opens a request
 * (runSessionCheck), and its size for access.ts.
 */
const pools = new WeakMap<Db, pg.Pool>();

/** How many connections `db` has: access.ts lets at most half of them wait for a body. */
export function poolSizeOf(db: Db): number {
  return pools.get(db)?.options.max ?? 1;
}

/**
 * The pool Kysely uses. The first inTenant of a request gets the request's transaction, opened by
 * the session check (request-transaction.ts), instead of a connection of its own; any other
 * request for a connection ends that transaction first, so that no request holds two.
 */
function requestAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const held = heldRequestTransaction();
      if (held) {
        const opening = openingScope.getStore();
        if (opening && !opening.connection && !opening.taken) {
          opening.taken = takeRequestTransaction(held);
          return held.client;
        }
        await finishRequestTransaction(held);
      }
      return preparing(await pool.connect());
    },
    end: () => pool.end(),
  };
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
  const db = new Kysely<Database>({
    dialect: new TenantPostgresDialect({ pool: requestAwarePool(pool) }),
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
  pools.set(db, pool);
  return db;
}

/**
 * Runs the statements of `text` in one simple-protocol message on a connection of its own, for the
 * session check that starts a request (access.ts), and returns the first statement's rows. With
 * `hold`, the message is `begin; <text>` and the connection stays in that transaction, returned
 * for the caller to hand to the rest of the request (runInRequestTransaction) or to end. `text`
 * must be complete SQL: values quoted with `pg.escapeLiteral`, never concatenated raw.
 */
export async function runSessionCheck(
  db: Db,
  text: string,
  hold: boolean,
): Promise<{ rows: Record<string, unknown>[]; transaction: RequestTransaction | null }> {
  const pool = pools.get(db);
  if (!pool) throw new Error('runSessionCheck needs a Db made by createDb');
  const raw = await pool.connect();
  let results: pg.QueryResult[];
  try {
    // pg answers a message of several statements with one result for each.
    const answer = (await raw.query(hold ? `begin; ${text}` : text)) as unknown as
      pg.QueryResult | pg.QueryResult[];
    results = Array.isArray(answer) ? answer : [answer];
  } catch (error) {
    // A connection that failed (mid-transaction, perhaps) is not given to anyone else.
    raw.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  const rows = (results[hold ? 1 : 0]?.rows ?? []) as Record<string, unknown>[];
  if (!hold) {
    raw.release();
    return { rows, transaction: null };
  }
  const transaction: RequestTransaction = {
    client: preparing(raw, () => {
      transaction.state = 'closed';
    }),
    applied: [],
    withCommit: [],
    state: 'held',
  };
  return { rows, transaction };
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
  /**
   * A report over many rows: plan each statement for its actual values (`plan_cache_mode =
   * force_custom_plan`). A prepared statement's generic plan guesses the share of rows a period
   * filter keeps (0.5%), and a year of a city is far more: a plan cheap for the guess is slow there.
   */
  customPlans?: boolean;
}

/** The settings row-level security reads (see the policies), in the order scopeSettings gives them. */
export const TENANT_SETTINGS = [
  'app.municipality_id',
  'app.team_ids',
  'app.organisation_id',
  'app.glass_household_ids',
  'app.resident_household_id',
] as const;

export type TenantSetting = (typeof TENANT_SETTINGS)[number];

/** The settings row-level security reads (see the policies), for a scope. */
function scopeSettings(scope: TenantScope): [name: string, value: string][] {
  const glassTeams = new Set(scope.glass?.teamIds ?? []);
  const teamIds = scope.teamIds.filter((id) => !glassTeams.has(id));
  const values: Record<TenantSetting, string> = {
    'app.municipality_id': scope.municipalityId,
    'app.team_ids': teamIds.join(','),
    'app.organisation_id': scope.organisationId ?? '',
    'app.glass_household_ids': (scope.glass?.householdIds ?? []).join(','),
    'app.resident_household_id': scope.residentHouseholdId ?? '',
  };
  return TENANT_SETTINGS.map((name) => [name, values[name]]);
}

function sameSettings(
  wanted: readonly (readonly [string, string])[],
  applied: readonly (readonly [string, string])[],
): boolean {
  return (
    wanted.length === applied.length &&
    wanted.every(([name, value], i) => applied[i]?.[0] === name && applied[i]?.[1] === value)
  );
}

/** What the current `inTenant` knows about the transaction it opened. */
interface Opening {
  scope: TenantScope;
  /** The connection whose `begin` used the scope: set by that one `begin` only. */
  connection?: DatabaseConnection;
  /** The transaction itself, while it is open: only its statements may wait for the commit. */
  trx?: Trx;
  /** Statements (values already quoted) that go to PostgreSQL in the same message as `commit`. */
  withCommit: string[];
  /** The request's transaction, when this inTenant continues it instead of beginning its own. */
  taken?: RequestTransaction;
}

/**
 * The transaction `inTenant` is opening. The driver below reads it when Kysely begins and
 * commits that transaction; any other transaction (db.transaction() directly, or an outer
 * inTenant's, used inside this one) runs on another connection and is left as it is.
 */
const openingScope = new AsyncLocalStorage<Opening>();

/** The current inTenant's opening, if `trx` is the transaction it opened and is still open. */
function openingOf(trx: Trx): Opening | undefined {
  const opening = openingScope.getStore();
  return opening?.trx === trx ? opening : undefined;
}

/**
 * Queues a statement to be sent together with the commit of `trx`, one round trip less than
 * running it now. Only for a statement nothing in the transaction reads back (the audit rows,
 * see audit.ts) and only when `trx` is the transaction the current `inTenant` opened: then its
 * commit is ours to extend. Returns false otherwise, and the caller runs the statement itself.
 * If the statement fails, PostgreSQL skips the `commit` after it (an error in a multi-statement
 * message ends the message, and the transaction block is aborted): Kysely rolls back and the
 * error reaches the caller of inTenant, so neither the work nor the statement's rows remain.
 */
export function sendWithCommit(trx: Trx, statement: string): boolean {
  const opening = openingOf(trx);
  if (!opening) return false;
  opening.withCommit.push(statement);
  return true;
}

/** Runs what waits for the commit of `trx` now: for work that must read those rows back. */
export async function flushWithCommit(trx: Trx): Promise<void> {
  const opening = openingOf(trx);
  if (!opening || opening.withCommit.length === 0) return;
  const statements = opening.withCommit.splice(0);
  await trx.executeQuery(CompiledQuery.raw(statements.join('; ')));
}

/**
 * Begins an `inTenant` transaction and sets its scope in one round trip (`begin; select
 * set_config(...)` as one simple-protocol message) instead of two, and commits it together with
 * the statements queued by sendWithCommit (the audit rows: `insert ...; commit`, again one
 * message). Every request pays these, and on a busy two-core machine each round trip counts. The
 * values are quoted with the driver's own `escapeLiteral` (they are ids, but quoting does not
 * rely on that).
 */
class TenantPostgresDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const opening = openingScope.getStore();
    if (!opening || opening.connection || settings.isolationLevel || settings.accessMode)
      return super.beginTransaction(connection, settings);
    opening.connection = connection;
    const configured = scopeSettings(opening.scope);
    if (opening.scope.customPlans) configured.push(['plan_cache_mode', 'force_custom_plan']);
    const configs = configured
      .map(([name, value]) => `set_config('${name}', ${pg.escapeLiteral(value)}, true)`)
      .join(', ');
    const taken = opening.taken;
    if (taken) {
      // The request's transaction is open already, with the caller's own scope. Set this
      // inTenant's scope only where it differs (every setting then, so none is left over).
      opening.withCommit.push(...taken.withCommit.splice(0));
      if (!sameSettings(configured, taken.applied))
        await connection.executeQuery(CompiledQuery.raw(`select ${configs}`));
      return;
    }
    await connection.executeQuery(CompiledQuery.raw(`begin; select ${configs}`));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const opening = this.endingOpening(connection);
    if (!opening || opening.withCommit.length === 0) return super.commitTransaction(connection);
    const statements = opening.withCommit.splice(0);
    await connection.executeQuery(CompiledQuery.raw(`${statements.join('; ')}; commit`));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // What waited for the commit goes with the rest of the work (as a rolled-back insert would).
    this.endingOpening(connection)?.withCommit.splice(0);
    return super.rollbackTransaction(connection);
  }

  /** The opening whose transaction runs on `connection` (not a nested one on another), closed. */
  private endingOpening(connection: DatabaseConnection): Opening | undefined {
    const opening = openingScope.getStore();
    if (!opening || opening.connection !== connection) return undefined;
    // From here on the transaction is over: a late statement must not wait for a commit.
    delete opening.trx;
    return opening;
  }
}

class TenantPostgresDialect extends PostgresDialect {
  private readonly poolConfig: ConstructorParameters<typeof PostgresDialect>[0];
  constructor(config: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(config);
    this.poolConfig = config;
  }
  override createDriver(): Driver {
    return new TenantPostgresDriver(this.poolConfig);
  }
}

/**
 * Runs `work` in one transaction with the tenant context set, so that row-level security
 * scopes every statement to the caller's municipality (and, for later tables, teams).
 * `set_config(..., true)` is local to the transaction: a pooled connection never carries one
 * request's tenant into the next. The scope is set together with `begin`, and the audit rows are
 * written together with `commit` (TenantPostgresDriver).
 */
export async function inTenant<T>(
  db: Db,
  scope: TenantScope,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  const opening: Opening = { scope, withCommit: [] };
  return openingScope.run(opening, () =>
    db.transaction().execute((trx) => {
      opening.trx = trx;
      return work(trx);
    }),
  );
}

/** Narrows (or widens) the scope of the running transaction. */
export async function setScope(trx: Trx, scope: TenantScope): Promise<void> {
  const [municipality, teams, organisation, glass, resident] = scopeSettings(scope).map(
    ([, value]) => value,
  );
  await sql`select set_config('app.municipality_id', ${municipality}, true),
                   set_config('app.team_ids', ${teams}, true),
                   set_config('app.organisation_id', ${organisation}, true),
                   set_config('app.glass_household_ids', ${glass}, true),
                   set_config('app.resident_household_id', ${resident}, true)`.execute(trx);
}
