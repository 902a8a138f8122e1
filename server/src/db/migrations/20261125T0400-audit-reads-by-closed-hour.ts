// The privacy officer's alerts group closed hours of the open day too, not only closed days.
//
// Since every list names the residents it shows (one audit row each), a large city's trail grows
// by about a million rows a working day, and the alerts read the open day (today) from the trail
// itself on every request: 15.5 s on the kept bench city after a day of runs (bench/README.md,
// session 17). audit_read_hours marks the hours of an open day that are grouped into
// audit_reads_by_hour already, as audit_read_days marks whole days: the alerts then read only the
// last hour or two from the trail, and the day, once closed, groups only its hours not marked.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_read_hours (
      municipality_id uuid not null,
      day date not null,
      hour smallint not null check (hour between 0 and 23),
      grouped_at timestamptz not null default now(),
      primary key (municipality_id, day, hour)
    );
    alter table audit_read_hours enable row level security;
    alter table audit_read_hours force row level security;
    create policy tenant_isolation on audit_read_hours
      using (municipality_id = app_current_municipality())
      with check (municipality_id = app_current_municipality());
    grant select, insert on audit_read_hours to samenkracht_app;
  `.execute(db);
}
