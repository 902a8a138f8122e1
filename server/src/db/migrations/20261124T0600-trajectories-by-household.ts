// Every trajectory of a household, closed ones too, found by the household. The privacy
// officer's alerts judge a read by the day it was made: did the household have a trajectory in
// work that day, of a team the reader was in (alerts.service.ts)? That looks up a household's
// trajectories of any status, once per household and day opened; the only index by household so
// far (trajectories_one_open_per_household) holds the open ones. Without it, a month of a large
// city's alerts took over two minutes on a fresh plan (a scan of the trajectories per household).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index trajectories_by_household on trajectories (municipality_id, household_id)
  `.execute(db);
}
