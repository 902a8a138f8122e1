// The staff forms' hours per week: a Dutch comma, the API's range, a message naming the field.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { belowSecondmentMinimum, checkHours } from './hours';

// The message's key and values, as i18next would get them.
const t = ((key: string, values: Record<string, unknown>) =>
  `${key} ${JSON.stringify(values)}`) as unknown as TFunction;

describe('checkHours', () => {
  it('takes whole and half hours, with a comma or a point', () => {
    expect(checkHours('32', 'Uren', t)).toEqual({ hours: 32 });
    expect(checkHours(' 24,5 ', 'Uren', t)).toEqual({ hours: 24.5 });
    expect(checkHours('0', 'Uren', t)).toEqual({ hours: 0 });
    expect(checkHours('60', 'Uren', t)).toEqual({ hours: 60 });
  });

  it('refuses empty, non-numbers and hours outside 0-60, naming the field', () => {
    for (const value of ['', 'veel', '60.5', '-1', 'Infinity'])
      expect(checkHours(value, 'Uren', t)).toEqual({
        hours: null,
        error: 'form.invalidNumber {"label":"Uren","min":0,"max":60}',
      });
  });
});

describe('belowSecondmentMinimum', () => {
  it('warns for a buurtteamwerker with fewer than 28 hours a week', () => {
    expect(belowSecondmentMinimum('worker', '24')).toBe(true);
    expect(belowSecondmentMinimum('worker', '27,5')).toBe(true);
    expect(belowSecondmentMinimum('worker', '0')).toBe(true);
  });

  it('does not warn at 28 hours or more', () => {
    expect(belowSecondmentMinimum('worker', '28')).toBe(false);
    expect(belowSecondmentMinimum('worker', '36')).toBe(false);
  });

  it('does not warn for roles that are not seconded to the team', () => {
    for (const role of ['team_lead', 'volunteer', 'admin', 'municipality', 'partner'] as const)
      expect(belowSecondmentMinimum(role, '16')).toBe(false);
  });

  it('leaves hours that are not a valid number to the error', () => {
    for (const value of ['', 'veel', '-1', '61'])
      expect(belowSecondmentMinimum('worker', value)).toBe(false);
  });
});
