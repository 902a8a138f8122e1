// Calendar days and moments as the API takes them, for every schema. Zod's z.iso.date() and
// z.iso.datetime() accept any four-digit year, 0000 among them: PostgreSQL cannot store year 0 as
// a date (22008, which was a 500) and stores it as 1 BC in a timestamptz. What a social team
// records happens within living memory and the years ahead, so a year outside that range is a
// typo: a 400 naming the field, in English and Dutch, before anything is read or written.
import { z } from 'zod';
import { todayInAmsterdam } from './dates.js';
import { bilingual } from './validation.js';

/** The years a day or moment of the work may fall in: an appointment, a loan, a period, a filter. */
export const EVENT_YEARS = { from: 1900, to: 2100 } as const;

/** The earliest year of birth taken: older than anyone alive, later than any typo like 0975. */
export const EARLIEST_BIRTH_YEAR = 1880;

/** The year a YYYY-MM-DD… text starts with; undefined when it is not one (its format says so). */
function yearOf(text: string): number | undefined {
  const match = /^(\d{4})-/.exec(text);
  return match ? Number(match[1]) : undefined;
}

const inYears =
  (from: number, to: number) =>
  (text: string): boolean => {
    const year = yearOf(text);
    return year === undefined || (year >= from && year <= to);
  };

/**
 * Each check runs only on a value that passed the ones before: Zod runs refinements after a
 * failed format too, and one field should get one reason, not three.
 */
const onlyWhenValidSoFar = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

const notInTheFuture = {
  error: bilingual('must not be in the future', 'mag niet in de toekomst liggen'),
  ...onlyWhenValidSoFar,
};

/** A calendar day (YYYY-MM-DD) in the years 1900 to 2100. */
export const CalendarDay = z.iso.date().refine(inYears(EVENT_YEARS.from, EVENT_YEARS.to), {
  error: bilingual(
    `must be a day in the years ${EVENT_YEARS.from} to ${EVENT_YEARS.to}`,
    `moet een dag in de jaren ${EVENT_YEARS.from} tot en met ${EVENT_YEARS.to} zijn`,
  ),
  ...onlyWhenValidSoFar,
});

/** A calendar day that has come: today in Amsterdam at the latest (something that happened). */
export const PastDay = CalendarDay.refine((day) => day <= todayInAmsterdam(), notInTheFuture);

/** A date of birth: from 1880, and not in the future (today in Amsterdam at the latest). */
export const BirthDate = z.iso
  .date()
  .refine(inYears(EARLIEST_BIRTH_YEAR, 9999), {
    error: bilingual(
      `must not be before ${EARLIEST_BIRTH_YEAR}`,
      `mag niet voor ${EARLIEST_BIRTH_YEAR} liggen`,
    ),
    ...onlyWhenValidSoFar,
  })
  .refine((day) => day <= todayInAmsterdam(), notInTheFuture);

/**
 * A moment: ISO 8601 with a time zone offset (`2026-11-25T10:00:00+01:00` or `…Z`), its written
 * year in 1900 to 2100.
 */
export const Moment = z.iso
  .datetime({ offset: true })
  .refine(inYears(EVENT_YEARS.from, EVENT_YEARS.to), {
    error: bilingual(
      `must be a moment in the years ${EVENT_YEARS.from} to ${EVENT_YEARS.to}`,
      `moet een moment in de jaren ${EVENT_YEARS.from} tot en met ${EVENT_YEARS.to} zijn`,
    ),
    ...onlyWhenValidSoFar,
  });
