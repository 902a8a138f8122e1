// The audit rows that name a resident in a list (`resident_ids`, migration 20261125T1700), found
// through the GIN index also under row-level security.
//
// Why: a query's own conditions may only be used as index conditions before the policies' when
// their operators are leakproof, and the array operators (`@>`, `&&`) are not. So for the app role
// "resident_id = X or resident_ids @> array[X]" scanned the whole trail: the right of access of
// one resident took 0.6-1.2 s on the large bench city, against 16 ms as the owner. This function
// runs as the owner (no policies, so the GIN index is used) and answers only ids of the caller's
// municipality; the reader then asks `id = any(...)`, whose uuid equality is leakproof, so the
// primary key serves it beside the by-resident index (a BitmapOr), and every policy still applies
// to the rows read.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_list_rows_naming(p_resident_id uuid) returns uuid[]
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select coalesce(array_agg(e.id), '{}') from audit_events e
        where e.municipality_id = app_current_municipality()
          and e.resident_ids @> array[p_resident_id]
      $$;
    revoke all on function audit_list_rows_naming(uuid) from public;
    grant execute on function audit_list_rows_naming(uuid) to samenkracht_app;
  `.execute(db);
}
