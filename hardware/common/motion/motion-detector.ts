export interface MotionSample {
  /** Acceleration in g (gravity included) and rotation rate in degrees per second. */
  readonly accel: { readonly x: number; readonly y: number; readonly z: number };
  readonly gyro: { readonly x: number; readonly y: number; readonly z: number };
}

export interface MotionDetectorOptions {
  /** Samples in the spread window (default 16, about 200 ms at Firmata's pace). */
  readonly windowSamples?: number;
  /** Spread that means moving: acceleration (g) or rotation (°/s) standard deviation. */
  readonly movingAccelG?: number;
  readonly movingGyroDps?: number;
  /** Spread under which the cart may be still, and for how long it must stay under it. */
  readonly stillAccelG?: number;
  readonly stillGyroDps?: number;
  readonly stillForMs?: number;
}

/** Running per-axis spread over the last n vectors. */
class Spread {
  readonly #n: number;
  readonly #values: number[][] = [[], [], []];

  constructor(n: number) {
    this.#n = n;
  }

  push(x: number, y: number, z: number): number | undefined {
    const axes = [x, y, z];
    for (let i = 0; i < 3; i++) {
      const list = this.#values[i] as number[];
      list.push(axes[i] as number);
      if (list.length > this.#n) list.shift();
    }
    if ((this.#values[0] as number[]).length < this.#n) return undefined;
    let variance = 0;
    for (const list of this.#values) {
      const mean = list.reduce((s, v) => s + v, 0) / list.length;
      variance += list.reduce((s, v) => s + (v - mean) ** 2, 0) / (list.length - 1);
    }
    return Math.sqrt(variance);
  }
}

/**
 * Moving or still, from an accelerometer/gyro. It looks at the spread of the readings, not their
 * level, so gravity, tilt and the gyro's bias do not matter: a pushed cart shakes (wheels, floor
 * joints, steering), a parked one does not. Hysteresis: moving as soon as either spread crosses
 * its moving threshold; still only after both have stayed under the (lower) still thresholds for
 * `stillForMs`. Starts out moving until proven still, so a fresh scale does not trust its first
 * readings blindly.
 */
export class MotionDetector {
  readonly #accel: Spread;
  readonly #gyro: Spread;
  readonly #movingAccel: number;
  readonly #movingGyro: number;
  readonly #stillAccel: number;
  readonly #stillGyro: number;
  readonly #stillForMs: number;
  #moving = true;
  #quietSince: number | undefined;

  constructor(options: MotionDetectorOptions = {}) {
    const n = options.windowSamples ?? 16;
    this.#accel = new Spread(n);
    this.#gyro = new Spread(n);
    this.#movingAccel = options.movingAccelG ?? 0.012;
    this.#movingGyro = options.movingGyroDps ?? 1.0;
    this.#stillAccel = options.stillAccelG ?? 0.008;
    this.#stillGyro = options.stillGyroDps ?? 0.6;
    this.#stillForMs = options.stillForMs ?? 500;
  }

  get moving(): boolean {
    return this.#moving;
  }

  /** Adds a reading; returns the new state when it changed. */
  push(at: number, sample: MotionSample): 'moving' | 'still' | undefined {
    const a = this.#accel.push(sample.accel.x, sample.accel.y, sample.accel.z);
    const g = this.#gyro.push(sample.gyro.x, sample.gyro.y, sample.gyro.z);
    if (a === undefined || g === undefined || !Number.isFinite(a) || !Number.isFinite(g)) return undefined;
    if (a > this.#movingAccel || g > this.#movingGyro) {
      this.#quietSince = undefined;
      if (this.#moving) return undefined;
      this.#moving = true;
      return 'moving';
    }
    if (a < this.#stillAccel && g < this.#stillGyro) {
      this.#quietSince ??= at;
      if (this.#moving && at - this.#quietSince >= this.#stillForMs) {
        this.#moving = false;
        return 'still';
      }
    } else {
      this.#quietSince = undefined;
    }
    return undefined;
  }
}
