// Rules for what is in the basket: scans and unscans, counts, coupons, the shopper's own items,
// the budget, and a staff member's price override. All need a shopper mid-trip (see shopperTrip).
import { requireStaff } from './cart-rules.js';
import { refuse, type Rules } from './rule.js';
import type { BasketLine, Trip } from './state.js';
import { shopperTrip, withTrip } from './trip-rules.js';

const findLine = (trip: Trip, lineId: string): BasketLine | undefined => trip.basket.find((l) => l.lineId === lineId);

const replaceLine = (trip: Trip, line: BasketLine, next: BasketLine): Trip => ({ ...trip, basket: trip.basket.map((l) => (l === line ? next : l)) });

export const basketRules: Rules<
  'scanned' | 'quantityChanged' | 'itemRemoved' | 'couponApplied' | 'couponRemoved' | 'personalItemDeclared' | 'budgetSet' | 'overrideApplied'
> = {
  scanned(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (findLine(trip.value, event.lineId)) return refuse('duplicate', event, `line ${event.lineId} is already in the basket`);
    const line: BasketLine = {
      lineId: event.lineId,
      sku: event.sku,
      code: event.code,
      symbology: event.symbology,
      measure: event.measure,
      ...(event.labelPrice !== undefined ? { labelPrice: event.labelPrice } : {}),
      scannedAt: event.at,
    };
    return withTrip(state, { ...trip.value, basket: [...trip.value.basket, line] });
  },

  quantityChanged(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    const line = findLine(trip.value, event.lineId);
    if (!line) return refuse('unknown', event, `no line ${event.lineId} in the basket`);
    if (line.measure.by !== 'each') return refuse('not-each', event, `line ${event.lineId} (${line.sku}) is sold by weight; weigh it again instead`);
    return withTrip(state, replaceLine(trip.value, line, { ...line, measure: { by: 'each', quantity: event.quantity } }));
  },

  itemRemoved(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (!findLine(trip.value, event.lineId)) return refuse('unknown', event, `no line ${event.lineId} in the basket`);
    return withTrip(state, { ...trip.value, basket: trip.value.basket.filter((l) => l.lineId !== event.lineId) });
  },

  couponApplied(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (trip.value.coupons.includes(event.code)) return refuse('duplicate', event, `coupon ${event.code} is already applied`);
    return withTrip(state, { ...trip.value, coupons: [...trip.value.coupons, event.code] });
  },

  couponRemoved(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (!trip.value.coupons.includes(event.code)) return refuse('unknown', event, `coupon ${event.code} is not applied`);
    return withTrip(state, { ...trip.value, coupons: trip.value.coupons.filter((c) => c !== event.code) });
  },

  personalItemDeclared(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (trip.value.personalItems.some((p) => p.itemId === event.itemId)) return refuse('duplicate', event, `personal item ${event.itemId} was already declared`);
    const item = { itemId: event.itemId, description: event.description, ...(event.massMg !== undefined ? { massMg: event.massMg } : {}) };
    return withTrip(state, { ...trip.value, personalItems: [...trip.value.personalItems, item] });
  },

  budgetSet(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    return withTrip(state, { ...trip.value, budget: event.limit });
  },

  overrideApplied(state, event) {
    const notStaff = requireStaff(state, event, event.by);
    if (notStaff) return notStaff;
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    const line = findLine(trip.value, event.lineId);
    if (!line) return refuse('unknown', event, `no line ${event.lineId} in the basket`);
    return withTrip(state, replaceLine(trip.value, line, { ...line, priceOverride: { price: event.price, by: event.by, reason: event.reason } }));
  },
};
