import { mvPerPercentAt, socFromCellVolts } from './discharge-curve.js';
import type { PackSpec } from './pack.js';

export interface PackSample {
  readonly packVolts: number;
  /** Pack current, A: positive while discharging, negative while charging; absent without a sensor. */
  readonly currentA?: number;
  readonly atMs: number;
}

export interface SocEstimatorOptions {
  /** Smoothing of voltage-only readings, ms (load steps make the voltage jump; default 60 s). */
  readonly voltageTimeConstantMs?: number;
  /** How fast coulomb counting is pulled towards the voltage reading where the curve is steep (default 10 min). */
  readonly anchorTimeConstantMs?: number;
}

/**
 * State of charge from pack voltage, and from current where a sensor exists.
 * Voltage only: the rest voltage is unknown under load, so readings are smoothed and the gauge
 * lags; fine for Li-ion, coarse for LiFePO4's plateau. With current: charge is counted
 * (Ah in and out) and the count is pulled gently towards the voltage reading (corrected for
 * I × R sag) only where the curve is steep enough for voltage to mean something.
 */
export class SocEstimator {
  readonly #pack: PackSpec;
  readonly #voltageTau: number;
  readonly #anchorTau: number;
  #soc: number | undefined;
  #lastAt = 0;

  constructor(pack: PackSpec, options: SocEstimatorOptions = {}) {
    this.#pack = pack;
    this.#voltageTau = options.voltageTimeConstantMs ?? 60_000;
    this.#anchorTau = options.anchorTimeConstantMs ?? 600_000;
  }

  /** The current estimate, %, or undefined before the first sample. */
  get soc(): number | undefined {
    return this.#soc;
  }

  /** State of charge from the voltage alone (I × R corrected when the current is known). */
  voltageSoc(sample: PackSample): number {
    const restVolts = sample.packVolts + (sample.currentA ?? 0) * this.#pack.internalOhms;
    return socFromCellVolts(this.#pack.curve, restVolts / this.#pack.cellsInSeries);
  }

  update(sample: PackSample): number {
    const fromVoltage = this.voltageSoc(sample);
    const dt = Math.max(0, sample.atMs - this.#lastAt);
    this.#lastAt = sample.atMs;
    if (this.#soc === undefined) {
      this.#soc = fromVoltage;
      return this.#soc;
    }
    if (sample.currentA === undefined) {
      this.#soc += (fromVoltage - this.#soc) * (1 - Math.exp(-dt / this.#voltageTau));
    } else {
      const counted = this.#soc - (sample.currentA * dt) / 3_600_000 / this.#pack.capacityAh * 100;
      // Trust voltage in proportion to how many mV per % the curve gives here (≥ 10 mV/% fully).
      const trust = Math.min(1, mvPerPercentAt(this.#pack.curve, counted) / 10);
      this.#soc = counted + (fromVoltage - counted) * trust * (1 - Math.exp(-dt / this.#anchorTau));
    }
    this.#soc = Math.min(100, Math.max(0, this.#soc));
    return this.#soc;
  }

  /** The charger says the pack is full (CV phase ended): the best anchor there is. */
  markFull(atMs: number): void {
    this.#soc = 100;
    this.#lastAt = atMs;
  }
}
