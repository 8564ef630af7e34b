// The cart session's basket as the pricing engine's input. The cart prices it on every change
// for the live total; the store re-prices the same lines from its own catalog at checkout.
import type { Trip } from '../../domain/common/session/state.js';
import type { BasketLineInput, ShopperContextInput } from '../../payments/common/pricing/basket.js';

export function pricingRequest(trip: Trip, now: number): { lines: BasketLineInput[]; context: ShopperContextInput } {
  const lines = trip.basket.map((line): BasketLineInput => {
    if (line.labelPrice !== undefined) return { lineId: line.lineId, sku: line.sku, labelPrice: line.labelPrice };
    if (line.measure.by === 'weight') return { lineId: line.lineId, sku: line.sku, netMg: line.measure.netMg };
    return { lineId: line.lineId, sku: line.sku, quantity: line.measure.quantity };
  });
  return { lines, context: { member: trip.member, coupons: [...trip.coupons], now } };
}
