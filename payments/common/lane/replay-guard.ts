// Remembers which trips spent each lane token, for as long as the token could still pass the
// freshness check. After that the freshness check refuses it anyway, so forgetting it bounds
// memory without opening a replay.
//
// A busy lane has several carts leaving within one rotation period, all hearing the same token,
// so a token may be spent by several different trips, up to a bound: a recorded token handed
// around a crowd buys at most that many checkouts (each still a signed request from a paired
// cart, for its own trip), and the bound is far below what a replay would need to matter.

export type SpendOutcome =
  /** The trip spent the token now (`repeat: false`) or had spent it before (a retried request). */
  | { readonly accepted: true; readonly repeat: boolean }
  /** The token was already spent by `trips` other trips, the most one token may serve. */
  | { readonly accepted: false; readonly trips: number };

export class ReplayGuard {
  readonly #spent = new Map<string, { trips: Set<string>; lastValidCounter: number }>();
  readonly #maxTrips: number;

  /** `maxTrips`: how many different trips may spend one token (at least 1). */
  constructor(maxTrips: number) {
    if (!Number.isInteger(maxTrips) || maxTrips < 1) throw new RangeError(`trips per token must be a whole number >= 1, not ${maxTrips}`);
    this.#maxTrips = maxTrips;
  }

  /**
   * Records `tripId` as spending the token `key` (valid up to `lastValidCounter`). The same trip
   * presenting its own token again is a retry (`repeat: true`) and uses up nothing more.
   */
  spend(key: string, tripId: string, lastValidCounter: number): SpendOutcome {
    let entry = this.#spent.get(key);
    if (entry?.trips.has(tripId)) return { accepted: true, repeat: true };
    if (entry && entry.trips.size >= this.#maxTrips) return { accepted: false, trips: entry.trips.size };
    if (!entry) this.#spent.set(key, (entry = { trips: new Set(), lastValidCounter }));
    entry.trips.add(tripId);
    return { accepted: true, repeat: false };
  }

  /** Forgets tokens that can no longer pass the freshness check at `counter`. */
  forgetBefore(counter: number): void {
    for (const [key, entry] of this.#spent) if (entry.lastValidCounter < counter) this.#spent.delete(key);
  }

  /** Tokens remembered. */
  get size(): number {
    return this.#spent.size;
  }
}
