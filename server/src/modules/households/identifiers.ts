// Dutch identifiers: the BSN (burgerservicenummer) and the postcode.
import { createHmac } from 'node:crypto';

/** Nine digits (an eight-digit number gets a leading zero) that pass the elfproef. */
export function normaliseBsn(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return null;
  const bsn = digits.padStart(9, '0');
  const weights = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(bsn[i]), 0);
  return sum % 11 === 0 && bsn !== '000000000' ? bsn : null;
}

/**
 * A keyed hash recognises the same BSN again without storing it: without the installation's
 * secret key the hash cannot be turned back into the number by trying all 10^9 of them.
 */
export function bsnHash(bsn: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(`bsn:${bsn}`).digest('hex');
}

/** What a screen may show: that a BSN is known, and its last three digits. */
export function maskBsn(bsn: string): string {
  return `******${bsn.slice(-3)}`;
}

/** "1234ab", "1234 AB" -> "1234AB" (stored); null when it is no Dutch postcode. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const match = /^([1-9]\d{3})([A-Z]{2})$/.exec(compact);
  if (!match) return null;
  // The letter pairs SA, SD and SS are not used.
  if (['SA', 'SD', 'SS'].includes(match[2] ?? '')) return null;
  return compact;
}

/** "1234AB" -> "1234 AB", as people write it. */
export function formatPostcode(postcode: string): string {
  return `${postcode.slice(0, 4)} ${postcode.slice(4)}`;
}
