import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import { CART_PINS } from '../../common/pin-map.js';
import type { PackSpec } from '../power/pack.js';
import { REFERENCE_PACK } from '../power/pack.js';
import { VirtualBoard } from '../virtual-board/virtual-board.js';
import { VirtualBattery } from './battery.js';
import { CartMotion } from './cart-motion.js';
import { VirtualContact } from './contact.js';
import { MPU6050_ADDRESS, VirtualMpu6050 } from './mpu6050.js';
import { attachVirtualBasket, type VirtualBasket } from './virtual-basket.js';

export interface VirtualCartOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly pack?: PackSpec;
  /** Battery charge at the start, % (default 80). */
  readonly initialSoc?: number;
  /** Electrical noise of the load cells, grams (default 1). */
  readonly noiseGrams?: number;
  /** RMS vertical vibration of the frame at a brisk push, in g (default CartMotion's 0.12 g). */
  readonly vibrationRmsG?: number;
}

/**
 * The whole emulated cart on one virtual Uno, wired as hardware/common/pin-map.ts says: the
 * basket on its NAU7802, the MPU6050 on the frame (both shaken by one cart motion), the pack,
 * dock and charger, the help button, the staff key and the two lane-strip switches. Open `board.port`
 * with `openFirmata`, as a serial port, and hand the johnny-five board to CartHardware.
 */
export class VirtualCart {
  readonly board: VirtualBoard;
  readonly motion: CartMotion;
  readonly basket: VirtualBasket;
  readonly battery: VirtualBattery;
  readonly helpButton: VirtualContact;
  readonly staffKey: VirtualContact;
  /**
   * The lane-strip hall switch: close/open it, or let `rollOverStrips` follow the virtual floor
   * (alone, it feels every strip; beside `laneStripNorth`, the south-up ones).
   */
  readonly laneStrip: VirtualContact;
  /** The north-pole lane-strip switch, on its own pin: `rollOverStrips` with `{ south: laneStrip, north: laneStripNorth }`. */
  readonly laneStripNorth: VirtualContact;

  constructor(options: VirtualCartOptions) {
    const { clock, random } = options;
    this.board = new VirtualBoard({ clock });
    this.motion = new CartMotion({ clock, random: random.fork(), ...(options.vibrationRmsG !== undefined ? { vibrationRmsG: options.vibrationRmsG } : {}) });
    this.basket = attachVirtualBasket(this.board, { clock, random: random.fork(), motion: this.motion, ...(options.noiseGrams !== undefined ? { noiseGrams: options.noiseGrams } : {}) });
    this.board.attachI2c(MPU6050_ADDRESS, new VirtualMpu6050({ clock, random: random.fork(), motion: this.motion }));
    this.battery = new VirtualBattery({ board: this.board, clock, random: random.fork(), pack: options.pack ?? REFERENCE_PACK, ...(options.initialSoc !== undefined ? { initialSoc: options.initialSoc } : {}) });
    this.helpButton = new VirtualContact({ board: this.board, clock, random: random.fork(), pin: CART_PINS.helpButton, bounceMs: 5 });
    this.staffKey = new VirtualContact({ board: this.board, clock, random: random.fork(), pin: CART_PINS.staffKey, bounceMs: 20 });
    // A hall switch does not bounce, but a caster shaking at the edge of the tape's field flickers it.
    this.laneStrip = new VirtualContact({ board: this.board, clock, random: random.fork(), pin: CART_PINS.laneStrip, bounceMs: 3 });
    this.laneStripNorth = new VirtualContact({ board: this.board, clock, random: random.fork(), pin: CART_PINS.laneStripNorth, bounceMs: 3 });
  }

  /** Powers the emulation down: the board falls silent and the battery stops its clock. */
  stop(): void {
    this.battery.stop();
    this.board.disconnect();
  }
}
