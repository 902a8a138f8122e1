// The trajectory and the krachtplan: versioned plans with actions and the network, the contact
// journal, case conferences, scale and status history, follow-ups, closure, and referrals with
// the resident's consent for what is shared with whom.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trajectories
      add column next_follow_up_on date,
      add column plan_version integer not null default 0,
      add column outcome text check (outcome in ('goals_achieved', 'partly_achieved', 'not_achieved', 'moved_away', 'stopped_by_resident', 'handed_over')),
      add column close_reason text,
      add column handled_without_specialist_care boolean,
      add column aftercare_until date;

    -- Who changed the coordinator, the status or the scale level, and when: the trajectory's history.
    create table trajectory_events (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      kind text not null check (kind in ('coordinator', 'status', 'scale_level', 'follow_up')),
      from_value text,
      to_value text,
      note text,
      at timestamptz not null default now(),
      by_staff_id uuid not null,
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    create index trajectory_events_by_trajectory on trajectory_events (municipality_id, trajectory_id, at);

    -- Every save of the plan is kept whole and never changed (the resident's agreement aside).
    create table plan_versions (
      municipality_id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      version integer not null check (version >= 1),
      plan jsonb not null,
      changes jsonb not null default '[]',
      saved_at timestamptz not null default now(),
      saved_by uuid not null,
      agreed_on date,
      agreement_method text check (agreement_method in ('in_person', 'signature', 'portal', 'verbal')),
      agreement_note text,
      agreement_recorded_by uuid,
      primary key (municipality_id, trajectory_id, version),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );

    -- The current plan's actions and network, typed, for due lists and the monitor.
    create table plan_actions (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      position integer not null,
      description text not null,
      owner_type text not null check (owner_type in ('resident', 'network', 'volunteer', 'collective', 'team', 'specialist')),
      owner_name text not null,
      domain text,
      due_date date,
      status text not null check (status in ('open', 'done', 'dropped')),
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    create index plan_actions_due on plan_actions (municipality_id, team_id, status, due_date);
    create index plan_actions_by_trajectory on plan_actions (municipality_id, trajectory_id);

    create table network_members (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      position integer not null,
      name text not null,
      relation text not null check (relation in ('family', 'friend', 'neighbour', 'volunteer', 'informal_carer', 'professional', 'other')),
      closeness smallint not null check (closeness between 1 and 3),
      role_in_plan text,
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    create index network_members_by_trajectory on network_members (municipality_id, trajectory_id);

    create table contacts (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      at timestamptz not null,
      kind text not null check (kind in ('home_visit', 'phone', 'office', 'video', 'message', 'case_conference', 'other')),
      note text not null,
      minutes integer check (minutes between 0 and 1440),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    create index contacts_by_trajectory on contacts (municipality_id, trajectory_id, at desc);

    create table case_conferences (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      held_on date not null,
      participants jsonb not null default '[]',
      resident_present boolean not null default false,
      question text not null,
      advice text not null default '',
      decisions text not null default '',
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );

    -- Referrals from a trajectory: a specialist flown in for a task, a hand-over, or advice on an
    -- individual Wmo provision to the back office, each with the resident's consent for what is shared.
    alter table referrals drop constraint referrals_kind_check;
    alter table referrals
      add constraint referrals_kind_check check (kind in ('volunteer', 'collective', 'specialist', 'youth_family_team', 'warm_referral', 'specialist_task', 'handover', 'wmo_advice')),
      add column trajectory_id uuid,
      add column organisation_id uuid,
      add column status text not null default 'closed' check (status in ('open', 'answered', 'closed')),
      add column consent_given_on date,
      add column consent_scope text[] not null default '{}',
      add column consent_recorded_by uuid,
      add column shared jsonb,
      add column answer text,
      add column answered_at timestamptz,
      add column wmo_provision text check (wmo_provision in ('transport', 'wheelchair', 'home_adaptation', 'other'));
    create index referrals_by_organisation on referrals (municipality_id, organisation_id, status);
  `.execute(db);

  for (const table of [
    'trajectory_events',
    'plan_versions',
    'plan_actions',
    'network_members',
    'contacts',
    'case_conferences',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  await sql`
    -- A partner organisation sees a referral addressed to it only with consent and while it is open.
    create function app_current_organisation() returns uuid
      language sql stable
      as $$ select nullif(current_setting('app.organisation_id', true), '')::uuid $$;
    create policy partner_inbox on referrals for select
      using (municipality_id = app_current_municipality() and organisation_id = app_current_organisation()
             and status = 'open' and consent_given_on is not null);
    -- Answering ends the partner's access, so the update cannot go through the partner's own
    -- (open-only) policy: this function checks the same conditions and answers as the owner.
    create function answer_referral(p_referral uuid, p_answer text) returns boolean
      language sql volatile security definer set search_path = public, pg_temp
      as $fn$
        with answered as (
          update referrals set status = 'answered', answer = p_answer, answered_at = now()
          where id = p_referral and municipality_id = app_current_municipality()
            and organisation_id = app_current_organisation() and status = 'open' and consent_given_on is not null
          returning 1)
        select exists (select 1 from answered)
      $fn$;
    revoke all on function answer_referral(uuid, text) from public;
    grant execute on function answer_referral(uuid, text) to samenkracht_app;

    -- The partner's read of a referral is audited per resident, without the partner reading residents.
    create policy owner_lookup on referrals to current_user using (true);
    create function resident_ids_of_referral(p_referral uuid) returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $fn$
        select r.id from referrals f
        join residents r on r.municipality_id = f.municipality_id and r.household_id = f.household_id
        where f.id = p_referral and f.municipality_id = app_current_municipality()
          and f.organisation_id = app_current_organisation() and f.status = 'open' and f.consent_given_on is not null
      $fn$;
    revoke all on function resident_ids_of_referral(uuid) from public;
    grant execute on function resident_ids_of_referral(uuid) to samenkracht_app;

    grant select, insert, update on trajectory_events, plan_versions, contacts, case_conferences to samenkracht_app;
    grant select, insert, update, delete on plan_actions, network_members to samenkracht_app;
    grant update on referrals to samenkracht_app;
  `.execute(db);
}
