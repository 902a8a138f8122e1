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
