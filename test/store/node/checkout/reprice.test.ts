// The store's re-pricing equals the cart's pricing for the same basket and catalog: random
// baskets of the demo store (each-items, weighed items, labelled prices, coupons, members),
// priced the cart's way (its session state and the cart app's pricing request) and the store's
// way (the trip log replayed on the store, its own line mapping and membership).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { couponUses, reprice } from '../../../../store/node/checkout/reprice.js';
import { tripBasket } from '../../../../store/node/checkout/trip-basket.js';
import type { StoredCatalog } from '../../../../store/node/records/catalog-versions.js';
import { demoCatalog, T0 } from '../test-store.js';
import { cartReceipt, demoStore } from './cart-price.js';
import { scanEach, scanWeighed, tripLog } from './lane-store.js';

const stored = { version: 1, document: demoCatalog(), json: '', catalog: demoStore } as unknown as StoredCatalog;
const each = demoStore.products.filter((p) => p.soldBy === 'each').map((p) => p.sku);
const weighed = demoStore.products.filter((p) => p.soldBy === 'weight').map((p) => p.sku);
const coupons = demoCatalog().coupons as { code: string }[];

const line = fc.oneof(
  fc.record({ kind: fc.constant('each'), sku: fc.constantFrom(...each), quantity: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('weight'), sku: fc.constantFrom(...weighed), netMg: fc.integer({ min: 1, max: 5_000_000 }) }),
  fc.record({ kind: fc.constant('label'), sku: fc.constantFrom(...weighed), labelPrice: fc.integer({ min: 1, max: 5000 }) }),
);

const trip = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: 25 }),
  coupons: fc.uniqueArray(fc.constantFrom(...coupons.map((c) => c.code)), { maxLength: 3 }),
  member: fc.boolean(),
  removed: fc.array(fc.nat(), { maxLength: 3 }),
  at: fc.integer({ min: T0 - 30 * 86_400_000, max: T0 + 120 * 86_400_000 }),
});

describe('store re-pricing', () => {
  it('equals the cart’s pricing for the same basket and catalog', () => {
    fc.assert(
      fc.property(trip, (t) => {
        const scans = t.lines.map((l, i) =>
          l.kind === 'each' ? scanEach(`l${i}`, l.sku, l.quantity) : l.kind === 'weight' ? scanWeighed(`l${i}`, l.sku, l.netMg) : { ...scanWeighed(`l${i}`, l.sku, 1000), labelPrice: l.labelPrice },
        );
        const removals = [...new Set(t.removed.map((n) => n % t.lines.length))].map((i) => ({ type: 'itemRemoved', lineId: `l${i}` }));
        const events = tripLog('trip_pppppppppppppppppppp', 'shopper_1', [...scans, ...t.coupons.map((code) => ({ type: 'couponApplied', code })), ...removals], t.member, t.at);
        const basket = tripBasket(events, { tripId: 'trip_pppppppppppppppppppp', shopperId: 'shopper_1' });
        const now = t.at + 60_000;
        const store = reprice({ catalog: stored, trip: basket.trip, member: t.member, couponUses: {}, now });
        expect(store).toEqual(cartReceipt(events, now));
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('counts a shopper’s earlier coupon uses from the store’s receipts', () => {
    const receipt = (codes: string[]): string => JSON.stringify({ coupons: { applied: codes.map((code) => ({ code })), rejected: [] } });
    expect(couponUses([receipt(['WELCOME10']), receipt(['WELCOME10', 'SAVE5ON50']), receipt([])])).toEqual({ WELCOME10: 2, SAVE5ON50: 1 });
  });
});
