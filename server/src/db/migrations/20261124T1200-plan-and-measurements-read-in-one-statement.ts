// The other two reads of opening a trajectory in one statement, as the trajectory itself
// (migration 20261124T1100, docs/adr/0005-hot-reads-in-one-statement.md):
//
// - read_plan: the current plan version as plans.repository.ts findWithTrajectory reads it (the
//   trajectory under row-level security, left-joined to its current version), with getPlan's
//   audit rows ('plan.read', reason 'version N', one per member of the household);
// - read_assessments: the trajectory's measurements with their scores as loadAssessments reads
//   them, one row per score, with the audit rows the service wrote for the tab ('assessment.list',
//   one per resident measured).
//
// Both answer nothing but the caller when the trajectory is not in the caller's scope, which the
// app answers with 404.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function read_plan(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
                              p_roles text[], p_request_id text, p_trajectory_id uuid)
      returns json
      language plpgsql volatile set search_path = public, pg_temp
      as $$
      declare
        caller json := open_read(p_token_hash, p_idle_seconds, p_absolute_seconds, p_roles);
        found_plan json;
        current_version integer;
        member_ids uuid[];
      begin
        if caller is null or not (caller->>'allowed')::boolean then
          return json_build_object('caller', caller);
        end if;
        select json_build_object(
                 'version', v.version, 'plan', v.plan, 'changes', v.changes,
                 'saved_at', v.saved_at, 'saved_by', v.saved_by, 'agreed_on', v.agreed_on,
                 'agreement_method', v.agreement_method, 'agreement_note', v.agreement_note,
                 'saved_by_name', case when v.version is null then null else coalesce(
                   (select s.name from staff s
                     where s.municipality_id = v.municipality_id and s.id = v.saved_by),
                   (select rs.given_name || ' ' || rs.family_name from residents rs
                     where rs.municipality_id = v.municipality_id and rs.id = v.saved_by),
                   '?') end),
               t.plan_version,
               array(select r.id from residents r
                      where r.municipality_id = t.municipality_id and r.household_id = t.household_id
                      order by r.birth_date, r.given_name)
          into found_plan, current_version, member_ids
          from trajectories t
          left join plan_versions v on v.municipality_id = t.municipality_id
                                   and v.trajectory_id = t.id and v.version = t.plan_version
         where t.municipality_id = (caller->>'municipalityId')::uuid and t.id = p_trajectory_id;
        if found_plan is null then return json_build_object('caller', caller); end if;
        insert into audit_events (municipality_id, id, actor_id, actor_role, on_behalf_of, action,
                                  object_type, object_id, resident_id, reason, result, request_id)
          select (caller->>'municipalityId')::uuid, new_uuidv7(), (caller->>'staffId')::uuid,
                 caller->>'role', null, 'plan.read', 'plan', p_trajectory_id::text,
                 member_id, 'version ' || current_version, 'success', p_request_id
            from unnest(case when cardinality(member_ids) = 0 then array[null::uuid]
                             else member_ids end) as member_id;
        return json_build_object('caller', caller, 'plan', found_plan);
      end
      $$;
    revoke all on function read_plan(text, integer, integer, text[], text, uuid) from public;
    grant execute on function read_plan(text, integer, integer, text[], text, uuid) to samenkracht_app;

    create function read_assessments(p_token_hash text, p_idle_seconds integer, p_absolute_seconds integer,
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
                 'id', a.id, 'resident_id', a.resident_id, 'instrument', a.instrument,
                 'moment', a.moment, 'taken_on', a.taken_on, 'domain', s.domain, 'score', s.score)
                 order by a.taken_on),
               array(select distinct x from unnest(array_agg(a.resident_id)) as x where x is not null)
          into found_rows, resident_ids
          from trajectories t
          left join assessments a on a.municipality_id = t.municipality_id and a.trajectory_id = t.id
          left join assessment_scores s on s.municipality_id = a.municipality_id and s.assessment_id = a.id
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
    revoke all on function read_assessments(text, integer, integer, text[], text, uuid) from public;
    grant execute on function read_assessments(text, integer, integer, text[], text, uuid) to samenkracht_app;
  `.execute(db);
}
