/**
 * Four load cells under the basket corners, summed in a junction box into one bridge output:
 * the output is the load's share of the cells' total capacity times their rated output, plus
 * the cells' zero balance. Ratiometric: the output is in volts per volt of excitation,
 * which is also the ADC's reference, so supply drift cancels.
 */
export interface LoadCellSet {
  /** Rated capacity of one cell in grams (four 20 kg cells: an 80 kg basket frame). */
  readonly capacityGramsEach: number;
  /** Output at rated capacity, mV/V (1.0 for common bar and half-bridge cells). */
  readonly ratedOutputMvPerV: number;
  /** Output with no load at all, mV/V. */
  readonly zeroBalanceMvPerV: number;
}

/** The reference cart: four 20 kg, 1 mV/V bar cells (docs/cart-hardware.md, bill of materials). */
export const BASKET_CELLS: LoadCellSet = { capacityGramsEach: 20_000, ratedOutputMvPerV: 1, zeroBalanceMvPerV: 0.02 };

/** Bridge output (V/V) for the summed load on the four cells, in grams. */
export function bridgeRatio(cells: LoadCellSet, grams: number): number {
  return (cells.zeroBalanceMvPerV + (grams / (4 * cells.capacityGramsEach)) * cells.ratedOutputMvPerV) / 1000;
}

/**
 * ADC counts per gram a 24-bit ratiometric converter at `gain` gives for these cells, before any
 * calibration: the starting point until a known mass has been weighed.
 */
export function nominalCountsPerGram(cells: LoadCellSet, gain: number): number {
  return (gain * (cells.ratedOutputMvPerV / 1000) * 0x800000) / (4 * cells.capacityGramsEach);
}
