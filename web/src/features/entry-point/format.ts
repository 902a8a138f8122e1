// Small formatting rules of the entry point screens: addresses, waiting times, names.
import type { TFunction } from 'i18next';

// Addresses are formatted by the shared lib/address (the trajectory screens use it too).
export { formatAddress, formatHouseNumber, formatPostcode } from '../../lib/address';

/** How long something has waited: "minder dan een uur", "3 uur", "2 dagen". */
export function formatWaiting(hours: number, t: TFunction): string {
  if (hours < 1) return t('duration.lessThanHour');
  if (hours < 24) return t('duration.hours', { count: Math.floor(hours) });
  return t('duration.days', { count: Math.floor(hours / 24) });
}

/** The first line of a long text, cut at a word near `max` characters. */
export function truncate(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function fullName(person: { givenName: string | null; familyName: string | null }): string {
  return [person.givenName, person.familyName].filter(Boolean).join(' ');
}
