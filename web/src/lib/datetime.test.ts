// The screens keep the team's clock (Amsterdam) whatever zone the browser is in. These tests run
// in a process set to New York, as a browser abroad would be.
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, dateInAmsterdam } from './calendar';
import { amsterdamInputToIso, toAmsterdamInput } from './datetime';
import { formatDateTime } from './format';

beforeAll(() => {
  process.env.TZ = 'America/New_York';
});

describe('Amsterdam time in a browser elsewhere', () => {
  it('runs in a zone that is not Amsterdam (the premise of these tests)', () => {
    expect(new Date('2025-03-03T08:15:00Z').getHours()).toBe(3);
  });

  it('shows an instant as the clock in Amsterdam shows it, winter and summer', () => {
    expect(toAmsterdamInput(new Date('2025-03-03T08:15:00Z'))).toBe('2025-03-03T09:15');
    expect(toAmsterdamInput(new Date('2025-07-01T07:15:00Z'))).toBe('2025-07-01T09:15');
    expect(formatDateTime('2025-07-01T07:15:00Z', 'nl')).toContain('09:15');
    expect(formatDateTime('2025-03-03T08:15:00Z', 'en')).toContain('09:15');
  });

  it('reads a typed time as Amsterdam time, with the offset of that day', () => {
    expect(amsterdamInputToIso('2025-03-03T09:15')).toBe('2025-03-03T09:15:00+01:00');
    expect(amsterdamInputToIso('2025-07-01T09:15')).toBe('2025-07-01T09:15:00+02:00');
    expect(amsterdamInputToIso('2025-07-01T09:15:30')).toBe('2025-07-01T09:15:30+02:00');
  });

  it('takes the right offset in the hours around the changes to and from summer time', () => {
    // 30 March 2025: 02:00 becomes 03:00. 26 October 2025: 03:00 becomes 02:00.
    expect(amsterdamInputToIso('2025-03-30T01:30')).toBe('2025-03-30T01:30:00+01:00');
    expect(amsterdamInputToIso('2025-03-30T03:30')).toBe('2025-03-30T03:30:00+02:00');
    expect(amsterdamInputToIso('2025-10-26T01:30')).toBe('2025-10-26T01:30:00+02:00');
    expect(amsterdamInputToIso('2025-10-26T03:30')).toBe('2025-10-26T03:30:00+01:00');
  });

  it('gives back every time it reads, over a whole year', () => {
    const wrong: string[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 37 * 60_000) {
      const shown = toAmsterdamInput(new Date(t));
      const iso = amsterdamInputToIso(shown);
      if (iso === null || new Date(iso).getTime() !== Math.floor(t / 60_000) * 60_000)
        // The hour that happens twice in October reads as one of its two occurrences.
        if (!shown.startsWith('2025-10-26T02:')) wrong.push(shown);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses what is no date and time', () => {
    for (const value of ['2025-02-30T10:00', '2025-03-03 09:15', '2025-03-03T24:00', '', 'nu'])
      expect(amsterdamInputToIso(value), value).toBeNull();
  });

  it("puts an instant on Amsterdam's calendar day", () => {
    expect(dateInAmsterdam('2025-06-30T22:30:00Z')).toBe('2025-07-01');
    expect(dateInAmsterdam('2025-12-31T22:59:59Z')).toBe('2025-12-31');
    expect(dateInAmsterdam('2025-12-31T23:00:00Z')).toBe('2026-01-01');
  });

  it('counts months as a person does', () => {
    expect(addMonths('2025-05-31', -3)).toBe('2025-02-28');
    expect(addMonths('2024-05-31', -3)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -36)).toBe('2022-01-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
});
