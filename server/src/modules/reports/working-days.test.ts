import { describe, expect, it } from 'vitest';
import { dutchHolidays, easterSunday, workingDaysBetween, amsterdamDate } from './working-days.js';

describe('Dutch holidays', () => {
  it('finds Easter on the known dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
  });

  it('lists the 2025 holidays (a lustrum year: Bevrijdingsdag is a day off)', () => {
    expect([...dutchHolidays(2025)].sort()).toEqual([
      '2025-01-01', // Nieuwjaarsdag
      '2025-04-21', // Tweede Paasdag
      '2025-04-26', // Koningsdag: 27 April 2025 is a Sunday
      '2025-05-05', // Bevrijdingsdag
      '2025-05-29', // Hemelvaartsdag
      '2025-06-09', // Tweede Pinksterdag
      '2025-12-25',
      '2025-12-26',
    ]);
  });
});

describe('working days', () => {
  it('counts Friday to Monday as one working day, and the same day as zero', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Fri -> Mon
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5); // Mon -> next Mon
  });

  it('skips Christmas: Wednesday 23 December to Monday 28 December 2026 is two working days', () => {
    // 24 Dec (Thu) counts; 25 and 26 Dec are holidays (26 is also a Saturday); 27 is Sunday; 28 counts.
    expect(workingDaysBetween('2026-12-23', '2026-12-28')).toBe(2);
  });

  it('skips the Easter Monday and Koningsdag of 2026', () => {
    // Fri 3 Apr -> Tue 7 Apr: Mon 6 Apr is Tweede Paasdag, so only Tue counts.
    expect(workingDaysBetween('2026-04-03', '2026-04-07')).toBe(1);
    // Fri 24 Apr -> Tue 28 Apr: Mon 27 Apr is Koningsdag.
    expect(workingDaysBetween('2026-04-24', '2026-04-28')).toBe(1);
  });

  it('counts across a year boundary and over a whole year', () => {
    // Wed 31 Dec 2025 -> Fri 2 Jan 2026: 1 Jan is Nieuwjaarsdag, Fri 2 Jan counts.
    expect(workingDaysBetween('2025-12-31', '2026-01-02')).toBe(1);
    // All of 2025: 365 days from a Wednesday = 52 weeks + 1 Wednesday = 261 weekdays, minus the
    // holidays on a weekday (1 Jan, 21 Apr, 5 May, 29 May, 9 Jun, 25 and 26 Dec; Koningsdag
    // 26 Apr is a Saturday) = 261 - 7 = 254.
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(254);
  });

  it('takes the calendar day in Amsterdam, not in UTC', () => {
    expect(amsterdamDate(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });
});
