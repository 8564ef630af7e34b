// The emulated cart's body: the hardware package's virtual Uno with everything wired to it (the
// basket on its NAU7802, the MPU6050 on the frame, the pack and dock, the help button), seeded
// and on the simulated clock. The cart computer reaches it only through `port`, the USB serial
// link, with the real firmata and johnny-five (see boot-hardware.ts). A script moves time on;
// the board's firmware runs its loop and every byte it sends reaches the drivers at the
// simulated millisecond it was sent.
import type { Duplex } from 'node:stream';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import { NAU7802_ADDRESS } from '../../../hardware/common/nau7802.js';
import { CART_PINS } from '../../../hardware/common/pin-map.js';
import type { LoadChange, Placement, Removal } from '../../../hardware/node/virtual-devices/basket-physics.js';
import { rollOverStrips } from '../../../hardware/node/virtual-devices/lane-strip.js';
import { VirtualCart } from '../../../hardware/node/virtual-devices/virtual-cart.js';
import type { VirtualStripSensor } from '../../../hardware/node/virtual-ble/strip-sensor.js';
import { defaultCartSettings, type VirtualCartSettings } from './virtual-cart.js';

/**
 * The clock moves a millisecond at a time. After each step the next tick runs (the serial link
 * delivers what the board sent on the next tick; firmata, johnny-five and the drivers handle it
 * at once), so a request and its reply cost the wire one simulated millisecond, about what a
 * USB round trip to an Uno costs. Every `TURN_MS` the event loop turns once in full, so I/O
 * (a store server in the same process, a terminal) is never starved by a long advance. A full
 * turn every millisecond would cost a few microseconds of wall time per simulated millisecond
 * for nothing: most milliseconds the board says nothing.
 */
const TICK_MS = 1;
const TURN_MS = 50;
const nextTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class CartBody {
  readonly #clock: SimulatedClock;
  readonly #cart: VirtualCart;
  /** Advances run one after another, in the order they were asked for. */
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(clock: SimulatedClock, settings: VirtualCartSettings = defaultCartSettings) {
    this.#clock = clock;
    this.#cart = new VirtualCart({ clock, random: seededRandom(settings.seed), noiseGrams: settings.scaleNoiseGrams, vibrationRmsG: settings.vibrationRmsG });
  }

  /** The board's end of the USB cable, to open with `openFirmata` as a serial port. */
  get port(): Duplex {
    return this.#cart.board.port;
  }

  /** Puts an item of `grams` in the basket now; its id takes it out again. */
  place(grams: number, how: Placement = { how: 'lowered', durationMs: 600 }): LoadChange {
    return this.#cart.basket.physics.place(grams, how);
  }

  remove(itemId: number, how: Removal = { how: 'lifted', durationMs: 500 }): LoadChange {
    return this.#cart.basket.physics.remove(itemId, how);
  }

  /** Items in the basket now, by id, with their mass in grams. */
  items(): ReadonlyMap<number, number> {
    return this.#cart.basket.physics.items();
  }

  /** Starts pushing the cart (1 = a brisk walk); `stop` lets it roll to rest. */
  push(intensity: number): void {
    this.#cart.motion.push(intensity);
  }

  stop(): void {
    this.#cart.motion.stop();
  }

  /** Pulls the scale's I2C cable off the board (true) or plugs it back (false). */
  unplugScale(unplugged: boolean): void {
    if (unplugged) this.#cart.board.detachI2c(NAU7802_ADDRESS);
    else this.#cart.board.attachI2c(NAU7802_ADDRESS, this.#cart.basket.adc);
  }

  /** Pulls the board's USB cable (true): the board goes silent; plugged back, it boots afresh. */
  unplugBoard(unplugged: boolean): void {
    if (unplugged) this.#cart.board.disconnect();
    else this.#cart.board.reconnect();
  }

  /** Presses the help button (a short press, as a shopper does), or holds it for `holdMs`. */
  pressHelp(holdMs = 200): void {
    this.#cart.helpButton.close();
    this.#clock.setTimeout(() => this.#cart.helpButton.open(), holdMs);
  }

  /**
   * The lane-strip switches close as the cart rolls over a strip of the virtual floor, the one
   * for the strip's pole (the cart has a switch for each); returns the undoing.
   */
  followStrips(floor: VirtualStripSensor): () => void {
    return rollOverStrips(floor, { south: this.#cart.laneStrip, north: this.#cart.laneStripNorth }, this.#clock);
  }

  /** Turns the staff key to staff mode (true) or back (false). */
  turnStaffKey(on: boolean): void {
    if (on) this.#cart.staffKey.close();
    else this.#cart.staffKey.open();
  }

  /** What the board drives now on the pole light's three PWM pins (0-255 each) and the buzzer's (duty, 0 = silent). */
  get outputs(): { readonly light: { readonly red: number; readonly green: number; readonly blue: number }; readonly buzzer: number } {
    const board = this.#cart.board;
    return {
      light: { red: board.pwmOutput(CART_PINS.lightRed), green: board.pwmOutput(CART_PINS.lightGreen), blue: board.pwmOutput(CART_PINS.lightBlue) },
      buzzer: board.pwmOutput(CART_PINS.buzzer),
    };
  }

  /** Rolls the cart onto its dock (true) or off it (false). */
  dock(docked: boolean): void {
    if (docked) this.#cart.battery.dock();
    else this.#cart.battery.undock();
  }

  /** The pack's true state of charge, % (what a perfect gauge would say; the drivers estimate it). */
  get trueSoc(): number {
    return this.#cart.battery.soc;
  }

  /**
   * Moves simulated time on by `ms`, the board sampling and the drivers listening all the way
   * (timers fire in between). Resolves once the drivers have seen everything up to the new time.
   */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) return Promise.reject(new RangeError(`cannot move the cart's time on by ${ms} ms`));
    const run = this.#queue.then(() => this.#run(ms));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Powers the body down: the board falls silent and time stops moving for it. */
  close(): void {
    this.#stopped = true;
    this.#cart.stop();
  }

  async #run(ms: number): Promise<void> {
    const end = this.#clock.now() + ms;
    for (let step = 1; !this.#stopped && this.#clock.now() + TICK_MS <= end; step++) {
      this.#clock.advance(TICK_MS);
      await (step % TURN_MS === 0 ? nextTurn() : nextTick());
    }
    if (this.#stopped) return;
    this.#clock.advance(Math.max(0, end - this.#clock.now()));
    await nextTurn();
  }
}
