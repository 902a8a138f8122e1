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
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}

export { amsterdamDate } from '../../platform/dates.js';
