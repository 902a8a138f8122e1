// The resident's own view: invitations (a one-time code, seven days), resident accounts and
// sessions, and what a resident says back (a wish to change the plan, a comment on an action).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resident_invitations (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      resident_id uuid not null,
      code_hash text not null unique,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (municipality_id, id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id)
    );

    create table resident_accounts (
      municipality_id uuid not null,
      resident_id uuid not null,
      team_id uuid not null,
      login_name text not null,
      password_hash text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (municipality_id, resident_id),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id)
    );
    create unique index resident_accounts_login on resident_accounts (lower(login_name));

    create table resident_sessions (
      municipality_id uuid not null,
      token_hash text not null unique,
      resident_id uuid not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      revoked_at timestamptz,
      primary key (municipality_id, token_hash),
      foreign key (municipality_id, resident_id) references residents (municipality_id, id)
    );

    create table resident_messages (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid not null,
      resident_id uuid not null,
      kind text not null check (kind in ('plan_wish', 'action_comment', 'action_done', 'action_reopened')),
      action_id uuid,
      text text not null default '',
      created_at timestamptz not null default now(),
      read_at timestamptz,
      primary key (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id)
    );
    create index resident_messages_by_trajectory on resident_messages (municipality_id, trajectory_id, created_at);

    -- A plan version can be saved by a resident (ticking off their own action).
    alter table plan_versions add column saved_by_resident boolean not null default false;
  `.execute(db);

  for (const table of ['resident_invitations', 'resident_accounts', 'resident_messages']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  await sql`
    alter table resident_sessions enable row level security;
    alter table resident_sessions force row level security;
    create policy tenant_isolation on resident_sessions
      using (municipality_id = app_current_municipality())
      with check (municipality_id = app_current_municipality());
    create policy owner_sign_in on resident_sessions to current_user using (true);
    create policy owner_sign_in on resident_accounts to current_user using (true);
    create policy owner_sign_in on resident_invitations to current_user using (true);

    -- Redeeming an invitation happens before any tenant is known, like a staff sign-in.
    create function auth_invitation(p_code_hash text)
      returns table (invitation_id uuid, municipality_id uuid, team_id uuid, resident_id uuid, expired boolean, used boolean)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select i.id, i.municipality_id, i.team_id, i.resident_id, i.expires_at < now(), i.used_at is not null
        from resident_invitations i where i.code_hash = p_code_hash
      $$;
    create function auth_resident_for_login(p_login text)
      returns table (resident_id uuid, municipality_id uuid, team_id uuid, password_hash text, active boolean)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select a.resident_id, a.municipality_id, a.team_id, a.password_hash, a.active
        from resident_accounts a where lower(a.login_name) = lower(p_login)
      $$;

    -- Sessions of staff and of residents, one function: a resident's "team" is their household's
    -- team (so row-level security lets their own case data through) and household_id says whose.
    drop function auth_session(text, integer, integer);
    create function auth_session(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer)
      returns table (staff_id uuid, municipality_id uuid, name text, role text, team_ids uuid[], csrf_token text, household_id uuid)
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      begin
        update sessions se set last_seen_at = now()
          where se.token_hash = p_token_hash and se.revoked_at is null
            and se.last_seen_at < now() - interval '15 seconds'
            and se.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and se.created_at > now() - make_interval(secs => p_absolute_seconds);
        update resident_sessions rs set last_seen_at = now()
          where rs.token_hash = p_token_hash and rs.revoked_at is null
            and rs.last_seen_at < now() - interval '15 seconds'
            and rs.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and rs.created_at > now() - make_interval(secs => p_absolute_seconds);
        return query
          select s.id, s.municipality_id, s.name, s.role,
                 coalesce(array(select st.team_id from staff_teams st
                   where st.municipality_id = s.municipality_id and st.staff_id = s.id
                   order by st.team_id), '{}'::uuid[]),
                 se.csrf_token, null::uuid
          from sessions se
          join staff s on s.municipality_id = se.municipality_id and s.id = se.staff_id
          where se.token_hash = p_token_hash and se.revoked_at is null and s.active
            and se.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and se.created_at > now() - make_interval(secs => p_absolute_seconds)
          union all
          select r.id, r.municipality_id, r.given_name || ' ' || r.family_name, 'resident',
                 array[h.team_id], rs.csrf_token, h.id
          from resident_sessions rs
          join resident_accounts a on a.municipality_id = rs.municipality_id and a.resident_id = rs.resident_id and a.active
          join residents r on r.municipality_id = rs.municipality_id and r.id = rs.resident_id
          join households h on h.municipality_id = r.municipality_id and h.id = r.household_id
          where rs.token_hash = p_token_hash and rs.revoked_at is null
            and rs.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and rs.created_at > now() - make_interval(secs => p_absolute_seconds);
      end
      $$;

    revoke all on function auth_session(text, integer, integer) from public;
    revoke all on function auth_invitation(text) from public;
    revoke all on function auth_resident_for_login(text) from public;
    grant execute on function auth_session(text, integer, integer) to samenkracht_app;
    grant execute on function auth_invitation(text) to samenkracht_app;
    grant execute on function auth_resident_for_login(text) to samenkracht_app;

    grant select, insert, update on resident_invitations, resident_sessions, resident_messages to samenkracht_app;
    grant select, insert, update on resident_accounts to samenkracht_app;
  `.execute(db);
}
