import { describe, expect, it } from 'vitest';
import {
  bsnHash,
  formatPostcode,
  maskBsn,
  normaliseBsn,
  normalisePostcode,
} from './identifiers.js';

describe('BSN', () => {
  it('accepts numbers that pass the elfproef, with or without separators', () => {
    expect(normaliseBsn('123456782')).toBe('123456782');
    expect(normaliseBsn('999993653')).toBe('999993653');
    expect(normaliseBsn('1234.56.782')).toBe('123456782');
  });

  it('pads an eight-digit number with a leading zero before checking', () => {
    // 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2-2 = 110, divisible by 11.
    expect(normaliseBsn('12345672')).toBe('012345672');
  });

  it('refuses numbers that fail the elfproef or are not nine digits', () => {
    expect(normaliseBsn('123456789')).toBeNull();
    expect(normaliseBsn('1234567')).toBeNull();
    expect(normaliseBsn('12345678a')).toBeNull();
    expect(normaliseBsn('000000000')).toBeNull();
  });

  it('hashes with the key, so the same number under another key looks different', () => {
    expect(bsnHash('123456782', 'a')).toBe(bsnHash('123456782', 'a'));
    expect(bsnHash('123456782', 'a')).not.toBe(bsnHash('123456782', 'b'));
    expect(bsnHash('123456782', 'a')).not.toContain('123456782');
  });

  it('masks all but the last three digits', () => {
    expect(maskBsn('123456782')).toBe('******782');
  });
});

describe('postcode', () => {
  it('normalises spacing and case', () => {
    expect(normalisePostcode('6216 ab')).toBe('6216AB');
    expect(normalisePostcode(' 6216AB ')).toBe('6216AB');
    expect(formatPostcode('6216AB')).toBe('6216 AB');
  });

  it('refuses a leading zero, wrong shapes and the unused letter pairs', () => {
    expect(normalisePostcode('0216AB')).toBeNull();
    expect(normalisePostcode('621AB')).toBeNull();
    expect(normalisePostcode('6216 A')).toBeNull();
    expect(normalisePostcode('6216 SS')).toBeNull();
    expect(normalisePostcode('6216 SA')).toBeNull();
    expect(normalisePostcode('6216 SD')).toBeNull();
  });
});
