// The session check becomes the first statement of the request's transaction: `begin; select ...
// from auth_request(...)` goes to PostgreSQL as one message, and the same statement sets the
// tenant scope of the caller (platform/request-transaction.ts). A signed-in request then costs one
// round trip less: the check no longer runs on a connection of its own.
//
// auth_request answers what auth_session answers, but does not touch the session: an update there
// would hold the session's row lock for the whole request, and a second request of the same
// person (a browser sends several at once) would wait for the first. It says whether the session
// is due a touch instead (at most every 15 seconds, as before), and the app sends
// `select touch_session(...)` together with the request's commit, where the lock lasts only as
// long as that one message. A request with a body (whose upload may take a while) keeps the
// check outside a transaction, as before, with the touch in the same message.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function auth_request(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer)
      returns table (staff_id uuid, municipality_id uuid, name text, role text, team_ids uuid[],
                     csrf_token text, household_id uuid, glass_household_ids uuid[], glass_team_ids uuid[],
                     due_for_touch boolean)
      language plpgsql stable security definer set search_path = public, pg_temp
      as $$
      begin
        return query
          select s.id, s.municipality_id, s.name, s.role,
                 coalesce(array(select st.team_id from staff_teams st
                   where st.municipality_id = s.municipality_id and st.staff_id = s.id
                   order by st.team_id), '{}'::uuid[]),
                 se.csrf_token, null::uuid,
                 coalesce(array(select g.household_id from break_glass_grants g
                   where g.municipality_id = s.municipality_id and g.staff_id = s.id
                     and g.expires_at > now() and s.role in ('worker', 'team_lead')
                   order by g.id), '{}'::uuid[]),
                 coalesce(array(select g.team_id from break_glass_grants g
                   where g.municipality_id = s.municipality_id and g.staff_id = s.id
                     and g.expires_at > now() and s.role in ('worker', 'team_lead')
                   order by g.id), '{}'::uuid[]),
                 se.last_seen_at < now() - interval '15 seconds'
          from sessions se
          join staff s on s.municipality_id = se.municipality_id and s.id = se.staff_id
          where se.token_hash = p_token_hash and se.revoked_at is null
            and se.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and se.created_at > now() - make_interval(secs => p_absolute_seconds)
            and s.active;
        if found then return; end if;
        return query
          select r.id, r.municipality_id, r.given_name || ' ' || r.family_name, 'resident',
                 array[h.team_id], rs.csrf_token, h.id, '{}'::uuid[], '{}'::uuid[],
                 rs.last_seen_at < now() - interval '15 seconds'
          from resident_sessions rs
          join resident_accounts a on a.municipality_id = rs.municipality_id and a.resident_id = rs.resident_id and a.active
          join residents r on r.municipality_id = rs.municipality_id and r.id = rs.resident_id
          join households h on h.municipality_id = r.municipality_id and h.id = r.household_id
          where rs.token_hash = p_token_hash and rs.revoked_at is null
            and rs.last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and rs.created_at > now() - make_interval(secs => p_absolute_seconds);
      end
      $$;
    revoke all on function auth_request(text, integer, integer) from public;
    grant execute on function auth_request(text, integer, integer) to samenkracht_app;

    -- Keeps a live session in use alive (never one that has expired or was revoked), at most
    -- every 15 seconds. A token is a staff or a resident session, never both.
    create function touch_session(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer)
      returns void
      language plpgsql security definer set search_path = public, pg_temp
      as $$
      begin
        update sessions set last_seen_at = now()
          where token_hash = p_token_hash and revoked_at is null
            and last_seen_at < now() - interval '15 seconds'
            and last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and created_at > now() - make_interval(secs => p_absolute_seconds);
        if found then return; end if;
        update resident_sessions set last_seen_at = now()
          where token_hash = p_token_hash and revoked_at is null
            and last_seen_at < now() - interval '15 seconds'
            and last_seen_at > now() - make_interval(secs => p_idle_seconds)
            and created_at > now() - make_interval(secs => p_absolute_seconds);
      end
      $$;
    revoke all on function touch_session(text, integer, integer) from public;
    grant execute on function touch_session(text, integer, integer) to samenkracht_app;
  `.execute(db);
}
