import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { CartMotion } from './cart-motion.js';

/** How an item goes in: dropped from a little height (it bounces the basket) or lowered by hand. */
export type Placement = { readonly how: 'dropped'; readonly heightCm?: number } | { readonly how: 'lowered'; readonly durationMs?: number };
/** How an item comes out: lifted by hand, or snatched (the basket springs back and rings). */
export type Removal = { readonly how: 'lifted'; readonly durationMs?: number } | { readonly how: 'snatched' };

/** One load change on the cells, with the moment its mechanical transient has died out. */
export interface LoadChange {
  readonly itemId: number;
  /** The item's mass as labelled, signed: + placed, − removed. */
  readonly deltaGrams: number;
  readonly startsAt: number;
  /** When the load is within `settleToleranceGrams` of its final value for good. */
  readonly settledAt: number;
}

export interface BasketPhysicsOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** The cart's motion: the basket shakes with the frame. */
  readonly motion?: CartMotion;
  /** Standard deviation of each sample's electrical noise, in grams. */
  readonly noiseGrams?: number;
  /** The empty basket resting on the cells (the scale tares it away). */
  readonly basketGrams?: number;
  /** Creep: a load keeps sinking in by this fraction of itself over `creepTauMs`. */
  readonly creepFraction?: number;
  readonly creepTauMs?: number;
  /** Zero drift of the cells with temperature, grams per °C. */
  readonly zeroDriftGramsPerDegree?: number;
  /** The store's temperature wanders by ± this many °C over `temperaturePeriodMs`. */
  readonly temperatureSwingDegrees?: number;
  readonly temperaturePeriodMs?: number;
  /** Per-cell sensitivity mismatch left after trimming the junction box (corner error), as a fraction. */
  readonly cornerErrorFraction?: number;
  /** Transient amplitude under which the load counts as physically settled, in grams. */
  readonly settleToleranceGrams?: number;
}

interface Item {
  readonly id: number;
  readonly grams: number;
  /** Sensitivity of the four cells at the item's position: labelled mass × this = what they sum. */
  readonly positionGain: number;
}

interface Transient {
  readonly change: LoadChange;
  /** Effective load change on the cells (mass × position gain, signed). */
  readonly delta: number;
  readonly shape: { readonly kind: 'ramp'; readonly durationMs: number } | { readonly kind: 'ring'; readonly impulse: number };
}

/** The basket's spring-mass behaviour: natural frequency and damping of the frame on its cells. */
const RING_HZ = 6;
const DAMPING = 0.3;
const OMEGA = 2 * Math.PI * RING_HZ;
const DECAY = DAMPING * OMEGA; // 1/s
const OMEGA_D = OMEGA * Math.sqrt(1 - DAMPING * DAMPING);

/**
 * The load on the basket's four load cells over time: items with masses, how they went in or
 * came out (a ramp while lowered, a damped ring when dropped or snatched), creep under load,
 * temperature drift of the zero, vibration while the cart is pushed and electrical noise. Seeded
 * and clock-driven, so the same seed gives the same basket.
 */
export class BasketPhysics {
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #motion: CartMotion | undefined;
  readonly #noise: number;
  readonly #basketGrams: number;
  readonly #creepFraction: number;
  readonly #creepTauMs: number;
  readonly #driftPerDegree: number;
  readonly #tempSwing: number;
  readonly #tempPeriod: number;
  readonly #tempPhase: number;
  readonly #cellGains: [number, number, number, number];
  readonly #settleTolerance: number;
  readonly #items = new Map<number, Item>();
  readonly #transients: Transient[] = [];
  /** Settled load changes folded into one number, and their creep still under way. */
  #baseLoad = 0;
  #baseCreep: { at: number; delta: number }[] = [];
  #nextId = 1;

  constructor(options: BasketPhysicsOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#motion = options.motion;
    this.#noise = options.noiseGrams ?? 1;
    this.#basketGrams = options.basketGrams ?? 2500;
    this.#creepFraction = options.creepFraction ?? 0.0003;
    this.#creepTauMs = options.creepTauMs ?? 120_000;
    this.#driftPerDegree = options.zeroDriftGramsPerDegree ?? 1;
    this.#tempSwing = options.temperatureSwingDegrees ?? 0.5;
    this.#tempPeriod = options.temperaturePeriodMs ?? 30 * 60_000;
    this.#tempPhase = 2 * Math.PI * this.#random.next();
    const corner = options.cornerErrorFraction ?? 0.0001;
    const cell = (): number => 1 + corner * this.#random.normal();
    this.#cellGains = [cell(), cell(), cell(), cell()];
    this.#settleTolerance = options.settleToleranceGrams ?? 0.5;
  }

  /** Puts an item in the basket now, at a random spot; returns the load change it causes. */
  place(grams: number, placement: Placement = { how: 'dropped' }): LoadChange {
    if (!(grams > 0) || !Number.isFinite(grams)) throw new RangeError(`an item must have a positive mass, not ${grams} g`);
    const [u, v] = [this.#random.next(), this.#random.next()];
    const g = this.#cellGains;
    // Bilinear share of the load on each corner cell; the cells' sum is what the ADC sees.
    const positionGain = (1 - u) * (1 - v) * g[0] + u * (1 - v) * g[1] + (1 - u) * v * g[2] + u * v * g[3];
    const item: Item = { id: this.#nextId++, grams, positionGain };
    this.#items.set(item.id, item);
    const delta = grams * positionGain;
    const shape =
      placement.how === 'lowered'
        ? ({ kind: 'ramp', durationMs: placement.durationMs ?? 600 } as const)
        : ({ kind: 'ring', impulse: 0.5 * delta * Math.sqrt((placement.heightCm ?? 5) / 5) } as const);
    return this.#start(item.id, grams, delta, shape);
  }

  /** Takes an item out now; returns the load change. */
  remove(itemId: number, removal: Removal = { how: 'lifted' }): LoadChange {
    const item = this.#items.get(itemId);
    if (!item) throw new RangeError(`no item ${itemId} in the basket`);
    this.#items.delete(itemId);
    const delta = -item.grams * item.positionGain;
    const shape =
      removal.how === 'lifted'
        ? ({ kind: 'ramp', durationMs: removal.durationMs ?? 400 } as const)
        : ({ kind: 'ring', impulse: 0.2 * delta } as const);
    return this.#start(itemId, -item.grams, delta, shape);
  }

  /** Items in the basket, by id. */
  items(): ReadonlyMap<number, number> {
    return new Map([...this.#items.values()].map((i) => [i.id, i.grams]));
  }

  #start(itemId: number, deltaGrams: number, delta: number, shape: Transient['shape']): LoadChange {
    const now = this.#clock.now();
    let settleMs: number;
    if (shape.kind === 'ramp') {
      // The raised-cosine ramp is within tolerance of its end once 0.5(1 + cos πf)|Δ| ≤ tolerance.
      const c = (2 * this.#settleTolerance) / Math.abs(delta) - 1;
      settleMs = c <= -1 ? shape.durationMs : c >= 1 ? 0 : (shape.durationMs * Math.acos(c)) / Math.PI;
    } else {
      const envelope = Math.abs(delta) / Math.sqrt(1 - DAMPING * DAMPING) + Math.abs(shape.impulse);
      settleMs = envelope > this.#settleTolerance ? (1000 * Math.log(envelope / this.#settleTolerance)) / DECAY : 0;
    }
    const change: LoadChange = { itemId, deltaGrams, startsAt: now, settledAt: now + Math.ceil(settleMs) };
    this.#transients.push({ change, delta, shape });
    this.#forgetSettled(now);
    return change;
  }

  /** Old transients fold into a constant so that the sum stays cheap over a long trip. */
  #forgetSettled(now: number): void {
    for (let i = this.#transients.length - 1; i >= 0; i--) {
      const tr = this.#transients[i] as Transient;
      if (tr.change.settledAt < now - 1000) {
        this.#baseLoad += tr.delta;
        this.#baseCreep.push({ at: tr.change.startsAt, delta: tr.delta });
        this.#transients.splice(i, 1);
      }
    }
    // Creep older than 10 time constants has fully happened.
    const done = this.#baseCreep.filter((c) => now - c.at > 10 * this.#creepTauMs);
    if (done.length > 0) {
      for (const c of done) this.#baseLoad += c.delta * this.#creepFraction;
      this.#baseCreep = this.#baseCreep.filter((c) => now - c.at <= 10 * this.#creepTauMs);
    }
  }

  /** Load on the cells from the items at time t: transients and creep, no noise, no drift. */
  itemLoadAt(t: number): number {
    let load = this.#baseLoad;
    for (const c of this.#baseCreep) load += this.#creep(c.delta, t - c.at);
    for (const tr of this.#transients) {
      const tau = t - tr.change.startsAt;
      if (tau < 0) continue;
      load += this.#transient(tr, tau) + this.#creep(tr.delta, tau);
    }
    return load;
  }

  #creep(delta: number, tauMs: number): number {
    return tauMs <= 0 ? 0 : delta * this.#creepFraction * (1 - Math.exp(-tauMs / this.#creepTauMs));
  }

  #transient(tr: Transient, tauMs: number): number {
    if (tr.shape.kind === 'ramp') {
      const f = Math.min(1, tauMs / tr.shape.durationMs);
      return tr.delta * (0.5 - 0.5 * Math.cos(Math.PI * f));
    }
    const s = tauMs / 1000;
    const e = Math.exp(-DECAY * s);
    const step = 1 - e * (Math.cos(OMEGA_D * s) + (DAMPING / Math.sqrt(1 - DAMPING * DAMPING)) * Math.sin(OMEGA_D * s));
    return tr.delta * step + tr.shape.impulse * e * Math.sin(OMEGA_D * s);
  }

  /** The store's temperature offset from its mean at time t, in °C. */
  temperatureAt(t: number): number {
    return this.#tempSwing * Math.sin((2 * Math.PI * t) / this.#tempPeriod + this.#tempPhase);
  }

  /** What the four cells sum at time t, in grams (basket included): the ADC's input. Draws noise. */
  sampleGrams(t: number): number {
    const load = this.#basketGrams + this.itemLoadAt(t);
    const shake = this.#motion ? this.#motion.verticalVibrationAt(t) * load : 0;
    return load + shake + this.#driftPerDegree * this.temperatureAt(t) + this.#noise * this.#random.normal();
  }
}
