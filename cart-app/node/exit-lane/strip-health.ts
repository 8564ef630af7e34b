// Whether the cart's lane-strip switch still feels the strips (docs/payments.md, "Lane presence").
// Every lane has two strips across its mouth and the switch misses about 1 crossing in 200, so a
// healthy switch feels at least one of them on all but about 1 lane visit in 40,000. A cart that
// goes through lanes again and again with no crossing felt, found only by the beacons' slower
// fallback, has a switch that no longer closes: a bracket bent up out of the tape's field, a cut
// cable, a dead part. That is a fault for staff (the fleet board), not for the shopper: the lane
// still finds the cart by its beacons, only later.
import type { HardwareFaultCode } from '../../../hardware/common/faults.js';

/** The fault the watch records for a switch that has stopped feeling the strips. */
export const STRIP_SILENT_FAULT = { faultId: 'lane-strip-no-answer', code: 'no-answer' satisfies HardwareFaultCode } as const;

/** How many lane visits in a row with no crossing felt make a fault (chance with a healthy switch: about 1 in 6e13). */
export const SILENT_VISITS_FOR_FAULT = 3;

/** What a lane visit says about the switch: a fault to raise, one to clear, or nothing new. */
export type StripVerdict = 'raise' | 'clear' | null;

export class StripHealth {
  readonly #visitsForFault: number;
  #silentInARow = 0;
  #faulty = false;
  #lastCrossingAt = Number.NEGATIVE_INFINITY;

  /** `faulty`: the fault is open already (the session log says so after a restart). */
  constructor(options: { readonly faulty?: boolean; readonly visitsForFault?: number } = {}) {
    const visitsForFault = options.visitsForFault ?? SILENT_VISITS_FOR_FAULT;
    if (!(Number.isInteger(visitsForFault) && visitsForFault >= 1)) throw new RangeError(`a strip fault needs a whole number of lane visits, 1 or more, not ${visitsForFault}`);
    this.#visitsForFault = visitsForFault;
    this.#faulty = options.faulty ?? false;
  }

  /** True while the switch is reported faulty. */
  get faulty(): boolean {
    return this.#faulty;
  }

  /** The switch closed at `atMs`. */
  crossed(atMs: number): void {
    if (Number.isFinite(atMs)) this.#lastCrossingAt = Math.max(this.#lastCrossingAt, atMs);
  }

  /**
   * The cart left a lane it had entered at `enteredAt`. A crossing counts for the visit when it
   * was felt from `windowMs` before the entry (the presence rule's crossing window: the strips
   * are at the mouth, before the beacons name the lane) until now.
   */
  visited(enteredAt: number, windowMs: number): StripVerdict {
    const felt = this.#lastCrossingAt >= enteredAt - windowMs;
    if (felt) {
      this.#silentInARow = 0;
      if (!this.#faulty) return null;
      this.#faulty = false;
      return 'clear';
    }
    this.#silentInARow++;
    if (this.#faulty || this.#silentInARow < this.#visitsForFault) return null;
    this.#faulty = true;
    return 'raise';
  }
}
