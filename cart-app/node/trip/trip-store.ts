// What a scripted trip needs of the store: a sign-in code for its shopper, the trip the store
// opens when the cart redeems it, a hold, the exit lane's beacon, and the checkout. The tally
// command runs a real store server in the same process behind this; the cart side only sees
// these calls, the way a real cart only sees the store's HTTP API.
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { Result } from '../../../domain/common/result.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import type { ShopperSignIn } from '../runtime/cart-runtime.js';

/** The store's answer at the lane. */
export type CheckoutOutcome =
  | { readonly status: 'paid'; readonly receiptId: string; readonly total: number; readonly currency: string; readonly receipt: Receipt }
  /** The store refused or the gateway declined: the code is the store's (`payment-declined`, `needs-review` …). */
  | { readonly status: 'refused'; readonly code: string; readonly reason: string };

export interface HoldOutcome {
  readonly status: 'held' | 'refused';
  readonly amount?: number;
  readonly reason?: string;
}

export interface TripStore {
  /** What the shopper's phone shows as a QR to sign in on a cart. */
  signInCode(): Promise<string>;
  /** The cart redeems the code it read; the store opens a trip for the shopper. */
  startTrip(code: string): Promise<Result<ShopperSignIn, string>>;
  /** The hold on the shopper's payment method at trip start. */
  hold(tripId: string): Promise<HoldOutcome>;
  /** What the cart's BLE scanner hears from lane `laneId`'s beacon now (hex). */
  laneFrame(laneId: number): string;
  checkout(tripId: string, request: { readonly laneId: number; readonly laneFrame: string; readonly events: readonly SessionEvent[]; readonly cartTotal: number }): Promise<CheckoutOutcome>;
  close(): Promise<void>;
}
