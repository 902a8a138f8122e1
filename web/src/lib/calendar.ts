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
