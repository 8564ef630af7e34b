// Idempotency keys derived from the trip, so that every retry of the same step, from any process
// and after any crash, carries the same key and the gateway moves money at most once per step.
// See docs/payments.md, "Idempotency keys".
import { z } from 'zod';

const tripId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'trip ids are 1-100 letters, digits, _ or -');
const attempt = z.number().int().min(1).max(999);

export class TripKeyError extends Error {
  override readonly name = 'TripKeyError';
  readonly kind = 'bad-trip-key';
}

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new TripKeyError(`${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

export interface TripKeys {
  /** The one hold for the trip. */
  readonly authorise: string;
  /**
   * A capture. Attempt 1 is the capture of the re-priced total; a new attempt number is used
   * only after the previous attempt has a definite failed answer and the amount is decided
   * again (a staff correction), never to retry an unknown outcome.
   */
  capture(attemptNo: number): string;
  readonly cancel: string;
  /** A refund, numbered by the store's refund record for the trip. */
  refund(refundNo: number): string;
}

export function tripKeys(id: string): TripKeys {
  const trip = checked(tripId, id, 'trip id');
  return {
    authorise: `trip:${trip}:authorise`,
    capture: (n) => `trip:${trip}:capture:${checked(attempt, n, 'capture attempt')}`,
    cancel: `trip:${trip}:cancel`,
    refund: (n) => `trip:${trip}:refund:${checked(attempt, n, 'refund number')}`,
  };
}
