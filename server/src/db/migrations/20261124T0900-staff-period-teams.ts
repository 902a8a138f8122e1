// A past stretch of a staff member's history may also get its organisation and teams corrected
// (organisation.service.ts, correctStaffPeriod): a history entered for the years before the system
// often had another seconding organisation (whose hourly price the business case then uses) or
// another team. The app role gets those two columns as well; role and being active stay as the
// trigger recorded them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`grant update (organisation_id, team_ids) on staff_periods to samenkracht_app`.execute(
    db,
  );
}
