// Indexes that match the order of the team's working lists (found with the benchmarks: the
// outreach list sorted every open signal of a team; the waiting list sorted on its tie-breaker).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index signals_outreach_by_address on signals
      (municipality_id, team_id, status, postcode, house_number, received_at);
    drop index registrations_waiting;
    create index registrations_waiting on registrations (municipality_id, team_id, received_at, id)
      where status = 'new';
  `.execute(db);
}
