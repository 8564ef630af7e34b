// The cart session's trip as the pricing engine's input, for the live total on every change.
import type { Trip } from '../../domain/common/session/state.js';
import type { BasketLineInput, ShopperContextInput } from '../../payments/common/pricing/basket.js';
import { tripLines } from '../../payments/common/pricing/trip-lines.js';

export function pricingRequest(trip: Trip, now: number): { lines: BasketLineInput[]; context: ShopperContextInput } {
  return { lines: tripLines(trip), context: { member: trip.member, coupons: [...trip.coupons], now } };
}
