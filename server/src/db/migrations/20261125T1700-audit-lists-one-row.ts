// An audit event that names several residents (a list, a search, a household's members in one
// action) is one row with their ids in `resident_ids`, instead of one row per resident.
//
// Why: since session 17 every list names the residents it shows, so that each resident's access
// log shows it. Written as a row per resident, the worker's home page (the outreach list of 100
// signals names about 60 residents) wrote some 60 heap rows and 240 index entries per request,
// about 42 KB of WAL, and the random inserts into the by-resident index dominated the database's
// work: the same page with one row an event served 1.4-2 times as many requests (bench/README.md,
// session 20). The event is one fact; its residents are a property of it.
//
// The rule for each row: either `resident_id` (none or one resident) or `resident_ids` (two or
// more, then `resident_id` is null). Readers ask "does this row name the resident" as
// `resident_id = X or resident_ids @> array[X]` (`namesResident` in platform/audit.ts): the
// by-resident btree answers the first, a GIN index the second. Older rows, written one per
// resident, stay as they are: they read the same.
//
// The resident's access log in the portal reads rows naming their household's members (policy
// below); it never selects `resident_ids`, so a list row does not show the resident which other
// residents the same list named (portal.service.ts and the right-of-access export select their
// columns by name).
//
// Safe while servers of the previous version still run (a rolling deploy): they keep writing a
// row per resident, which every reader here reads as before.
import { sql, type Kysely } from 'kysely';

const noResidentScope = sql`(select app_resident_household() is null)`;
const residentHousehold = sql`(select app_resident_household())`;
const currentMunicipality = sql`(select app_current_municipality())`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_events add column resident_ids uuid[],
      add constraint audit_events_one_or_many_residents
        check (resident_ids is null or (resident_id is null and cardinality(resident_ids) > 1));
    -- Only list rows are in it (partial): single rows keep the btree audit_events_by_resident.
    -- A GIN index takes an insert into its pending list, merged later by autovacuum, so a list's
    -- 60 residents cost one index entry now, not 60 random btree inserts.
    create index audit_events_by_named_residents on audit_events using gin (resident_ids)
      where resident_ids is not null;
  `.execute(db);

  // The resident reads the rows that name a member of their household, single or in a list.
  const members = sql`select r.id from residents r where r.municipality_id = ${currentMunicipality}
      and r.household_id = ${residentHousehold}`;
  await sql`
    alter policy resident_household on audit_events
      using (${noResidentScope} or resident_id in (${members})
             or resident_ids && array(${members}))
  `.execute(db);

  // Erasing a household blanks the reasons of the trail rows naming its members (migration
  // 20261125T1030), list rows included: a search's terms name the person searched for. The body
  // is that migration's, with the list rows added.
  await sql`
    create or replace function erase_trail_texts(p_household_id uuid) returns void
      language plpgsql security definer set search_path = public, pg_temp
      as $fn$
      declare
        m uuid := app_current_municipality();
        members uuid[];
      begin
        if m is null or not exists (
          select 1 from households h
          where h.municipality_id = m and h.id = p_household_id and h.erased_at is not null
        ) then
          raise exception 'erase_trail_texts: not an erased household of this municipality'
            using errcode = '42501';
        end if;
        members := array(select r.id from residents r
                         where r.municipality_id = m and r.household_id = p_household_id);
        update audit_events e set reason = 'Gewist'
          where e.municipality_id = m and e.reason is not null and e.reason <> 'Gewist'
            and e.resident_id = any(members);
        update audit_events e set reason = 'Gewist'
          where e.municipality_id = m and e.reason is not null and e.reason <> 'Gewist'
            and e.resident_ids && members;
        update privacy_alert_reviews v set note = 'Gewist'
          where v.municipality_id = m and v.note <> 'Gewist'
            and v.alert_key in (select 'glass:' || g.id from break_glass_grants g
                                where g.municipality_id = m and g.household_id = p_household_id);
        update break_glass_grants g set reason = 'Gewist bij het wissen van het dossier'
          where g.municipality_id = m and g.household_id = p_household_id
            and g.reason <> 'Gewist bij het wissen van het dossier';
      end
      $fn$;
  `.execute(db);
}
