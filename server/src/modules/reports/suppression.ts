// Small-number suppression for the public report (partners, residents' panels): no count below 5
// is shown, and no suppressed count can be worked out from the total and the other counts.

export const SUPPRESSED = '<5' as const;
export const THRESHOLD = 5;

export type Shown = number | typeof SUPPRESSED;

export interface Distribution {
  rows: { key: string; value: number }[];
  total: number;
}

export interface SuppressedDistribution {
  rows: { key: string; value: Shown }[];
  total: Shown;
}

/**
 * Primary suppression: every count below 5 becomes "<5". Secondary suppression: when exactly one
 * count is suppressed while the total is shown, the next smallest count is suppressed too, so
 * that total minus the shown counts does not give the suppressed one away.
 */
export function suppress(distribution: Distribution): SuppressedDistribution {
  const hidden = new Set<number>();
  distribution.rows.forEach((row, i) => {
    if (row.value < THRESHOLD) hidden.add(i);
  });
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
    if (smallest >= 0) hidden.add(smallest);
  }
  // A single suppressed cell that is the whole table: then the total is that cell.
  const everythingHidden = hidden.size === distribution.rows.length && distribution.rows.length > 0;
  return {
    rows: distribution.rows.map((row, i) => ({
      key: row.key,
      value: hidden.has(i) ? SUPPRESSED : row.value,
    })),
    total: totalHidden || (everythingHidden && hidden.size === 1) ? SUPPRESSED : distribution.total,
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
