// The offline settlement cap (docs/payments.md, "Offline"): when the store is unreachable at the
// lane, the cart may let its shopper leave and settle the trip when the store is back, but only
// while what this cart has left unsettled stays within the cap. The cart checks it at the lane;
// the store checks it again on the late settlement, from its own records and its own price.

export interface OfflineCap {
  /** Trips one cart may have left unsettled at the same time, this one included. */
  readonly maxTrips: number;
  /** Their store-priced totals together, minor units. */
  readonly maxAmount: number;
  /** How long after leaving a late settlement is still taken (its lane token is checked as of then). */
  readonly maxAgeMs: number;
}

/**
 * Two trips, 100.00 in all, settled within a day. A cart that loses the store at the lane lets
 * a shopper or two leave; a cart that stays cut off stops and asks for staff.
 */
export const DEFAULT_OFFLINE_CAP: OfflineCap = { maxTrips: 2, maxAmount: 10_000, maxAgeMs: 24 * 3_600_000 };

export type OfflineCapCheck = { readonly within: true } | { readonly within: false; readonly over: 'trips' | 'amount'; readonly message: string };

/** `unsettled`: the cart's trips left unsettled before this one (count and total); `total`: this trip's. */
export function checkOfflineCap(cap: OfflineCap, unsettled: { readonly trips: number; readonly amount: number }, total: number): OfflineCapCheck {
  if (unsettled.trips + 1 > cap.maxTrips) return { within: false, over: 'trips', message: `${unsettled.trips + 1} trips unsettled at once; the cap is ${cap.maxTrips}` };
  if (unsettled.amount + total > cap.maxAmount) return { within: false, over: 'amount', message: `${unsettled.amount + total} left unsettled; the cap is ${cap.maxAmount}` };
  return { within: true };
}
