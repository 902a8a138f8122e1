// Measurements: the Zelfredzaamheidsmatrix (ZRM) at the start, after three months and at closure,
// and Positieve Gezondheid; the municipality's choice of instrument version and its licensed
// description texts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table municipality_settings (
      municipality_id uuid primary key references municipalities (id),
      zrm_instrument text not null default 'zrm-2017' check (zrm_instrument in ('zrm-2013', 'zrm-2017')),
      positive_health_enabled boolean not null default false,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    -- The licensed texts of an instrument's levels (ZRM: GGD Amsterdam; Positieve Gezondheid: iPH),
    -- loaded by the admin from an instrument definition file. Never shipped with the product.
    create table instrument_texts (
      municipality_id uuid not null references municipalities (id),
      instrument text not null,
      definition jsonb not null,
      loaded_at timestamptz not null default now(),
      loaded_by uuid not null,
      primary key (municipality_id, instrument)
    );

    alter table trajectories add column no_closing_measurement_reason text;

    create table assessments (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      resident_id uuid,
      instrument text not null check (instrument in ('zrm-2013', 'zrm-2017', 'positive-health')),
      moment text not null check (moment in ('start', 'three_months', 'closure', 'interim')),
      taken_on date not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    -- A moment is measured once per person and instrument; interim measurements as often as useful.
    create unique index assessments_one_per_moment on assessments
      (municipality_id, trajectory_id, instrument, moment, coalesce(resident_id, '00000000-0000-0000-0000-000000000000'))
      where moment <> 'interim';
    create index assessments_by_trajectory on assessments (municipality_id, trajectory_id, taken_on);
    create index assessments_by_team on assessments (municipality_id, team_id, instrument, moment);

    create table assessment_scores (
      municipality_id uuid not null,
      team_id uuid not null,
      assessment_id uuid not null,
      domain text not null,
      -- ZRM: whole numbers 1-5; Positieve Gezondheid: 0-10 with one decimal. Null: not discussed.
      score numeric(3, 1),
      primary key (municipality_id, assessment_id, domain),
      foreign key (municipality_id, assessment_id) references assessments (municipality_id, id)
    );
  `.execute(db);

  for (const table of ['municipality_settings', 'instrument_texts']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality())
        with check (municipality_id = app_current_municipality());
    `.execute(db);
  }
  for (const table of ['assessments', 'assessment_scores']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  await sql`
    grant select, insert, update on municipality_settings to samenkracht_app;
    grant select, insert, update, delete on instrument_texts to samenkracht_app;
    grant select, insert on assessments, assessment_scores to samenkracht_app;
  `.execute(db);
}
