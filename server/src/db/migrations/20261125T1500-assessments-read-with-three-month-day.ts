// The scoring form chooses whom it measures and when "after three months" may be chosen, from the
// same read as the tab (assessments.service, openTrajectoryAssessments):
//
// read_assessments (migration 20261125T0900) as it was, and beside its rows the trajectory's
// 'trajectory': its three-month day (repeat-due.ts, threeMonthDay: the calendar day in Amsterdam
// three months after the opening, the first day a measurement after three months may carry) and
// the registered resident (the resident of its first registration, whom a measurement without a
// member measures: assessments.service, recordAssessment). No name and no other person data is
// added: the audit rows stay those of the residents measured. 'rows' keeps its shape, so a server
// of the previous version reads this function as before.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function read_assessments(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                                                p_roles text[], p_request_id text, p_trajectory_id uuid)
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        caller json := open_read(p_token_hash, p_idle_seconds, p_absolute_seconds, p_roles);
        found_rows json;
        found_trajectory json;
        resident_ids uuid[];
      begin
        if caller is null or not (caller->>'allowed')::boolean then
          return json_build_object('caller', caller);
        end if;
        select json_agg(json_build_object(
                 'id', a.id, 'resident_id', a.resident_id,
                 'resident_name', r.given_name || ' ' || r.family_name,
                 'instrument', a.instrument,
                 'moment', a.moment, 'taken_on', a.taken_on, 'domain', s.domain, 'score', s.score)
                 order by a.taken_on),
               array(select distinct x from unnest(array_agg(a.resident_id)) as x where x is not null)
          into found_rows, resident_ids
          from trajectories t
          left join assessments a on a.municipality_id = t.municipality_id and a.trajectory_id = t.id
          left join assessment_scores s on s.municipality_id = a.municipality_id and s.assessment_id = a.id
          left join residents r on r.municipality_id = a.municipality_id and r.id = a.resident_id
         where t.municipality_id = (caller->>'municipalityId')::uuid and t.id = p_trajectory_id;
        if found_rows is null then return json_build_object('caller', caller); end if;
        select json_build_object(
                 'three_month_day', ((t.opened_at at time zone 'Europe/Amsterdam') + interval '3 months')::date,
                 'registered_resident_id',
                   (select g.resident_id from registrations g
                     where g.municipality_id = t.municipality_id and g.trajectory_id = t.id
                       and g.resident_id is not null
                     order by g.received_at limit 1))
          into found_trajectory
          from trajectories t
         where t.municipality_id = (caller->>'municipalityId')::uuid and t.id = p_trajectory_id;
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'assessment.list', 'trajectory', p_trajectory_id::text,
                 resident_id, null, 'success', p_request_id
            from unnest(case when cardinality(resident_ids) = 0 then array[null::uuid]
                             else resident_ids end) as resident_id;
        return json_build_object('caller', caller, 'rows', found_rows, 'trajectory', found_trajectory);
      end
      $$;
  `.execute(db);
}
