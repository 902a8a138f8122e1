// Today's date and year as the municipality sees them (Europe/Amsterdam), for default periods.
const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today as YYYY-MM-DD in Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdamDate.format(now);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in Amsterdam. */
export function dateInAmsterdam(instant: Date | string): string {
  return amsterdamDate.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * A calendar date moved by whole months (negative: back), as a person counts them: 31 May minus
 * three months is the last day of February, not 3 March.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** This year in Amsterdam. */
export function currentYear(now: Date = new Date()): number {
  return Number(todayInAmsterdam(now).slice(0, 4));
}

/** A YYYY-MM-DD string that is a real calendar date. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}
