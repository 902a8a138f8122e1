// Number formatting in the user's language (Dutch: "1,5").
import type { Language } from './i18n';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Fte with exactly one decimal: 1,5 (nl) or 1.5 (en). */
export function formatFte(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** Hours: whole numbers as they are, otherwise up to one decimal. */
export function formatHours(value: number, language: Language): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: 1 }).format(value);
}

/** Alphabetical comparison in the user's language. */
export function compareText(a: string, b: string, language: Language): number {
  return a.localeCompare(b, locales[language], { sensitivity: 'base', numeric: true });
}

/** Euro cents as money: € 1.234,56 (nl) or €1,234.56 (en). */
export function formatMoney(cents: number, language: Language): string {
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

/** An instant as a date and time in the user's language, Amsterdam time: "3 mrt 2025, 09:15". */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    // The team's clock, not the browser's (see lib/datetime.ts).
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}

/** A calendar date (YYYY-MM-DD) in the user's language: "14-05-1978" (nl) or "14/05/1978" (en). */
export function formatDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  return new Intl.DateTimeFormat(locales[language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}
