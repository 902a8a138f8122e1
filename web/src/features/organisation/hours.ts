// Hours per week as the staff forms take them: the same range as the API (0-60), a comma for the
// decimal point as Dutch users type it.
import type { TFunction } from 'i18next';

export const MIN_HOURS = 0;
export const MAX_HOURS = 60;

/** The hours typed, or the field's error message when they are not a number within the range. */
export function checkHours(
  value: string,
  label: string,
  t: TFunction,
): { hours: number; error?: undefined } | { hours: null; error: string } {
  const hours = Number(value.trim().replace(',', '.'));
  if (value.trim() !== '' && Number.isFinite(hours) && hours >= MIN_HOURS && hours <= MAX_HOURS)
    return { hours };
  return {
    hours: null,
    error: t('form.invalidNumber', { label, min: MIN_HOURS, max: MAX_HOURS }),
  };
}
