// A scripted trip's exit lanes: the store's lanes the scenario walks through, laid out on the
// virtual BLE world (cart-app/node/emulated/virtual-lanes.ts) with the frames the store's own lane
// beacons advertise, and the cart's exit-lane watch paying through them, as on a real cart and in
// the emulator. The trip driver walks the cart into a lane and lets simulated time pass until the
// lane has answered; it waits for the store between steps of time, so the same scenario always
// gives the same report.
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok } from '../../../domain/common/result.js';
import type { Random } from '../../../domain/common/random.js';
import { fromHex } from '../../../payments/common/lane/hex.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import { VirtualLanes } from '../emulated/virtual-lanes.js';
import type { ExitLaneWatch, LaneOutcome } from '../exit-lane/exit-lane-watch.js';
import type { CheckoutPort } from '../exit-lane/store-answer.js';
import type { CheckoutOutcome, TripStore } from './trip-store.js';

/**
 * The trip store's checkout as the watch sends it. The trip store reports the store's error code
 * without its HTTP status; the two codes that are no answer yet are `network` (nothing came back)
 * and `payment-pending` (still charging, 503), and every other code is the store's definite no.
 */
function checkoutPort(store: TripStore, heard: (outcome: CheckoutOutcome) => void): CheckoutPort {
  return {
    async checkout(tripId, body) {
      const outcome = await store.checkout(tripId, body);
      heard(outcome);
      if (outcome.status === 'paid') return ok({ tripId, state: 'paid', receiptId: outcome.receiptId, currency: outcome.currency, total: outcome.total, laneId: body.laneId, receipt: outcome.receipt });
      const status = outcome.code === 'network' ? null : outcome.code === 'payment-pending' ? 503 : 409;
      return err({ code: outcome.code, message: outcome.reason, status });
    },
  };
}

export interface TripLanesOptions {
  readonly cart: EmulatedCart;
  readonly store: TripStore;
  readonly clock: Clock;
  readonly random: Random;
  /** The lanes the scenario walks through. */
  readonly lanes: readonly number[];
  /** Where the watch keeps the checkouts it owes (the trip's temporary folder). */
  readonly owedFile: string;
}

export class TripLanes {
  readonly #virtual: VirtualLanes;
  readonly #watch: ExitLaneWatch;
  readonly #cart: EmulatedCart;
  readonly #outcomes: LaneOutcome[] = [];
  readonly #stopFeeling: () => void;
  /** The store's last answer at a lane, with its receipt. */
  last: CheckoutOutcome | null = null;

  private constructor(virtual: VirtualLanes, watch: ExitLaneWatch, cart: EmulatedCart, stopFeeling: () => void) {
    this.#virtual = virtual;
    this.#watch = watch;
    this.#cart = cart;
    this.#stopFeeling = stopFeeling;
    watch.on((o) => this.#outcomes.push(o));
  }

  static async open(options: TripLanesOptions): Promise<TripLanes> {
    const { cart, store, clock } = options;
    const virtual = VirtualLanes.open({ clock, random: options.random, lanes: options.lanes, frameOf: (laneId) => fromHex(store.laneFrame(laneId)) });
    if (!virtual.ok) throw virtual.error;
    const holder: { lanes?: TripLanes } = {};
    const answered = checkoutPort(store, (outcome) => {
      if (holder.lanes) holder.lanes.last = outcome;
    });
    const watching = cart.watchLanes(virtual.value, { store: answered, clock, owedFile: options.owedFile });
    if (!watching.ok) throw watching.error;
    holder.lanes = new TripLanes(virtual.value, watching.value.watch, cart, watching.value.stop);
    await virtual.value.start();
    return holder.lanes;
  }

  /**
   * Pushes the cart from the floor through lane `laneId` and waits (at most `waitMs` after
   * arriving) for the lane to answer: paid, refused, or what the cart must fix first.
   */
  async walkThrough(laneId: number, pass: (ms: number) => Promise<void>, waitMs: number): Promise<LaneOutcome | null> {
    const from = this.#outcomes.length;
    const walkMs = this.#virtual.walkTo(laneId);
    const answer = (): LaneOutcome | undefined => this.#outcomes.slice(from).find((o) => o.type === 'paid' || o.type === 'refused' || o.type === 'blocked' || o.type === 'left-unsettled');
    this.#cart.body.push(1);
    try {
      for (let ms = 0; ms < walkMs + waitMs; ms += 100) {
        await this.#watch.quiet();
        const said = answer();
        if (said) return said;
        // The cart stops at the pay station; loss prevention then settles on a still basket.
        if (ms >= walkMs) this.#cart.body.stop();
        await pass(100);
      }
      await this.#watch.quiet();
      return answer() ?? null;
    } finally {
      this.#cart.body.stop();
    }
  }

  /** Whether the cart ever found itself in `laneId`. */
  entered(laneId: number): boolean {
    return this.#outcomes.some((o) => o.type === 'entered' && o.laneId === laneId);
  }

  async close(): Promise<void> {
    this.#watch.close();
    this.#stopFeeling();
    await this.#virtual.close();
  }
}
