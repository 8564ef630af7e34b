// A cart session's basket as the pricing engine's lines. The cart prices these for the live
// total and the store re-prices the very same lines at checkout, so the mapping lives here,
// once, where both may import it.
import type { Trip } from '../../../domain/common/session/state.js';
import type { BasketLineInput } from './basket.js';

export function tripLines(trip: Trip): BasketLineInput[] {
  return trip.basket.map((line): BasketLineInput => {
    // Only an `overrideApplied` event in the trip's log puts a price override on a line; the
    // engine applies it when it lowers the price (lines.ts).
    const staff = line.priceOverride ? { staffPrice: line.priceOverride.price } : {};
    // A label that prints its price is sold at that price, whatever the scale says.
    if (line.labelPrice !== undefined) return { lineId: line.lineId, sku: line.sku, labelPrice: line.labelPrice, ...staff };
    if (line.measure.by === 'weight') return { lineId: line.lineId, sku: line.sku, netMg: line.measure.netMg, ...staff };
    return { lineId: line.lineId, sku: line.sku, quantity: line.measure.quantity, ...staff };
  });
}
