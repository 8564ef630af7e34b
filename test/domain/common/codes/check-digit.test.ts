import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, verifyCheckDigit } from '../../../../domain/common/codes/check-digit.js';
import { digitString, PROPERTY_RUNS, withOneDigitChanged } from './support.js';

describe('the GS1 mod-10 check digit', () => {
  it('matches published keys of every length', () => {
    // GTIN-8, GTIN-12 (Wikipedia's UPC-A), GTIN-13, GTIN-14, GLN, SSCC (GS1 General Specifications example)
    expect(gtinCheckDigit('7351353')).toBe(7);
    expect(gtinCheckDigit('03600029145')).toBe(2);
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('1001234567890')).toBe(2);
    expect(gtinCheckDigit('950110153100')).toBe(0);
    expect(gtinCheckDigit('37610425002123456')).toBe(9);
  });

  it('is unchanged by leading zeros, so a GTIN keeps its check digit as GTIN-14', () => {
    fc.assert(
      fc.property(digitString(7, 17), fc.nat(10), (body, zeros) => {
        expect(gtinCheckDigit('0'.repeat(zeros) + body)).toBe(gtinCheckDigit(body));
      }),
      PROPERTY_RUNS,
    );
  });

  it('validates any body with its computed digit', () => {
    fc.assert(
      fc.property(digitString(1, 17), (body) => {
        expect(verifyCheckDigit(`${body}${gtinCheckDigit(body)}`, 'code')).toBeUndefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('detects every single-digit change', () => {
    fc.assert(
      fc.property(digitString(7, 17), fc.nat(), fc.nat(), (body, position, shift) => {
        const valid = `${body}${gtinCheckDigit(body)}`;
        const changed = withOneDigitChanged(valid, position, shift);
        expect(changed).not.toBe(valid);
        expect(verifyCheckDigit(changed, 'code')?.code).toBe('bad-check-digit');
      }),
      PROPERTY_RUNS,
    );
  });

  it('detects a swap of two adjacent different digits unless they differ by 5', () => {
    // Weights 3 and 1 catch a transposition of a and b unless 2(a - b) is a multiple of 10.
    fc.assert(
      fc.property(digitString(7, 17), fc.nat(), (body, position) => {
        const valid = `${body}${gtinCheckDigit(body)}`;
        const at = position % (valid.length - 1);
        const [a, b] = [valid.charAt(at), valid.charAt(at + 1)];
        fc.pre(a !== b && Math.abs(Number(a) - Number(b)) !== 5);
        const swapped = `${valid.slice(0, at)}${b}${a}${valid.slice(at + 2)}`;
        expect(verifyCheckDigit(swapped, 'code')).toBeDefined();
      }),
      PROPERTY_RUNS,
    );
  });

  it('reports the expected and the found digit', () => {
    expect(verifyCheckDigit('4006381333932', 'GTIN-13')).toEqual({
      code: 'bad-check-digit',
      message: 'GTIN-13 4006381333932 has a bad check digit: expected 1, found 2',
      expected: 1,
      found: 2,
    });
  });

  it('refuses non-digits as a programming error', () => {
    expect(() => gtinCheckDigit('12a4')).toThrow(RangeError);
  });
});
