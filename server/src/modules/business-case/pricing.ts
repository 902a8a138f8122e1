// Pricing rules of the business case, kept pure so the hand-computed tests can reach them.
//
// A price change in the middle of a year: a priced EVENT (a referral, a closed trajectory) is
// priced at the price valid on the day it happened; a CONTINUOUS cost (seconded hours) is split
// by days, each day at the price valid that day. So hours of 1 Jan-30 Jun count at the old
// hourly price and those of 1 Jul-31 Dec at the new one; nothing is averaged.

export interface PricePeriod {
  id: string;
  amountCents: number;
  validFrom: string;
  validTo: string | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Calendar days from `from` through `to`, both included (0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export const laterDay = (a: string, b: string) => (a > b ? a : b);
export const earlierDay = (a: string, b: string) => (a < b ? a : b);

/** The price valid on `day`, if any (validity periods of one subject never overlap). */
export function priceOn<T extends PricePeriod>(prices: readonly T[], day: string): T | undefined {
  return prices.find((p) => p.validFrom <= day && (p.validTo === null || p.validTo >= day));
}

/** The stretches of [from, to] covered by each price, and the days no price covers. */
export function splitByPrice<T extends PricePeriod>(
  prices: readonly T[],
  from: string,
  to: string,
): { segments: { price: T; from: string; to: string; days: number }[]; uncoveredDays: number } {
  const segments: { price: T; from: string; to: string; days: number }[] = [];
  let covered = 0;
  for (const price of [...prices].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
    const start = laterDay(from, price.validFrom);
    const end = price.validTo === null ? to : earlierDay(to, price.validTo);
    const days = daysInclusive(start, end);
    if (days > 0) {
      segments.push({ price, from: start, to: end, days });
      covered += days;
    }
  }
  return { segments, uncoveredDays: daysInclusive(from, to) - covered };
}

/** Two validity periods share at least one day (an open end runs on forever). */
export function periodsOverlap(
  a: { validFrom: string; validTo: string | null },
  b: { validFrom: string; validTo: string | null },
): boolean {
  return (
    (a.validTo === null || a.validTo >= b.validFrom) &&
    (b.validTo === null || b.validTo >= a.validFrom)
  );
}

/**
 * Shares a whole-cent total over keys in proportion to their weights, by the largest remainder,
 * so that the shares add up to the total exactly. Equal shares when all weights are zero.
 */
export function allocate(totalCents: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  const used = sum > 0 ? weights : weights.map(() => 1);
  const usedSum = sum > 0 ? sum : weights.length;
  const exact = used.map((w) => (totalCents * w) / usedSum);
  const shares = exact.map((x) => Math.floor(x));
  let left = totalCents - shares.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}

/** "€ 9.000,00" and "EUR 9,000.00": amounts inside the written-out arithmetic. */
export function euro(cents: number): { nl: string; en: string } {
  const nl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const en = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { nl: `€ ${nl.format(cents / 100)}`, en: `EUR ${en.format(cents / 100)}` };
}

export function decimal(value: number): { nl: string; en: string } {
  const rounded = Math.round(value * 100) / 100;
  return { nl: String(rounded).replace('.', ','), en: String(rounded) };
}
