import { describe, expect, it } from 'vitest';
import { addDays, readableDay } from './dates.js';

describe('readableDay', () => {
  it('writes a day as the Dutch and English reader expect it, as the web app does', () => {
    expect(readableDay('2026-08-04')).toEqual({ nl: '04-08-2026', en: '04/08/2026' });
  });

  it('leaves anything that is not a calendar day as it is', () => {
    expect(readableDay('open')).toEqual({ nl: 'open', en: 'open' });
  });
});

describe('addDays', () => {
  it('crosses months, years and the change to summer time', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
