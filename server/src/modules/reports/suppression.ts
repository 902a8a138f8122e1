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

/**
 * A figure derived from fewer than 5 people (a median, a ratio) is not shown either; with none at
 * all too, so that "no data" does not tell 0 from 1-4.
 */
export function suppressFigure(
  value: number | null,
  basedOn: number,
): number | typeof SUPPRESSED | null {
  return basedOn < THRESHOLD ? SUPPRESSED : value;
}

/**
 * A share as published, from the cases it counts (`part`) of those it is based on: hidden ("<5")
 * when it rests on fewer than 5 cases, or when the cases it counts, or those it does not count,
 * are fewer than 5 (0.15 of 20 gives 3 back, 0.97 of 100 the 3 that are not in it). Otherwise it
 * is worked out from the two counts as they are published, each rounded to a multiple of 5, so
 * that it says no more than they do: an exact share in thousandths pins the exact count and base
 * behind two rounded ones (0.682 of "20" can only be 15 of 22), and the city minus the other
 * buurten then gives a hidden buurt's count back.
 */
export function publicShare(part: number, basedOn: number): number | typeof SUPPRESSED {
  if (basedOn < THRESHOLD || part < THRESHOLD || basedOn - part < THRESHOLD) return SUPPRESSED;
  // In thousandths, as the monitor gives a share; the rounded base is at least 5.
  return Math.round((roundCount(part) / roundCount(basedOn)) * 1000) / 1000;
}

/** How many cases a figure is based on, as published: "<5", or rounded to a multiple of 5. */
export const publicBasedOn = publicCount;

/** A sum of money as published: hidden below 5 cases, otherwise rounded to whole thousands. */
export function publicMoney(
  cents: number | null,
  basedOn: number,
): number | typeof SUPPRESSED | null {
  if (basedOn < THRESHOLD) return SUPPRESSED;
  if (cents === null) return null;
  return Math.round(cents / MONEY_ROUNDING_CENTS) * MONEY_ROUNDING_CENTS;
}
