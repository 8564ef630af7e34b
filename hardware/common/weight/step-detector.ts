import { RunningMedian } from './running-median.js';
import type { HoldReason, StableReading, WeightEvent, WeightSample, WeightStep } from './types.js';

export interface StepDetectorOptions {
  /** Nominal samples per second (10-320); sets the window lengths in samples. */
  readonly sampleRateHz: number;
  /** Standard deviation of one sample's noise, mg. The bands below default to multiples of it. */
  readonly noiseMg?: number;
  /** Odd length of the spike-removing median prefilter (default 5). */
  readonly medianSize?: number;
  /** Length of the stability window in ms (default 150), and its floor in samples (default 6). */
  readonly stableWindowMs?: number;
  readonly minWindowSamples?: number;
  /** Max − min of the filtered window for the basket to count as still (default 4 × noise, at least 2 g). */
  readonly stableBandMg?: number;
  /** Largest least-squares change across a still window before it counts as still moving (default 1.7 × noise). */
  readonly trendToleranceMg?: number;
  /**
   * The stretches just before the window that the level must agree with before a change counts
   * as over (a hand easing an item down moves the level slowly, inside the stable band). Each is
   * `ms` long, the first right before the window, the next before that; default 100 ms within
   * 1 × noise, then 200 ms within 2.5 × noise.
   */
  readonly lookback?: readonly { readonly ms: number; readonly toleranceMg: number }[];
  /** …and within this fraction of the change itself, for small changes (default 0.25). */
  readonly lookbackFraction?: number;
  /** A stretch spanning more than this with the window (default 8 × noise) is a transient that just ended, not a slow change. */
  readonly lookbackBandMg?: number;
  /** Smallest change reported as a step (default 3 g). */
  readonly minStepMg?: number;
  /** For this long after a step the plateau is the mean of the still windows since (default 800 ms). */
  readonly refineMs?: number;
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
  /** When it began, and how many still windows have been averaged into it since. */
  readonly since: number;
  windows: number;
}

interface Lookback {
  readonly samples: number;
  readonly toleranceMg: number;
}

const NONE: readonly WeightEvent[] = Object.freeze([]);

/**
 * Raw scale samples in, stable readings and weight steps out. The rule, in order:
 *
 * 1. A running median (5 samples) removes single and double spikes.
 * 2. The basket is *still* when the last W filtered samples (W = 150 ms of samples, at least 6)
 *    span no more than the stable band (4 × noise). While the cart moves or a device is faulty
 *    (`hold`), nothing is still: the history is emptied and refills only after the hold ends.
 * 3. A still window's mean is the candidate level. While it stays within the step threshold of
 *    the plateau, the plateau follows it at most `driftMgPerSecond` (slow creep and temperature
 *    drift are followed, never reported); for `refineMs` after a step it is the mean of the
 *    still windows since, so the tail of the change and the noise of one window do not carry
 *    into the next step.
 * 4. A still window whose mean differs from the plateau by at least the step threshold (3 g,
 *    widened by up to 1.5 g after a long hold or unsettled spell) is a step, once the level is
 *    *at rest*: the least-squares change across the window is small, and the level agrees with
 *    the stretches just before the window (100 ms within 1 × noise, the 200 ms before that
 *    within 2.5 × noise, and both within a quarter of the change). An item lowered slowly keeps
 *    every window inside the stable band, so without the look-back a slow change would be
 *    reported half-way and again at its end. A stretch that spans much more than the band
 *    together with the window is the fast transient that just ended (a drop ringing out, a
 *    quick lift): it says nothing about a slow change and is not compared.
 *
 * So a step is the difference between two consecutive plateaus at rest. Two items placed with
 * no still moment between them make one step of their sum. Steps are in integer milligrams with
 * the combined standard uncertainty of both plateau means.
 *
 * The look-back is what bounds the latency: with 1 g of noise per sample, telling a small item
 * still being eased down at a few grams a second from one at rest takes about 450 ms of
 * history (docs/cart-hardware.md, "Weight steps").
 */
export class StepDetector {
  readonly #median: RunningMedian;
  /** Filtered samples, newest at `#next − 1`: the window, then each look-back stretch. */
  readonly #history: Float64Array;
  readonly #window: number;
  readonly #lookback: readonly Lookback[];
  readonly #slopeNorm: number;
  readonly #band: number;
  readonly #trendTolerance: number;
  readonly #lookbackFraction: number;
  readonly #lookbackBand: number;
  readonly #minStep: number;
  readonly #refineMs: number;
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
    const perMs = options.sampleRateHz / 1000;
    if (!(perMs > 0) || !Number.isFinite(perMs)) throw new RangeError(`sample rate must be a positive number, not ${options.sampleRateHz}`);
    this.#window = Math.max(options.minWindowSamples ?? 6, Math.round((options.stableWindowMs ?? 150) * perMs));
    const lookback = options.lookback ?? [
      { ms: 100, toleranceMg: noise },
      { ms: 200, toleranceMg: 2.5 * noise },
    ];
    this.#lookback = lookback.map((l) => ({ samples: Math.max(2, Math.round(l.ms * perMs)), toleranceMg: l.toleranceMg }));
    this.#history = new Float64Array(this.#window + this.#lookback.reduce((n, l) => n + l.samples, 0));
    this.#median = new RunningMedian(options.medianSize ?? 5);
    const n = this.#window;
    this.#slopeNorm = (n * (n * n - 1)) / 12;
    this.#band = options.stableBandMg ?? Math.max(2000, 4 * noise);
    this.#trendTolerance = options.trendToleranceMg ?? 1.7 * noise;
    this.#lookbackFraction = options.lookbackFraction ?? 0.25;
    this.#lookbackBand = options.lookbackBandMg ?? Math.max(2 * this.#band, 8 * noise);
    this.#minStep = options.minStepMg ?? 3000;
    this.#refineMs = options.refineMs ?? 800;
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

    const length = this.#history.length;
    this.#history[this.#next] = filtered;
    this.#next = (this.#next + 1) % length;
    if (this.#count < length) this.#count++;
    const n = this.#window;
    if (this.#count < n) return this.#unsettle(sample.at);

    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let weighted = 0;
    const middle = (n - 1) / 2;
    for (let age = 0; age < n; age++) {
      const v = this.#ago(age);
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      weighted += (middle - age) * v;
    }
    if (max - min > this.#band) return this.#unsettle(sample.at);
    const mean = sum / n;
    let sq = 0;
    for (let age = 0; age < n; age++) sq += (this.#ago(age) - mean) ** 2;
    // Median-filtered neighbours are correlated: count the window as half as many independent samples.
    const uncertainty = Math.sqrt(sq / Math.max(1, n - 1)) * Math.sqrt(2 / n);
    // Least-squares slope, as the change it makes across the window.
    const trend = (weighted / this.#slopeNorm) * (n - 1);
    return this.#stillWindow(sample.at, mean, uncertainty, Math.abs(trend) <= this.#trendTolerance && this.#agreesWithLookback(mean, min, max));
  }

  /** The filtered sample `age` samples ago (0 = newest). */
  #ago(age: number): number {
    const length = this.#history.length;
    return this.#history[(this.#next - 1 - age + length) % length] as number;
  }

  /** Whether the level before the window agrees with `mean` (see the class comment, step 4). */
  #agreesWithLookback(mean: number, windowMin: number, windowMax: number): boolean {
    const change = this.#plateau ? Math.abs(mean - this.#plateau.milligrams) : Infinity;
    let min = windowMin;
    let max = windowMax;
    let from = this.#window;
    for (const stretch of this.#lookback) {
      const to = from + stretch.samples;
      if (this.#count < to) return true;
      let sum = 0;
      for (let age = from; age < to; age++) {
        const v = this.#ago(age);
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > this.#lookbackBand) return true;
      if (Math.abs(mean - sum / stretch.samples) > Math.min(stretch.toleranceMg, this.#lookbackFraction * change)) return false;
      from = to;
    }
    return true;
  }

  #stillWindow(at: number, mean: number, uncertainty: number, atRest: boolean): readonly WeightEvent[] {
    const plateau = this.#plateau;
    if (!plateau) {
      if (!atRest) return NONE;
      this.#plateau = { milligrams: mean, uncertaintyMg: uncertainty, at, since: at, windows: 1 };
      return this.#settle(at, mean, uncertainty, []);
    }
    const gapMinutes = this.#still ? 0 : (at - plateau.at) / 60_000;
    const threshold = this.#minStep + Math.min(this.#gapMax, this.#gapRate * gapMinutes);
    const delta = mean - plateau.milligrams;
    if (Math.abs(delta) >= threshold || !this.#still) {
      if (!atRest) {
        // Still changing: wait, the plateau frozen where it was.
        this.#current = undefined;
        return NONE;
      }
      if (Math.abs(delta) >= threshold) return this.#step(at, plateau, mean, uncertainty);
      // Back from a disturbance that changed nothing: what crept or drifted meanwhile is accepted.
      plateau.milligrams = mean;
    } else if (atRest && at - plateau.since <= this.#refineMs) {
      // The change is finishing (the tail of a ramp, the first creep): average it in.
      plateau.windows++;
      plateau.milligrams += delta / plateau.windows;
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
    this.#plateau = { milligrams: mean, uncertaintyMg: uncertainty, at, since: at, windows: 1 };
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
