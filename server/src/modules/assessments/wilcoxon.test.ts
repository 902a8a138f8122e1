// Expected values worked out by hand (and in the comments), not taken from this code's output.
import { describe, expect, it } from 'vitest';
import { normalCdf, wilcoxonSignedRank } from './wilcoxon.js';

describe('Wilcoxon signed-rank test', () => {
  it('gives the exact p-value when all ten changes go up: 2 / 2^10', () => {
    // Ranks 1..10 all positive: W+ = 55, W- = 0. Only the empty subset has sum 0, so
    // P(W- <= 0) = 1/1024 and the two-sided p = 2/1024 = 0.001953125.
    const result = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result).toMatchObject({ n: 10, wPlus: 55, wMinus: 0, method: 'exact' });
    expect(result.pValue).toBeCloseTo(0.001953125, 9);
  });

  it('counts subsets for a mixed sample: d = 1, 2, -3, 4, 5, 6', () => {
    // W- = 3. Subsets of {1..6} with sum <= 3: {}, {1}, {2}, {3}, {1,2} = 5 of 64.
    // Two-sided p = 2 * 5/64 = 0.15625.
    const result = wilcoxonSignedRank([1, 2, -3, 4, 5, 6]);
    expect(result).toMatchObject({ n: 6, wPlus: 18, wMinus: 3, method: 'exact' });
    expect(result.pValue).toBeCloseTo(0.15625, 9);
  });

  it('drops zero differences and says "too few pairs" below six', () => {
    const result = wilcoxonSignedRank([0, 0, 1, 2, -1, 0, 3]);
    expect(result).toMatchObject({ n: 4, pValue: null, method: 'too_few_pairs' });
  });

  it('uses the normal approximation with tie correction for ZRM-like tied steps', () => {
    // d = +1 x8, +2 x2, -1 x2 (n = 12). |d| = 1 occurs 10 times: ranks 1..10, average 5.5;
    // |d| = 2 twice: ranks 11, 12, average 11.5.
    // W+ = 8*5.5 + 2*11.5 = 67, W- = 2*5.5 = 11. Mean = 12*13/4 = 39.
    // Variance = 12*13*25/24 - ((10^3-10) + (2^3-2))/48 = 162.5 - 996/48 = 162.5 - 20.75 = 141.75.
    // z = (|67 - 39| - 0.5) / sqrt(141.75) = 27.5 / 11.90588 = 2.30979; p = 2 * (1 - Phi(2.30979)) = 0.02090.
    const result = wilcoxonSignedRank([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, -1, -1]);
    expect(result).toMatchObject({ n: 12, wPlus: 67, wMinus: 11, method: 'normal' });
    expect(result.pValue).toBeCloseTo(0.0209, 3);
  });

  it('finds nothing when changes balance out', () => {
    const result = wilcoxonSignedRank([1, -1, 2, -2, 3, -3, 4, -4]);
    expect(result.wPlus).toBe(result.wMinus);
    expect(result.pValue).toBeCloseTo(1, 6);
  });
});

describe('normal distribution', () => {
  it('matches table values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1.6449)).toBeCloseTo(0.05, 3);
  });
});
