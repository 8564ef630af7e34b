import type { Clock, TimerHandle } from '../../../domain/common/clock.js';

export interface StallWatchdogOptions {
  /** Silence after which the camera counts as stalled (it may come back). */
  readonly stallAfterMs: number;
  /** Silence after which the camera counts as gone (the source gives up and stops). */
  readonly goneAfterMs: number;
  readonly onStalled: (silentForMs: number) => void;
  readonly onResumed: (silentForMs: number) => void;
  readonly onGone: (silentForMs: number) => void;
}

/**
 * Notices a camera that stops sending frames without closing its pipe: a USB camera that
 * browns out or a driver that wedges leaves ffmpeg waiting forever, so silence is the only sign.
 * Reads the injected clock, so tests drive it by advancing time.
 */
export class StallWatchdog {
  #lastFrameAt: number;
  #timer: TimerHandle | undefined;
  #stalled = false;
  #running = false;

  constructor(
    private readonly clock: Clock,
    private readonly options: StallWatchdogOptions,
  ) {
    if (!(options.stallAfterMs > 0) || !(options.goneAfterMs >= options.stallAfterMs)) {
      throw new RangeError(`watchdog needs 0 < stallAfterMs <= goneAfterMs (got ${options.stallAfterMs}, ${options.goneAfterMs})`);
    }
    this.#lastFrameAt = clock.now();
  }

  start(): void {
    this.#running = true;
    this.#lastFrameAt = this.clock.now();
    this.#arm(this.options.stallAfterMs);
  }

  /** A frame arrived: the camera is alive. */
  feed(): void {
    if (!this.#running) return;
    const now = this.clock.now();
    if (this.#stalled) {
      this.#stalled = false;
      this.options.onResumed(now - this.#lastFrameAt);
    }
    this.#lastFrameAt = now;
    this.#arm(this.options.stallAfterMs);
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    if (this.#timer) this.clock.clearTimeout(this.#timer);
    this.#timer = this.clock.setTimeout(() => this.#check(), ms);
  }

  #check(): void {
    this.#timer = undefined;
    if (!this.#running) return;
    const silent = this.clock.now() - this.#lastFrameAt;
    if (silent >= this.options.goneAfterMs) {
      this.stop();
      this.options.onGone(silent);
      return;
    }
    if (!this.#stalled && silent >= this.options.stallAfterMs) {
      this.#stalled = true;
      this.options.onStalled(silent);
    }
    this.#arm(this.options.goneAfterMs - silent);
  }
}
