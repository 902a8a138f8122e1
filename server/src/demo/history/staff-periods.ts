// A change in a staff member's past, written into their history (staff_periods) directly: the
// database's own trigger would date it from today. Used by the demo (two changes a controller would
// ask about) and the bench city (a third of the workers changed their hours once).
import type { Executor } from './sql.js';

export interface PastChange {
  /** The first day of the stretch after the change. */
  on: string;
  /** What differed before it: other hours, or being active; otherwise as the staff row is now. */
  hoursBefore?: number;
  activeBefore?: boolean;
}

/**
 * Splits a staff member's one stretch (from `since`, still open) on `change.on`: the open stretch
 * starts that day, and a closed one from `since` holds what was before. At the commit the trigger
 * finds the open stretch equal to the staff row and adds nothing.
 */
export async function writePastChange(
  client: Executor,
  municipalityId: string,
  staffId: string,
  since: string,
  change: PastChange,
): Promise<void> {
  await client.query(
    `update staff_periods set valid_from = $3::date
      where municipality_id = $1 and staff_id = $2 and valid_until is null`,
    [municipalityId, staffId, change.on],
  );
  await client.query(
    `insert into staff_periods (municipality_id, staff_id, valid_from, valid_until, organisation_id,
                                role, hours_per_week, team_ids, active)
     select municipality_id, staff_id, $3::date, $4::date, organisation_id, role,
            coalesce($5::numeric, hours_per_week), team_ids, coalesce($6::boolean, active)
     from staff_periods where municipality_id = $1 and staff_id = $2`,
    [
      municipalityId,
      staffId,
      since,
      change.on,
      change.hoursBefore ?? null,
      change.activeBefore ?? null,
    ],
  );
}
