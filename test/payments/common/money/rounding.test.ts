import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDivHalfUp, percentOf } from '../../../../payments/common/money/rounding.js';

describe('mulDivHalfUp', () => {
  it('rounds an exact half up and anything below it down', () => {
    expect(mulDivHalfUp(5n, 1n, 10n)).toBe(1n); // 0.5
    expect(mulDivHalfUp(15n, 1n, 10n)).toBe(2n); // 1.5
    expect(mulDivHalfUp(25n, 1n, 10n)).toBe(3n); // 2.5: half up, not to even
    expect(mulDivHalfUp(4_999_999n, 1n, 10_000_000n)).toBe(0n);
    expect(mulDivHalfUp(0n, 7n, 3n)).toBe(0n);
  });

  it('stays exact far past 2^53', () => {
    expect(mulDivHalfUp(10n ** 15n, 10n ** 6n, 3n)).toBe(333_333_333_333_333_333_333n);
  });

  it('agrees with a decimal definition for every small case', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (a, b, d) => {
        const n = a * b;
        const floor = Math.floor(n / d);
        const twiceRemainder = 2 * (n - floor * d);
        expect(Number(mulDivHalfUp(BigInt(a), BigInt(b), BigInt(d)))).toBe(twiceRemainder >= d ? floor + 1 : floor);
      }),
    );
  });
});

describe('percentOf', () => {
  it('rounds half up at the minor unit', () => {
    expect(percentOf(333, 15)).toBe(50); // 49.95
    expect(percentOf(10, 5)).toBe(1); // 0.5
    expect(percentOf(9, 5)).toBe(0); // 0.45
    expect(percentOf(199, 100)).toBe(199);
    expect(percentOf(0, 50)).toBe(0);
  });

  it('handles amounts whose product with the percent passes 2^53', () => {
    expect(percentOf(100_000_000_000_000, 99)).toBe(99_000_000_000_000);
  });
});
