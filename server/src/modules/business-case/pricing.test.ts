// The pricing rules on their own, with hand-computed values.
import { describe, expect, it } from 'vitest';
import { allocate, daysInclusive, periodsOverlap, priceOn, splitByPrice } from './pricing.js';

const prices = [
  { id: 'old', amountCents: 7000, validFrom: '2025-01-01', validTo: '2025-06-30' },
  { id: 'new', amountCents: 7700, validFrom: '2025-07-01', validTo: null },
];

describe('pricing', () => {
  it('counts days inclusively, leap years included', () => {
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2025-01-01', '2025-06-30')).toBe(181);
    expect(daysInclusive('2025-07-01', '2025-06-30')).toBe(0);
  });

  it('prices an event at the price of its day', () => {
    expect(priceOn(prices, '2025-06-30')?.id).toBe('old');
    expect(priceOn(prices, '2025-07-01')?.id).toBe('new');
    expect(priceOn(prices, '2024-12-31')).toBeUndefined();
  });

  it('splits a period by price and reports the days without one', () => {
    const split = splitByPrice(prices, '2024-12-01', '2025-12-31');
    expect(split.segments.map((s) => [s.price.id, s.days])).toEqual([
      ['old', 181],
      ['new', 184],
    ]);
    // 1-31 December 2024 has no price: 31 days.
    expect(split.uncoveredDays).toBe(31);
  });

  it('finds overlapping validity, open ends included', () => {
    expect(periodsOverlap(prices[0]!, prices[1]!)).toBe(false);
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: null },
        { validFrom: '2025-07-01', validTo: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { validFrom: '2025-06-30', validTo: '2025-06-30' },
        { validFrom: '2025-01-01', validTo: '2025-06-30' },
      ),
    ).toBe(true);
  });

  it('allocates by weight with the largest remainder, adding up exactly', () => {
    // 100 over 1:1:1 = 33.33 each; the first keeps the extra cent.
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 7,350,000 × 28/49 = 4,200,000 and × 21/49 = 3,150,000.
    expect(allocate(7_350_000, [28, 21])).toEqual([4_200_000, 3_150_000]);
    // No weights at all: equal shares.
    expect(allocate(10, [0, 0])).toEqual([5, 5]);
  });
});
