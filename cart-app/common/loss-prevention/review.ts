// Whether a trip goes to a member of staff before the shopper leaves. Only what the shopper could
// not or did not put right is sent: an alert that resolved itself (scanned, put in, taken out) is
// history in the trip log, not a reason to stop anyone.
import type { Alert, CartState } from '../../../domain/common/session/state.js';

/** The alerts a reviewer must look at: raised on this trip and never resolved. */
export function reviewReasons(state: CartState): readonly Alert[] {
  return state.trip?.alerts.filter((a) => a.resolution === null) ?? [];
}

/** True when the trip has an unresolved loss-prevention alert. */
export function needsReview(state: CartState): boolean {
  return reviewReasons(state).length > 0;
}
