// How long a cart waits before trying the store again: doubling from a first delay up to a
// ceiling, so a store that is down is not hammered, and reset by the first success. With a
// seeded Random each wait is spread over its upper half, so a fleet of carts that lost the same
// store at the same moment does not come back in one burst.
import type { Random } from '../../../domain/common/random.js';

export interface BackoffOptions {
  readonly firstMs: number;
  readonly maxMs: number;
  /** Spreads each wait over [wait/2, wait]; waits are exact without it (tests). */
  readonly random?: Random;
}

export class Backoff {
  #failures = 0;

  constructor(private readonly options: BackoffOptions) {
    if (!(options.firstMs > 0) || !(options.maxMs >= options.firstMs)) {
      throw new RangeError(`a backoff needs 0 < firstMs <= maxMs, got ${options.firstMs} and ${options.maxMs}`);
    }
  }

  /** The wait after one more failure. */
  next(): number {
    const wait = Math.min(this.options.maxMs, this.options.firstMs * 2 ** Math.min(this.#failures, 30));
    this.#failures += 1;
    const random = this.options.random;
    return random ? Math.round(wait / 2 + (wait / 2) * random.next()) : wait;
  }

  reset(): void {
    this.#failures = 0;
  }

  get failures(): number {
    return this.#failures;
  }
}
