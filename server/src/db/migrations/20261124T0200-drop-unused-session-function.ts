// auth_session, the session check before the request transaction (migration 20261123T2300), is
// no longer called: auth_request took its place, and touch_session keeps a session alive. It is a
// SECURITY DEFINER function the app role could still run, so it goes: every such function is a
// door past row-level security, and an unused one is a door nobody watches.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop function auth_session(text, integer, integer)`.execute(db);
}
