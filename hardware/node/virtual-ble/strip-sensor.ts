import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { FloorPoint, FloorStrip, StripPole } from './floor-plan.js';

export interface StripSensorOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** The floor's strips (FloorPlan.strips). */
  readonly strips: readonly FloorStrip[];
  /** Where the sensor is now: the cart's position (VirtualBleWorld.cartPosition). */
  readonly position: () => FloorPoint;
  /**
   * Chance that the switch does not close over a strip (a worn strip, a bent bracket lifting the
   * switch out of the strip's field). Default 0.005.
   */
  readonly missRate?: number;
  /** How often the board reads the switch, ms (default 20). */
  readonly sampleMs?: number;
}

export interface StripSensorEvents {
  /**
   * A switch closed: the cart rolled over a strip at this time. Which strip, it cannot tell; the
   * strip's pole, when the strip has one (a switch for each pole).
   */
  crossed: [number, StripPole?];
}

/**
 * The cart's strip sensor in the virtual world: a magnetic switch under the frame, read by the
 * board every `sampleMs`, that closes when the cart rolls over a strip on the floor. It reports
 * a crossing, not which strip: every lane's strips are the same tape, laid one of two ways up.
 * It reports which pole faced up when the strip has one: the cart has a switch for each pole.
 */
export class VirtualStripSensor extends EventEmitter<StripSensorEvents> {
  readonly #o: StripSensorOptions;
  readonly #missRate: number;
  #timer: TimerHandle | undefined;
  #last: FloorPoint | undefined;

  constructor(options: StripSensorOptions) {
    super();
    const missRate = options.missRate ?? 0.005;
    if (!(missRate >= 0 && missRate <= 1)) throw new RangeError(`a strip sensor's miss rate is between 0 and 1, not ${missRate}`);
    if (!((options.sampleMs ?? 20) > 0)) throw new RangeError(`a strip sensor needs a positive sample interval, not ${options.sampleMs}`);
    this.#o = options;
    this.#missRate = missRate;
  }

  start(): void {
    if (this.#timer) return;
    this.#last = this.#o.position();
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#schedule();
      this.#sample();
    }, this.#o.sampleMs ?? 20);
  }

  #sample(): void {
    const now = this.#o.position();
    const from = this.#last as FloorPoint;
    this.#last = now;
    const crossed = this.#o.strips.find((s) => crosses(from, now, s));
    if (!crossed || this.#o.random.next() < this.#missRate) return;
    if (crossed.pole) this.emit('crossed', this.#o.clock.now(), crossed.pole);
    else this.emit('crossed', this.#o.clock.now());
  }
}

/** Which side of the strip's line a point is on: >= 0 one side (on the line included), < 0 the other. */
function side(p: FloorPoint, s: FloorStrip): number {
  return (s.to.x - s.from.x) * (p.y - s.from.y) - (s.to.y - s.from.y) * (p.x - s.from.x);
}

/**
 * Whether moving from `a` to `b` rolls over the strip: from one side of its line to the other,
 * between its ends. A point on the line counts as the first side, so stopping on the strip and
 * going on counts once.
 */
export function crosses(a: FloorPoint, b: FloorPoint, s: FloorStrip): boolean {
  const sa = side(a, s);
  const sb = side(b, s);
  if (sa >= 0 === sb >= 0) return false;
  // Where the move meets the strip's line, as a fraction along the strip.
  const f = sa / (sa - sb);
  const x = a.x + f * (b.x - a.x);
  const y = a.y + f * (b.y - a.y);
  const dx = s.to.x - s.from.x;
  const dy = s.to.y - s.from.y;
  const along = ((x - s.from.x) * dx + (y - s.from.y) * dy) / (dx * dx + dy * dy);
  return along >= 0 && along <= 1;
}
