import { describe, expect, it } from 'vitest';
import { gs1Year, readYymmdd, resolveGs1Date } from '../../../../domain/common/codes/gs1-date.js';

describe('GS1 dates', () => {
  it('reads YYMMDD, with day 00 for the end of the month', () => {
    expect(readYymmdd('241231')).toEqual({ yy: 24, month: 12, day: 31 });
    expect(readYymmdd('240900')).toEqual({ yy: 24, month: 9, day: 0 });
    expect(readYymmdd('000101')).toEqual({ yy: 0, month: 1, day: 1 });
  });

  it.each([
    ['241301', 'month 13 does not exist'],
    ['240001', 'month 00 does not exist'],
    ['240431', 'day 31 does not exist in month 04'],
    ['240632', 'day 32 does not exist in month 06'],
    ['230229', 'day 29 does not exist in month 02 of year 23'],
    ['240230', 'day 30 does not exist in month 02'],
  ])('refuses %s: %s', (digits, reason) => {
    expect(readYymmdd(digits)).toBe(reason);
  });

  it('accepts 29 February in years divisible by 4', () => {
    expect(readYymmdd('240229')).toEqual({ yy: 24, month: 2, day: 29 });
    expect(readYymmdd('000229')).toEqual({ yy: 0, month: 2, day: 29 });
  });

  it('finds the century with the GS1 sliding window (51 years ahead is last century)', () => {
    expect(gs1Year(26, 2026)).toBe(2026);
    expect(gs1Year(76, 2026)).toBe(2076); // 50 ahead: this century
    expect(gs1Year(77, 2026)).toBe(1977); // 51 ahead: the previous one
    expect(gs1Year(99, 2026)).toBe(1999);
    expect(gs1Year(0, 2026)).toBe(2000);
    expect(gs1Year(5, 2060)).toBe(2105); // 55 behind: the next century
    expect(gs1Year(10, 2060)).toBe(2110); // 50 behind: next century too
    expect(gs1Year(11, 2060)).toBe(2011); // 49 behind: this century
  });

  it('resolves to an ISO date, day 00 to the last day of that month', () => {
    expect(resolveGs1Date({ yy: 24, month: 2, day: 0 }, 2026)).toBe('2024-02-29');
    expect(resolveGs1Date({ yy: 23, month: 2, day: 0 }, 2026)).toBe('2023-02-28');
    expect(resolveGs1Date({ yy: 24, month: 9, day: 0 }, 2026)).toBe('2024-09-30');
    expect(resolveGs1Date({ yy: 24, month: 12, day: 0 }, 2026)).toBe('2024-12-31');
    expect(resolveGs1Date({ yy: 99, month: 12, day: 31 }, 2026)).toBe('1999-12-31');
    expect(resolveGs1Date({ yy: 0, month: 2, day: 29 }, 2026)).toBe('2000-02-29');
  });

  it('has no answer for 29 February 2100, the one date the two-digit year cannot check', () => {
    expect(resolveGs1Date({ yy: 0, month: 2, day: 29 }, 2060)).toBeUndefined();
    expect(resolveGs1Date({ yy: 0, month: 2, day: 0 }, 2060)).toBe('2100-02-28');
  });
});
