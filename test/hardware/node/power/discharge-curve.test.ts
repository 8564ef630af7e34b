import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellVoltsAtSoc, LI_ION_NMC, LIFEPO4, mvPerPercentAt, socFromCellVolts } from '../../../../hardware/node/power/discharge-curve.js';

describe('discharge curves', () => {
  it.each([LI_ION_NMC, LIFEPO4])('$chemistry: voltages strictly increase with charge, 0-100 %', (curve) => {
    curve.points.forEach(([v, soc], i) => {
      if (i === 0) return;
      const [pv, psoc] = curve.points[i - 1] as readonly [number, number];
      expect(v).toBeGreaterThan(pv);
      expect(soc).toBeGreaterThan(psoc);
    });
    expect(curve.points[0]?.[1]).toBe(0);
    expect(curve.points.at(-1)?.[1]).toBe(100);
  });

  it('interpolates between table points and clamps outside', () => {
    expect(socFromCellVolts(LI_ION_NMC, 3.82)).toBe(50);
    expect(socFromCellVolts(LI_ION_NMC, 3.845)).toBeCloseTo(55, 9);
    expect(socFromCellVolts(LI_ION_NMC, 4.5)).toBe(100);
    expect(socFromCellVolts(LI_ION_NMC, 1)).toBe(0);
    expect(socFromCellVolts(LI_ION_NMC, Number.NaN)).toBe(0);
    expect(cellVoltsAtSoc(LIFEPO4, 15)).toBeCloseTo(3.1, 9);
  });

  it.each([LI_ION_NMC, LIFEPO4])('$chemistry: voltage → charge → voltage round-trips', (curve) => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (soc) => {
        expect(socFromCellVolts(curve, cellVoltsAtSoc(curve, soc))).toBeCloseTo(soc, 6);
      }),
    );
  });

  it('shows why LiFePO4 needs a current sensor: its plateau gives a few mV per percent', () => {
    expect(mvPerPercentAt(LIFEPO4, 55)).toBeLessThan(2);
    expect(mvPerPercentAt(LI_ION_NMC, 55)).toBeGreaterThan(4);
    // The 10-bit ADC on a 4S pack through a ¼ divider resolves ~4.9 mV per cell per count:
    // on the plateau one count is several percent of charge.
    const mvPerCountPerCell = ((5 / 1023) * 4 * 1000) / 4;
    expect(mvPerCountPerCell / mvPerPercentAt(LIFEPO4, 55)).toBeGreaterThan(3);
  });
});
