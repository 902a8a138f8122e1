// Calendar days in Amsterdam. One formatter for the whole process: building an
// Intl.DateTimeFormat per call costs ~0.5 ms and memory the garbage collector does not see (the
// benchmark found the monitor spending seconds and gigabytes on it).
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** The calendar day (YYYY-MM-DD) of an instant in Amsterdam. */
export function amsterdamDate(instant: Date): string {
  return amsterdamDay.format(instant);
}

/** Today in Amsterdam, as the teams count days. */
export function todayInAmsterdam(): string {
  return amsterdamDay.format(new Date());
}

/** The calendar day `days` after `day` (before it when negative); both YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const noon = new Date(`${day}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() + days);
  return noon.toISOString().slice(0, 10);
}

/**
 * A calendar day (YYYY-MM-DD) as a reader expects it in a message: 24-08-2026 in Dutch,
 * 24/08/2026 in English, the same as the web app's formatDate. ISO stays in the API's fields and
 * in the audit trail; this is only for text people read.
 */
export function readableDay(day: string): { nl: string; en: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return { nl: day, en: day };
  const [, year, month, dayOfMonth] = match;
  return { nl: `${dayOfMonth}-${month}-${year}`, en: `${dayOfMonth}/${month}/${year}` };
}
