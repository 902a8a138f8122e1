// How the monitor's values read on screen, per unit, in the user's language.
import type { TFunction } from 'i18next';
import { formatMoney } from '../../lib/format';
import type { Language } from '../../lib/i18n';
import type { Shown } from './queries';

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatNumber(value: number, language: Language, decimals = 1): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: decimals }).format(
    value,
  );
}

/** A figure's value with its unit; "<5" and "x" stay as they are, null reads "no data". */
export function formatFigure(
  value: Shown | null,
  unit: string,
  language: Language,
  t: TFunction,
): string {
  if (value === null) return t('monitor.noData');
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'share':
      return new Intl.NumberFormat(locales[language], {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(value);
    case 'cents':
      return formatMoney(value, language);
    case 'working_days':
      return t('monitor.units.workingDays', {
        count: value,
        value: formatNumber(value, language),
      });
    case 'days':
      return t('monitor.units.days', { count: value, value: formatNumber(value, language) });
    case 'per_fte':
      return formatNumber(value, language);
    default:
      return formatNumber(value, language);
  }
}

export function formatShown(value: Shown, language: Language): string {
  return typeof value === 'string' ? value : formatNumber(value, language);
}

/** The number to draw, or null for a hidden value ("<5", "x"): no bar. */
export function drawable(value: Shown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Whether a value is hidden below five ("<5") or only to protect one that is ("x"). */
export const isSuppressed = (value: Shown): boolean => value === '<5';
export const isProtected = (value: Shown): boolean => value === 'x';
