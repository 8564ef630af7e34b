import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { onBoardReboot, type JohnnyFiveBoard } from '../johnny-five.js';
import { createButton, type JohnnyFiveButton } from './johnny-five-parts.js';

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
 * A contact read through johnny-five's Button and debounced on the injected clock: a mechanical
 * switch bounces for a few milliseconds, a cart rolling onto dock contacts chatters for longer,
 * and neither may read as several presses. Used for the help button, the staff key and the dock.
 */
export class DebouncedInput {
  readonly #button: JohnnyFiveButton;
  readonly #clock: Clock;
  readonly #debounceMs: number;
  readonly #holdMs: number | undefined;
  readonly #events = new EventEmitter<DebouncedInputEventMap>();
  readonly #onPin: () => void;
  readonly #board: JohnnyFiveBoard;
  readonly #stopFollowingReboots: () => void;
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
    this.#button = createButton(options.board, options.pin, options.activeLow ?? true);
    // The Button subscribed to this pin first, so its state is current when we look.
    this.#onPin = () => this.#changed();
    options.board.io.on(`digital-read-${options.pin}`, this.#onPin);
    const activeLow = options.activeLow ?? true;
    // What johnny-five's Button did once, again after a reboot: input mode, pull-up, reporting.
    this.#stopFollowingReboots = onBoardReboot(options.board, () => {
      const io = options.board.io;
      io.pinMode(options.pin, io.MODES.INPUT);
      if (activeLow) io.digitalWrite(options.pin, 1);
      io.reportDigitalPin(options.pin, 1);
    });
  }

  /** The debounced state: true while pressed (closed). */
  get isDown(): boolean {
    return this.#stable;
  }

  on<E extends keyof DebouncedInputEventMap>(event: E, listener: (...args: DebouncedInputEventMap[E]) => void): this {
    (this.#events.on as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  /** Stops listening (the board is going away or the cart shuts down). */
  close(): void {
    this.#board.io.off(`digital-read-${this.#button.pin}`, this.#onPin);
    this.#stopFollowingReboots();
    this.#cancel();
  }

  #emit<E extends keyof DebouncedInputEventMap>(event: E, ...args: DebouncedInputEventMap[E]): void {
    (this.#events.emit as (e: E, ...a: DebouncedInputEventMap[E]) => boolean)(event, ...args);
  }

  #changed(): void {
    if (this.#settle) this.#clock.clearTimeout(this.#settle);
    this.#settle = undefined;
    if (this.#button.isDown === this.#stable) return; // bounced back before settling
    this.#settle = this.#clock.setTimeout(() => {
      this.#settle = undefined;
      if (this.#button.isDown !== this.#stable) this.#flip();
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
