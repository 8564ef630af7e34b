/**
 * Rest (open-circuit) voltage per cell against state of charge, from the typical tables cell
 * makers and pack vendors publish. Real cells differ by a few tens of millivolts: measure your
 * pack at rest at a few points and replace the table if the gauge reads wrong.
 *
 * The two chemistries behave very differently for a gauge:
 * - Li-ion (NMC/NCA, e.g. 18650 cells) falls steadily from 4.20 V to 3.0 V, so voltage alone
 *   gives a usable state of charge (a few percent, once load sag is allowed for).
 * - LiFePO4 sits on a plateau: between about 30% and 90% the rest voltage moves by only ~0.1 V
 *   per cell, less than load sag and ADC noise. Voltage then says "somewhere in the middle";
 *   a current sensor and coulomb counting (integrating amps over time, re-anchored at full
 *   charge and on the steep ends of the curve) are what make a LiFePO4 gauge trustworthy.
 */
export interface DischargeCurve {
  readonly chemistry: 'li-ion' | 'lifepo4';
  /** [volts per cell at rest, state of charge %], voltage strictly increasing. */
  readonly points: readonly (readonly [number, number])[];
  /** Charge voltage per cell (constant-voltage phase of CC-CV charging). */
  readonly chargeVolts: number;
  /** Below this the cell is damaged by further discharge (the BMS cuts off here). */
  readonly cutoffVolts: number;
}

export const LI_ION_NMC: DischargeCurve = {
  chemistry: 'li-ion',
  points: [
    [3.0, 0], [3.45, 5], [3.68, 10], [3.74, 20], [3.77, 30], [3.79, 40],
    [3.82, 50], [3.87, 60], [3.92, 70], [3.98, 80], [4.06, 90], [4.2, 100],
  ],
  chargeVolts: 4.2,
  cutoffVolts: 3.0,
};

export const LIFEPO4: DischargeCurve = {
  chemistry: 'lifepo4',
  points: [
    [2.5, 0], [2.9, 5], [3.0, 10], [3.2, 20], [3.22, 30], [3.25, 40],
    [3.26, 50], [3.27, 60], [3.3, 70], [3.32, 80], [3.35, 90], [3.4, 100],
  ],
  chargeVolts: 3.65,
  cutoffVolts: 2.5,
};

/** State of charge (0-100 %) for a rest voltage per cell, interpolated, clamped at the ends. */
export function socFromCellVolts(curve: DischargeCurve, volts: number): number {
  return interpolate(curve.points, volts, 0, 1);
}

/** Rest voltage per cell at a state of charge (the inverse, for the virtual battery). */
export function cellVoltsAtSoc(curve: DischargeCurve, soc: number): number {
  return interpolate(curve.points, soc, 1, 0);
}

/** Millivolts per cell per 1 % of charge around a state of charge: how much voltage tells. */
export function mvPerPercentAt(curve: DischargeCurve, soc: number): number {
  const lo = cellVoltsAtSoc(curve, Math.max(0, soc - 5));
  const hi = cellVoltsAtSoc(curve, Math.min(100, soc + 5));
  return ((hi - lo) * 1000) / (Math.min(100, soc + 5) - Math.max(0, soc - 5));
}

function interpolate(points: readonly (readonly [number, number])[], x: number, from: 0 | 1, to: 0 | 1): number {
  const first = points[0] as readonly [number, number];
  const last = points[points.length - 1] as readonly [number, number];
  if (!(x > first[from])) return first[to];
  if (x >= last[from]) return last[to];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as readonly [number, number];
    const b = points[i] as readonly [number, number];
    if (x <= b[from]) return a[to] + ((x - a[from]) / (b[from] - a[from])) * (b[to] - a[to]);
  }
  return last[to];
}
