// The privacy officer's alerts read staff access to residents per person, file, Amsterdam day and
// hour. They used to compute that from the whole audit trail of the period on every request: a
// month of a large city is millions of reads, the time-zone conversion and the grouping ran over
// each one, and the page took seconds that grew with the trail (bench/README.md, session 9).
//
// A closed day's reads no longer change, so they are grouped once: audit_reads_by_hour holds, per
// staff member, resident, Amsterdam day and hour, how many reads there were and the first and last;
// audit_read_days says which days are grouped. The alerts group the days they need that are not
// grouped yet (on request, and the daily job does it ahead), and read only the open days (today)
// from the trail itself. Hours, not a yes/no for "outside office hours": the municipality may
// change its office hours, and the alerts then apply the new ones to the old days.
//
// The rows are about residents (who read whose file when), like the trail they come from: the
// same row-level security, in a resident's export (privacy.service.ts), never changed by the app
// once written.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_read_days (
      municipality_id uuid not null,
      day date not null,
      grouped_at timestamptz not null default now(),
      primary key (municipality_id, day)
    );

    create table audit_reads_by_hour (
      municipality_id uuid not null,
      day date not null,
      hour smallint not null check (hour between 0 and 23),
      actor_id uuid not null,
      actor_role text not null,
      resident_id uuid not null,
      reads integer not null check (reads > 0),
      first_at timestamptz not null,
      last_at timestamptz not null
    );
    -- No key and no reference to audit_read_days: one statement writes a day's rows, grouped, right
    -- after claiming its mark, and each checked key cost as much as the grouping (bench, session 9).
    create index audit_reads_by_hour_day on audit_reads_by_hour (municipality_id, day);
    -- A resident's export (privacy.service.ts) finds their rows by this one.
    create index audit_reads_by_hour_resident on audit_reads_by_hour (municipality_id, resident_id);
  `.execute(db);
  for (const table of ['audit_read_days', 'audit_reads_by_hour']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality())
        with check (municipality_id = app_current_municipality());
      grant select, insert on ${sql.table(table)} to samenkracht_app;
    `.execute(db);
  }
}
