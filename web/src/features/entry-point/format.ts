// Small formatting rules of the entry point screens: addresses, waiting times, names.
import type { TFunction } from 'i18next';
import type { Address } from '../../lib/api-types';

/** "6216AB" -> "6216 AB". */
export function formatPostcode(postcode: string | null): string {
  if (!postcode) return '';
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return /^\d{4}[A-Z]{2}$/.test(compact) ? `${compact.slice(0, 4)} ${compact.slice(4)}` : postcode;
}

/** "12", "12A", "12A-2", "12-bis". */
export function formatHouseNumber(
  address: Pick<Address, 'houseNumber' | 'houseLetter' | 'houseNumberAddition'>,
): string {
  if (address.houseNumber === null) return '';
  const addition = address.houseNumberAddition ? `-${address.houseNumberAddition}` : '';
  return `${address.houseNumber}${address.houseLetter ?? ''}${addition}`;
}

/** "Hoofdstraat 12A, 6216 AB Maastricht", or without a street "6216 AB 12A"; null when unknown. */
export function formatAddress(address: Address): string | null {
  const number = formatHouseNumber(address);
  const postcode = formatPostcode(address.postcode);
  if (!postcode && !number && !address.street) return null;
  if (address.street) {
    const place = [postcode, address.city].filter(Boolean).join(' ');
    return [`${address.street} ${number}`.trim(), place].filter(Boolean).join(', ');
  }
  return [postcode, number, address.city ? `(${address.city})` : ''].filter(Boolean).join(' ');
}

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
