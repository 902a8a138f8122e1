// Every column that points at a person's record has an index (migration 20261124T1300): the right
// of access, erasure and a trajectory's tabs look records up by these columns, and PostgreSQL
// checks each foreign key through them. A table added later with such a reference and no index
// fails here, naming the table and the constraint.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';

/** The tables whose rows are a person, or link one to the team's work. */
const PERSON_TABLES = [
  'residents',
  'households',
  'trajectories',
  'registrations',
  'group_participants',
];

/** Foreign keys to these tables that no index starts with (its leading columns, in any order). */
async function unindexedReferences(db: Db | Trx, tables: readonly string[]) {
  const { rows } = await sql<{ constraint: string; table: string }>`
    select c.conname as constraint, c.conrelid::regclass::text as table
    from pg_constraint c
    where c.contype = 'f'
      and c.confrelid::regclass::text = any(${tables})
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and c.conkey @> (i.indkey::int2[])[0:cardinality(c.conkey) - 1]
      )
    order by 2, 1`.execute(db);
  return rows;
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});

describe('references to a person', () => {
  it('each have an index that starts with their columns', async () => {
    expect(await unindexedReferences(env.owner, PERSON_TABLES)).toEqual([]);
  });

  it('are reported when their index is missing', async () => {
    // The check itself can fail: without one of the new indexes (dropped in a transaction that is
    // rolled back), it names that foreign key.
    const undo = new Error('undo');
    await expect(
      env.owner.transaction().execute(async (trx) => {
        await sql`drop index signals_by_household`.execute(trx);
        expect(await unindexedReferences(trx, PERSON_TABLES)).toEqual([
          { constraint: 'signals_municipality_id_household_id_fkey', table: 'signals' },
        ]);
        throw undo;
      }),
    ).rejects.toBe(undo);
    expect(await unindexedReferences(env.owner, PERSON_TABLES)).toEqual([]);
  });
});
