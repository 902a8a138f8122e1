// The foundation: tenants (municipalities), their CBS areas, teams, partner organisations, staff,
// credentials, sessions, login throttling and the audit trail; row-level security on all of it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The tenant of the current request, set per transaction by the app (set_config(..., true)).
    -- Without it every policy below matches nothing: forgetting the context fails closed.
    create function app_current_municipality() returns uuid
      language sql stable
      as $$ select nullif(current_setting('app.municipality_id', true), '')::uuid $$;

    create table municipalities (
      id uuid primary key,
      code text not null unique check (code ~ '^GM[0-9]{4}$'),
      name text not null,
      created_at timestamptz not null default now()
    );

    create table districts (
      municipality_id uuid not null references municipalities (id),
      code text not null check (code ~ '^WK[0-9]{6}$'),
      name text not null,
      primary key (municipality_id, code)
    );

    create table neighbourhoods (
      municipality_id uuid not null,
      code text not null check (code ~ '^BU[0-9]{8}$'),
      name text not null,
      district_code text not null,
      primary key (municipality_id, code),
      foreign key (municipality_id, district_code) references districts (municipality_id, code)
    );

    create table teams (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      type text not null check (type in ('social', 'youth_family', 'integral')),
      working_area text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id)
    );
    create unique index teams_name_unique on teams (municipality_id, lower(name));

    create table team_neighbourhoods (
      municipality_id uuid not null,
      team_id uuid not null,
      neighbourhood_code text not null,
      primary key (municipality_id, team_id, neighbourhood_code),
      foreign key (municipality_id, team_id) references teams (municipality_id, id) on delete cascade,
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );

    create table organisations (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      name text not null check (length(name) between 1 and 200),
      contact_name text not null,
      contact_email text not null,
      contact_phone text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id)
    );
    create unique index organisations_name_unique on organisations (municipality_id, lower(name));

    create table staff (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      organisation_id uuid,
      name text not null check (length(name) between 1 and 200),
      email text not null,
      role text not null check (role in ('worker', 'team_lead', 'municipality', 'admin', 'partner', 'volunteer')),
      hours_per_week numeric(4, 1) not null default 0 check (hours_per_week between 0 and 60),
      expertise text[] not null default '{}',
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, organisation_id) references organisations (municipality_id, id)
    );
    -- E-mail is the login name, so it is unique over all tenants.
    create unique index staff_email_unique on staff (lower(email));

    create table staff_teams (
      municipality_id uuid not null,
      staff_id uuid not null,
      team_id uuid not null,
      primary key (municipality_id, staff_id, team_id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id) on delete cascade,
      foreign key (municipality_id, team_id) references teams (municipality_id, id)
    );
    create index staff_teams_by_team on staff_teams (municipality_id, team_id);

    -- Password hashes live apart from staff so the app role can set them but never read them.
    create table credentials (
      municipality_id uuid not null,
      staff_id uuid not null,
      password_hash text not null,
      updated_at timestamptz not null default now(),
      primary key (municipality_id, staff_id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id) on delete cascade
    );

    create table sessions (
      municipality_id uuid not null,
      token_hash text not null,
      staff_id uuid not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      revoked_at timestamptz,
      primary key (municipality_id, token_hash),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id) on delete cascade
    );
    create unique index sessions_token on sessions (token_hash);

    -- Failed logins, keyed by a hash of the e-mail address or the client address (no person data).
    create table login_failures (
      key_hash text not null,
      failed_at timestamptz not null default now()
    );
    create index login_failures_by_key on login_failures (key_hash, failed_at);

    -- The audit trail: data, not logging. Append-only for the app role (no UPDATE, no DELETE).
    create table audit_events (
      municipality_id uuid not null,
      id uuid not null,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_role text not null,
      on_behalf_of uuid,
      action text not null,
      object_type text not null,
      object_id text,
      resident_id uuid,
      reason text,
      result text not null check (result in ('success', 'denied', 'not_found', 'failure')),
      request_id text,
      primary key (municipality_id, id)
    );
    create index audit_events_by_resident on audit_events (municipality_id, resident_id, at);
    create index audit_events_by_time on audit_events (municipality_id, at);
  `.execute(db);

  for (const table of [
    'districts',
    'neighbourhoods',
    'teams',
    'team_neighbourhoods',
    'organisations',
    'staff',
    'staff_teams',
    'credentials',
    'sessions',
    'audit_events',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality())
        with check (municipality_id = app_current_municipality());
    `.execute(db);
  }
  await sql`
    alter table municipalities enable row level security;
    alter table municipalities force row level security;
    create policy tenant_isolation on municipalities using (id = app_current_municipality());
  `.execute(db);

  // The sign-in path must find an account before any tenant is known. Only these two narrow,
  // SECURITY DEFINER functions (run as the owner) may look across tenants, through a policy
  // that applies to the owner alone.
  for (const table of ['municipalities', 'staff', 'staff_teams', 'credentials', 'sessions']) {
    await sql`
      create policy owner_sign_in on ${sql.table(table)} to current_user using (true);
    `.execute(db);
  }
  await sql`
    create function auth_account_for_login(p_email text)
      returns table (staff_id uuid, municipality_id uuid, password_hash text, active boolean)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select s.id, s.municipality_id, c.password_hash, s.active
        from staff s join credentials c on c.municipality_id = s.municipality_id and c.staff_id = s.id
        where lower(s.email) = lower(p_email)
      $$;

    -- Finds a live session (not revoked, not idle too long, not too old) and notes that it was
    -- used. The last-seen time is written at most every 15 seconds to keep reads cheap.
    create function auth_session(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer)
      returns table (staff_id uuid, municipality_id uuid, name text, role text, team_ids uuid[], csrf_token text)
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      begin
        update sessions se set last_seen_at = now()
          where se.token_hash = p_token_hash and se.revoked_at is null
            and se.last_seen_at < now() - interval '15 seconds'
            and se.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and se.created_at > now() - make_interval(secs => p_absolute_seconds);
        return query
          select s.id, s.municipality_id, s.name, s.role,
                 coalesce(array(select st.team_id from staff_teams st
                   where st.municipality_id = s.municipality_id and st.staff_id = s.id
                   order by st.team_id), '{}'::uuid[]),
                 se.csrf_token
          from sessions se
          join staff s on s.municipality_id = se.municipality_id and s.id = se.staff_id
          where se.token_hash = p_token_hash and se.revoked_at is null and s.active
            and se.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and se.created_at > now() - make_interval(secs => p_absolute_seconds);
      end
      $$;

    revoke all on function auth_account_for_login(text) from public;
    revoke all on function auth_session(text, integer, integer) from public;
    grant execute on function auth_account_for_login(text) to samenkracht_app;
    grant execute on function auth_session(text, integer, integer) to samenkracht_app;

    grant usage on schema public to samenkracht_app;
    grant select on municipalities, districts, neighbourhoods to samenkracht_app;
    grant select, insert, update, delete on teams, team_neighbourhoods, organisations, staff, staff_teams, sessions to samenkracht_app;
    grant insert, update on credentials to samenkracht_app;
    grant select (municipality_id, staff_id) on credentials to samenkracht_app;
    grant select, insert, delete on login_failures to samenkracht_app;
    grant select, insert on audit_events to samenkracht_app;
  `.execute(db);
}
