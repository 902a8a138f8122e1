// Disclosure control for the public report (partners, residents' panels): no count below 5 is
// shown, and no hidden count can be worked out, neither from one report (a total minus the other
// counts, a share times what it is based on) nor from two (one buurt against the whole city, one
// period against another). The internal monitor does not pass through here. docs/privacy.md
// ("The public report") says why each rule is there.

/** A count of 0 to 4, or a figure that rests on fewer than 5 people: not shown. */
export const SUPPRESSED = '<5' as const;
/** A count of 5 or more, hidden only so that a "<5" in the same table cannot be worked out. */
export const PROTECTED = 'x' as const;
export const THRESHOLD = 5;
/** Every count that is shown is rounded to a multiple of this. */
export const ROUNDING_BASE = 5;
/** Sums of money are rounded to whole thousands of euros (in cents). */
export const MONEY_ROUNDING_CENTS = 100_000;
/**
 * The decimals a share carries (`share()` in monitor.service.ts and the share in
 * collective-reach.ts round to thousandths). The public version works the count behind a share
 * back from it, so it must know how far the share may lie from the exact fraction.
 */
export const SHARE_DECIMALS = 3;

export type Shown = number | typeof SUPPRESSED | typeof PROTECTED;

export interface Distribution {
  rows: { key: string; value: number }[];
  total: number;
}

export interface SuppressedDistribution {
  rows: { key: string; value: Shown }[];
  total: Shown;
}

/** To the nearest multiple of 5: 5-7 give 5, 8-12 give 10 (an integer never lies half way). */
export const roundCount = (n: number): number => Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;

/** A count as published: "<5" below the threshold, otherwise rounded to a multiple of 5. */
export const publicCount = (n: number): number | typeof SUPPRESSED =>
  n < THRESHOLD ? SUPPRESSED : roundCount(n);

/**
 * A table as published. Primary suppression: every count below 5 (zero too) becomes "<5".
 * Secondary suppression: when exactly one count is hidden while the total is shown, the next
 * smallest count is hidden too and marked "x" (it is not below 5), so that the total minus the
 * shown counts does not give the "<5" away. Every count still shown, and the total, is then
 * rounded to a multiple of 5 on its own: the rows need not add up to the total, and a total
 * minus rounded rows gives a range, not a count.
 */
export function suppress(distribution: Distribution): SuppressedDistribution {
  const hidden = new Set<number>();
  distribution.rows.forEach((row, i) => {
    if (row.value < THRESHOLD) hidden.add(i);
  });
  const protectedRow = new Set<number>();
  const totalHidden = distribution.total < THRESHOLD;
  if (!totalHidden && hidden.size === 1) {
    let smallest = -1;
    distribution.rows.forEach((row, i) => {
      if (
        !hidden.has(i) &&
        (smallest < 0 || row.value < (distribution.rows[smallest]?.value ?? Infinity))
      )
        smallest = i;
    });
    if (smallest >= 0) protectedRow.add(smallest);
  }
  // A single suppressed cell that is the whole table: then the total is that cell.
  const everythingHidden = hidden.size === distribution.rows.length && distribution.rows.length > 0;
  return {
    rows: distribution.rows.map((row, i) => ({
      key: row.key,
      value: hidden.has(i) ? SUPPRESSED : protectedRow.has(i) ? PROTECTED : roundCount(row.value),
    })),
    total:
      totalHidden || (everythingHidden && hidden.size === 1)
        ? SUPPRESSED
        : roundCount(distribution.total),
  };
}

/** A figure derived from fewer than 5 people (a median, a share) is not shown either. */
export function suppressFigure(
  value: number | null,
  basedOn: number,
): number | typeof SUPPRESSED | null {
  if (value === null) return null;
  return basedOn < THRESHOLD ? SUPPRESSED : value;
}

/**
 * The count behind a share, as far as the share gives it away: every whole number n with
 * n / basedOn within half a thousandth of the share (the rounding in `share()`). Below 1,000
 * cases that is exactly one number, the true count; above, possibly a few, and the public version
 * then takes the worst case. (monitor.service.ts does not expose the count itself.)
 */
export function countsBehindShare(share: number, basedOn: number): { min: number; max: number } {
  const tolerance = 0.5 / 10 ** SHARE_DECIMALS;
  const epsilon = 1e-9;
  return {
    min: Math.max(0, Math.ceil(basedOn * (share - tolerance) - epsilon)),
    max: Math.min(basedOn, Math.floor(basedOn * (share + tolerance) + epsilon)),
  };
}

/**
 * A share as published: hidden ("<5") when it is based on fewer than 5 cases, or when the cases
 * it counts, or the cases it does not count, could be fewer than 5. A share of 0.15 of 20 gives
 * 3 back however 20 is rounded, and 0.97 of 100 the 3 that are not in it.
 */
export function publicShare(
  share: number | null,
  basedOn: number,
): number | typeof SUPPRESSED | null {
  if (share === null) return null;
  if (basedOn < THRESHOLD) return SUPPRESSED;
  const { min, max } = countsBehindShare(share, basedOn);
  return min < THRESHOLD || basedOn - max < THRESHOLD ? SUPPRESSED : share;
}

/** How many cases a figure is based on, as published: "<5", or rounded to a multiple of 5. */
export const publicBasedOn = publicCount;

/** A sum of money as published: hidden below 5 cases, otherwise rounded to whole thousands. */
export function publicMoney(
  cents: number | null,
  basedOn: number,
): number | typeof SUPPRESSED | null {
  if (cents === null) return null;
  if (basedOn < THRESHOLD) return SUPPRESSED;
  return Math.round(cents / MONEY_ROUNDING_CENTS) * MONEY_ROUNDING_CENTS;
}
