// Privacy rights: the privacy officer's duty, break-the-glass access, reviews of unusual-access
// alerts, per-municipality privacy settings (office hours, alert threshold, retention periods) and
// erasure cases (retention expiry and AVG art. 17 requests).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The privacy officer is an admin with this duty (not a role of its own): the session, the
    -- sign-in and its second factor stay those of the admin, and a municipality names who has
    -- the duty (often one or two of its admins, see docs/privacy.md).
    create table privacy_duties (
      municipality_id uuid not null,
      staff_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, staff_id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id)
    );

    -- A worker's read access to one household outside their teams, with the reason, until the
    -- end of the day. The household's team is kept as it was at that moment.
    create table break_glass_grants (
      municipality_id uuid not null,
      id uuid not null,
      staff_id uuid not null,
      household_id uuid not null,
      team_id uuid not null,
      reason text not null check (length(btrim(reason)) >= 20),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check (expires_at > created_at),
      primary key (municipality_id, id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id)
    );
    create index audit_events_by_actor on audit_events (municipality_id, actor_id, at);
    create index break_glass_active on break_glass_grants (municipality_id, staff_id, expires_at);

    -- An alert is computed from the audit trail; only its review is stored, under the alert's key.
    create table privacy_alert_reviews (
      municipality_id uuid not null,
      id uuid not null,
      alert_key text not null,
      note text not null check (length(btrim(note)) >= 1),
      reviewed_by uuid not null,
      reviewed_at timestamptz not null default now(),
      primary key (municipality_id, id),
      unique (municipality_id, alert_key)
    );

    create table privacy_settings (
      municipality_id uuid primary key references municipalities (id),
      office_hours_start smallint not null default 7 check (office_hours_start between 0 and 23),
      office_hours_end smallint not null default 19 check (office_hours_end between 1 and 24),
      many_households_threshold integer not null default 20 check (many_households_threshold > 0),
      wmo_retention_years smallint not null default 15 check (wmo_retention_years between 1 and 100),
      youth_retention_years smallint not null default 20 check (youth_retention_years between 1 and 100),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      check (office_hours_end > office_hours_start)
    );

    -- A household whose person data is erased keeps its row (ids, team, neighbourhood) so that
    -- anonymous figures stay the same; erased_at says it happened.
    alter table households add column erased_at timestamptz;

    create table erasure_cases (
      municipality_id uuid not null,
      id uuid not null,
      household_id uuid not null,
      resident_id uuid,
      source text not null check (source in ('retention', 'request')),
      status text not null default 'open' check (status in ('open', 'erased', 'refused')),
      youth boolean not null default false,
      closed_on date,
      due_on date,
      request_note text,
      legal_exception text,
      decided_by uuid,
      decided_at timestamptz,
      decision_note text,
      created_by uuid,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (municipality_id, id),
      foreign key (municipality_id, household_id) references households (municipality_id, id)
    );
    -- The daily job proposes a household once while a case for it is open.
    create unique index erasure_cases_one_open on erasure_cases (municipality_id, household_id)
      where status = 'open';

    create function app_glass_household_ids() returns uuid[]
      language sql stable
      as $$ select coalesce(string_to_array(nullif(current_setting('app.glass_household_ids', true), ''), ',')::uuid[], '{}') $$;
  `.execute(db);

  for (const table of [
    'privacy_duties',
    'break_glass_grants',
    'privacy_alert_reviews',
    'privacy_settings',
    'erasure_cases',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = (select app_current_municipality()))
        with check (municipality_id = (select app_current_municipality()));
    `.execute(db);
  }

  // Break the glass: a second, read-only (FOR SELECT) policy beside team_isolation. Policies of
  // one command are OR-ed, so a row is visible when it is in one of the caller's teams OR belongs
  // to a household named in app.glass_household_ids. Writes keep needing the team.
  await sql`
    create policy break_glass_read on households for select
      using (municipality_id = (select app_current_municipality()) and id = any ((select app_glass_household_ids())::uuid[]));
    create policy break_glass_read on trajectories for select
      using (municipality_id = (select app_current_municipality()) and household_id = any ((select app_glass_household_ids())::uuid[]));
    create policy break_glass_read on registrations for select
      using (municipality_id = (select app_current_municipality()) and household_id = any ((select app_glass_household_ids())::uuid[]));
  `.execute(db);
  for (const table of [
    'trajectory_events',
    'plan_versions',
    'plan_actions',
    'network_members',
    'contacts',
    'case_conferences',
    'assessments',
    'work_budget_requests',
  ]) {
    await sql`
      create policy break_glass_read on ${sql.table(table)} for select
        using (municipality_id = (select app_current_municipality()) and trajectory_id in (
          select t.id from trajectories t where t.municipality_id = (select app_current_municipality())
            and t.household_id = any ((select app_glass_household_ids())::uuid[])));
    `.execute(db);
  }
  await sql`
    create policy break_glass_read on assessment_scores for select
      using (municipality_id = (select app_current_municipality()) and assessment_id in (
        select a.id from assessments a join trajectories t on t.municipality_id = a.municipality_id and t.id = a.trajectory_id
        where a.municipality_id = (select app_current_municipality())
          and t.household_id = any ((select app_glass_household_ids())::uuid[])));

    grant select on privacy_duties to samenkracht_app;
    grant select, insert on break_glass_grants, privacy_alert_reviews to samenkracht_app;
    grant select, insert, update on privacy_settings, erasure_cases to samenkracht_app;
    grant execute on function app_glass_household_ids() to samenkracht_app;
    -- Erasure: what the app role may blank out (besides the case tables it already updates).
    grant update (resident_id) on assessments to samenkracht_app;
    grant delete on resident_sessions to samenkracht_app;

    -- The daily retention job runs for every municipality; it needs to know which exist (the
    -- owner's own policy, as for sign-in, in case the owner is no superuser).
    create policy owner_lookup on municipalities for select to current_user using (true);
    create function privacy_municipality_ids() returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id from municipalities $$;
    grant execute on function privacy_municipality_ids() to samenkracht_app;
  `.execute(db);

  // A resident's session sees only their own household, whatever the query: restrictive policies
  // (AND-ed with the permissive ones) on every table a portal query can reach. They bind only
  // when app.resident_household_id is set (the portal's scope); staff sessions leave it empty.
  await sql`
    create function app_resident_household() returns uuid
      language sql stable
      as $$ select nullif(current_setting('app.resident_household_id', true), '')::uuid $$;
    grant execute on function app_resident_household() to samenkracht_app;

    create policy resident_household on households as restrictive
      using ((select app_resident_household()) is null or id = (select app_resident_household()))
      with check ((select app_resident_household()) is null or id = (select app_resident_household()));
  `.execute(db);
  for (const table of ['residents', 'trajectories', 'registrations', 'referrals', 'signals']) {
    await sql`
      create policy resident_household on ${sql.table(table)} as restrictive
        using ((select app_resident_household()) is null or household_id = (select app_resident_household()))
        with check ((select app_resident_household()) is null or household_id = (select app_resident_household()));
    `.execute(db);
  }
  for (const table of [
    'trajectory_events',
    'plan_versions',
    'plan_actions',
    'network_members',
    'contacts',
    'case_conferences',
    'assessments',
    'work_budget_requests',
    'resident_messages',
    'volunteer_matches',
  ]) {
    const own = sql`(select app_resident_household()) is null or trajectory_id in (
      select t.id from trajectories t where t.municipality_id = (select app_current_municipality())
        and t.household_id = (select app_resident_household()))`;
    await sql`
      create policy resident_household on ${sql.table(table)} as restrictive
        using (${own}) with check (${own});
    `.execute(db);
  }
  for (const table of ['resident_accounts', 'resident_invitations', 'resident_offers']) {
    const own = sql`(select app_resident_household()) is null or resident_id in (
      select r.id from residents r where r.municipality_id = (select app_current_municipality())
        and r.household_id = (select app_resident_household()))`;
    await sql`
      create policy resident_household on ${sql.table(table)} as restrictive
        using (${own}) with check (${own});
    `.execute(db);
  }
  await sql`
    create policy resident_household on assessment_scores as restrictive
      using ((select app_resident_household()) is null or assessment_id in (
        select a.id from assessments a join trajectories t on t.municipality_id = a.municipality_id and t.id = a.trajectory_id
        where a.municipality_id = (select app_current_municipality()) and t.household_id = (select app_resident_household())));
    -- The access log: a resident reads only rows about the members of their household (the
    -- portal writes audit rows of its own, so only reading is restricted).
    create policy resident_household on audit_events as restrictive for select
      using ((select app_resident_household()) is null or resident_id in (
        select r.id from residents r where r.municipality_id = (select app_current_municipality())
          and r.household_id = (select app_resident_household())));
  `.execute(db);
}
