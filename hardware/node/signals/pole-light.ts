import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { onBoardReboot, type JohnnyFiveBoard } from '../johnny-five.js';
import { CART_PINS } from '../../common/pin-map.js';
import { createRgbLed, type JohnnyFiveRgbLed, type RgbColor } from './johnny-five-parts.js';
import { LIGHT_PRIORITY, type LightSignal } from '../../common/cart-signals.js';
import { LIGHT_PATTERNS, SCAN_FLASH, type LightStep } from './light-patterns.js';

/** Anything that shows a colour: johnny-five's Led.RGB on the cart. */
export interface RgbOutput {
  color(color: RgbColor): void;
}

/** Signals a scan's green flash may not interrupt: red must never look green, nor staff's blue. */
const NO_FLASH_OVER: ReadonlySet<LightSignal> = new Set<LightSignal>(['staff', 'alarm']);

/**
 * The cart's pole light. Parts of the cart ask for a signal under a reason ("help",
 * "fault:scale", "alerts"); the light shows the most urgent one asked for and plays its
 * pattern on the injected clock (johnny-five's own blink runs on wall-clock timers). A scan
 * accepted flashes it green once (`flash`) on top of `ok` or `attention`.
 */
export class PoleLight {
  readonly #output: RgbOutput;
  readonly #clock: Clock;
  readonly #requests = new Map<string, LightSignal>();
  #showing: LightSignal | undefined;
  #flashing = false;
  #timer: TimerHandle | undefined;
  #last: RgbColor | undefined;

  constructor(output: RgbOutput, clock: Clock) {
    this.#output = output;
    this.#clock = clock;
    this.#show('ok');
  }

  /** The signal on show now. */
  get signal(): LightSignal {
    return this.#showing ?? 'ok';
  }

  /** Asks for a signal for a reason; asking again under the same reason replaces it. */
  request(reason: string, signal: LightSignal): void {
    this.#requests.set(reason, signal);
    this.#update();
  }

  /** Whether a scan's green flash is on show now. */
  get flashing(): boolean {
    return this.#flashing;
  }

  /**
   * One green flash for a scan accepted, then the signal on show resumes; none over `staff` or
   * `alarm`. A change of signal during the flash cuts it short.
   */
  flash(): void {
    const showing = this.signal;
    if (NO_FLASH_OVER.has(showing)) return;
    this.#clearTimer();
    this.#flashing = true;
    this.#step(SCAN_FLASH, 0, () => this.#show(showing));
  }

  /** The reason no longer holds. */
  withdraw(reason: string): void {
    this.#requests.delete(reason);
    this.#update();
  }

  /** Writes the colour on show again (the board rebooted and forgot it). */
  refresh(): void {
    const color = this.#last;
    this.#last = undefined;
    if (color) this.#write(color);
  }

  /** Lights out (the cart is shutting down). */
  close(): void {
    this.#clearTimer();
    this.#write({ red: 0, green: 0, blue: 0 });
  }

  #clearTimer(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#flashing = false;
  }

  #update(): void {
    let winner: LightSignal = 'ok';
    for (const s of this.#requests.values()) if (LIGHT_PRIORITY.indexOf(s) > LIGHT_PRIORITY.indexOf(winner)) winner = s;
    if (winner !== this.#showing) this.#show(winner);
  }

  #show(signal: LightSignal): void {
    this.#showing = signal;
    this.#clearTimer();
    this.#step(LIGHT_PATTERNS[signal], 0);
  }

  /** Plays `steps` from `index`: round and round, or once and then `after` when it is given. */
  #step(steps: readonly LightStep[], index: number, after?: () => void): void {
    if (after && index >= steps.length) return after();
    const step = steps[index % steps.length];
    if (!step) return;
    this.#write(step.color);
    if (Number.isFinite(step.ms)) this.#timer = this.#clock.setTimeout(() => this.#step(steps, index + 1, after), step.ms);
  }

  #write(color: RgbColor): void {
    // Each write is a Firmata message per pin: skip repeats.
    if (this.#last && this.#last.red === color.red && this.#last.green === color.green && this.#last.blue === color.blue) return;
    this.#last = color;
    this.#output.color(color);
  }
}

/**
 * The pole light on the cart's RGB pins (see hardware/common/pin-map.ts). After a board reboot
 * the pins are put back in PWM mode and the current colour is written again; `close` puts the
 * light out and stops following reboots.
 */
export function cartPoleLight(board: JohnnyFiveBoard, clock: Clock): { light: PoleLight; led: JohnnyFiveRgbLed; close(): void } {
  const pins = [CART_PINS.lightRed, CART_PINS.lightGreen, CART_PINS.lightBlue];
  const led = createRgbLed(board, { red: CART_PINS.lightRed, green: CART_PINS.lightGreen, blue: CART_PINS.lightBlue });
  const light = new PoleLight(led, clock);
  const stop = onBoardReboot(board, () => {
    for (const pin of pins) board.io.pinMode(pin, board.io.MODES.PWM);
    light.refresh();
  });
  return {
    light,
    led,
    close() {
      stop();
      light.close();
    },
  };
}
