// Remembers which lane tokens were already spent on a checkout, and by which trip, for as long
// as the token could still pass the freshness check. After that the freshness check refuses it
// anyway, so forgetting it bounds memory without opening a replay.

export interface SpentToken {
  /** The trip that spent the token first. */
  readonly tripId: string;
  /** Whether the token had been spent before this call. */
  readonly repeat: boolean;
}

export class ReplayGuard {
  readonly #spent = new Map<string, { tripId: string; lastValidCounter: number }>();

  /**
   * Records `tripId` as spending the token `key` (valid up to `lastValidCounter`); returns the
   * trip that spent it first. The same trip presenting its own token again (a retried request)
   * gets itself back, so the caller can tell a retry from a replay.
   */
  spend(key: string, tripId: string, lastValidCounter: number): SpentToken {
    const found = this.#spent.get(key);
    if (found) return { tripId: found.tripId, repeat: true };
    this.#spent.set(key, { tripId, lastValidCounter });
    return { tripId, repeat: false };
  }

  /** Forgets tokens that can no longer pass the freshness check at `counter`. */
  forgetBefore(counter: number): void {
    for (const [key, entry] of this.#spent) if (entry.lastValidCounter < counter) this.#spent.delete(key);
  }

  get size(): number {
    return this.#spent.size;
  }
}
