// The administrator may split a stretch of a staff member's history in two on a day
// (organisation.service.ts, splitStaffPeriod), and then correct the part before: entering the
// years before the system with their changes of hours, not only as one stretch. The split adds a
// row, so the app role may now insert into staff_periods; row-level security keeps each
// municipality to its own rows, and the service only ever inserts a copy of the stretch it cuts.
// Deleting a stretch stays impossible.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`grant insert on staff_periods to samenkracht_app`.execute(db);
}
