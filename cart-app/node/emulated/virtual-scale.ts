// The emulated cart's scale: the basket's physics sampled into the real step detector, with the
// events of the johnny-five Scale (sample, stable, unsettled, step, fault), so the runtime wires
// it exactly as it wires a real one. The Firmata wire in between is left out: the scale
// benchmark shows it changes nothing about the samples, and a scripted trip runs in milliseconds.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import type { HardwareFaultCode } from '../../../hardware/common/faults.js';
import { StepDetector } from '../../../hardware/common/weight/step-detector.js';
import type { WeightEvent } from '../../../hardware/common/weight/types.js';
import type { ScaleEvents } from '../../../hardware/node/scale/scale.js';
import type { BasketPhysics } from '../../../hardware/node/virtual-devices/basket-physics.js';
import type { ScalePort } from '../runtime/hardware-link.js';

export interface VirtualScaleOptions {
  readonly clock: Clock;
  readonly physics: BasketPhysics;
  readonly sampleRateHz: number;
  readonly noiseGrams: number;
  /** The empty basket's own mass, tared away as the real scale does at start. */
  readonly basketGrams: number;
}

export class VirtualScale extends EventEmitter<ScaleEvents> implements ScalePort {
  readonly #clock: Clock;
  readonly #physics: BasketPhysics;
  readonly #detector: StepDetector;
  readonly #basketGrams: number;
  #fault: HardwareFaultCode | undefined;

  constructor(options: VirtualScaleOptions) {
    super();
    this.#clock = options.clock;
    this.#physics = options.physics;
    this.#basketGrams = options.basketGrams;
    this.#detector = new StepDetector({ sampleRateHz: options.sampleRateHz, noiseMg: Math.max(1, options.noiseGrams) * 1000 });
  }

  /** The basket's weight while it is still, as the detector believes it. */
  get reading(): ScaleEvents['stable'][0] | undefined {
    return this.#detector.reading;
  }

  /** True while weight decisions are suspended (the cart moves, or a fault). */
  get held(): boolean {
    return this.#detector.held;
  }

  /** Takes one sample of the basket at time `at`. */
  sample(at: number): void {
    const milligrams = (this.#physics.sampleGrams(at) - this.#basketGrams) * 1000;
    this.emit('sample', { at, milligrams });
    this.#dispatch(this.#detector.push({ at, milligrams }));
  }

  cartMoving(): void {
    this.#dispatch(this.#detector.hold('motion', this.#clock.now()));
  }

  cartStill(): void {
    this.#detector.release('motion');
  }

  /** A fault on the load cells (an emulator's "unplug the scale"): steps stop until it clears. */
  raiseFault(code: HardwareFaultCode, message: string): void {
    const at = this.#clock.now();
    if (this.#fault) return;
    this.#fault = code;
    this.#dispatch(this.#detector.hold('fault', at));
    this.emit('fault', { device: 'scale', code, message, at });
  }

  clearFault(): void {
    const at = this.#clock.now();
    const code = this.#fault;
    if (!code) return;
    this.#fault = undefined;
    this.#detector.release('fault');
    this.emit('fault-cleared', { device: 'scale', code, at });
  }

  #dispatch(events: readonly WeightEvent[]): void {
    for (const e of events) {
      if (e.type === 'step') this.emit('step', e.step);
      else if (e.type === 'stable') this.emit('stable', e.reading);
      else this.emit('unsettled', e.at);
    }
  }
}
