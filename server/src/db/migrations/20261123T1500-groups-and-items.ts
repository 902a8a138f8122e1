// Collective support the team runs itself: groups (a coffee morning, the administration class)
// with sessions, participants from the team's trajectories, attendance and waiting places; and a
// pool of shared items (mobility scooters) with loans that never overlap for one item.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table groups (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      team_id uuid not null,
      kind text not null check (kind in ('coffee_morning', 'administration_class', 'course', 'activity', 'other')),
      name text not null check (length(name) between 1 and 200),
      description text not null default '',
      life_domains text[] not null default '{}',
      neighbourhood_code text,
      capacity integer not null check (capacity between 1 and 1000),
      active boolean not null default true,
      version integer not null default 1,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );
    create unique index groups_name on groups (municipality_id, team_id, lower(name));

    create table group_sessions (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      group_id uuid not null,
      starts_at timestamptz not null,
      ends_at timestamptz,
      place text not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, group_id) references groups (municipality_id, id),
      check (ends_at is null or ends_at > starts_at)
    );
    create index group_sessions_by_group on group_sessions (municipality_id, group_id, starts_at);

    -- A participant takes a place, or waits for one (first come, first served: waiting_since).
    create table group_participants (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      group_id uuid not null,
      trajectory_id uuid not null,
      resident_id uuid not null,
      -- The plan action that points to the group (plan actions keep their id across versions).
      action_id uuid,
      status text not null check (status in ('participant', 'waiting', 'left')),
      waiting_since timestamptz,
      joined_at timestamptz,
      left_at timestamptz,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, group_id) references groups (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id)
    );
    create unique index group_participants_once on group_participants (municipality_id, group_id, resident_id)
      where status <> 'left';
    create index group_participants_by_group on group_participants (municipality_id, group_id, status, waiting_since);

    create table group_attendance (
      municipality_id uuid not null,
      team_id uuid not null,
      session_id uuid not null,
      participant_id uuid not null,
      present boolean not null,
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (municipality_id, session_id, participant_id),
      foreign key (municipality_id, session_id) references group_sessions (municipality_id, id),
      foreign key (municipality_id, participant_id) references group_participants (municipality_id, id)
    );

    create table shared_items (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      team_id uuid not null,
      kind text not null check (kind in ('mobility_scooter', 'wheelchair', 'walker', 'tools', 'other')),
      name text not null check (length(name) between 1 and 200),
      description text not null default '',
      neighbourhood_code text,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );
    create unique index shared_items_name on shared_items (municipality_id, team_id, lower(name));

    -- A loan runs from a day until a day (inclusive); overlap is refused in the service while the
    -- item's row is locked, so two workers lending the same scooter at once cannot both succeed.
    create table item_loans (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      item_id uuid not null,
      trajectory_id uuid not null,
      resident_id uuid not null,
      from_date date not null,
      until_date date not null,
      returned_on date,
      note text not null default '',
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, item_id) references shared_items (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id),
      check (until_date >= from_date),
      check (returned_on is null or returned_on >= from_date)
    );
    create index item_loans_by_item on item_loans (municipality_id, item_id, from_date);

    -- Following up a volunteer match: when it ended (the monitor counts matches active in a period).
    alter table volunteer_matches add column ended_at timestamptz;
  `.execute(db);

  for (const table of [
    'groups',
    'group_sessions',
    'group_participants',
    'group_attendance',
    'shared_items',
    'item_loans',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = (select app_current_municipality()) and team_id = any ((select app_current_team_ids())::uuid[]))
        with check (municipality_id = (select app_current_municipality()) and team_id = any ((select app_current_team_ids())::uuid[]));
      grant select, insert, update on ${sql.table(table)} to samenkracht_app;
    `.execute(db);
  }
}
