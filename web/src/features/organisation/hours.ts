// Hours per week as the staff forms take them: the same range as the API (0-60), a comma for the
// decimal point as Dutch users type it; and the minimum of a secondment, which the forms warn
// about but accept.
import type { TFunction } from 'i18next';
import type { StaffRole } from '../../lib/api-types';

export const MIN_HOURS = 0;
export const MAX_HOURS = 60;

/**
 * The hours a week for which a partner organisation seconds a buurtteamwerker, at least. Seed 003
 * (De organisatie en aansturing van de buurtteams): "Deze detachering is voor minimaal 28 uur per
 * week." The server's MINIMUM_SECONDMENT_HOURS_PER_WEEK (organisation.policy.ts), which the team
 * composition also sends. Fewer hours may be agreed: the forms warn, they do not refuse.
 */
export const MINIMUM_SECONDMENT_HOURS = 28;

/**
 * Who is seconded, as the server counts them (SECONDED_ROLES): the buurtteamwerker. Team leads
 * are hired by the municipality; volunteers, partner professionals, the municipality's staff and
 * the administrator are not seconded.
 */
const SECONDED_ROLES: readonly StaffRole[] = ['worker'];

/** The hours typed as a number within the range, or null. */
function parseHours(value: string): number | null {
  const hours = Number(value.trim().replace(',', '.'));
  return value.trim() !== '' && Number.isFinite(hours) && hours >= MIN_HOURS && hours <= MAX_HOURS
    ? hours
    : null;
}

/** The hours typed, or the field's error message when they are not a number within the range. */
export function checkHours(
  value: string,
  label: string,
  t: TFunction,
): { hours: number; error?: undefined } | { hours: null; error: string } {
  const hours = parseHours(value);
  if (hours !== null) return { hours };
  return {
    hours: null,
    error: t('form.invalidNumber', { label, min: MIN_HOURS, max: MAX_HOURS }),
  };
}

/**
 * Whether the staff form warns that the hours are below the minimum of a secondment: for a
 * seconded role with valid hours below it. Their total over all teams is what counts, as the
 * secondment is to the buurtteam (the form's hours are that total). Invalid hours get the error
 * instead, not both.
 */
export function belowSecondmentMinimum(role: StaffRole, value: string): boolean {
  const hours = parseHours(value);
  return SECONDED_ROLES.includes(role) && hours !== null && hours < MINIMUM_SECONDMENT_HOURS;
}
