// The emulated cart's body: the basket on its load cells and the frame that is pushed about,
// seeded and on a simulated clock, read by the virtual scale and motion sensor at the scale's
// rate. A script (a scripted trip, a test) moves time on and the sensors see everything that
// happened meanwhile, sample by sample, exactly as they would in real time.
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import { BasketPhysics, type LoadChange, type Placement, type Removal } from '../../../hardware/node/virtual-devices/basket-physics.js';
import { CartMotion } from '../../../hardware/node/virtual-devices/cart-motion.js';
import type { CartHardware } from '../runtime/hardware-link.js';
import { VirtualMotion } from './virtual-motion.js';
import { VirtualScale } from './virtual-scale.js';

/** The hardware settings a scenario may choose. */
export interface VirtualCartSettings {
  readonly seed: number;
  /** Electrical noise of each scale sample, grams (standard deviation). */
  readonly scaleNoiseGrams: number;
  /** RMS vertical vibration of the frame at a brisk push, in g. */
  readonly vibrationRmsG: number;
}

export const defaultCartSettings: VirtualCartSettings = { seed: 1, scaleNoiseGrams: 1, vibrationRmsG: 0.12 };

/**
 * About the NAU7802's 80 samples a second on the cart, in whole milliseconds: the session log
 * stamps events with integer times, and the simulated clock stops at each sample.
 */
const PERIOD_MS = 12;
const SAMPLE_RATE_HZ = 1000 / PERIOD_MS;
const BASKET_GRAMS = 2500;

export class VirtualCart implements CartHardware {
  readonly scale: VirtualScale;
  readonly motion: VirtualMotion;
  readonly #clock: SimulatedClock;
  readonly #physics: BasketPhysics;
  readonly #frame: CartMotion;

  constructor(clock: SimulatedClock, settings: VirtualCartSettings = defaultCartSettings) {
    this.#clock = clock;
    const random = seededRandom(settings.seed);
    this.#frame = new CartMotion({ clock, random: random.fork(), vibrationRmsG: settings.vibrationRmsG });
    this.#physics = new BasketPhysics({ clock, random: random.fork(), motion: this.#frame, noiseGrams: settings.scaleNoiseGrams, basketGrams: BASKET_GRAMS });
    this.scale = new VirtualScale({ clock, physics: this.#physics, sampleRateHz: SAMPLE_RATE_HZ, noiseGrams: settings.scaleNoiseGrams, basketGrams: BASKET_GRAMS });
    this.motion = new VirtualMotion(this.#frame);
  }

  /** Puts an item of `grams` in the basket now; its id takes it out again. */
  place(grams: number, how: Placement = { how: 'lowered', durationMs: 600 }): LoadChange {
    return this.#physics.place(grams, how);
  }

  remove(itemId: number, how: Removal = { how: 'lifted', durationMs: 500 }): LoadChange {
    return this.#physics.remove(itemId, how);
  }

  /** Items in the basket now, by id, with their mass in grams. */
  items(): ReadonlyMap<number, number> {
    return this.#physics.items();
  }

  /** Starts pushing the cart (1 = a brisk walk); `stop` lets it roll to rest. */
  push(intensity: number): void {
    this.#frame.push(intensity);
  }

  stop(): void {
    this.#frame.stop();
  }

  /** Moves simulated time on by `ms`, sampling the sensors all the way (timers fire in between). */
  advance(ms: number): void {
    const end = this.#clock.now() + ms;
    while (this.#clock.now() + PERIOD_MS <= end) {
      this.#clock.advance(PERIOD_MS);
      const at = this.#clock.now();
      this.motion.sample(at);
      this.scale.sample(at);
    }
    this.#clock.advance(end - this.#clock.now());
  }
}
