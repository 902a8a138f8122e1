// The measurements tab shows each person's progress under their name: a household's start for the
// mother and one for her partner are two series, not one (assessments.service, assessmentsOf).
//
// read_assessments (migration 20261124T1200) as it was, with each row's resident_name: the name
// of the member measured (null for a measurement of the household as a whole). The names are of
// the residents the read already audits ('assessment.list', one row per resident measured).
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
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'assessment.list', 'trajectory', p_trajectory_id::text,
                 resident_id, null, 'success', p_request_id
            from unnest(case when cardinality(resident_ids) = 0 then array[null::uuid]
                             else resident_ids end) as resident_id;
        return json_build_object('caller', caller, 'rows', found_rows);
      end
      $$;
  `.execute(db);
}
