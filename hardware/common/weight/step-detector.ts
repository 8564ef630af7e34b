import { RunningMedian } from './running-median.js';
import type { HoldReason, StableReading, WeightEvent, WeightSample, WeightStep } from './types.js';

export interface StepDetectorOptions {
  /** Nominal samples per second (10-320); sets the window lengths in samples. */
  readonly sampleRateHz: number;
  /** Standard deviation of one sample's noise, mg. The bands below default to multiples of it. */
  readonly noiseMg?: number;
  /** Odd length of the spike-removing median prefilter (default 5). */
  readonly medianSize?: number;
  /** A raw sample further than this many × noise from the median is a spike and counts as the median (default 3). */
  readonly spikeLimitNoise?: number;
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
   * 1.1 × noise, then 200 ms within 2.5 × noise.
   */
  readonly lookback?: readonly { readonly ms: number; readonly toleranceMg: number }[];
  /** …and within this fraction of the change itself, for small changes (default 0.22). */
  readonly lookbackFraction?: number;
  /** An older stretch spanning more than this with the window and the newer stretches (default 8 × noise) is a transient that just ended, not a slow change. */
  readonly lookbackBandMg?: number;
  /**
   * An older stretch the level left this much faster than it moves now (the extra change between
   * the two, default 3 × noise) holds a quick change that has ended: it is not compared. The
   * newest stretch is not compared when the level left it three times this much faster than the
   * window's own slope.
   */
  readonly lookbackJumpMg?: number;
  /** A further stretch before the look-back, only to see how quick the change was (default 300 ms; 0: none). */
  readonly decelerationMs?: number;
  /** Smallest change reported as a step (default 3 g). */
  readonly minStepMg?: number;
  /**
   * A step's size must also be this many times its own standard uncertainty (default 4), so that
   * with noisy cells a change the samples cannot tell from noise is followed as drift, not reported.
   */
  readonly significance?: number;
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

/** A window of filtered samples that stays inside the stable band. */
interface StillWindow {
  /** Its mean and the standard uncertainty of that mean. */
  readonly mean: number;
  readonly uncertainty: number;
  /** Its least-squares line at the newest sample, and that value's uncertainty. */
  readonly newest: number;
  readonly newestUncertainty: number;
}

interface Lookback {
  readonly samples: number;
  readonly toleranceMg: number;
}

const NONE: readonly WeightEvent[] = Object.freeze([]);

/**
 * Raw scale samples in, stable readings and weight steps out. The rule, in order:
 *
 * 1. A running median (5 samples) removes single and double spikes. The stable band (2.) is
 *    judged on the median; levels and slopes are computed on the raw samples, each one the
 *    median calls a spike (more than 3 × noise from it) replaced by the median. Raw samples are
 *    independent and undelayed, where the median lags a change by two samples and correlates
 *    its neighbours.
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
 *    the stretches just before the window (100 ms within 1.1 × noise, the 200 ms before that
 *    within 2.5 × noise, and both within 22 % of the change). An item lowered slowly keeps
 *    every window inside the stable band, so without the look-back a slow change would be
 *    reported half-way and again at its end. The older stretches need not agree when they hold
 *    a quick change that has ended: one spans much more than the band with everything newer (a
 *    drop ringing out), or the level left it, or the 300 ms before the look-back, much faster
 *    than it moves between the newest stretch and the window (3 × noise more change than that
 *    recent rate explains: a small item lifted briskly). A slow hand moves the level at about
 *    the same rate across the stretches, accelerating before it slows, and does not pass that
 *    test. The newest stretch must always agree, unless the level left it more than 9 × noise
 *    faster than the window moves (a big item lifted briskly). The step's new level is the
 *    window's least-squares line at its newest sample, so the tail of the change inside the
 *    window does not shorten the step.
 *
 * 5. The step's size as measured (new level minus plateau) must itself clear the threshold and be
 *    at least 4 × its own standard uncertainty, the newest value's part never below what the
 *    configured noise gives; otherwise the change is followed as drift. At 1 g of noise this never
 *    bites; with noisy cells it keeps a window that lands 3 g away by chance after a shake from
 *    becoming a step of a fraction of a gram.
 *
 * So a step is the difference between two consecutive plateaus at rest. Two items placed with
 * no still moment between them make one step of their sum. Steps are in integer milligrams with
 * the combined standard uncertainty of both levels.
 *
 * The look-back is what bounds the latency: with 1 g of noise per sample, telling a small item
 * still being eased down at a few grams a second from one at rest takes about 450 ms of
 * history, and telling it from a small item lifted briskly takes the 300 ms before that
 * (docs/cart-hardware.md, "Weight steps").
 */
export class StepDetector {
  readonly #median: RunningMedian;
  /** Filtered samples, newest at `#next − 1`: the window, then each look-back stretch. */
  readonly #history: Float64Array;
  /** The raw samples at the same places, a sample the median calls a spike replaced by the median. */
  readonly #clean: Float64Array;
  readonly #spikeLimit: number;
  readonly #window: number;
  /** The look-back stretches, newest first: the `#compared` ones the level must agree with, then the one that only shows how quick the change was. */
  readonly #lookback: readonly Lookback[];
  readonly #compared: number;
  readonly #slopeNorm: number;
  /** Standard uncertainty of the fitted line's newest value, per unit of sample spread. */
  readonly #newestFactor: number;
  readonly #band: number;
  readonly #trendTolerance: number;
  readonly #lookbackFraction: number;
  readonly #lookbackBand: number;
  readonly #jump: number;
  readonly #minStep: number;
  readonly #significance: number;
  /** The newest value's uncertainty from the configured noise: a floor under the estimate from one short window's spread. */
  readonly #newestNoise: number;
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
      { ms: 100, toleranceMg: 1.1 * noise },
      { ms: 200, toleranceMg: 2.5 * noise },
    ];
    const decelerationMs = options.decelerationMs ?? 300;
    const stretches = decelerationMs > 0 ? [...lookback, { ms: decelerationMs, toleranceMg: Infinity }] : lookback;
    this.#lookback = stretches.map((l) => ({ samples: Math.max(2, Math.round(l.ms * perMs)), toleranceMg: l.toleranceMg }));
    this.#compared = lookback.length;
    this.#history = new Float64Array(this.#window + this.#lookback.reduce((n, l) => n + l.samples, 0));
    this.#clean = new Float64Array(this.#history.length);
    this.#spikeLimit = (options.spikeLimitNoise ?? 3) * noise;
    this.#median = new RunningMedian(options.medianSize ?? 5);
    const n = this.#window;
    this.#slopeNorm = (n * (n * n - 1)) / 12;
    this.#newestFactor = Math.sqrt((1 + (3 * (n - 1)) / (n + 1)) / n);
    this.#band = options.stableBandMg ?? Math.max(2000, 4 * noise);
    this.#trendTolerance = options.trendToleranceMg ?? 1.7 * noise;
    this.#lookbackFraction = options.lookbackFraction ?? 0.22;
    this.#lookbackBand = options.lookbackBandMg ?? Math.max(2 * this.#band, 8 * noise);
    this.#minStep = options.minStepMg ?? 3000;
    this.#significance = options.significance ?? 4;
    this.#newestNoise = noise * this.#newestFactor;
    this.#jump = options.lookbackJumpMg ?? 3 * noise;
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
    this.#clean[this.#next] = Math.abs(sample.milligrams - filtered) > this.#spikeLimit ? filtered : sample.milligrams;
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
      if (v < min) min = v;
      if (v > max) max = v;
      const c = this.#cleanAgo(age);
      sum += c;
      weighted += (middle - age) * c;
    }
    if (max - min > this.#band) return this.#unsettle(sample.at);
    const mean = sum / n;
    let sq = 0;
    for (let age = 0; age < n; age++) sq += (this.#cleanAgo(age) - mean) ** 2;
    const spread = Math.sqrt(sq / Math.max(1, n - 1));
    // Least-squares slope, as the change it makes across the window.
    const trend = (weighted / this.#slopeNorm) * (n - 1);
    const still: StillWindow = {
      mean,
      uncertainty: spread / Math.sqrt(n),
      // The fitted line at the newest sample: what the window's mean would be without the tail of the change in it.
      newest: mean + trend / 2,
      newestUncertainty: spread * this.#newestFactor,
    };
    return this.#stillWindow(sample.at, still, Math.abs(trend) <= this.#trendTolerance && this.#agreesWithLookback(mean, trend, min, max));
  }

  /** The filtered sample `age` samples ago (0 = newest). */
  #ago(age: number): number {
    const length = this.#history.length;
    return this.#history[(this.#next - 1 - age + length) % length] as number;
  }

  /** The cleaned raw sample `age` samples ago. */
  #cleanAgo(age: number): number {
    const length = this.#clean.length;
    return this.#clean[(this.#next - 1 - age + length) % length] as number;
  }

  /** Whether the level before the window agrees with `mean`, or the change was quick and has ended (see the class comment, step 4). */
  #agreesWithLookback(mean: number, trend: number, windowMin: number, windowMax: number): boolean {
    const plateau = this.#plateau;
    const change = plateau ? Math.abs(mean - plateau.milligrams) : Infinity;
    // Rates below are per sample and count as positive in the direction of the change.
    const direction = plateau ? Math.sign(mean - plateau.milligrams) : 0;
    const windowRate = (direction * trend) / (this.#window - 1);
    let min = windowMin;
    let max = windowMax;
    let from = this.#window;
    // The previous (newer) stretch's mean and centre age; the window's to begin with.
    let newerMean = mean;
    let newerCentre = (this.#window - 1) / 2;
    // How fast the level moved between the newest stretch and the window.
    let recentRate = 0;
    // Whether every older compared stretch agrees, and whether one of them held a quick change that has ended.
    let olderAgree = true;
    let quick = false;
    for (let i = 0; i < this.#lookback.length; i++) {
      const stretch = this.#lookback[i] as Lookback;
      const to = from + stretch.samples;
      if (this.#count < to) break;
      let sum = 0;
      for (let age = from; age < to; age++) {
        const v = this.#ago(age);
        sum += this.#cleanAgo(age);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const stretchMean = sum / stretch.samples;
      const centre = (from + to - 1) / 2;
      const rate = (direction * (newerMean - stretchMean)) / (centre - newerCentre);
      if (i === 0) {
        // A change far quicker than anything the window still shows (a big item lifted briskly) has ended.
        if ((rate - windowRate) * (centre - newerCentre) > 3 * this.#jump) return true;
        recentRate = Math.max(0, rate);
      } else if ((i < this.#compared && max - min > this.#lookbackBand) || (rate - recentRate) * (centre - newerCentre) > this.#jump) {
        quick = true;
      }
      const agrees = Math.abs(mean - stretchMean) <= Math.min(stretch.toleranceMg, this.#lookbackFraction * change);
      if (i === 0 && !agrees) return false;
      if (i < this.#compared && !agrees) olderAgree = false;
      newerMean = stretchMean;
      newerCentre = centre;
      from = to;
    }
    return quick || olderAgree;
  }



  #stillWindow(at: number, still: StillWindow, atRest: boolean): readonly WeightEvent[] {
    const { mean, uncertainty } = still;
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
      // The step is measured at the window's newest sample; that size, not only the window's
      // mean, must clear the threshold and stand out of its own uncertainty. With noisy cells the
      // two differ, and a mean 3 g away can come with a measured change of a fraction of a gram.
      const size = still.newest - plateau.milligrams;
      // Twelve samples can show a spread well under the noise by chance; the configured noise is the floor.
      const uncertaintyMg = Math.hypot(plateau.uncertaintyMg, Math.max(still.newestUncertainty, this.#newestNoise));
      if (Math.abs(delta) >= threshold && Math.abs(size) >= threshold && Math.abs(size) >= this.#significance * uncertaintyMg) {
        return this.#step(at, plateau, still.newest, still.newestUncertainty);
      }
      // Back from a disturbance that changed nothing measurable: what crept or drifted meanwhile is accepted.
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
