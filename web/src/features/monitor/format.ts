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

/** A figure's value with its unit; "<5" stays "<5", null reads "no data". */
export function formatFigure(
  value: Shown | null,
  unit: string,
  language: Language,
  t: TFunction,
): string {
  if (value === null) return t('monitor.noData');
  if (value === '<5') return '<5';
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
  return value === '<5' ? '<5' : formatNumber(value, language);
}
