import type { BatteryLevelSignal, HardwareCondition, LightRequest } from '../../common/cart-signals.js';
import { hardwareCue, hardwareLightRequests } from '../../common/cart-signals.js';
import type { FaultCleared, HardwareFault } from '../../common/faults.js';
import type { Buzzer } from './buzzer.js';
import type { PoleLight } from './pole-light.js';

/** A driver that reports faults: the Scale, Motion, BatteryMonitor. */
export interface FaultSource {
  on(event: 'fault', listener: (fault: HardwareFault) => void): unknown;
  on(event: 'fault-cleared', listener: (cleared: FaultCleared) => void): unknown;
  off(event: 'fault', listener: (fault: HardwareFault) => void): unknown;
  off(event: 'fault-cleared', listener: (cleared: FaultCleared) => void): unknown;
}

/** The battery monitor's level changes. */
export interface BatteryLevelSource {
  on(event: 'level', listener: (level: BatteryLevelSignal) => void): unknown;
  off(event: 'level', listener: (level: BatteryLevelSignal) => void): unknown;
}

export interface HardwareSignalsOptions {
  readonly light: Pick<PoleLight, 'request' | 'withdraw'>;
  readonly buzzer?: Pick<Buzzer, 'play'>;
  /** Every driver whose faults must show (scale, motion, battery…). */
  readonly faultSources: readonly FaultSource[];
  readonly battery?: BatteryLevelSource;
}

/**
 * Puts the hardware's own condition on the pole light and the buzzer: it listens to the
 * drivers' `fault` and `fault-cleared` events (and the battery's level), keeps the set of active
 * faults, and asks the light for what `hardwareLightRequests` decides, under reasons of its own
 * (`fault:<device>`, `battery`), so the cart runtime's requests (help button, staff key,
 * unscanned item) sit beside them on the same light and the most urgent wins. Recovery needs
 * nothing: when the drivers clear their faults the requests are withdrawn.
 */
export class HardwareSignals {
  readonly #o: HardwareSignalsOptions;
  readonly #faults = new Map<string, HardwareFault>();
  #battery: BatteryLevelSignal = 'ok';
  #shown: LightRequest[] = [];
  readonly #onFault = (fault: HardwareFault): void => {
    this.#change(() => this.#faults.set(`${fault.device}/${fault.code}`, fault));
  };
  readonly #onCleared = (cleared: FaultCleared): void => {
    this.#change(() => this.#faults.delete(`${cleared.device}/${cleared.code}`));
  };
  readonly #onLevel = (level: BatteryLevelSignal): void => {
    this.#change(() => {
      this.#battery = level;
    });
  };

  constructor(options: HardwareSignalsOptions) {
    this.#o = options;
    for (const source of options.faultSources) {
      source.on('fault', this.#onFault);
      source.on('fault-cleared', this.#onCleared);
    }
    options.battery?.on('level', this.#onLevel);
  }

  /** The faults and battery level on show now. */
  get condition(): HardwareCondition {
    return { faults: [...this.#faults.values()], battery: this.#battery };
  }

  /** Stops listening and takes its requests off the light (the cart is shutting down). */
  dispose(): void {
    for (const source of this.#o.faultSources) {
      source.off('fault', this.#onFault);
      source.off('fault-cleared', this.#onCleared);
    }
    this.#o.battery?.off('level', this.#onLevel);
    for (const r of this.#shown) this.#o.light.withdraw(r.reason);
    this.#shown = [];
  }

  #change(apply: () => void): void {
    const before = this.condition;
    apply();
    const after = this.condition;
    const next = hardwareLightRequests(after);
    for (const r of this.#shown) if (!next.some((n) => n.reason === r.reason)) this.#o.light.withdraw(r.reason);
    for (const r of next) this.#o.light.request(r.reason, r.signal);
    this.#shown = next;
    const cue = hardwareCue(before, after);
    if (cue) this.#o.buzzer?.play(cue);
  }
}
