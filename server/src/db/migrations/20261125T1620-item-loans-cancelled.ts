// A loan booked for later days (a reservation) can be cancelled before it starts. Until now a loan
// could only end by a return, which may not be before its first day nor in the future: a
// reservation the resident no longer needed kept its item blocked for those days for good. The day
// it was cancelled is kept (item-pool.service.ts, cancelLoan); a cancelled loan holds its item on
// no day, is never current or overdue, and the monitor's reach does not count it.
//
// A loan ends one way: returned or cancelled, not both; and only a loan that has not started can
// be cancelled, so the day of cancelling is before its first day.
//
// Safe while servers of the previous version still run (a rolling deploy): the column is nullable,
// which their inserts leave empty. Such a server does not know it: it still counts a cancelled
// reservation as holding its item (it refuses a loan for those days, which is safe), and it would
// let a cancelled loan be returned, which the check below refuses.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table item_loans add column cancelled_on date,
      add constraint item_loans_cancelled_before_start
        check (cancelled_on is null or (returned_on is null and cancelled_on < from_date))`.execute(
    db,
  );
}
