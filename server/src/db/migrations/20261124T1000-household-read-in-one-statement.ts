// Opening a household in one statement (docs/adr/0005-hot-reads-in-one-statement.md). A read in
// the app is three messages to PostgreSQL (the session check with `begin`, the read, the audit rows
// with `commit`) plus the work of the framework around each; the bench showed that the same work in
// one statement, with the same session check, row-level security and audit rows, answers about
// twice as many requests (bench/README.md, session 12).
//
// open_read is the part every such read shares: the session check (auth_request), the session's
// touch, the role check and the caller's own tenant scope, which is exactly the scope the
// request's transaction gets in platform/access.ts (OWN_SCOPE). read_household is the read itself
// with its audit rows, written as households.service.ts wrote them. Both run as the caller's
// database role (security invoker), so row-level security applies as it does to every statement
// of the app.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A UUIDv7 (time-ordered, as platform/ids.ts makes them) for rows written by SQL: a random
    -- UUID with the milliseconds since 1970 in its first six bytes and the version nibble 7.
    create function new_uuidv7() returns uuid
      language sql volatile parallel safe
      as $$
        select encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                    from 1 for 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$;

    -- The caller of a read, as JSON for the app (null: no live session), with 'allowed' telling
    -- whether their role is one of p_roles. Only an allowed caller gets their scope set.
    create function open_read(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                              p_roles text[])
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        s record;
        allowed boolean;
      begin
        select * into s from auth_request(p_token_hash, p_idle_seconds, p_absolute_seconds);
        if not found then return null; end if;
        if s.due_for_touch then perform touch_session(p_token_hash, p_idle_seconds, p_absolute_seconds); end if;
        allowed := s.role = any(p_roles);
        if allowed then
          perform set_config('app.municipality_id', s.municipality_id::text, true),
                  set_config('app.team_ids', array_to_string(s.team_ids, ','), true),
                  set_config('app.organisation_id', '', true),
                  set_config('app.glass_household_ids', array_to_string(s.glass_household_ids, ','), true),
                  set_config('app.resident_household_id', coalesce(s.household_id::text, ''), true);
        end if;
        return json_build_object(
          'staffId', s.staff_id, 'municipalityId', s.municipality_id, 'name', s.name,
          'role', s.role, 'teamIds', s.team_ids, 'csrfToken', s.csrf_token,
          'householdId', s.household_id, 'glassHouseholdIds', s.glass_household_ids,
          'glassTeamIds', s.glass_team_ids, 'allowed', allowed);
      end
      $$;
    revoke all on function open_read(text, integer, integer, text[]) from public;
    grant execute on function open_read(text, integer, integer, text[]) to samenkracht_app;

    -- One household with its members, and one audit row per member ('household.read'). Answers
    -- {caller} alone when the caller may not read or the household is not in their scope.
    create function read_household(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                                   p_roles text[], p_request_id text, p_household_id uuid)
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        caller json := open_read(p_token_hash, p_idle_seconds, p_absolute_seconds, p_roles);
        found_household json;
        member_ids uuid[];
      begin
        if caller is null or not (caller->>'allowed')::boolean then
          return json_build_object('caller', caller);
        end if;
        select json_build_object(
                 'id', h.id, 'team_id', h.team_id, 'postcode', h.postcode,
                 'house_number', h.house_number, 'house_letter', h.house_letter,
                 'house_number_addition', h.house_number_addition, 'street', h.street,
                 'city', h.city, 'neighbourhood_code', h.neighbourhood_code, 'version', h.version,
                 'neighbourhood_name', n.name,
                 'open_trajectory_id', (select t.id from trajectories t
                                         where t.municipality_id = h.municipality_id
                                           and t.household_id = h.id and t.status <> 'closed' limit 1),
                 'members', coalesce(m.members, '[]'::json)),
               coalesce(m.ids, '{}')
          into found_household, member_ids
          from households h
          left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
          left join lateral (
            select json_agg(json_build_object(
                     'id', r.id, 'household_id', r.household_id, 'given_name', r.given_name,
                     'family_name', r.family_name, 'birth_date', r.birth_date,
                     'bsn_masked', r.bsn_masked) order by r.birth_date, r.given_name) as members,
                   array_agg(r.id order by r.birth_date, r.given_name) as ids
              from residents r
             where r.municipality_id = h.municipality_id and r.household_id = h.id) m on true
         where h.municipality_id = (caller->>'municipalityId')::uuid and h.id = p_household_id;
        if found_household is null then return json_build_object('caller', caller); end if;
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'household.read', 'household', p_household_id::text,
                 member_id, null, 'success', p_request_id
            from unnest(case when cardinality(member_ids) = 0 then array[null::uuid]
                             else member_ids end) as member_id;
        return json_build_object('caller', caller, 'household', found_household);
      end
      $$;
    revoke all on function read_household(text, integer, integer, text[], text, uuid) from public;
    grant execute on function read_household(text, integer, integer, text[], text, uuid) to samenkracht_app;
  `.execute(db);
}
