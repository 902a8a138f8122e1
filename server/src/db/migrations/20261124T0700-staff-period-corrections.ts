// The administrator may correct a stretch of a staff member's history (organisation.service.ts,
// correctStaffPeriod): its first day, the end of the stretch before it, and a past stretch's hours.
// Until now only the trigger record_staff_period wrote the history, and a mistaken effective date
// could be mended in the database only; nor could the years before the system be entered. The
// app role gets exactly those three columns; inserting and deleting stretches stays with the
// trigger, and row-level security keeps each municipality to its own rows.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    grant update (valid_from, valid_until, hours_per_week) on staff_periods to samenkracht_app
  `.execute(db);
}
