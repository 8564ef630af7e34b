// What the store said to a checkout, sorted the way the cart acts on it: paid; a definite no
// (a decline, a refused token, an unsettled basket: shown to the shopper and staff, nothing more
// sent); or no answer yet, from a store that is unreachable or one that is still charging. Only
// a definite answer ends the cart's retries: the store makes a repeated checkout safe (one
// charge per trip), so sending again is always right while there is none.
import type { Result } from '../../../domain/common/result.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import type { PaidAnswer, StoreCallError } from '../store-client/store-client.js';

/** The checkout request (docs/payments.md, "Checkout on the store"). */
export interface LaneCheckoutBody {
  readonly laneId: number;
  /** The lane frame heard, hex. */
  readonly laneFrame: string;
  readonly events: readonly SessionEvent[];
  readonly cartTotal: number;
  /** For a trip that left while the store was unreachable: when it heard `laneFrame` and let the shopper go. */
  readonly leftAt?: number;
}

/** The store's checkout, as the cart's store client sends it. */
export interface CheckoutPort {
  checkout(tripId: string, body: LaneCheckoutBody): Promise<Result<PaidAnswer, StoreCallError>>;
}

export type StoreAnswer =
  | { readonly kind: 'paid'; readonly paid: PaidAnswer }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** `unreachable`: nothing came back from the store at all (or only its proxy's "no upstream"). */
  | { readonly kind: 'no-answer'; readonly unreachable: boolean; readonly message: string };

/** Statuses that say the store itself did not answer, from a proxy in front of it. */
const GATEWAY_DOWN = new Set([502, 504]);

export function sortAnswer(result: Result<PaidAnswer, StoreCallError>): StoreAnswer {
  if (result.ok) return { kind: 'paid', paid: result.value };
  const { code, message, status } = result.error;
  if (status === null || GATEWAY_DOWN.has(status)) return { kind: 'no-answer', unreachable: true, message };
  // Still charging (503 payment-pending), overloaded, or an answer the cart could not read: ask again.
  if (status >= 500 || status === 408 || status === 429 || code === 'bad-answer') return { kind: 'no-answer', unreachable: false, message };
  return { kind: 'refused', code, message };
}
