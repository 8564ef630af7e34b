/** How worried the cart should be about its battery. */
export type BatteryLevel = 'ok' | 'low' | 'critical';

export interface LevelThresholds {
  /** At or below: low (staff should swap or dock the cart after this trip). Default 20 %. */
  readonly lowPct: number;
  /** At or below: critical (finish the trip now, no new trips). Default 10 %. */
  readonly criticalPct: number;
  /** How far above a threshold the charge must climb to clear it. Default 3 %. */
  readonly hysteresisPct: number;
}

export const DEFAULT_THRESHOLDS: LevelThresholds = { lowPct: 20, criticalPct: 10, hysteresisPct: 3 };

/**
 * Turns a state of charge into low and critical alarms with hysteresis: a gauge wobbling
 * around 20 % under a changing load must not flash "low" on and off at the shopper.
 */
export class LevelAlarm {
  #level: BatteryLevel = 'ok';

  constructor(readonly thresholds: LevelThresholds = DEFAULT_THRESHOLDS) {
    const { lowPct, criticalPct, hysteresisPct } = thresholds;
    if (!(criticalPct > 0 && criticalPct < lowPct && lowPct + hysteresisPct < 100 && hysteresisPct >= 0)) {
      throw new RangeError(`battery thresholds must satisfy 0 < critical < low < low + hysteresis < 100 (got ${criticalPct}, ${lowPct}, ${hysteresisPct})`);
    }
  }

  get level(): BatteryLevel {
    return this.#level;
  }

  /** Feeds a reading; returns the new level when it changed. */
  update(socPct: number): BatteryLevel | undefined {
    const { lowPct, criticalPct, hysteresisPct } = this.thresholds;
    let next: BatteryLevel;
    if (socPct <= criticalPct) next = 'critical';
    else if (this.#level === 'critical' && socPct < criticalPct + hysteresisPct) next = 'critical';
    else if (socPct <= lowPct) next = 'low';
    else if (this.#level !== 'ok' && socPct < lowPct + hysteresisPct) next = 'low';
    else next = 'ok';
    if (next === this.#level) return undefined;
    this.#level = next;
    return next;
  }
}
