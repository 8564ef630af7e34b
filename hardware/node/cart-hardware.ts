import type { Clock } from '../../domain/common/clock.js';
import { CART_PINS } from '../common/pin-map.js';
import type { JohnnyFiveBoard } from './johnny-five.js';
import { Motion } from './motion/motion.js';
import { ACS712_05B_ON_A1, BatteryMonitor } from './power/battery-monitor.js';
import type { PackSpec } from './power/pack.js';
import type { ScaleOptions } from './scale/scale.js';
import { Scale } from './scale/scale.js';
import { Buzzer } from './signals/buzzer.js';
import { cartButtons, type CartButtons } from './signals/cart-buttons.js';
import { HardwareSignals } from './signals/hardware-signals.js';
import { LaneStripSwitch } from './signals/lane-strip-switch.js';
import type { PoleLight } from './signals/pole-light.js';
import { cartPoleLight } from './signals/pole-light.js';

export interface CartHardwareOptions {
  /** A ready johnny-five board (a real Uno over serial, or the virtual one). */
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  readonly pack: PackSpec;
  /** Whether the ACS712 and the charger's STAT wire are fitted (default: both). */
  readonly currentSensor?: boolean;
  readonly chargerStatus?: boolean;
  /**
   * Which lane-strip hall switches are fitted (default: none; only stores with strips at their
   * lanes): one that feels every strip, on CART_PINS.laneStrip, or a switch for each pole, the
   * north one on CART_PINS.laneStripNorth, for stores that lay their lanes' strips parted by pole
   * (docs/payments.md, "Lane presence").
   */
  readonly laneStrip?: 'one-switch' | 'both-poles';
  /** Scale settings beyond the board and clock (saved calibration, rate, gain). */
  readonly scale?: Omit<ScaleOptions, 'board' | 'clock'>;
}

/**
 * Every device on the cart's board, wired as hardware/common/pin-map.ts says: the scale, the
 * motion sensor, the battery and dock, the pole light, the buzzer, the two buttons and, where
 * fitted, the lane-strip switch, with the hardware's faults bound to the light and buzzer
 * (HardwareSignals) and the motion sensor holding the scale's weight decisions while the cart
 * moves. The cart runtime adds its own light requests (help, staff, alarms) and listens to the
 * parts' events. `close` stops every driver and every timer, so a closed cart lets Node exit.
 */
export class CartHardware {
  readonly scale: Scale;
  readonly motion: Motion;
  readonly battery: BatteryMonitor;
  readonly light: PoleLight;
  readonly buzzer: Buzzer;
  readonly buttons: CartButtons;
  /**
   * The lane-strip switch where one is fitted (null otherwise): its `crossed` events go to the
   * exit-lane watch as its strip sensor; its `stuck` fault is for staff, not the pole light.
   */
  readonly laneStrip: LaneStripSwitch | null;
  readonly signals: HardwareSignals;
  readonly #closeLight: () => void;
  readonly #onMoving = (): void => this.scale.cartMoving();
  readonly #onStill = (): void => this.scale.cartStill();
  #closed = false;

  constructor(options: CartHardwareOptions) {
    const { board, clock } = options;
    // Each driver follows the board's reboots with a 'reportversion' listener of its own: with the
    // lane strip's two switches that is 12, past the 10 at which Node warns of a leak on one emitter.
    board.io.setMaxListeners(Math.max(board.io.getMaxListeners(), 16));
    this.scale = new Scale({ ...options.scale, board, clock });
    this.motion = new Motion({ board, clock });
    this.battery = new BatteryMonitor({
      board,
      clock,
      pack: options.pack,
      ...(options.currentSensor === false ? {} : { current: ACS712_05B_ON_A1 }),
      chargerStatus: options.chargerStatus ?? true,
    });
    const pole = cartPoleLight(board, clock);
    this.light = pole.light;
    this.#closeLight = pole.close;
    this.buzzer = new Buzzer({ io: board.io, clock, pin: CART_PINS.buzzer });
    this.buttons = cartButtons(board, clock);
    this.laneStrip = options.laneStrip ? new LaneStripSwitch({ board, clock, ...(options.laneStrip === 'both-poles' ? { northPin: CART_PINS.laneStripNorth } : {}) }) : null;
    this.signals = new HardwareSignals({ light: this.light, buzzer: this.buzzer, faultSources: [this.scale, this.motion, this.battery], battery: this.battery });
    // The motion sensor starts out "moving" until it has proven the cart still.
    this.scale.cartMoving();
    this.motion.on('moving', this.#onMoving);
    this.motion.on('still', this.#onStill);
  }

  /** Stops every driver, puts the light out and silences the buzzer. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.motion.off('moving', this.#onMoving);
    this.motion.off('still', this.#onStill);
    this.signals.dispose();
    this.scale.close();
    this.motion.close();
    this.battery.close();
    this.buttons.help.close();
    this.buttons.staffKey.close();
    this.laneStrip?.close();
    this.buzzer.close();
    this.#closeLight();
  }
}
