import type { Clock, TimerHandle } from '../../../domain/common/clock.js';

/**
 * Calls `tick` at a fixed rate on the injected clock. Each tick is scheduled from the start
 * time (start + n × interval), not from the previous tick, so timer lateness never accumulates.
 */
export class Ticker {
  #timer: TimerHandle | undefined;
  #startedAt = 0;
  #count = 0;

  constructor(
    private readonly clock: Clock,
    readonly intervalMs: number,
    private readonly tick: () => void,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`tick interval must be positive, not ${intervalMs}`);
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * First tick as soon as the clock runs its timers (not inside this call, so whoever starts
   * the ticker can finish wiring up before the first tick), then every interval.
   */
  start(): void {
    this.stop();
    this.#startedAt = this.clock.now();
    this.#count = 0;
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Tick number `count` is due at start + count × interval. */
  #schedule(): void {
    const due = this.#startedAt + this.#count * this.intervalMs;
    this.#timer = this.clock.setTimeout(() => {
      this.#count++;
      this.#schedule();
      this.tick();
    }, Math.max(0, due - this.clock.now()));
  }
}
