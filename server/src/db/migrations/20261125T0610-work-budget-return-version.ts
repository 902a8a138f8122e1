// A recorded werkbudget return gets a version, as every other record that two people may change
// does. Recording the return was an upsert: a second worker's return silently replaced the first
// one. Now replacing a return sends the version it was based on, and a stale one is a 409
// (budget.service.ts, recordReturn).
//
// Safe while servers of the previous version still run (a rolling deploy): the column has a
// default, which their inserts take; their upserts replace a return without raising its version,
// as they always did.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table work_budget_returns add column version integer not null default 1`.execute(
    db,
  );
}
