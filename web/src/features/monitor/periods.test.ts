import { describe, expect, it } from 'vitest';
import { endedPeriods, lastEndedMonth, wholePeriodOf } from './periods';

describe('the periods the public report offers', () => {
  it('lists months, quarters and years that are over, newest first', () => {
    expect(endedPeriods('month', '2026-01-15', 2).map((p) => [p.from, p.to])).toEqual([
      ['2025-12-01', '2025-12-31'],
      ['2025-11-01', '2025-11-30'],
    ]);
    expect(endedPeriods('month', '2024-03-31', 1).map((p) => [p.from, p.to])).toEqual([
      ['2024-02-01', '2024-02-29'],
    ]);
    expect(endedPeriods('quarter', '2026-04-01', 2).map((p) => [p.year, p.index, p.to])).toEqual([
      [2026, 1, '2026-03-31'],
      [2025, 4, '2025-12-31'],
    ]);
    expect(endedPeriods('quarter', '2026-03-31', 1).map((p) => p.from)).toEqual(['2025-10-01']);
    expect(endedPeriods('year', '2026-11-25', 2).map((p) => [p.from, p.to])).toEqual([
      ['2025-01-01', '2025-12-31'],
      ['2024-01-01', '2024-12-31'],
    ]);
    expect(lastEndedMonth('2026-11-25')).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('recognises a whole period, and nothing else', () => {
    expect(wholePeriodOf('2026-01-01', '2026-01-31')?.kind).toBe('month');
    expect(wholePeriodOf('2026-01-01', '2026-03-31')?.kind).toBe('quarter');
    expect(wholePeriodOf('2026-01-01', '2026-12-31')?.kind).toBe('year');
    expect(wholePeriodOf('2026-02-01', '2026-04-30')).toBeNull();
    expect(wholePeriodOf('2026-03-01', '2026-03-30')).toBeNull();
  });
});
