// The staff forms' hours per week: a Dutch comma, the API's range, a message naming the field.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkHours } from './hours';

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
