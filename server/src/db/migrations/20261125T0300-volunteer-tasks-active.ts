// A volunteer taken out of the pool no longer sees residents' tasks, and their matches end.
//
// volunteer_tasks (migration 20261123T1200) checked only that a match was active, not that its
// volunteer still was: a volunteer set inactive kept seeing first names, tasks and where (often an
// address). It now requires the volunteer active too, and it also answers the ids of the residents
// each task concerns (the household's members), so that the volunteer's read is audited with them;
// the API never returns those ids. Adding a column changes the function's result type, which
// `create or replace` cannot do, so it is dropped and created again in this transaction.
// (Taking a volunteer out of the pool now also ends their active matches: social-map.service.ts.)
//
// It runs as the owner (security definer) and now reads the match's trajectory and its household's
// residents: residents already have an owner_lookup policy (20261123T0600); trajectories get one
// for select here, as households and residents have (it matters where the owner is no superuser).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create policy owner_lookup on trajectories for select to current_user using (true);

    drop function volunteer_tasks(uuid);
    create function volunteer_tasks(p_staff_id uuid)
      returns table (id uuid, resident_first_name text, task text, where_text text, when_text text,
                     created_at timestamptz, resident_ids uuid[])
      language sql stable security definer set search_path = public, pg_temp
      as $fn$
        select m.id, m.resident_first_name, m.task, m.where_text, m.when_text, m.created_at,
               coalesce((select array_agg(r.id order by r.birth_date, r.given_name)
                           from trajectories t
                           join residents r on r.municipality_id = t.municipality_id
                                           and r.household_id = t.household_id
                          where t.municipality_id = m.municipality_id and t.id = m.trajectory_id),
                        '{}')
        from volunteer_matches m
        join volunteers v on v.municipality_id = m.municipality_id and v.id = m.volunteer_id
        where m.municipality_id = app_current_municipality() and v.staff_id = p_staff_id
          and v.active and m.status = 'active'
        order by m.created_at desc
      $fn$;
    revoke all on function volunteer_tasks(uuid) from public;
    grant execute on function volunteer_tasks(uuid) to samenkracht_app;
  `.execute(db);
}
