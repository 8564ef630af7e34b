import { RunningMedian } from './running-median.js';
import type { HoldReason, StableReading, WeightEvent, WeightSample, WeightStep } from './types.js';

export interface StepDetectorOptions {
  /** Nominal samples per second (10-320); sets the window lengths in samples. */
  readonly sampleRateHz: number;
  /** Standard deviation of one sample's noise, mg. The bands below default to multiples of it. */
  readonly noiseMg?: number;
  /** Odd length of the spike-removing median prefilter (default 5). */
  readonly medianSize?: number;
  /** Length of the stability window in ms (default 200), and its floor in samples (default 6). */
  readonly stableWindowMs?: number;
  readonly minWindowSamples?: number;
  /** Max − min of the filtered window for the basket to count as still (default 4 × noise, at least 2 g). */
  readonly stableBandMg?: number;
  /** Two back-to-back still windows must agree this well before a slow change counts as over (default 0.6 × noise). */
  readonly levelToleranceMg?: number;
  /** The newer half of a still window may differ from the older half by this much before a step is reported (default 1 × noise). */
  readonly trendToleranceMg?: number;
  /** Smallest change reported as a step (default 3 g). */
  readonly minStepMg?: number;
  /** The fastest slow drift (creep, temperature) the plateau follows while still, mg/s (default 200). */
  readonly driftMgPerSecond?: number;
  /** After a hold or a long unsettled spell the step threshold widens by this much per minute… */
  readonly gapAllowanceMgPerMinute?: number;
  /** …up to this much (default 1.5 g), so creep and drift during a long push do not read as a step. */
  readonly maxGapAllowanceMg?: number;
  /** A still basket's reading is re-announced when it moves by this much (default 0.5 g). */
  readonly readingResolutionMg?: number;
}

interface Plateau {
  milligrams: number;
  uncertaintyMg: number;
  /** Last time this plateau was confirmed still. */
  at: number;
}

const NONE: readonly WeightEvent[] = Object.freeze([]);

/**
 * Raw scale samples in, stable readings and weight steps out. The rule, in order:
 *
 * 1. A running median (5 samples) removes single and double spikes.
 * 2. The basket is *still* when the last W filtered samples (W = 200 ms of samples, at least 6)
 *    span no more than the stable band (4 × noise). While the cart moves or a device is faulty
 *    (`hold`), nothing is still: the window is emptied and refills only after the hold ends.
 * 3. A still window's mean is the candidate plateau. The current plateau follows it at most
 *    `driftMgPerSecond` (slow creep and temperature drift are followed, never reported).
 * 4. When a still window's mean differs from the plateau by at least the step threshold
 *    (3 g, widened by up to 1.5 g after a long hold or unsettled spell, for creep and drift
 *    that built up meanwhile), that difference is a step and the window becomes the new plateau.
 *    If the previous window was also still (no transient in between: an item lowered slowly),
 *    the level must also have stopped moving (the two windows agree within the level tolerance)
 *    so that a slow change is reported whole, not in pieces.
 *
 * So a step is the difference between two consecutive still plateaus. Two items placed with no
 * still moment between them make one step of their sum. Steps are in integer milligrams with
 * the combined standard uncertainty of both plateau means.
 */
export class StepDetector {
  readonly #median: RunningMedian;
  readonly #window: Float64Array;
  readonly #history: { stable: boolean; mean: number }[];
  readonly #band: number;
  readonly #levelTolerance: number;
  readonly #trendTolerance: number;
  readonly #minStep: number;
  readonly #drift: number;
  readonly #gapRate: number;
  readonly #gapMax: number;
  readonly #resolution: number;
  #count = 0;
  #next = 0;
  #plateau: Plateau | undefined;
  #still = false;
  #lastAnnounced: number | undefined;
  readonly #holds = new Set<HoldReason>();
  #current: StableReading | undefined;

  constructor(options: StepDetectorOptions) {
    const noise = options.noiseMg ?? 1000;
    const windowSamples = Math.max(options.minWindowSamples ?? 6, Math.round(((options.stableWindowMs ?? 200) * options.sampleRateHz) / 1000));
    this.#median = new RunningMedian(options.medianSize ?? 5);
    this.#window = new Float64Array(windowSamples);
    this.#history = Array.from({ length: windowSamples }, () => ({ stable: false, mean: 0 }));
    this.#band = options.stableBandMg ?? Math.max(2000, 4 * noise);
    this.#levelTolerance = options.levelToleranceMg ?? 0.6 * noise;
    this.#trendTolerance = options.trendToleranceMg ?? noise;
    this.#minStep = options.minStepMg ?? 3000;
    this.#drift = options.driftMgPerSecond ?? 200;
    this.#gapRate = options.gapAllowanceMgPerMinute ?? 150;
    this.#gapMax = options.maxGapAllowanceMg ?? 1500;
    this.#resolution = options.readingResolutionMg ?? 500;
  }

  /** The basket's weight while it is still; undefined while it moves, settles or is on hold. */
  get reading(): StableReading | undefined {
    return this.#current;
  }

  get held(): boolean {
    return this.#holds.size > 0;
  }

  /** Suspends weight decisions (the cart moves, a device is faulty) until every reason is released. */
  hold(reason: HoldReason, at: number): readonly WeightEvent[] {
    const wasHeld = this.held;
    this.#holds.add(reason);
    if (wasHeld) return NONE;
    this.#count = 0;
    return this.#unsettle(at);
  }

  release(reason: HoldReason): void {
    this.#holds.delete(reason);
  }

  /** Forgets the plateau (after a tare or a recalibration): the next still window starts afresh, with no step. */
  restart(): void {
    this.#plateau = undefined;
    this.#count = 0;
    this.#median.clear();
    this.#still = false;
    this.#current = undefined;
    this.#lastAnnounced = undefined;
  }

  push(sample: WeightSample): readonly WeightEvent[] {
    if (!Number.isFinite(sample.milligrams) || !Number.isFinite(sample.at)) return NONE;
    const filtered = this.#median.push(sample.milligrams);
    if (this.held) return NONE;

    const size = this.#window.length;
    this.#window[this.#next] = filtered;
    const slot = this.#next;
    this.#next = (this.#next + 1) % size;
    if (this.#count < size) {
      this.#count++;
      if (this.#count < size) {
        this.#history[slot] = { stable: false, mean: 0 };
        return this.#unsettle(sample.at);
      }
    }

    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < size; i++) {
      const v = this.#window[i] as number;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / size;
    // Oldest half against newest half: a window can be still and yet the level still moving.
    let older = 0;
    const half = size >> 1;
    for (let k = 0; k < half; k++) older += this.#window[(this.#next + k) % size] as number;
    const trend = (sum - older) / (size - half) - older / half;
    const stable = max - min <= this.#band;
    // The window that ended one window-length ago sits in this slot until overwritten now.
    const previous = this.#history[slot] as { stable: boolean; mean: number };
    this.#history[slot] = { stable, mean };
    if (!stable) return this.#unsettle(sample.at);

    let sq = 0;
    for (let i = 0; i < size; i++) sq += ((this.#window[i] as number) - mean) ** 2;
    // Median-filtered neighbours are correlated: count the window as half as many independent samples.
    const uncertainty = Math.sqrt(sq / Math.max(1, size - 1)) * Math.sqrt(2 / size);
    return this.#still_(sample.at, mean, uncertainty, trend, previous);
  }

  #still_(at: number, mean: number, uncertainty: number, trend: number, previous: { stable: boolean; mean: number }): readonly WeightEvent[] {
    const plateau = this.#plateau;
    if (!plateau) {
      this.#plateau = { milligrams: mean, uncertaintyMg: uncertainty, at };
      return this.#settle(at, mean, uncertainty, []);
    }
    const gapMinutes = this.#still ? 0 : (at - plateau.at) / 60_000;
    const threshold = this.#minStep + Math.min(this.#gapMax, this.#gapRate * gapMinutes);
    const delta = mean - plateau.milligrams;
    if (Math.abs(delta) >= threshold || !this.#still) {
      // The level must have come to rest: no trend inside the window and, after a slow change
      // (no transient before this window), no move since the window before.
      const atRest = Math.abs(trend) <= this.#trendTolerance && (!previous.stable || Math.abs(mean - previous.mean) <= this.#levelTolerance);
      if (!atRest) {
        // Still changing: wait, the plateau frozen where it was.
        this.#current = undefined;
        return NONE;
      }
      if (Math.abs(delta) >= threshold) return this.#step(at, plateau, mean, uncertainty);
      // Back from a disturbance that changed nothing: what crept or drifted meanwhile is accepted.
      plateau.milligrams = mean;
    } else {
      const maxMove = (this.#drift * (at - plateau.at)) / 1000;
      plateau.milligrams += Math.max(-maxMove, Math.min(maxMove, delta));
    }
    plateau.uncertaintyMg = uncertainty;
    plateau.at = at;
    return this.#settle(at, plateau.milligrams, uncertainty, []);
  }

  #step(at: number, plateau: Plateau, mean: number, uncertainty: number): readonly WeightEvent[] {
    const deltaMg = Math.round(mean - plateau.milligrams);
    const step: WeightStep = {
      kind: deltaMg > 0 ? 'placed' : 'removed',
      deltaMg,
      uncertaintyMg: Math.round(Math.hypot(plateau.uncertaintyMg, uncertainty)),
      fromMg: Math.round(plateau.milligrams),
      toMg: Math.round(mean),
      leftAt: plateau.at,
      at,
    };
    this.#plateau = { milligrams: mean, uncertaintyMg: uncertainty, at };
    return this.#settle(at, mean, uncertainty, [{ type: 'step', step }]);
  }

  #settle(at: number, milligrams: number, uncertainty: number, events: WeightEvent[]): readonly WeightEvent[] {
    const wasStill = this.#still;
    this.#still = true;
    const reading: StableReading = { at, milligrams: Math.round(milligrams), uncertaintyMg: Math.round(uncertainty) };
    this.#current = reading;
    if (!wasStill || events.length > 0 || this.#lastAnnounced === undefined || Math.abs(milligrams - this.#lastAnnounced) >= this.#resolution) {
      this.#lastAnnounced = milligrams;
      events.push({ type: 'stable', reading });
    }
    return events.length > 0 ? events : NONE;
  }

  #unsettle(at: number): readonly WeightEvent[] {
    this.#current = undefined;
    if (!this.#still) return NONE;
    this.#still = false;
    return [{ type: 'unsettled', at }];
  }
}
