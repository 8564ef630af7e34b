import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCheckDigit } from '../../../../domain/common/codes/price-check.js';
import { digitString, PROPERTY_RUNS, withOneDigitChanged } from './support.js';

describe('priceCheckDigit', () => {
  it('matches the GS1 General Specifications examples', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
  });

  it('follows the weighting factors digit by digit (4 digits: 2-, 2-, 3, 5-)', () => {
    // 0 scores 0 under every factor, so a single non-zero digit shows its factor's table.
    expect(['1000', '0100', '0010', '0001'].map(priceCheckDigit)).toEqual([(2 * 3) % 10, (2 * 3) % 10, (3 * 3) % 10, (5 * 3) % 10]);
    // 5 under 2- is 10 -> 0 - 1 -> 9; under 5- it is 25 -> 5 - 2 -> 3.
    expect(priceCheckDigit('5000')).toBe((9 * 3) % 10);
    expect(priceCheckDigit('0005')).toBe((3 * 3) % 10);
  });

  it('is zero for a zero price of either length', () => {
    expect(priceCheckDigit('0000')).toBe(0);
    expect(priceCheckDigit('00000')).toBe(0);
  });

  it('catches every single-digit change in a 4-digit price', () => {
    // Each factor maps the ten digits to ten different values, and 3 is invertible mod 10.
    fc.assert(
      fc.property(digitString(4), fc.nat(), fc.nat(), (price, position, shift) => {
        expect(priceCheckDigit(withOneDigitChanged(price, position, shift))).not.toBe(priceCheckDigit(price));
      }),
      PROPERTY_RUNS,
    );
  });

  it('catches every single-digit change in a 5-digit price', () => {
    fc.assert(
      fc.property(digitString(5), fc.nat(), fc.nat(), (price, position, shift) => {
        expect(priceCheckDigit(withOneDigitChanged(price, position, shift))).not.toBe(priceCheckDigit(price));
      }),
      PROPERTY_RUNS,
    );
  });

  it('refuses other lengths and non-digits as programming errors', () => {
    expect(() => priceCheckDigit('123')).toThrow(RangeError);
    expect(() => priceCheckDigit('123456')).toThrow(RangeError);
    expect(() => priceCheckDigit('12a4')).toThrow(RangeError);
  });
});
