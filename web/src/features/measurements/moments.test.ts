import { describe, expect, it } from 'vitest';
import type { TakenMeasurement } from './moments';
import { defaultMember, defaultMoment, threeMonthsFrom } from './moments';

const ria = 'ria';
const sjef = 'sjef';
const taken = (
  residentId: string | null,
  moment: TakenMeasurement['moment'],
  takenAt: string,
  instrument: TakenMeasurement['instrument'] = 'zrm-2017',
): TakenMeasurement => ({ residentId, instrument, moment, takenAt });

describe('threeMonthsFrom', () => {
  it("is the trajectory's three-month day, or the person's own later start", () => {
    const items = [taken(ria, 'start', '2026-05-10'), taken(sjef, 'start', '2026-02-01')];
    expect(threeMonthsFrom('2026-04-30', items, ria, 'zrm-2017')).toEqual({
      day: '2026-05-10',
      because: 'start',
    });
    // Another member's start does not bind Sjef, nor his start before the day.
    expect(threeMonthsFrom('2026-04-30', items, sjef, 'zrm-2017')).toEqual({
      day: '2026-04-30',
      because: 'three_months',
    });
    expect(threeMonthsFrom('2026-04-30', [], null, 'zrm-2017').day).toBe('2026-04-30');
  });

  it('takes a start on the other ZRM version, not one of Positieve Gezondheid', () => {
    const items = [taken(ria, 'start', '2026-06-01', 'zrm-2013')];
    expect(threeMonthsFrom('2026-04-30', items, ria, 'zrm-2017').day).toBe('2026-06-01');
    expect(threeMonthsFrom('2026-04-30', items, ria, 'positive-health').day).toBe('2026-04-30');
  });
});

describe('defaultMoment', () => {
  const base = {
    taken: [] as TakenMeasurement[],
    instrument: 'zrm-2017' as const,
    residentId: ria,
    asked: null,
    today: '2026-03-01',
    threeMonthsDay: '2026-04-30',
    closing: false,
  };

  it('starts with the start, per person measured', () => {
    expect(defaultMoment(base)).toBe('start');
    const riaStarted = [taken(ria, 'start', '2026-02-01')];
    expect(defaultMoment({ ...base, taken: riaStarted, residentId: sjef })).toBe('start');
  });

  it('never offers "after three months" first before its day, not even from a link', () => {
    const started = [taken(ria, 'start', '2026-02-01')];
    expect(defaultMoment({ ...base, taken: started })).toBe('interim');
    expect(defaultMoment({ ...base, taken: started, asked: 'three_months' })).toBe('interim');
    expect(defaultMoment({ ...base, taken: started, today: '2026-04-29' })).toBe('interim');
    expect(defaultMoment({ ...base, taken: started, today: '2026-04-30' })).toBe('three_months');
  });

  it('offers the closure once the trajectory is closing, and in between otherwise', () => {
    const both = [taken(ria, 'start', '2026-02-01'), taken(ria, 'three_months', '2026-05-01')];
    const later = { ...base, taken: both, today: '2026-06-01' };
    expect(defaultMoment(later)).toBe('interim');
    expect(defaultMoment({ ...later, closing: true })).toBe('closure');
    // Closed after two weeks: the closure, not the three months that have not passed.
    expect(defaultMoment({ ...base, taken: both.slice(0, 1), closing: true })).toBe('closure');
  });

  it('follows the link until that person has the moment', () => {
    expect(defaultMoment({ ...base, asked: 'closure' })).toBe('closure');
    expect(defaultMoment({ ...base, asked: 'nonsense' })).toBe('start');
    const closed = [taken(ria, 'closure', '2026-02-01')];
    expect(defaultMoment({ ...base, taken: closed, asked: 'closure' })).toBe('start');
  });

  it("counts only this instrument's measurements", () => {
    const health = [taken(ria, 'start', '2026-02-01', 'positive-health')];
    expect(defaultMoment({ ...base, taken: health })).toBe('start');
  });
});

describe('defaultMember', () => {
  it('is the registered resident while a member, else no one', () => {
    expect(defaultMember([sjef, ria], ria)).toBe(ria);
    expect(defaultMember([sjef], ria)).toBeNull();
    expect(defaultMember([sjef, ria], null)).toBeNull();
  });
});
