import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import { ActiveFaults, type FaultCleared, type HardwareFault } from '../../common/faults.js';
import { CART_PINS } from '../../common/pin-map.js';
import type { JohnnyFiveBoard } from '../johnny-five.js';
import { DebouncedInput } from './debounced-input.js';

export interface LaneStripSwitchOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  /** Default CART_PINS.laneStrip. */
  readonly pin?: number;
  /**
   * How long the switch must stay closed to count, ms (default 10). A hall switch does not bounce
   * like a contact, but a caster shaking at the edge of the tape's field flickers it for a few ms;
   * and a cart pushed briskly (2 m/s) is over 50 mm of tape for only ~25-40 ms, so no longer.
   */
  readonly debounceMs?: number;
  /** Closed longer than this, ms, is no crossing but a stuck switch (default 2000). */
  readonly stuckAfterMs?: number;
}

export interface LaneStripSwitchEvents {
  /** The cart rolled onto a lane's strip at this time (epoch ms, the injected clock). */
  crossed: [number];
  fault: [HardwareFault];
  'fault-cleared': [FaultCleared];
}

/** The device name the switch's faults carry. */
export const LANE_STRIP_DEVICE = 'lane-strip';

/**
 * The hall switch under the cart that closes while it rolls over the magnetic tape across an
 * exit lane's mouth (docs/payments.md, "Lane presence"). Each close is one crossing, reported
 * with its time for the lane presence rule (`crossing(atMs)`); it has the shape the exit-lane
 * watch's `StripSensorPort` asks for.
 *
 * A cart rolls over a strip in well under a second. A switch closed for longer than
 * `stuckAfterMs` is a `stuck` fault instead (a bracket bent down onto steel, a magnet stuck to
 * the caster, a shorted cable; or a cart left standing on the tape): while it stays closed it can
 * report no crossing, so the lane falls back to the beacons, and the fault clears when it opens.
 * The close that began it was already reported, which costs nothing: the presence rule drops a
 * crossing that names no lane within seconds. The fault is for staff (the fleet board); the
 * cart's pole light stays out of it, because the basket can still be vouched for and a shopper
 * who pauses on the tape must not see the cart turn amber.
 */
export class LaneStripSwitch extends EventEmitter<LaneStripSwitchEvents> {
  readonly #input: DebouncedInput;
  readonly #faults: ActiveFaults;

  constructor(options: LaneStripSwitchOptions) {
    super();
    const stuckAfterMs = options.stuckAfterMs ?? 2000;
    this.#faults = new ActiveFaults(LANE_STRIP_DEVICE, (f) => this.emit('fault', f), (c) => this.emit('fault-cleared', c));
    this.#input = new DebouncedInput({
      board: options.board,
      clock: options.clock,
      pin: options.pin ?? CART_PINS.laneStrip,
      debounceMs: options.debounceMs ?? 10,
      holdMs: stuckAfterMs,
    });
    this.#input.on('press', ({ at }) => this.emit('crossed', at));
    this.#input.on('hold', ({ at }) => {
      const message = `the lane-strip switch has been closed for over ${stuckAfterMs / 1000} s, longer than rolling over a strip takes: lane exits fall back to the beacons until it opens (check the caster bracket and the switch's cable)`;
      this.#faults.raise('stuck', message, at);
    });
    this.#input.on('release', ({ at }) => this.#faults.clear('stuck', at));
  }

  /** True while the switch is (debounced) closed. */
  get closed(): boolean {
    return this.#input.isDown;
  }

  /** The faults active now (at most `stuck`). */
  get faults(): HardwareFault[] {
    return this.#faults.list();
  }

  /** Stops listening to the pin and cancels its timers. */
  close(): void {
    this.#input.close();
  }
}
