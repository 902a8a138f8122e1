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
