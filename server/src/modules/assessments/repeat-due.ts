// When a trajectory is due a second ZRM, for the share "measured twice" that the monitor and the
// ZRM analysis (/reports/zrm) both report: one rule, as the due list (assessments.service,
// dueAssessments) counts the moments, so that neither figure holds a trajectory against the team
// before its second measurement could be taken. The same three-month day is the earliest day a
// measurement "after three months" may carry (assessments.service, recordAssessment).
import { sql, type RawBuilder } from 'kysely';

/**
 * The three-month day of a trajectory opened at `openedAt` (a timestamptz): the calendar day in
 * Amsterdam three months after the opening, as PostgreSQL adds months (31 January + 3 months is
 * 30 April). From this day the due list lists the measurement after three months; one dated
 * before it is refused. read_assessments (migration 20261125T1500) answers the same day to the
 * scoring form, written out in SQL: keep the two alike.
 */
export function threeMonthDay(openedAt: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`((${openedAt} at time zone 'Europe/Amsterdam') + interval '3 months')::date`;
}

/**
 * Whether trajectory `t` was due a second measurement by the end of the Amsterdam day `to` (or
 * today, when that comes first): still
 * open on its three-month moment (the day three months after opening, in Amsterdam), and that day
 * is on or before `to`; or closed by `to` without a recorded reason for no closing measurement.
 * One opened in the last three months and still open is not late yet, nor one closed after two
 * weeks because the family moved away, with that reason recorded.
 */
export function dueForRepeatBy(to: string): RawBuilder<boolean> {
  // A period that ends in the future (this whole year) is judged as of today: nothing is late
  // before its day has come.
  const by = sql`least(${to}::date, (now() at time zone 'Europe/Amsterdam')::date)`;
  const threeMonths = threeMonthDay(sql.ref('t.opened_at'));
  const closedOn = sql`(t.closed_at at time zone 'Europe/Amsterdam')::date`;
  return sql<boolean>`((${threeMonths} <= ${by}
      and (t.closed_at is null or ${closedOn} >= ${threeMonths}))
    or (${closedOn} <= ${by} and t.no_closing_measurement_reason is null))`;
}
