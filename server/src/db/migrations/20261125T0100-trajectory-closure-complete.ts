// A trajectory is closed (or closed and in aftercare) with its closing date and outcome, or not
// at all. Until 3c4e5c2, PATCH /trajectories/{id} accepted `status: aftercare`, which left
// trajectories "closed" without either: the monitor never counted them, and nothing could close
// them properly any more. This migration reopens such rows, with an event in the trajectory's
// history saying why (the team closes them again through /close, with an outcome), and then lets
// the database refuse the state itself, whatever path a future change takes.
import { sql, type Kysely } from 'kysely';

/** The note on the history event of a reopened trajectory, in Dutch and English. */
export const REOPENED_NOTE =
  'Heropend bij herstel: afgesloten zonder einddatum of uitkomst. Sluit opnieuw af met een uitkomst. ' +
  '(Reopened by repair: closed without a closing date or outcome. Close it again with an outcome.)';

/** Reopens every trajectory closed without a closing date or outcome; exported for its test. */
export async function reopenIncompleteClosures(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The owner repairs every municipality's rows: row-level security is forced on these tables
    -- (so that it holds for the owner too); lift that for this transaction only.
    alter table trajectories no force row level security;
    alter table trajectory_events no force row level security;

    with broken as (
      select municipality_id, id, team_id, status, coordinator_id
        from trajectories
       where status in ('aftercare', 'closed') and (closed_at is null or outcome is null)
    ), history as (
      insert into trajectory_events
        (municipality_id, id, team_id, trajectory_id, kind, from_value, to_value, note, by_staff_id)
      select municipality_id, uuidv7(), team_id, id, 'status', status, 'open',
             ${sql.lit(REOPENED_NOTE)}, coordinator_id
        from broken
    )
    update trajectories t
       set status = 'open', closed_at = null, outcome = null, close_reason = null,
           handled_without_specialist_care = null, aftercare_until = null, version = t.version + 1
      from broken b
     where t.municipality_id = b.municipality_id and t.id = b.id;

    alter table trajectories force row level security;
    alter table trajectory_events force row level security;
  `.execute(db);
}

/** From now on PostgreSQL itself refuses a closure without its date and outcome. */
export async function refuseIncompleteClosures(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trajectories add constraint trajectories_closure_complete check (
      (status in ('open', 'follow_up') and closed_at is null and outcome is null)
      or (status in ('aftercare', 'closed') and closed_at is not null and outcome is not null)
    )
  `.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await reopenIncompleteClosures(db);
  await refuseIncompleteClosures(db);
}
