// "Overdue actions" and "next action due" on an opened trajectory count by the calendar day in
// Amsterdam, as the follow-up does (todayInAmsterdam) and the trajectory list now does
// (trajectories.repository.ts, TODAY_IN_AMSTERDAM).
//
// Why: read_trajectory compared due dates with `current_date`, the day in the database session's
// time zone (UTC on a server that is not told otherwise). Between midnight and 01:00 (02:00 in
// summer) in Amsterdam that is still yesterday, so an action due yesterday was not yet overdue and
// an action due yesterday showed as the next one due, while the follow-up beside it, counted in
// Amsterdam, already said it was late.
//
// The body is that of migration 20261125T0530 (readTrajectoryWithNoteCodes) word for word, with
// only the two days changed to `(now() at time zone 'Europe/Amsterdam')::date`. Safe while servers
// of the previous version still run (a rolling deploy): the function's signature and answer keep
// their shape; only the two figures can differ, for an hour or two after midnight.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function read_trajectory(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                                               p_roles text[], p_request_id text, p_trajectory_id uuid)
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        caller json := open_read(p_token_hash, p_idle_seconds, p_absolute_seconds, p_roles);
        case_team_ids uuid[];
        found_trajectory json;
        member_ids uuid[];
      begin
        if caller is null or not (caller->>'allowed')::boolean then
          return json_build_object('caller', caller);
        end if;
        case_team_ids := array(
          select json_array_elements_text(caller->'teamIds')::uuid
          union
          select json_array_elements_text(caller->'glassTeamIds')::uuid);
        select json_build_object(
                 'id', t.id, 'household_id', t.household_id, 'team_id', t.team_id,
                 'coordinator_id', t.coordinator_id, 'coordinator_name', c.name,
                 'status', t.status, 'scale_level', t.scale_level, 'opened_at', t.opened_at,
                 'closed_at', t.closed_at, 'next_follow_up_on', t.next_follow_up_on,
                 'plan_version', t.plan_version, 'outcome', t.outcome,
                 'close_reason', t.close_reason,
                 'handled_without_specialist_care', t.handled_without_specialist_care,
                 'aftercare_until', t.aftercare_until, 'version', t.version,
                 'postcode', h.postcode, 'house_number', h.house_number,
                 'house_letter', h.house_letter, 'house_number_addition', h.house_number_addition,
                 'street', h.street, 'neighbourhood_name', n.name,
                 'members', (select string_agg(r.given_name || ' ' || r.family_name, ', '
                                               order by r.birth_date nulls last)
                               from residents r
                              where r.municipality_id = t.municipality_id
                                and r.household_id = t.household_id),
                 'overdue_actions', (select count(*)::int from plan_actions a
                                      where a.municipality_id = t.municipality_id
                                        and a.trajectory_id = t.id and a.status = 'open'
                                        and a.due_date < (now() at time zone 'Europe/Amsterdam')::date),
                 'next_action_due', (select min(a.due_date)::text from plan_actions a
                                      where a.municipality_id = t.municipality_id
                                        and a.trajectory_id = t.id and a.status = 'open'
                                        and a.due_date >= (now() at time zone 'Europe/Amsterdam')::date),
                 'last_contact_at', (select max(k.at) from contacts k
                                      where k.municipality_id = t.municipality_id
                                        and k.trajectory_id = t.id),
                 'events', coalesce((select json_agg(json_build_object(
                                        'id', e.id, 'kind', e.kind, 'from_value', e.from_value,
                                        'to_value', e.to_value, 'note', e.note,
                                        'note_code', e.note_code, 'at', e.at,
                                        'by_staff_id', e.by_staff_id, 'by_name', s.name)
                                        order by e.at)
                                      from trajectory_events e
                                      join staff s on s.municipality_id = e.municipality_id
                                                  and s.id = e.by_staff_id
                                     where e.municipality_id = t.municipality_id
                                       and e.trajectory_id = t.id), '[]'::json)),
               array(select r.id from residents r
                      where r.municipality_id = t.municipality_id and r.household_id = t.household_id
                      order by r.birth_date, r.given_name)
          into found_trajectory, member_ids
          from trajectories t
          join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
          join staff c on c.municipality_id = t.municipality_id and c.id = t.coordinator_id
          left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
         where t.municipality_id = (caller->>'municipalityId')::uuid
           and t.team_id = any(case_team_ids)
           and t.id = p_trajectory_id;
        if found_trajectory is null then return json_build_object('caller', caller); end if;
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'trajectory.read', 'trajectory', p_trajectory_id::text,
                 member_id, null, 'success', p_request_id
            from unnest(case when cardinality(member_ids) = 0 then array[null::uuid]
                             else member_ids end) as member_id;
        return json_build_object('caller', caller, 'trajectory', found_trajectory);
      end
      $$;
  `.execute(db);
}
