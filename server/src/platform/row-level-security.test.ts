// Tenancy is enforced a second time by PostgreSQL itself: these tests talk to the database as the
// app role, without the app's queries in between.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDemoEnv, type TestEnv } from '../../test/harness.js';
import { createMunicipality } from '../../test/factories.js';
import { inTenant } from './db.js';

let env: TestEnv;
let maastrichtId: string;
let haarlemId: string;

beforeAll(async () => {
  env = await createDemoEnv();
  const { rows } = await sql<{
    id: string;
  }>`select id from municipalities where code = 'GM0935'`.execute(env.owner);
  maastrichtId = rows[0]?.id ?? '';
  haarlemId = (await createMunicipality(env.owner)).municipalityId;
});

const TENANT_TABLES = [
  'municipalities',
  'districts',
  'neighbourhoods',
  'teams',
  'team_neighbourhoods',
  'organisations',
  'staff',
  'staff_teams',
  'sessions',
  'audit_events',
  'postcode_neighbourhoods',
  'households',
  'residents',
  'trajectories',
  'registrations',
  'referrals',
  'signal_imports',
  'signals',
];

describe('row-level security, as the app role', () => {
  it('connects as a role that owns nothing, is no superuser and cannot bypass RLS', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
      select r.rolsuper, r.rolbypassrls,
        (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = current_user`.execute(env.db);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('can run only the SECURITY DEFINER functions that are meant for it', async () => {
    // Each runs as the owner, past row-level security: a new one must be added here on purpose.
    const { rows } = await sql<{ proname: string }>`
      select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef
        and has_function_privilege(current_user, p.oid, 'execute')
      order by 1`.execute(env.db);
    expect(rows.map((r) => r.proname)).toEqual([
      'answer_referral', // a partner answers a referral it can no longer see once answered
      'assessment_scores_copy', // trigger: keeps the scores copy on each measurement
      'audit_list_rows_naming', // the lists' audit rows naming a resident, by their GIN index
      'auth_account_for_login', // sign-in: the account by e-mail, before a tenant is known
      'auth_identity_providers', // sign-in page: which identity providers to offer
      'auth_invitation', // a resident's invitation code
      'auth_request', // the session check of every request
      'auth_resident_for_login', // a resident's sign-in
      'auth_sign_in_challenge', // the second step of a sign-in
      'erase_trail_texts', // an erasure empties the words in the append-only trails
      'privacy_municipality_ids', // the retention job's round of municipalities
      'resident_bsn_known', // is this BSN already registered (hash only)
      'resident_ids_of_referral', // a referral's residents, for the audit row of a partner's read
      'touch_session', // keeps a session in use alive
      'volunteer_tasks', // a volunteer's own tasks
    ]);
  });

  it('has FORCE ROW LEVEL SECURITY on every tenant table', async () => {
    const { rows } = await sql<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>`
      select relname, relrowsecurity, relforcerowsecurity from pg_class
      where relname = any(${TENANT_TABLES}) and relkind = 'r'`.execute(env.db);
    expect(rows).toHaveLength(TENANT_TABLES.length);
    for (const row of rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('has FORCE ROW LEVEL SECURITY on every table with a municipality_id, including new ones', async () => {
    const { rows } = await sql<{ table_name: string; forced: boolean }>`
      select c.table_name, k.relforcerowsecurity as forced
      from information_schema.columns c
      join pg_class k on k.relname = c.table_name and k.relkind = 'r'
      where c.table_schema = 'public' and c.column_name = 'municipality_id'`.execute(env.owner);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.forced).map((r) => r.table_name)).toEqual([]);
  });

  it('sees no rows at all without a tenant context', async () => {
    for (const table of TENANT_TABLES) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(env.db);
      expect(rows[0]?.n, table).toBe(0);
    }
    // ...while the owner sees that the rows are there.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from staff`.execute(
      env.owner,
    );
    expect(rows[0]?.n).toBeGreaterThan(10);
  });

  it("sees only its own municipality's rows with a tenant context", async () => {
    const names = await inTenant(env.db, { municipalityId: haarlemId, teamIds: [] }, (trx) =>
      trx.selectFrom('teams').select('name').execute(),
    );
    expect(names.map((t) => t.name)).toEqual(['Buurtteam Test']);
  });

  it('cannot change or insert rows of another municipality, even by naming them', async () => {
    const changed = await inTenant(env.db, { municipalityId: haarlemId, teamIds: [] }, (trx) =>
      trx
        .updateTable('teams')
        .set({ name: 'Gekaapt' })
        .where('municipality_id', '=', maastrichtId)
        .executeTakeFirst(),
    );
    expect(changed.numUpdatedRows).toBe(0n);
    await expect(
      inTenant(env.db, { municipalityId: haarlemId, teamIds: [] }, (trx) =>
        trx
          .insertInto('organisations')
          .values({
            municipality_id: maastrichtId,
            id: '01900000-0000-7000-8000-000000000001',
            name: 'Ingeschoven',
            contact_name: 'X',
            contact_email: 'x@x.demo',
            contact_phone: '',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from teams where name = 'Gekaapt'`.execute(env.owner);
    expect(rows[0]?.n).toBe(0);
  });

  it("sees only its own team's case data inside its municipality", async () => {
    const teams = await sql<{ id: string; name: string }>`select id, name from teams
      where municipality_id = ${maastrichtId}::uuid order by name`.execute(env.owner);
    const noordwest = teams.rows.find((t) => t.name === 'Sociaal Team Noordwest')?.id ?? '';
    const oost = teams.rows.find((t) => t.name === 'Sociaal Team Oost')?.id ?? '';
    const seen = async (teamIds: string[]) =>
      inTenant(env.db, { municipalityId: maastrichtId, teamIds }, async (trx) => ({
        households: await trx.selectFrom('households').select('team_id').execute(),
        residents: await trx.selectFrom('residents').select('id').execute(),
        signals: await trx.selectFrom('signals').select('team_id').execute(),
      }));
    const ofNoordwest = await seen([noordwest]);
    expect(ofNoordwest.households.length).toBeGreaterThan(0);
    expect(ofNoordwest.households.every((h) => h.team_id === noordwest)).toBe(true);
    expect(ofNoordwest.signals.every((s) => s.team_id === noordwest)).toBe(true);
    const ofOost = await seen([oost]);
    expect(ofOost.households.every((h) => h.team_id === oost)).toBe(true);
    // Residents follow their household: none of Noordwest's residents is visible to Oost.
    const oostResidents = new Set(ofOost.residents.map((r) => r.id));
    expect(ofNoordwest.residents.some((r) => oostResidents.has(r.id))).toBe(false);
    const ofNoTeam = await seen([]);
    expect(ofNoTeam).toEqual({ households: [], residents: [], signals: [] });
  });

  it('cannot update or delete audit rows (append-only)', async () => {
    const scope = { municipalityId: maastrichtId, teamIds: [] };
    await expect(
      inTenant(env.db, scope, (trx) =>
        trx.updateTable('audit_events').set({ result: 'success' }).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inTenant(env.db, scope, (trx) => trx.deleteFrom('audit_events').execute()),
    ).rejects.toThrow(/permission denied/);
  });

  it('cannot read password hashes', async () => {
    await expect(
      inTenant(env.db, { municipalityId: maastrichtId, teamIds: [] }, (trx) =>
        trx.selectFrom('credentials').select('password_hash').execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('does not carry a tenant context from one transaction into the next on the same pool', async () => {
    await inTenant(env.db, { municipalityId: maastrichtId, teamIds: [] }, (trx) =>
      trx.selectFrom('teams').select('id').execute(),
    );
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from teams`.execute(env.db);
    expect(rows[0]?.n).toBe(0);
  });
});
