import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { VirtualBoard } from '../virtual-board/virtual-board.js';

export interface VirtualContactOptions {
  readonly board: VirtualBoard;
  readonly clock: Clock;
  readonly random: Random;
  readonly pin: number;
  /** How long the contact chatters when it closes or opens, ms (push buttons ~5, dock ~100). */
  readonly bounceMs: number;
  /** Wired to ground against a pull-up: closed reads LOW (default true). */
  readonly activeLow?: boolean;
}

/**
 * A mechanical contact on a digital pin: a push button, a key switch, the dock's charge
 * contacts. Closing or opening it chatters for `bounceMs` (seeded) before it settles, as real
 * contacts do, so the drivers' debouncing is exercised.
 */
export class VirtualContact {
  readonly #o: VirtualContactOptions;
  #closed = false;
  #generation = 0;

  constructor(options: VirtualContactOptions) {
    this.#o = options;
    options.board.setDigitalInput(options.pin, this.#level(false));
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#set(true);
  }

  open(): void {
    this.#set(false);
  }

  #level(closed: boolean): 0 | 1 {
    const activeLow = this.#o.activeLow ?? true;
    return closed === activeLow ? 0 : 1;
  }

  #set(closed: boolean): void {
    if (closed === this.#closed) return;
    this.#closed = closed;
    const generation = ++this.#generation;
    const { board, clock, random, pin, bounceMs } = this.#o;
    // A few random flips inside the bounce window, then the final level.
    const flips = bounceMs > 0 ? random.int(2, 6) : 0;
    const times = Array.from({ length: flips }, () => random.next() * bounceMs).sort((a, b) => a - b);
    board.setDigitalInput(pin, this.#level(closed));
    times.forEach((t, i) => {
      clock.setTimeout(() => {
        if (generation === this.#generation) board.setDigitalInput(pin, this.#level(i % 2 === 0 ? !closed : closed));
      }, t);
    });
    clock.setTimeout(() => {
      if (generation === this.#generation) board.setDigitalInput(pin, this.#level(closed));
    }, bounceMs);
  }
}
