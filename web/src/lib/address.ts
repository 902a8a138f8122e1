// Addresses as the screens show them: "Hoofdstraat 12A, 6216 AB Maastricht".
import type { Address } from './api-types';

/** "6216AB" -> "6216 AB". */
export function formatPostcode(postcode: string | null): string {
  if (!postcode) return '';
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return /^\d{4}[A-Z]{2}$/.test(compact) ? `${compact.slice(0, 4)} ${compact.slice(4)}` : postcode;
}

/** "12", "12A", "12A-2". */
export function formatHouseNumber(
  address: Pick<Address, 'houseNumber' | 'houseLetter' | 'houseNumberAddition'>,
): string {
  if (address.houseNumber === null) return '';
  const addition = address.houseNumberAddition ? `-${address.houseNumberAddition}` : '';
  return `${address.houseNumber}${address.houseLetter ?? ''}${addition}`;
}

/** The address on one line; null when nothing of it is known. */
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
