// The two things createDb adds to Kysely for speed must not change what a transaction sees: the
// tenant scope set together with `begin`, and statements prepared once per connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { createDb, inTenant, setScope, type Db, type ExecutedQuery } from './db.js';

let env: TestEnv;
let recorded: ExecutedQuery[];
let db: Db;

beforeAll(async () => {
  env = await createTestEnv();
  recorded = [];
  // One connection, so that "prepared on this connection" is about the statements run here.
  db = createDb(env.appUrl, 1, { onQuery: (query) => recorded.push(query) });
});

afterAll(async () => {
  await db.destroy();
});

const settingsIn = (trx: Parameters<Parameters<typeof inTenant>[2]>[0]) =>
  sql<{
    municipality: string;
    teams: string;
    organisation: string;
    glass: string;
    resident: string;
  }>`select current_setting('app.municipality_id', true) as municipality,
            current_setting('app.team_ids', true) as teams,
            current_setting('app.organisation_id', true) as organisation,
            current_setting('app.glass_household_ids', true) as glass,
            current_setting('app.resident_household_id', true) as resident`
    .execute(trx)
    .then((r) => r.rows[0]);

describe('the tenant transaction', () => {
  it('sets the whole scope in the same message as begin, and only for that transaction', async () => {
    recorded.length = 0;
    const inside = await inTenant(
      db,
      {
        municipalityId: '00000000-0000-7000-8000-000000000001',
        teamIds: ['00000000-0000-7000-8000-00000000000a', '00000000-0000-7000-8000-00000000000b'],
        // Not an id: quoting must hold whatever the value is.
        organisationId: "o'reilly; drop table teams; --",
        glass: {
          householdIds: ['00000000-0000-7000-8000-0000000000c1'],
          teamIds: ['00000000-0000-7000-8000-00000000000b'],
        },
      },
      settingsIn,
    );
    expect(inside).toEqual({
      municipality: '00000000-0000-7000-8000-000000000001',
      // A team that is there only for a break-the-glass grant is not a team of the caller.
      teams: '00000000-0000-7000-8000-00000000000a',
      organisation: "o'reilly; drop table teams; --",
      glass: '00000000-0000-7000-8000-0000000000c1',
      resident: '',
    });
    // begin+scope, the select, commit: three statements, no separate set_config.
    expect(recorded.map((q) => q.sql.trim().split(/\s+/)[0]?.toLowerCase())).toEqual([
      'begin;',
      'select',
      'commit',
    ]);
    const after = await sql<{
      municipality: string | null;
    }>`select nullif(current_setting('app.municipality_id', true), '') as municipality`.execute(db);
    expect(after.rows[0]?.municipality ?? null).toBeNull();
    // The quoted value stayed a value: the table it names is still there.
    const table = await sql<{
      exists: boolean;
    }>`select to_regclass('public.teams') is not null as exists`.execute(env.owner);
    expect(table.rows[0]?.exists).toBe(true);
  });

  it('gives a nested transaction its own scope and lets setScope narrow the running one', async () => {
    // env.db has a pool of several connections: the inner transaction runs on another one.
    const seen = await inTenant(
      env.db,
      { municipalityId: '00000000-0000-7000-8000-000000000002', teamIds: [] },
      async (trx) => {
        const inner = await inTenant(
          env.db,
          { municipalityId: '00000000-0000-7000-8000-000000000005', teamIds: [] },
          settingsIn,
        );
        const before = await settingsIn(trx);
        await setScope(trx, {
          municipalityId: '00000000-0000-7000-8000-000000000002',
          teamIds: ['00000000-0000-7000-8000-00000000000d'],
        });
        const narrowed = await settingsIn(trx);
        return { inner, before, narrowed };
      },
    );
    expect(seen.inner?.municipality).toBe('00000000-0000-7000-8000-000000000005');
    expect(seen.before).toMatchObject({
      municipality: '00000000-0000-7000-8000-000000000002',
      teams: '',
    });
    expect(seen.narrowed?.teams).toBe('00000000-0000-7000-8000-00000000000d');
  });

  it('plans a report for its actual values when asked, and only that transaction', async () => {
    const mode = (trx: Parameters<Parameters<typeof inTenant>[2]>[0]) =>
      sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`
        .execute(trx)
        .then((r) => r.rows[0]?.mode);
    const scope = { municipalityId: '00000000-0000-7000-8000-000000000006', teamIds: [] };
    expect(await inTenant(db, { ...scope, customPlans: true }, mode)).toBe('force_custom_plan');
    expect(await inTenant(db, scope, mode)).toBe('auto');
  });

  it('rolls back and begins clean after a failed transaction', async () => {
    await expect(
      inTenant(db, { municipalityId: '00000000-0000-7000-8000-000000000003', teamIds: [] }, () =>
        Promise.reject(new Error('work failed')),
      ),
    ).rejects.toThrow('work failed');
    const next = await inTenant(
      db,
      { municipalityId: '00000000-0000-7000-8000-000000000004', teamIds: [] },
      settingsIn,
    );
    expect(next?.municipality).toBe('00000000-0000-7000-8000-000000000004');
  });
});

describe('prepared statements', () => {
  it('prepares a statement with parameters once on the connection and reuses it', async () => {
    const run = (n: number) =>
      sql<{ n: number }>`select ${n}::int + 1 as n`.execute(db).then((r) => r.rows[0]?.n);
    expect(await run(1)).toBe(2);
    expect(await run(41)).toBe(42);
    const prepared = await sql<{
      name: string;
      statement: string;
    }>`select name, statement from pg_prepared_statements where statement like 'select $1::int + 1%'`.execute(
      db,
    );
    // One connection, one name for the text, whatever the values were.
    expect(prepared.rows).toHaveLength(1);
    expect(prepared.rows[0]?.name).toMatch(/^sk_/);
  });
});
