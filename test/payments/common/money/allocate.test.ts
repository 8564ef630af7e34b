import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../payments/common/money/allocate.js';

describe('allocate (largest remainder)', () => {
  it('splits in proportion and gives left-over units to the largest remainders', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]); // ties go to the earlier index
    expect(allocate(10, [2, 3, 5])).toEqual([2, 3, 5]);
    expect(allocate(500, [674, 1300])).toEqual([171, 329]); // 170.73 / 329.27
    expect(allocate(7, [0, 5, 0])).toEqual([0, 7, 0]);
  });

  it('splits evenly when every weight is zero, and handles empty and zero totals', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
    expect(allocate(5, [])).toEqual([]);
  });

  it('is exact when total x weight passes 2^53', () => {
    const parts = allocate(90_000_000_000_000, [30_000_000_000_000, 60_000_000_000_001]);
    expect(parts[0]! + parts[1]!).toBe(90_000_000_000_000);
    // Floors 29,999,999,999,999 and 60,000,000,000,000; the left-over unit goes to the first,
    // whose remainder (60,000,000,000,001 / 90,000,000,000,001) is the larger.
    expect(parts).toEqual([30_000_000_000_000, 60_000_000_000_000]);
  });

  it('always sums to the total, and no part strays a unit from its exact share', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(fc.nat(10_000), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => {
          const share = sum === 0 ? total / weights.length : (total * weights[i]!) / sum;
          expect(Math.abs(p - share)).toBeLessThan(1);
        });
      }),
    );
  });
});
