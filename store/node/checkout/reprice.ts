// The store's own price for a basket: its current catalog, the shared pricing engine, the
// shopper's membership as the store records it, and the shopper's past coupon uses from the
// store's receipts. Whatever total the cart showed is never an input here.
//
// A staff price override counts only as an `overrideApplied` event in the trip log the cart
// uploaded (signed with the cart's key, replayed through the session's rules in trip-basket.ts,
// which refuse an override outside a staff session or on a line not in the basket). The shared
// engine then applies it only where it lowers the shopper's unit price, and keeps promotions off
// that line (payments/common/pricing/README.md), exactly as the cart priced it.
import type { Trip } from '../../../domain/common/session/state.js';
import { preparePricing, type PricingCatalog } from '../../../payments/common/pricing/catalog-view.js';
import { priceBasket } from '../../../payments/common/pricing/engine.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import { tripLines } from '../../../payments/common/pricing/trip-lines.js';
import type { StoredCatalog } from '../records/catalog-versions.js';
import { CheckoutError } from './errors.js';

/** One prepared pricing view per catalog version: preparing indexes every product and promotion. */
const prepared = new WeakMap<StoredCatalog, PricingCatalog>();

function pricingOf(stored: StoredCatalog): PricingCatalog {
  let view = prepared.get(stored);
  if (!view) {
    view = preparePricing(stored.catalog);
    prepared.set(stored, view);
  }
  return view;
}

/** How many times each coupon code appears on the shopper's earlier paid receipts. */
export function couponUses(receipts: readonly string[]): Record<string, number> {
  const uses: Record<string, number> = {};
  for (const text of receipts) {
    const receipt = JSON.parse(text) as Pick<Receipt, 'coupons'>;
    for (const c of receipt.coupons.applied) uses[c.code] = (uses[c.code] ?? 0) + 1;
  }
  return uses;
}

export interface RepriceInput {
  readonly catalog: StoredCatalog;
  readonly trip: Trip;
  /** From the store's shopper record, not the cart's sign-in event. */
  readonly member: boolean;
  readonly couponUses: Record<string, number>;
  /** When the checkout began: promotions and coupons are dated against it. */
  readonly now: number;
}

export function reprice(input: RepriceInput): Receipt {
  const priced = priceBasket(pricingOf(input.catalog), tripLines(input.trip), {
    member: input.member,
    coupons: [...input.trip.coupons],
    couponUses: input.couponUses,
    now: input.now,
  });
  if (!priced.ok) {
    throw new CheckoutError('basket-unpriceable', `the store cannot price this basket: ${priced.error.map((e) => e.message).join('; ')}`, {
      problems: priced.error.map((e) => ({ kind: e.kind, message: e.message })),
    });
  }
  return priced.value;
}
