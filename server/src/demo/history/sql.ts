// Bulk writing for the generator: one `INSERT ... SELECT FROM unnest(...)` per batch (one array
// parameter per column, so a batch of thousands of rows is one statement with a handful of
// parameters), inside transactions that carry the tenant scope like the app's own (inTenant).
import type pg from 'pg';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export type ColumnType =
  | 'uuid'
  | 'text'
  | 'integer'
  | 'bigint'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'jsonb'
  | 'text[]';

export interface Column {
  name: string;
  type: ColumnType;
}

export type Value = string | number | boolean | Date | null | readonly string[];

/** Rows per statement: large enough to amortise the round trip, small enough to stay in memory. */
export const BATCH_ROWS = 5000;

export interface Scope {
  municipalityId: string;
  teamIds: readonly string[];
}

/** What the writer needs of a connection: one parameterised statement at a time. */
export interface Executor {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Where the generator writes: a pg pool (the benchmarks) or the app's Kysely database (the demo).
 * `scoped` runs `work` in one transaction with app.municipality_id and app.team_ids set, as the
 * app's own inTenant does, so that row-level security applies to the generator's rows too.
 */
export interface Target {
  scoped<T>(scope: Scope, work: (client: Executor) => Promise<T>): Promise<T>;
}

const setScope = `select set_config('app.municipality_id', $1, true), set_config('app.team_ids', $2, true)`;

/** A Target over a pg pool (one client per transaction). */
export function poolTarget(pool: pg.Pool): Target {
  return {
    async scoped(scope, work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(setScope, [scope.municipalityId, scope.teamIds.join(',')]);
        const result = await work(client);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** An Executor over a transaction of the app's Kysely database. */
export function kyselyExecutor(trx: Transaction<Database>): Executor {
  return { query: (text, values = []) => trx.executeQuery(CompiledQuery.raw(text, values)) };
}

/** A Target over the app's Kysely database (the demo seed writes its history through this). */
export function kyselyTarget(db: Kysely<Database>): Target {
  return {
    scoped: (scope, work) =>
      db.transaction().execute(async (trx) => {
        const client = kyselyExecutor(trx);
        await client.query(setScope, [scope.municipalityId, scope.teamIds.join(',')]);
        return work(client);
      }),
  };
}

/** Runs `work` in one transaction with the tenant scope set (see Target). */
export function inScope<T>(
  target: Target,
  scope: Scope,
  work: (client: Executor) => Promise<T>,
): Promise<T> {
  return target.scoped(scope, work);
}

const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** Inserts `rows` (values in the order of `columns`) in batches of BATCH_ROWS. */
export async function insertRows(
  client: Executor,
  table: string,
  columns: readonly Column[],
  rows: readonly (readonly Value[])[],
): Promise<void> {
  const names = columns.map((c) => c.name).join(', ');
  // text[] columns travel as text (an array literal) and are cast back per row: unnest of a
  // two-dimensional array would flatten it.
  const params = columns.map((c, i) => `$${i + 1}::${c.type === 'text[]' ? 'text' : c.type}[]`);
  const selects = columns.map((c, i) => (c.type === 'text[]' ? `c${i}::text[]` : `c${i}`));
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const text = `insert into ${table} (${names}) select ${selects.join(', ')} from unnest(${params.join(', ')}) as u(${aliases})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const values = columns.map((c, i) =>
      batch.map((row) => {
        const v = row[i] ?? null;
        if (v === null) return null;
        if (c.type === 'text[]') return arrayLiteral(v as readonly string[]);
        if (v instanceof Date) return v.toISOString();
        return v;
      }),
    );
    await client.query(text, values);
  }
}

/**
 * Updates rows of `table` in batches: `update ... from unnest(...)`, matched on municipality_id
 * and the first column (the row's id); the other columns are set.
 */
export async function updateRows(
  client: Executor,
  table: string,
  municipalityId: string,
  columns: readonly Column[],
  rows: readonly (readonly Value[])[],
): Promise<void> {
  const [key, ...rest] = columns;
  if (!key || rest.length === 0) throw new Error('updateRows needs a key and a column to set');
  const params = columns.map((c, i) => `$${i + 2}::${c.type === 'text[]' ? 'text' : c.type}[]`);
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sets = rest.map(
    (c, i) => `${c.name} = u.c${i + 1}${c.type === 'text[]' ? '::text[]' : ''}`,
  );
  const text =
    `update ${table} t set ${sets.join(', ')} from unnest(${params.join(', ')}) as u(${aliases}) ` +
    `where t.municipality_id = $1 and t.${key.name} = u.c0`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const values = columns.map((c, i) =>
      batch.map((row) => {
        const v = row[i] ?? null;
        if (v === null) return null;
        if (c.type === 'text[]') return arrayLiteral(v as readonly string[]);
        if (v instanceof Date) return v.toISOString();
        return v;
      }),
    );
    await client.query(text, [municipalityId, ...values]);
  }
}
