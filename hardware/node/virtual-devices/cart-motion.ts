import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';

export interface Vector3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface CartMotionOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** RMS vertical vibration (in g) at full push on a tiled floor; 0.12 g is a typical cart. */
  readonly vibrationRmsG?: number;
  /** How long the cart takes to get going or to come to rest, in ms. */
  readonly rampMs?: number;
}

/** One vibration mode of the cart frame: a wheel, a caster shimmy, the floor tiles. */
interface Mode {
  readonly hz: number;
  readonly phase: number;
  readonly weight: number;
}

/**
 * How a shopping cart moves: still, or pushed (forward surges, turns, and vibration from the
 * wheels and floor joints). Every quantity is a pure function of time, so the accelerometer
 * (MPU6050) and the load cells (the basket shakes with the frame) sampled at their own rates
 * see one and the same motion. Axes: x forward, y left, z up; gravity is +1 g on z at rest.
 */
export class CartMotion {
  readonly #clock: Clock;
  readonly #vibrationRms: number;
  readonly #rampMs: number;
  readonly #modes: Mode[];
  readonly #turnPhase: number;
  readonly #surgePhase: number;
  /** Push intensity changes: [time, target 0-1]; intensity ramps linearly between them. */
  readonly #changes: { at: number; from: number; to: number }[] = [];

  constructor(options: CartMotionOptions) {
    this.#clock = options.clock;
    this.#vibrationRms = options.vibrationRmsG ?? 0.12;
    this.#rampMs = options.rampMs ?? 600;
    const r = options.random;
    // Wheel rotation (~3-5 Hz at walking pace), caster shimmy (~9-14 Hz), frame ringing (~18-26 Hz).
    this.#modes = [
      { hz: 3 + 2 * r.next(), phase: 2 * Math.PI * r.next(), weight: 0.5 },
      { hz: 9 + 5 * r.next(), phase: 2 * Math.PI * r.next(), weight: 0.7 },
      { hz: 18 + 8 * r.next(), phase: 2 * Math.PI * r.next(), weight: 0.5 },
    ];
    this.#turnPhase = 2 * Math.PI * r.next();
    this.#surgePhase = 2 * Math.PI * r.next();
  }

  /** Starts (intensity > 0, 1 = a brisk walk) or stops (0) pushing the cart from now on. */
  push(intensity: number): void {
    const now = this.#clock.now();
    this.#changes.push({ at: now, from: this.intensityAt(now), to: Math.max(0, Math.min(1.5, intensity)) });
  }

  stop(): void {
    this.push(0);
  }

  /** Push intensity at time t (0 = still). */
  intensityAt(t: number): number {
    let level = 0;
    for (const c of this.#changes) {
      if (c.at > t) break;
      const f = Math.min(1, (t - c.at) / this.#rampMs);
      level = c.from + (c.to - c.from) * f;
    }
    return level;
  }

  /** True from the first moment the cart moves until it has come fully to rest. */
  isMoving(t: number): boolean {
    return this.intensityAt(t) > 0;
  }

  /** Vertical vibration of the frame (in g, zero mean), the part the load cells feel. */
  verticalVibrationAt(t: number): number {
    const k = this.intensityAt(t);
    if (k === 0) return 0;
    const s = t / 1000;
    let v = 0;
    for (const m of this.#modes) v += m.weight * Math.sin(2 * Math.PI * m.hz * s + m.phase);
    // Floor joints: a sharp knock every 0.6 s at walking pace.
    const joint = Math.exp(-(((s * 1.7) % 1) * 40)) * 1.5;
    // The three modes sum to an RMS of about 0.7; scale to the requested RMS.
    return k * this.#vibrationRms * (v / 0.7 + joint);
  }

  /** Acceleration the accelerometer feels, in g (gravity included). */
  accelerationAt(t: number): Vector3 {
    const k = this.intensityAt(t);
    const s = t / 1000;
    return {
      x: k * 0.08 * Math.sin(2 * Math.PI * 0.5 * s + this.#surgePhase),
      y: k * 0.05 * Math.sin(2 * Math.PI * 0.15 * s + this.#turnPhase),
      z: 1 + this.verticalVibrationAt(t),
    };
  }

  /** Rotation rate in degrees per second (yaw from steering, pitch and roll from the floor). */
  rotationAt(t: number): Vector3 {
    const k = this.intensityAt(t);
    const s = t / 1000;
    return {
      x: k * 2 * Math.sin(2 * Math.PI * 7 * s + this.#turnPhase),
      y: k * 2 * Math.sin(2 * Math.PI * 5 * s + this.#surgePhase),
      z: k * 25 * Math.sin(2 * Math.PI * 0.15 * s + this.#turnPhase),
    };
  }
}
