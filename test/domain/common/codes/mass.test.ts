import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kilogramsToMg, poundsToMg } from '../../../../domain/common/codes/mass.js';
import { PROPERTY_RUNS } from './support.js';

describe('weights from codes, in integer milligrams', () => {
  it('reads kilograms with implied decimals exactly', () => {
    expect(kilogramsToMg(750, 3)).toBe(750_000); // 0.750 kg
    expect(kilogramsToMg(1750, 3)).toBe(1_750_000);
    expect(kilogramsToMg(999_999, 0)).toBe(999_999_000_000);
    expect(kilogramsToMg(1, 5)).toBe(10); // 0.00001 kg
  });

  it('converts pounds with the exact definition, 1 lb = 453.59237 g', () => {
    expect(poundsToMg(1, 0)).toBe(453_592); // 453 592.37 mg
    expect(poundsToMg(100, 2)).toBe(453_592);
    expect(poundsToMg(1, 2)).toBe(4_536); // 4 535.9237 mg
    expect(poundsToMg(1750, 2)).toBe(7_937_866); // 17.50 lb = 7 937 866.475 mg
    expect(poundsToMg(1, 5)).toBe(5); // 0.00001 lb = 4.5359237 mg
    expect(poundsToMg(999_999, 0)).toBe(453_591_916_408); // 453 591 916 407.63 mg
  });

  it('rounds an exact half up', () => {
    expect(poundsToMg(50, 0)).toBe(22_679_619); // 50 lb = 22 679 618.5 mg
    expect(poundsToMg(50, 1)).toBe(2_267_962); // 5.0 lb = 2 267 961.85 mg
  });

  it('stays within half a milligram of the exact value and is never a fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 5 }), (units, decimals) => {
        const mg = poundsToMg(units, decimals);
        expect(Number.isSafeInteger(mg)).toBe(true);
        // Exact in bigint: mg * 10^(decimals+2) vs units * 45 359 237.
        const exact = BigInt(units) * 45_359_237n;
        const scaled = BigInt(mg) * 10n ** BigInt(decimals + 2);
        const unit = 10n ** BigInt(decimals + 2);
        // Half up: the result is above the exact value by at most half a mg, below it by less.
        const twiceError = 2n * (scaled - exact);
        expect(twiceError > -unit && twiceError <= unit).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });
});
