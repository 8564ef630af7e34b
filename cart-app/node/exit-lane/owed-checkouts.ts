// The checkouts this cart owes the store, on disk: the one under way at a lane (written before
// the first request goes out, so a cart restarted mid-checkout carries on with the same token),
// and the trips it let leave while the store was unreachable, each with the lane frame it heard,
// when, and the trip's log (the session log moves on to the next shopper). The file is replaced
// whole (temporary file, fsync, rename, fsync of the folder), so a power cut leaves the old list
// or the new one, never half of either. A damaged file is refused loudly rather than emptied:
// the trips in it are money the store has not been told about.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { parseSessionEvent, type SessionEvent } from '../../../domain/common/session/events.js';
import { laneFrameHexSchema } from '../../../payments/common/lane/hex.js';
import { ExitLaneError } from './errors.js';

export interface OwedCheckout {
  readonly tripId: string;
  readonly laneId: number;
  /** The lane frame sent as the token (hex) and when the cart heard it. */
  readonly laneFrame: string;
  readonly heardAt: number;
  /** The trip's log from its sign-in, as the store re-prices it. */
  readonly events: readonly SessionEvent[];
  /** The cart's own price of the basket (the store charges its own; the cap is checked with this). */
  readonly cartTotal: number;
  /**
   * `at-lane`: the checkout is being sent now; `left`: the shopper left with the store unreachable
   * (at `leftAt`) and it is settled when the store is back; `refused`: the store gave a definite
   * no to the late settlement, which staff now own (kept so they can see it on the cart).
   */
  readonly state: 'at-lane' | 'left' | 'refused';
  readonly leftAt?: number;
  readonly refusal?: { readonly code: string; readonly message: string };
}

const event = z.unknown().transform((raw, ctx) => {
  const parsed = parseSessionEvent(raw);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
  return parsed.ok ? parsed.value : z.NEVER;
});

const owedSchema = z.strictObject({
  tripId: z.string().min(1).max(64),
  laneId: z.int().min(0).max(0xffff),
  laneFrame: laneFrameHexSchema,
  heardAt: z.int().min(0),
  events: z.array(event).min(1).max(50_000),
  cartTotal: z.int().min(0).max(100_000_000),
  state: z.enum(['at-lane', 'left', 'refused']),
  leftAt: z.int().min(0).optional(),
  refusal: z.strictObject({ code: z.string().max(64), message: z.string().max(500) }).optional(),
});
const fileSchema = z.strictObject({ format: z.literal('tally-owed-checkouts/1'), checkouts: z.array(owedSchema).max(1000) });

export class OwedCheckouts {
  readonly #file: string;
  #list: OwedCheckout[];

  private constructor(file: string, list: OwedCheckout[]) {
    this.#file = file;
    this.#list = list;
  }

  /** Reads the list (none yet is an empty list); a file that does not parse is an error. */
  static open(file: string): Result<OwedCheckouts, ExitLaneError> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return ok(new OwedCheckouts(file, []));
      return err(new ExitLaneError('owed-file', `cannot read ${file}: ${(cause as Error).message}`));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return err(new ExitLaneError('owed-file', `${file} is not JSON; the trips it holds must be settled by hand`));
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) return err(new ExitLaneError('owed-file', `${file} is damaged (${parsed.error.issues[0]?.message ?? 'unreadable'}); the trips it holds must be settled by hand`));
    return ok(new OwedCheckouts(file, parsed.data.checkouts));
  }

  /** Every owed checkout, oldest first. */
  get all(): readonly OwedCheckout[] {
    return this.#list;
  }

  find(tripId: string): OwedCheckout | undefined {
    return this.#list.find((c) => c.tripId === tripId);
  }

  /** Trips left unsettled and their cart-priced total: what the offline cap is checked against. */
  unsettled(): { trips: number; amount: number } {
    const left = this.#list.filter((c) => c.state === 'left');
    return { trips: left.length, amount: left.reduce((sum, c) => sum + c.cartTotal, 0) };
  }

  /** Adds or replaces (by trip) one checkout, on disk before it returns. */
  put(checkout: OwedCheckout): Result<void, ExitLaneError> {
    const at = this.#list.findIndex((c) => c.tripId === checkout.tripId);
    return this.#save(at < 0 ? [...this.#list, checkout] : this.#list.map((c, i) => (i === at ? checkout : c)));
  }

  /** The store has answered for this trip: nothing more is owed. */
  remove(tripId: string): Result<void, ExitLaneError> {
    return this.find(tripId) ? this.#save(this.#list.filter((c) => c.tripId !== tripId)) : ok(undefined);
  }

  #save(list: OwedCheckout[]): Result<void, ExitLaneError> {
    const temp = `${this.#file}.${process.pid}.tmp`;
    const text = JSON.stringify({ format: 'tally-owed-checkouts/1', checkouts: list });
    try {
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.#file);
      const folder = openSync(path.dirname(this.#file), 'r');
      try {
        fsyncSync(folder);
      } finally {
        closeSync(folder);
      }
    } catch (cause) {
      rmSync(temp, { force: true });
      return err(new ExitLaneError('owed-file', `cannot save ${this.#file}: ${(cause as Error).message}`));
    }
    this.#list = list;
    return ok(undefined);
  }
}
