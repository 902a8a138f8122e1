// The Wilcoxon signed-rank test for paired measurements (e.g. ZRM at the start and after three
// months): are the changes in one direction more than chance would give? Zero differences are
// dropped (Wilcoxon's original method); tied absolute differences get their average rank.
// Small samples without ties get the exact p-value; otherwise the normal approximation with the
// tie correction and a continuity correction.

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (the n of the test). */
  n: number;
  /** Sum of the ranks of the positive differences. */
  wPlus: number;
  /** Sum of the ranks of the negative differences. */
  wMinus: number;
  /** Two-sided p-value, or null when there are too few pairs to say anything. */
  pValue: number | null;
  method: 'exact' | 'normal' | 'too_few_pairs';
}

/** Below this many non-zero pairs not even a perfect result could reach p < 0.05 (two-sided). */
export const MIN_PAIRS = 6;
const EXACT_UP_TO = 30;

/** Average ranks of |d|, ties sharing the mean of the ranks they span. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const average = (start + end + 2) / 2; // ranks are 1-based
    for (let k = start; k <= end; k++) result[order[k]?.i ?? 0] = average;
    start = end + 1;
  }
  return result;
}

/** P(W+ <= w) under H0 for n untied ranks 1..n, by counting subsets with each rank sum. */
function exactLowerTail(n: number, w: number): number {
  const max = (n * (n + 1)) / 2;
  let counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const next = counts.slice();
    for (let sum = rank; sum <= max; sum++)
      next[sum] = (next[sum] ?? 0) + (counts[sum - rank] ?? 0);
    counts = next;
  }
  const total = 2 ** n;
  let below = 0;
  for (let sum = 0; sum <= Math.floor(w); sum++) below += counts[sum] ?? 0;
  return below / total;
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export function wilcoxonSignedRank(differences: number[]): WilcoxonResult {
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  const r = ranks(nonZero.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) wPlus += r[i] ?? 0;
    else wMinus += r[i] ?? 0;
  });
  if (n < MIN_PAIRS) return { n, wPlus, wMinus, pValue: null, method: 'too_few_pairs' };
  const hasTies = new Set(nonZero.map(Math.abs)).size < n;
  const w = Math.min(wPlus, wMinus);
  if (!hasTies && n <= EXACT_UP_TO) {
    return { n, wPlus, wMinus, pValue: Math.min(1, 2 * exactLowerTail(n, w)), method: 'exact' };
  }
  const mean = (n * (n + 1)) / 4;
  // Tie correction: subtract sum(t^3 - t)/48 over groups of tied |d|.
  const groups = new Map<number, number>();
  for (const d of nonZero) groups.set(Math.abs(d), (groups.get(Math.abs(d)) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of groups.values()) tieTerm += t ** 3 - t;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return { n, wPlus, wMinus, pValue: 1, method: 'normal' };
  const z = (Math.abs(wPlus - mean) - 0.5) / Math.sqrt(variance);
  return {
    n,
    wPlus,
    wMinus,
    pValue: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))),
    method: 'normal',
  };
}
