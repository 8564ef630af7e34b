import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import { ActiveFaults, type FaultCleared, type HardwareFault } from '../../common/faults.js';
import { CART_PINS } from '../../common/pin-map.js';
import type { JohnnyFiveBoard } from '../johnny-five.js';
import { DebouncedInput } from './debounced-input.js';

/** Which pole of a strip's magnet faces up (AGV tape is sold either way up). */
export type StripPole = 'north' | 'south';

export interface LaneStripSwitchOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  /** Default CART_PINS.laneStrip: the switch that closes over south-up tape (branded face down). */
  readonly pin?: number;
  /**
   * Where a second switch is fitted, mounted the other way up (back face down) so that it closes
   * over north-up tape: each crossing then says which pole the strip had, which in a store that
   * lays its lanes' strips alternately north and south up tells the lane from its neighbours
   * (docs/payments.md, "Lane presence"). Without it crossings carry no pole.
   */
  readonly northPin?: number;
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
  /**
   * The cart rolled onto a lane's strip at this time (epoch ms, the injected clock); with a north
   * switch fitted, which pole the strip had.
   */
  crossed: [number, StripPole?];
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
  /** The south switch, and the north one where fitted. */
  readonly #inputs: DebouncedInput[];
  readonly #faults: ActiveFaults;
  /** The switches held closed too long now: the fault clears once none is. */
  readonly #stuck = new Set<DebouncedInput>();

  constructor(options: LaneStripSwitchOptions) {
    super();
    const stuckAfterMs = options.stuckAfterMs ?? 2000;
    const southPin = options.pin ?? CART_PINS.laneStrip;
    if (options.northPin === southPin) throw new RangeError(`the north switch needs a pin of its own, not the south switch's D${southPin}`);
    this.#faults = new ActiveFaults(LANE_STRIP_DEVICE, (f) => this.emit('fault', f), (c) => this.emit('fault-cleared', c));
    const switches: { pin: number; pole: StripPole | undefined }[] = [{ pin: southPin, pole: options.northPin === undefined ? undefined : 'south' }];
    if (options.northPin !== undefined) switches.push({ pin: options.northPin, pole: 'north' });
    this.#inputs = switches.map(({ pin, pole }) => {
      const input = new DebouncedInput({ board: options.board, clock: options.clock, pin, debounceMs: options.debounceMs ?? 10, holdMs: stuckAfterMs });
      input.on('press', ({ at }) => (pole ? this.emit('crossed', at, pole) : this.emit('crossed', at)));
      input.on('hold', ({ at }) => {
        this.#stuck.add(input);
        const which = pole ? `the lane-strip ${pole}-pole switch (D${pin})` : 'the lane-strip switch';
        const message = `${which} has been closed for over ${stuckAfterMs / 1000} s, longer than rolling over a strip takes: lane exits fall back to the beacons until it opens (check the caster bracket and the switch's cable)`;
        this.#faults.raise('stuck', message, at);
      });
      input.on('release', ({ at }) => {
        this.#stuck.delete(input);
        if (this.#stuck.size === 0) this.#faults.clear('stuck', at);
      });
      return input;
    });
  }

  /** True while a switch is (debounced) closed. */
  get closed(): boolean {
    return this.#inputs.some((input) => input.isDown);
  }

  /** The faults active now (at most `stuck`). */
  get faults(): HardwareFault[] {
    return this.#faults.list();
  }

  /** Stops listening to the pin and cancels its timers. */
  close(): void {
    for (const input of this.#inputs) input.close();
  }
}
