// Collective and informal support: the social map (sociale kaart), the volunteer pool and the
// matching of a plan's request for a volunteer, and what a resident offers in return.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table social_map_entries (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      kind text not null check (kind in ('collective_provision', 'neighbourhood_initiative', 'volunteer_organisation', 'day_activity', 'partner_service')),
      name text not null check (length(name) between 1 and 200),
      offers text not null,
      for_whom text not null default '',
      neighbourhood_code text,
      life_domains text[] not null default '{}',
      when_text text not null default '',
      capacity integer check (capacity >= 0),
      contact_name text not null default '',
      contact_phone text not null default '',
      contact_email text not null default '',
      active boolean not null default true,
      version integer not null default 1,
      created_by uuid not null,
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );
    create unique index social_map_entries_name on social_map_entries (municipality_id, lower(name));
    create index social_map_entries_domains on social_map_entries using gin (life_domains);

    -- Volunteers are no residents' data: their own details, kept to what matching needs. The VOG
    -- (certificate of conduct) is recorded by date, never by content.
    create table volunteers (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      staff_id uuid,
      name text not null,
      skills text[] not null default '{}',
      neighbourhood_codes text[] not null default '{}',
      availability text[] not null default '{}',
      vog_checked_on date,
      agreements text not null default '',
      active boolean not null default true,
      version integer not null default 1,
      primary key (municipality_id, id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id)
    );
    create unique index volunteers_staff on volunteers (municipality_id, staff_id) where staff_id is not null;

    create table volunteer_matches (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      action_id uuid,
      volunteer_id uuid not null,
      status text not null default 'active' check (status in ('active', 'ended')),
      -- Only what a volunteer needs: a first name, what to do, where and when. Never the file.
      resident_first_name text not null,
      task text not null,
      where_text text not null,
      when_text text not null,
      follow_up_on date,
      outcome text,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id),
      foreign key (municipality_id, volunteer_id) references volunteers (municipality_id, id)
    );
    create index volunteer_matches_by_volunteer on volunteer_matches (municipality_id, volunteer_id, status);

    -- Wederkerigheid: what a resident can offer others.
    create table resident_offers (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      resident_id uuid not null,
      skill text not null,
      availability text[] not null default '{}',
      note text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id)
    );
  `.execute(db);

  for (const table of ['social_map_entries', 'volunteers']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality())
        with check (municipality_id = app_current_municipality());
    `.execute(db);
  }
  for (const table of ['volunteer_matches', 'resident_offers']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  await sql`
    -- A volunteer account sees its own active tasks: the minimum, through this function only.
    create policy owner_lookup on volunteer_matches to current_user using (true);
    create function volunteer_tasks(p_staff_id uuid)
      returns table (id uuid, resident_first_name text, task text, where_text text, when_text text, created_at timestamptz)
      language sql stable security definer set search_path = public, pg_temp
      as $fn$
        select m.id, m.resident_first_name, m.task, m.where_text, m.when_text, m.created_at
        from volunteer_matches m
        join volunteers v on v.municipality_id = m.municipality_id and v.id = m.volunteer_id
        where m.municipality_id = app_current_municipality() and v.staff_id = p_staff_id and m.status = 'active'
        order by m.created_at desc
      $fn$;
    revoke all on function volunteer_tasks(uuid) from public;
    grant execute on function volunteer_tasks(uuid) to samenkracht_app;

    grant select, insert, update on social_map_entries, volunteers, volunteer_matches, resident_offers to samenkracht_app;
  `.execute(db);
}
