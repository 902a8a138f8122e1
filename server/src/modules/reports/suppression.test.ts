import { describe, expect, it } from 'vitest';
import { suppress, suppressFigure } from './suppression.js';

describe('small-number suppression', () => {
  it('shows counts of 5 and more, rounded to a multiple of 5', () => {
    expect(
      suppress({
        rows: [
          { key: 'a', value: 12 },
          { key: 'b', value: 5 },
        ],
        total: 17,
      }),
    ).toEqual({
      rows: [
        { key: 'a', value: 10 },
        { key: 'b', value: 5 },
      ],
      total: 15,
    });
  });

  it('hides a count below 5 and, because it alone is hidden, the next smallest count too, as "x"', () => {
    // 20 + 7 + 3 = 30. Hiding only the 3 would leave 30 - 20 - 7 = 3 to be worked out. The 7 is
    // not below 5: it is marked "x", not "<5".
    expect(
      suppress({
        rows: [
          { key: 'gp', value: 20 },
          { key: 'police', value: 7 },
          { key: 'school', value: 3 },
        ],
        total: 30,
      }),
    ).toEqual({
      rows: [
        { key: 'gp', value: 20 },
        { key: 'police', value: 'x' },
        { key: 'school', value: '<5' },
      ],
      total: 30,
    });
  });

  it('needs no secondary suppression when two counts are already hidden', () => {
    expect(
      suppress({
        rows: [
          { key: 'a', value: 10 },
          { key: 'b', value: 2 },
          { key: 'c', value: 1 },
        ],
        total: 13,
      }),
    ).toEqual({
      rows: [
        { key: 'a', value: 10 },
        { key: 'b', value: '<5' },
        { key: 'c', value: '<5' },
      ],
      total: 15,
    });
  });

  it('hides a total below 5 and everything in it; zero counts are hidden too', () => {
    expect(
      suppress({
        rows: [
          { key: 'a', value: 3 },
          { key: 'b', value: 0 },
        ],
        total: 3,
      }),
    ).toEqual({
      rows: [
        { key: 'a', value: '<5' },
        { key: 'b', value: '<5' },
      ],
      total: '<5',
    });
  });

  it('hides a figure computed from fewer than 5 people', () => {
    expect(suppressFigure(3.5, 4)).toBe('<5');
    expect(suppressFigure(3.5, 5)).toBe(3.5);
  });
});
