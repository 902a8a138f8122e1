// Working days as the teams count them: Monday to Friday, without Dutch public holidays
// (Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Bevrijdingsdag in lustrum years, Hemelvaartsdag,
// Tweede Pinksterdag, Eerste en Tweede Kerstdag). Goede Vrijdag is not a general day off and
// Eerste Paas- and Pinksterdag fall on Sundays anyway.

/** Easter Sunday (Anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const cache = new Map<number, Set<string>>();

export function dutchHolidays(year: number): Set<string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  // Koningsdag is 27 April, or the 26th when the 27th is a Sunday.
  const april27 = `${year}-04-27`;
  const kingsDay = new Date(`${april27}T12:00:00Z`).getUTCDay() === 0 ? `${year}-04-26` : april27;
  const days = [
    `${year}-01-01`,
    addDays(easter, 1), // Tweede Paasdag
    kingsDay,
    addDays(easter, 39), // Hemelvaartsdag
    addDays(easter, 50), // Tweede Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
  ];
  if (year % 5 === 0) days.push(`${year}-05-05`); // Bevrijdingsdag, a day off in lustrum years
  const set = new Set(days);
  cache.set(year, set);
  return set;
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !dutchHolidays(Number(date.slice(0, 4))).has(date);
}

/**
 * Working days from one calendar day to a later one: the working days after `from` up to and
 * including `to`. Registered on a Friday and contacted on Monday is one working day; the same day
 * is zero.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  if (from < '1970' || to >= '2200') {
    // Outside the table's range (never in real data): walk the days.
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1))
      if (isWorkingDay(day)) count++;
    return count;
  }
  return workingDayOrdinal(to) - workingDayOrdinal(from);
}

/**
 * Per year, how many working days there are from 1 January up to and including each day of it
 * (index = day of the year, 0-based). Built once per year, so that the monitor's speed section
 * costs two lookups per registration instead of a walk over the days between.
 */
const runningCounts = new Map<number, { before: number; counts: Int16Array }>();
const DAY_MS = 86_400_000;

function countsOf(year: number): { before: number; counts: Int16Array } {
  const cached = runningCounts.get(year);
  if (cached) return cached;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
  const counts = new Int16Array(days);
  let running = 0;
  for (let i = 0; i < days; i++) {
    if (isWorkingDay(new Date(Date.UTC(year, 0, 1) + i * DAY_MS).toISOString().slice(0, 10)))
      running++;
    counts[i] = running;
  }
  // Working days of all earlier years, counted from 1970 (recursively, each year once).
  const before =
    year <= 1970 ? 0 : countsOf(year - 1).before + (countsOf(year - 1).counts.at(-1) ?? 0);
  const entry = { before, counts };
  runningCounts.set(year, entry);
  return entry;
}

/** Working days from 1 January 1970 up to and including `date` (YYYY-MM-DD). */
function workingDayOrdinal(date: string): number {
  const year = Number(date.slice(0, 4));
  const dayOfYear =
    (Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) -
      Date.UTC(year, 0, 1)) /
    DAY_MS;
  const { before, counts } = countsOf(year);
  return before + (counts[dayOfYear] ?? 0);
}

export { amsterdamDate } from '../../platform/dates.js';
