// The emulated cart runs on a simulated clock (its virtual scale samples on it); here that clock
// follows the wall clock, so grace periods run out and request signatures carry the real time.
// Until the cart's hardware exists (while it pairs) the clock is simply moved on; after that the
// hardware moves it, sampling as it goes.
import type { SimulatedClock } from '../../../domain/common/clock.js';

export class WallClockPump {
  readonly #timer: NodeJS.Timeout;
  #advance: (ms: number) => void;

  constructor(clock: SimulatedClock, wallNow: () => number = Date.now, everyMs = 50) {
    this.#advance = (ms) => clock.advance(ms);
    this.#timer = setInterval(() => {
      const behind = Math.floor(wallNow() - clock.now());
      if (behind > 0) this.#advance(behind);
    }, everyMs);
  }

  /** From now on time passes through `advance` (the virtual cart's, which samples its sensors). */
  driveWith(advance: (ms: number) => void): void {
    this.#advance = advance;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
