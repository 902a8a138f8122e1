// Each trajectory carries how many actions of its current plan each kind of owner has, dropped
// actions left out, as one JSON object (owner type -> number of actions, e.g. {"resident": 2,
// "team": 1}), kept by the database itself: triggers on plan_actions count again for every
// trajectory whose actions a statement inserted, deleted or changed.
//
// Why: the monitor's support mix ("own strength and network first", issue 7) counted the actions
// of every trajectory open in the period by joining plan_actions (430,000 rows in a large city):
// the costliest of the monitor's statements, 210-370 ms in the bench city; the collective reach
// looked for collective actions the same way. The counts on the trajectories the monitor already
// filters make both a pass over those rows alone (bench/README.md, session 6). plan_actions
// stays the record; the object is what the monitor reads. A plan save replaces the actions
// (delete, then insert), so the counts follow every save, from staff and from the portal, and
// every other writer (the demo, retention) alike.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trajectories add column plan_actions_by_owner jsonb not null default '{}';

    comment on column trajectories.plan_actions_by_owner is
      'How many actions of the current plan each owner type has, dropped ones left out, {owner_type: n}; kept by the triggers plan_actions_by_owner_* from plan_actions.';

    -- The one definition of the count, used by the triggers and by the backfill below.
    create function plan_actions_by_owner_of(p_municipality_id uuid, p_trajectory_id uuid)
      returns jsonb language sql stable set search_path = public, pg_temp
      as $$
        select coalesce(jsonb_object_agg(owner_type, n), '{}') from (
          select owner_type, count(*)::int as n from plan_actions
          where municipality_id = p_municipality_id and trajectory_id = p_trajectory_id
            and status <> 'dropped'
          group by owner_type
        ) per_owner
      $$;

    -- Runs as whoever changed the actions, under their row-level security: whoever may save a
    -- trajectory's plan (a worker of its team, or the resident in the portal) sees all of its
    -- actions and may update the trajectory (a save raises its plan version anyway), so no
    -- wider rights are needed. A trajectory whose counts did not change (a text edited) is
    -- left alone. The transition table has one name in all the triggers; a PL/pgSQL statement
    -- is planned only when it first runs, for the trigger's own table.
    create function plan_actions_by_owner_recount() returns trigger
      language plpgsql set search_path = public, pg_temp
      as $$
      begin
        update trajectories t set plan_actions_by_owner = counted.by_owner
        from (
          select touched.municipality_id, touched.trajectory_id,
            plan_actions_by_owner_of(touched.municipality_id, touched.trajectory_id) as by_owner
          from (select distinct municipality_id, trajectory_id from changed_actions) touched
        ) counted
        where t.municipality_id = counted.municipality_id and t.id = counted.trajectory_id
          and t.plan_actions_by_owner is distinct from counted.by_owner;
        return null;
      end
      $$;

    -- A trigger with transition tables has one event and no column list, hence four: an update
    -- counts both its old rows' trajectories and its new rows' (the app saves a plan by deleting
    -- and inserting its actions, and never moves one to another trajectory; erasure rewrites
    -- only the texts, which leaves every count as it was).
    create trigger plan_actions_by_owner_insert after insert on plan_actions
      referencing new table as changed_actions
      for each statement execute function plan_actions_by_owner_recount();
    create trigger plan_actions_by_owner_delete after delete on plan_actions
      referencing old table as changed_actions
      for each statement execute function plan_actions_by_owner_recount();
    create trigger plan_actions_by_owner_update_old after update on plan_actions
      referencing old table as changed_actions
      for each statement execute function plan_actions_by_owner_recount();
    create trigger plan_actions_by_owner_update_new after update on plan_actions
      referencing new table as changed_actions
      for each statement execute function plan_actions_by_owner_recount();

    -- The trajectories planned so far; one count per trajectory (a large city's 80,000 take a few
    -- seconds, once).
    update trajectories t set plan_actions_by_owner = plan_actions_by_owner_of(t.municipality_id, t.id)
    where exists (select 1 from plan_actions a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id);
  `.execute(db);
}
