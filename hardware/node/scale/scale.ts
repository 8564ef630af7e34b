import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { Result } from '../../../domain/common/result.js';
import { err, ok } from '../../../domain/common/result.js';
import type { FaultCleared, HardwareFault, HardwareFaultCode } from '../../common/faults.js';
import { ActiveFaults } from '../../common/faults.js';
import type { LoadCellSet } from '../../common/load-cells.js';
import { BASKET_CELLS, nominalCountsPerGram } from '../../common/load-cells.js';
import type { StepDetectorOptions } from '../../common/weight/step-detector.js';
import { StepDetector } from '../../common/weight/step-detector.js';
import type { StableReading, WeightEvent, WeightSample, WeightStep } from '../../common/weight/types.js';
import type { JohnnyFiveBoard } from '../johnny-five.js';
import type { AdcController, AdcReply, AdcSession } from './adc.js';
import type { ScaleCalibration } from './calibration.js';
import type { ScalePart } from './controllers.js';
import { Controllers } from './controllers.js';
import { I2cErrorMonitor } from './i2c-error-monitor.js';
import { captureBandGrams, differenceNoise } from './capture-band.js';

export interface ScaleOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  /** The ADC's part number (default 'NAU7802'). */
  readonly controller?: ScalePart;
  readonly address?: number;
  /** PGA gain (default 128) and conversions per second (default 80). */
  readonly gain?: number;
  readonly samplesPerSecond?: number;
  /** The cart's saved calibration; without one the cells' datasheet figures are used. */
  readonly calibration?: ScaleCalibration;
  readonly cells?: LoadCellSet;
  /** Net load above which the scale reports overload (default 30 kg). */
  readonly capacityGrams?: number;
  /** Expected noise of one sample, grams (default 1); sets the stability bands. */
  readonly noiseGrams?: number;
  /** Automatic zero tracking while the basket is empty; false turns it off. */
  readonly zeroTracking?: { readonly bandGrams: number; readonly gramsPerSecond: number } | false;
  /** Overrides for the weight step detector. */
  readonly detector?: Partial<StepDetectorOptions>;
}

export interface ScaleEvents {
  /** The chip is configured and converting (again, after a fault or a board reboot). */
  ready: [];
  sample: [WeightSample];
  stable: [StableReading];
  unsettled: [number];
  step: [WeightStep];
  fault: [HardwareFault];
  'fault-cleared': [FaultCleared];
}

export type CaptureErrorCode = 'not-still' | 'no-samples' | 'faulty' | 'no-zero' | 'too-light';

export class ScaleCaptureError extends Error {
  readonly code: CaptureErrorCode;

  constructor(code: CaptureErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A fault that is the chip's or the link's, and that re-initialising the chip may cure. */
const LINK_FAULTS: readonly HardwareFaultCode[] = ['no-answer', 'stuck', 'i2c-error', 'wrong-device', 'disconnected'];

/**
 * The basket scale, johnny-five style: one component, the ADC chosen by part number from
 * `Controllers`, talking to the chip only through johnny-five's I2C API on `board.io`. Counts
 * become net milligrams through the calibration and tare; the step detector turns them into
 * stable readings and weight steps. Faults (no answer, stuck or railed samples, overload, I2C
 * errors, a board that vanished) are typed events; while any is active weight decisions are held,
 * and the scale re-initialises the chip until it answers again, then clears them by itself.
 */
export class Scale extends EventEmitter<ScaleEvents> {
  readonly #board: JohnnyFiveBoard;
  readonly #clock: Clock;
  readonly #controller: AdcController;
  readonly #session: AdcSession;
  readonly #errors: I2cErrorMonitor;
  readonly #detector: StepDetector;
  readonly #faults: ActiveFaults;
  readonly #capacityMg: number;
  readonly #zeroTracking: { readonly bandMg: number; readonly mgPerMs: number } | undefined;
  readonly #replyDeadlineMs: number;
  readonly #stuckAfter: number;
  #calibration: { zeroCounts: number; countsPerGram: number; calibrated: ScaleCalibration | undefined };
  #tareCounts: number;
  /** The noise one sample is expected to carry, grams (the capture band's cap; see capture-band.ts). */
  readonly #noiseGrams: number;
  #starting = false;
  #running = false;
  #closed = false;
  #lastReplyAt: number;
  #lastCounts: number | undefined;
  #repeats = 0;
  #badReplies = 0;
  #lastSampleAt: number | undefined;
  #faultSince: number | undefined;
  #watchdog: TimerHandle | undefined;
  readonly #captures = new Set<(counts: number) => void>();
  readonly #onReboot = (): void => {
    // The board rebooted (unplugged and back, or reset): it forgot our continuous read and the
    // chip lost power with it, so bring the chip up from scratch.
    this.#running = false;
    void this.#start();
  };

  constructor(options: ScaleOptions) {
    super();
    this.#board = options.board;
    this.#clock = options.clock;
    this.#controller = Controllers[options.controller ?? 'NAU7802'];
    const gain = options.gain ?? 128;
    const rate = options.samplesPerSecond ?? 80;
    this.#errors = new I2cErrorMonitor(options.board.io);
    this.#session = {
      io: options.board.io,
      address: options.address ?? this.#controller.defaultAddress,
      clock: options.clock,
      gain,
      samplesPerSecond: rate,
      errors: this.#errors,
    };
    const saved = options.calibration;
    if (saved && (saved.part !== this.#controller.part || saved.gain !== gain)) {
      throw new RangeError(`calibration for ${saved.part} at gain ${saved.gain} does not fit a ${this.#controller.part} at gain ${gain}`);
    }
    const countsPerGram = saved?.countsPerGram ?? nominalCountsPerGram(options.cells ?? BASKET_CELLS, gain);
    this.#calibration = { zeroCounts: saved?.zeroCounts ?? 0, countsPerGram, calibrated: saved };
    this.#tareCounts = this.#calibration.zeroCounts;
    this.#capacityMg = (options.capacityGrams ?? 30_000) * 1000;
    this.#noiseGrams = options.noiseGrams ?? 1;
    const noiseMg = this.#noiseGrams * 1000;
    this.#detector = new StepDetector({ sampleRateHz: rate, noiseMg, ...options.detector });
    const zt = options.zeroTracking ?? { bandGrams: 2, gramsPerSecond: 0.2 };
    this.#zeroTracking = zt ? { bandMg: zt.bandGrams * 1000, mgPerMs: zt.gramsPerSecond } : undefined;
    // A read happens every sampling interval (about one per conversion); allow for a few lost ones.
    this.#replyDeadlineMs = Math.max(300, 8 * (1000 / rate));
    // A new conversion every read at most: half a second of identical results is a frozen converter.
    this.#stuckAfter = Math.max(8, Math.round(rate / 2));
    this.#faults = new ActiveFaults(
      'scale',
      (f) => this.emit('fault', f),
      (c) => this.emit('fault-cleared', c),
    );
    this.#lastReplyAt = this.#clock.now();
    if (this.#board.isReady) void this.#begin();
    else this.#board.once('ready', () => void this.#begin());
  }

  /** The current stable net weight, or undefined while the basket is moving, settling or faulty. */
  get reading(): StableReading | undefined {
    return this.#detector.reading;
  }

  get faults(): HardwareFault[] {
    return this.#faults.list();
  }

  get calibration(): ScaleCalibration | undefined {
    return this.#calibration.calibrated;
  }

  /** The cart moves: hold weight decisions until `cartStill()`. */
  cartMoving(): void {
    this.#dispatch(this.#detector.hold('motion', this.#clock.now()));
  }

  cartStill(): void {
    this.#detector.release('motion');
  }

  /** Zeroes the scale with whatever is in the basket now (still basket required). */
  async tare(): Promise<Result<void, ScaleCaptureError>> {
    const counts = await this.#capture();
    if (!counts.ok) return counts;
    this.#tareCounts = counts.value;
    this.#detector.restart();
    return ok(undefined);
  }

  /**
   * Two-point calibration, first point: the empty basket. Also tares. Then put a known mass in
   * and call `calibrateSpan`.
   */
  async calibrateZero(): Promise<Result<void, ScaleCaptureError>> {
    const counts = await this.#capture();
    if (!counts.ok) return counts;
    this.#calibration = { ...this.#calibration, zeroCounts: counts.value };
    this.#tareCounts = counts.value;
    this.#detector.restart();
    return ok(undefined);
  }

  /** Second point: `knownGrams` in the basket. Returns the calibration to save for this cart. */
  async calibrateSpan(knownGrams: number, cartId: string): Promise<Result<ScaleCalibration, ScaleCaptureError>> {
    if (!(knownGrams >= 100) || !Number.isFinite(knownGrams)) {
      return err(new ScaleCaptureError('too-light', `calibrate with a known mass of at least 100 g, not ${knownGrams} g`));
    }
    const counts = await this.#capture();
    if (!counts.ok) return counts;
    const countsPerGram = (counts.value - this.#calibration.zeroCounts) / knownGrams;
    if (Math.abs(countsPerGram) < 0.01) {
      return err(new ScaleCaptureError('no-zero', 'the known mass barely moved the reading: was the zero taken with it already in the basket?'));
    }
    const calibrated: ScaleCalibration = {
      cartId,
      part: this.#controller.part,
      gain: this.#session.gain,
      zeroCounts: this.#calibration.zeroCounts,
      countsPerGram,
      referenceGrams: knownGrams,
      calibratedAt: new Date(this.#clock.now()).toISOString(),
    };
    this.#calibration = { zeroCounts: calibrated.zeroCounts, countsPerGram, calibrated };
    this.#tareCounts = calibrated.zeroCounts;
    this.#detector.restart();
    return ok(calibrated);
  }

  /** Stops reading the chip and lets go of the board. */
  close(): void {
    this.#closed = true;
    if (this.#watchdog) this.#clock.clearTimeout(this.#watchdog);
    this.#session.io.off('reportversion', this.#onReboot);
    this.#controller.stop(this.#session);
    this.#errors.close();
  }

  async #begin(): Promise<void> {
    // The Firmata sampling interval paces the continuous read: one read per conversion (Firmata's floor is 10 ms).
    this.#session.io.setSamplingInterval(Math.max(10, Math.floor(1000 / this.#session.samplesPerSecond)));
    this.#session.io.on('reportversion', this.#onReboot);
    this.#armWatchdog();
    await this.#start();
  }

  async #start(): Promise<void> {
    if (this.#starting || this.#closed) return;
    this.#starting = true;
    this.#running = false;
    this.#lastReplyAt = this.#clock.now();
    const result = await this.#controller.start(this.#session, (reply) => this.#onReply(reply));
    this.#starting = false;
    if (this.#closed) return;
    if (!result.ok) {
      // With the board gone nothing answers; that is already the 'disconnected' fault.
      if (!this.#faults.has('disconnected')) this.#raise(result.error.code, result.error.message);
      return;
    }
    this.#running = true;
    this.#lastCounts = undefined;
    this.#repeats = 0;
    this.#badReplies = 0;
    this.#lastReplyAt = this.#clock.now();
    this.#faults.clear('wrong-device', this.#clock.now());
    this.#faults.clear('i2c-error', this.#clock.now());
    this.emit('ready');
  }

  /** Every 100 ms: a silent link is a fault, and a faulty chip is re-initialised once a second. */
  #armWatchdog(): void {
    this.#watchdog = this.#clock.setTimeout(() => {
      if (this.#closed) return;
      const now = this.#clock.now();
      if (this.#running && now - this.#lastReplyAt > this.#replyDeadlineMs) {
        this.#raise('disconnected', 'no data from the scale board: is the cart computer still connected to it?');
      }
      const linkFault = LINK_FAULTS.some((c) => this.#faults.has(c));
      if (linkFault && !this.#starting && this.#faultSince !== undefined && now - this.#faultSince >= 1000) {
        this.#faultSince = now;
        void this.#start();
      }
      this.#armWatchdog();
    }, 100);
  }

  #onReply(reply: AdcReply): void {
    const now = this.#clock.now();
    this.#lastReplyAt = now;
    this.#faults.clear('disconnected', now);
    if (!reply.ok) {
      if (++this.#badReplies >= 3) this.#raise('no-answer', 'the scale ADC stopped answering on the I2C bus');
      return;
    }
    this.#badReplies = 0;
    this.#faults.clear('no-answer', now);
    const counts = reply.counts;
    if (counts === this.#lastCounts) {
      // No new conversion since the last read; a long run of them is a frozen converter.
      if (++this.#repeats >= this.#stuckAfter) this.#raise('stuck', `the scale ADC has returned ${counts} for ${this.#repeats} reads in a row`);
      return;
    }
    this.#lastCounts = counts;
    this.#repeats = 0;
    this.#faults.clear('stuck', now);
    if (counts <= this.#controller.minCounts || counts >= this.#controller.maxCounts) {
      this.#raise('out-of-range', 'the scale ADC is at its rail: a load cell wire may be loose');
      return;
    }
    this.#faults.clear('out-of-range', now);
    for (const take of this.#captures) take(counts);

    const milligrams = Math.round(((counts - this.#tareCounts) / this.#calibration.countsPerGram) * 1000);
    if (milligrams > this.#capacityMg) {
      this.#raise('overload', `more than ${this.#capacityMg / 1e6} kg in the basket`);
    } else if (milligrams < this.#capacityMg * 0.95) {
      this.#faults.clear('overload', now);
    }
    this.#updateHold(now);
    const sample: WeightSample = { at: now, milligrams };
    this.emit('sample', sample);
    this.#dispatch(this.#detector.push(sample));
    this.#trackZero(now);
    this.#lastSampleAt = now;
  }

  /** Automatic zero tracking: an empty, still basket's small offset is walked back to zero, slowly. */
  #trackZero(now: number): void {
    const zt = this.#zeroTracking;
    const reading = this.#detector.reading;
    if (!zt || !reading || this.#lastSampleAt === undefined || Math.abs(reading.milligrams) > zt.bandMg) return;
    const maxMg = zt.mgPerMs * (now - this.#lastSampleAt);
    const moveMg = Math.max(-maxMg, Math.min(maxMg, reading.milligrams));
    this.#tareCounts += (moveMg / 1000) * this.#calibration.countsPerGram;
  }

  #raise(code: HardwareFaultCode, message: string): void {
    const now = this.#clock.now();
    this.#faults.raise(code, message, now);
    this.#updateHold(now);
  }

  #updateHold(now: number): void {
    if (this.#faults.any) {
      this.#faultSince ??= now;
      this.#dispatch(this.#detector.hold('fault', now));
    } else {
      this.#faultSince = undefined;
      this.#detector.release('fault');
    }
  }

  #dispatch(events: readonly WeightEvent[]): void {
    for (const e of events) {
      if (e.type === 'step') this.emit('step', e.step);
      else if (e.type === 'stable') this.emit('stable', e.reading);
      else this.emit('unsettled', e.at);
    }
  }

  /** Median of the next half second of conversions, if the basket is still (capture-band.ts) and the scale healthy. */
  #capture(): Promise<Result<number, ScaleCaptureError>> {
    const wanted = Math.max(5, Math.round(this.#session.samplesPerSecond / 2));
    return new Promise((resolve) => {
      if (this.#faults.any) {
        resolve(err(new ScaleCaptureError('faulty', `the scale is faulty: ${this.#faults.list()[0]?.message ?? ''}`)));
        return;
      }
      const got: number[] = [];
      const finish = (result: Result<number, ScaleCaptureError>): void => {
        this.#captures.delete(take);
        this.#clock.clearTimeout(timer);
        resolve(result);
      };
      const take = (counts: number): void => {
        got.push(counts);
        if (got.length < wanted) return;
        const sorted = [...got].sort((a, b) => a - b);
        const countsPerGram = Math.abs(this.#calibration.countsPerGram);
        const bandCounts = countsPerGram * captureBandGrams(differenceNoise(got) / countsPerGram, this.#noiseGrams);
        if (this.#detector.held || (sorted[sorted.length - 1] as number) - (sorted[0] as number) > bandCounts) {
          finish(err(new ScaleCaptureError('not-still', 'the basket was not still: let it settle and try again')));
        } else {
          finish(ok(sorted[Math.floor(sorted.length / 2)] as number));
        }
      };
      const timer = this.#clock.setTimeout(() => finish(err(new ScaleCaptureError('no-samples', 'the scale sent no samples'))), 3000);
      this.#captures.add(take);
    });
  }
}
