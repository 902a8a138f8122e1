// One entry point: households and residents, registrations with first contact and triage,
// the trajectory that triage opens, referrals, partner signals and the postcode-to-buurt table.
// Case data is scoped to teams by row-level security as well as to the municipality.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The caller's teams, set per transaction beside the municipality ('' = none).
    create function app_current_team_ids() returns uuid[]
      language sql stable
      as $$ select coalesce(string_to_array(nullif(current_setting('app.team_ids', true), ''), ',')::uuid[], '{}') $$;

    -- Loaded by the admin from a CSV (postcode,houseNumberFrom,houseNumberTo,neighbourhoodCode).
    create table postcode_neighbourhoods (
      municipality_id uuid not null references municipalities (id),
      postcode text not null check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
      house_number_from integer not null default 1,
      house_number_to integer not null default 99999,
      neighbourhood_code text not null,
      primary key (municipality_id, postcode, house_number_from),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );

    create table households (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      team_id uuid not null,
      postcode text check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
      house_number integer check (house_number between 1 and 99999),
      house_letter text check (house_letter ~ '^[A-Za-z]$'),
      house_number_addition text check (length(house_number_addition) <= 4),
      street text,
      city text,
      neighbourhood_code text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );
    create index households_by_team on households (municipality_id, team_id);
    create index households_by_address on households (municipality_id, postcode, house_number);

    -- The BSN is kept only as a keyed hash (to recognise a person) and a masked form (to show
    -- that one is known): the full number is never stored, shown in lists or logged.
    create table residents (
      municipality_id uuid not null,
      id uuid not null,
      household_id uuid not null,
      given_name text not null check (length(given_name) between 1 and 100),
      family_name text not null check (length(family_name) between 1 and 100),
      birth_date date,
      bsn_hash text,
      bsn_masked text,
      phone text,
      email text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id)
    );
    create index residents_by_household on residents (municipality_id, household_id);
    create unique index residents_bsn on residents (municipality_id, bsn_hash) where bsn_hash is not null;
    create index residents_by_name on residents (municipality_id, lower(family_name), birth_date);

    create table trajectories (
      municipality_id uuid not null,
      id uuid not null,
      household_id uuid not null,
      team_id uuid not null,
      coordinator_id uuid not null,
      status text not null default 'open' check (status in ('open', 'follow_up', 'aftercare', 'closed')),
      scale_level text not null default 'team' check (scale_level in ('informal', 'team', 'specialist_task', 'handed_over')),
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      registration_id uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, coordinator_id) references staff (municipality_id, id)
    );
    -- 1 gezin, 1 plan, 1 regisseur: one trajectory at a time per household.
    create unique index trajectories_one_open_per_household on trajectories (municipality_id, household_id)
      where status <> 'closed';
    create index trajectories_by_team on trajectories (municipality_id, team_id, status);
    create index trajectories_by_coordinator on trajectories (municipality_id, coordinator_id, status);

    create table registrations (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      household_id uuid,
      resident_id uuid,
      source text not null check (source in ('self', 'network', 'gp', 'housing_corporation', 'police', 'work_and_income', 'school', 'outreach', 'other')),
      received_at timestamptz not null,
      question text not null check (length(question) between 1 and 4000),
      life_domains text[] not null default '{}',
      status text not null default 'new' check (status in ('new', 'contacted', 'triaged')),
      first_contact_at timestamptz,
      first_contact_kind text check (first_contact_kind in ('home_visit', 'phone', 'office', 'other')),
      triage_outcome text check (triage_outcome in ('advice_only', 'single_problem', 'multiple_problems', 'youth_family', 'out_of_scope')),
      triage_note text,
      triage_reason text,
      referred_to text,
      triaged_at timestamptz,
      triaged_by uuid,
      trajectory_id uuid,
      signal_id uuid,
      created_by uuid not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id),
      check (first_contact_at is null or first_contact_at >= received_at - interval '1 minute')
    );
    create index registrations_waiting on registrations (municipality_id, team_id, received_at) where status = 'new';
    create index registrations_by_team on registrations (municipality_id, team_id, received_at);

    create table referrals (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      registration_id uuid,
      household_id uuid,
      kind text not null check (kind in ('volunteer', 'collective', 'specialist', 'youth_family_team', 'warm_referral')),
      referred_to text not null,
      note text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, registration_id) references registrations (municipality_id, id)
    );

    create table signal_imports (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      imported_by uuid not null,
      file_sha256 text not null,
      lines integer not null,
      imported integer not null,
      duplicates integer not null,
      rejected integer not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id)
    );

    create table signals (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      import_id uuid,
      kind text not null check (kind in ('rent_arrears', 'energy_debt', 'water_debt', 'health_insurance_debt', 'confused_behaviour', 'gp_signal')),
      reference text not null,
      received_at timestamptz not null,
      postcode text not null,
      house_number integer not null,
      house_letter text,
      house_number_addition text,
      family_name text,
      amount_cents bigint,
      note text,
      household_id uuid,
      neighbourhood_code text,
      status text not null default 'open' check (status in ('open', 'reached_support_started', 'reached_no_help_needed', 'not_reached', 'refused')),
      outreach_at timestamptz,
      outreach_by uuid,
      registration_id uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id)
    );
    -- A partner's reference is unique per kind: importing the same list twice adds nothing.
    create unique index signals_dedupe on signals (municipality_id, kind, reference);
    create index signals_outreach on signals (municipality_id, team_id, status, received_at);
  `.execute(db);

  // Tenant isolation for the municipality-wide table.
  await sql`
    alter table postcode_neighbourhoods enable row level security;
    alter table postcode_neighbourhoods force row level security;
    create policy tenant_isolation on postcode_neighbourhoods
      using (municipality_id = app_current_municipality())
      with check (municipality_id = app_current_municipality());
  `.execute(db);

  // Case data: the municipality and one of the caller's teams.
  for (const table of [
    'households',
    'trajectories',
    'registrations',
    'referrals',
    'signal_imports',
    'signals',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  // Residents follow their household: visible exactly when the household is.
  await sql`
    alter table residents enable row level security;
    alter table residents force row level security;
    create policy team_isolation on residents
      using (municipality_id = app_current_municipality() and exists (
        select 1 from households h where h.municipality_id = residents.municipality_id and h.id = residents.household_id))
      with check (municipality_id = app_current_municipality() and exists (
        select 1 from households h where h.municipality_id = residents.municipality_id and h.id = residents.household_id));

    -- One household, one plan, one coordinator: a BSN already known to another team of the
    -- municipality must be noticed, without showing that team's record.
    create policy owner_lookup on households to current_user using (true);
    create policy owner_lookup on residents to current_user using (true);
    create function resident_bsn_known(p_bsn_hash text) returns boolean
      language sql stable security definer set search_path = public, pg_temp
      as $fn$
        select exists (select 1 from residents
          where municipality_id = app_current_municipality() and bsn_hash = p_bsn_hash)
      $fn$;
    revoke all on function resident_bsn_known(text) from public;
    grant execute on function resident_bsn_known(text) to samenkracht_app;

    grant select, insert, delete on postcode_neighbourhoods to samenkracht_app;
    grant select, insert, update on households, residents, trajectories, registrations, signals to samenkracht_app;
    grant select, insert on referrals, signal_imports to samenkracht_app;
  `.execute(db);
}
