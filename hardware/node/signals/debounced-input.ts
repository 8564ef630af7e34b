import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { onBoardReboot, type JohnnyFiveBoard } from '../johnny-five.js';

export interface DebouncedInputOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  readonly pin: number;
  /** The contact must stay put this long to count (default 30 ms; dock contacts need ~200 ms). */
  readonly debounceMs?: number;
  /** Held this long: a `hold` event (default: none). */
  readonly holdMs?: number;
  /** Switch to ground with the internal pull-up (default true). */
  readonly activeLow?: boolean;
}

export interface DebouncedInputEventMap {
  press: [{ at: number }];
  release: [{ at: number; heldMs: number }];
  hold: [{ at: number }];
}

/**
 * A contact on a digital pin, debounced on the injected clock: a mechanical switch bounces for a
 * few milliseconds, a cart rolling onto dock contacts chatters for longer, and neither may read
 * as several presses. Used for the help button, the staff key and the dock.
 *
 * It reads the pin through the board's io itself rather than through johnny-five's Button: the
 * Button starts a wall-clock `setInterval` (its `hold` event) on every press and clears it only
 * on release, and has no way to stop it, so a cart closed while the help button was down kept
 * Node alive for ever. Everything the Button did for us (input mode, pull-up, reporting, the
 * inversion of an active-low switch) is four lines, and the hold is timed here on the clock.
 */
export class DebouncedInput {
  readonly #pin: number;
  readonly #activeLow: boolean;
  readonly #clock: Clock;
  readonly #debounceMs: number;
  readonly #holdMs: number | undefined;
  readonly #events = new EventEmitter<DebouncedInputEventMap>();
  readonly #onPin: (level: number) => void;
  readonly #board: JohnnyFiveBoard;
  readonly #stopFollowingReboots: () => void;
  /** The pin's last reported level; undefined until the board reports it (read as released). */
  #level: number | undefined;
  #stable = false;
  #pressedAt = 0;
  #settle: TimerHandle | undefined;
  #hold: TimerHandle | undefined;

  constructor(options: DebouncedInputOptions) {
    this.#clock = options.clock;
    this.#board = options.board;
    this.#debounceMs = options.debounceMs ?? 30;
    this.#holdMs = options.holdMs;
    if (!(this.#debounceMs >= 0) || (this.#holdMs !== undefined && !(this.#holdMs > this.#debounceMs))) {
      throw new RangeError(`debounce ${this.#debounceMs} ms and hold ${this.#holdMs} ms do not make sense`);
    }
    this.#pin = options.pin;
    this.#activeLow = options.activeLow ?? true;
    this.#onPin = (level: number) => {
      // Firmata reports a whole port at once: a change on a neighbouring pin repeats this one's level.
      if (level === this.#level) return;
      this.#level = level;
      this.#changed();
    };
    options.board.io.on(`digital-read-${options.pin}`, this.#onPin);
    this.#setUpPin();
    // A rebooted board forgot the pin's mode, pull-up and reporting.
    this.#stopFollowingReboots = onBoardReboot(options.board, () => this.#setUpPin());
  }

  /** The debounced state: true while pressed (closed). */
  get isDown(): boolean {
    return this.#stable;
  }

  on<E extends keyof DebouncedInputEventMap>(event: E, listener: (...args: DebouncedInputEventMap[E]) => void): this {
    (this.#events.on as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  off<E extends keyof DebouncedInputEventMap>(event: E, listener: (...args: DebouncedInputEventMap[E]) => void): this {
    (this.#events.off as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  /** Stops listening (the board is going away or the cart shuts down). */
  close(): void {
    this.#board.io.off(`digital-read-${this.#pin}`, this.#onPin);
    this.#stopFollowingReboots();
    this.#cancel();
  }

  #emit<E extends keyof DebouncedInputEventMap>(event: E, ...args: DebouncedInputEventMap[E]): void {
    (this.#events.emit as (e: E, ...a: DebouncedInputEventMap[E]) => boolean)(event, ...args);
  }

  /** Input mode, the internal pull-up for a switch to ground, and the board reporting changes. */
  #setUpPin(): void {
    const io = this.#board.io;
    io.pinMode(this.#pin, io.MODES.INPUT);
    if (this.#activeLow) io.digitalWrite(this.#pin, 1);
    io.reportDigitalPin(this.#pin, 1);
  }

  /** The contact is closed now, by the pin's last report (a switch to ground reads LOW). */
  #closedNow(): boolean {
    if (this.#level === undefined) return false;
    return this.#activeLow ? this.#level === 0 : this.#level !== 0;
  }

  #changed(): void {
    if (this.#settle) this.#clock.clearTimeout(this.#settle);
    this.#settle = undefined;
    if (this.#closedNow() === this.#stable) return; // bounced back before settling
    this.#settle = this.#clock.setTimeout(() => {
      this.#settle = undefined;
      if (this.#closedNow() !== this.#stable) this.#flip();
    }, this.#debounceMs);
  }

  #flip(): void {
    const at = this.#clock.now();
    this.#stable = !this.#stable;
    if (this.#stable) {
      this.#pressedAt = at;
      if (this.#holdMs !== undefined) {
        this.#hold = this.#clock.setTimeout(() => {
          this.#hold = undefined;
          this.#emit('hold', { at: this.#clock.now() });
        }, this.#holdMs - this.#debounceMs);
      }
      this.#emit('press', { at });
    } else {
      if (this.#hold) this.#clock.clearTimeout(this.#hold);
      this.#hold = undefined;
      this.#emit('release', { at, heldMs: at - this.#pressedAt });
    }
  }

  #cancel(): void {
    for (const t of [this.#settle, this.#hold]) if (t) this.#clock.clearTimeout(t);
    this.#settle = undefined;
    this.#hold = undefined;
  }
}
