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

  it('equals the cart’s pricing for baskets with staff price overrides, and applies only overrides that lower a price', () => {
    const withOverrides = fc.record({
      base: trip,
      overrides: fc.array(fc.record({ line: fc.nat(), price: fc.integer({ min: 0, max: 3000 }) }), { minLength: 1, maxLength: 4 }),
    });
    const seen = { applied: 0, ignored: 0 };
    fc.assert(
      fc.property(withOverrides, ({ base: t, overrides }) => {
        const scans = t.lines.map((l, i) =>
          l.kind === 'each' ? scanEach(`l${i}`, l.sku, l.quantity) : l.kind === 'weight' ? scanWeighed(`l${i}`, l.sku, l.netMg) : { ...scanWeighed(`l${i}`, l.sku, 1000), labelPrice: l.labelPrice },
        );
        const removed = [...new Set(t.removed.map((n) => n % t.lines.length))];
        const kept = t.lines.map((_, i) => i).filter((i) => !removed.includes(i));
        const set = kept.length === 0 ? [] : overrides.map((o) => ({ type: 'overrideApplied', by: 'staff-lee', lineId: `l${kept[o.line % kept.length] ?? 0}`, price: o.price, reason: 'damaged' }));
        const staff = [{ type: 'staffModeEntered', staffId: 'staff-lee', mode: 'assist' }, ...set, { type: 'staffModeExited' }];
        const events = tripLog(
          'trip_pppppppppppppppppppp',
          'shopper_1',
          [...scans, ...t.coupons.map((code) => ({ type: 'couponApplied', code })), ...removed.map((i) => ({ type: 'itemRemoved', lineId: `l${i}` })), ...staff],
          t.member,
          t.at,
        );
        const basket = tripBasket(events, { tripId: 'trip_pppppppppppppppppppp', shopperId: 'shopper_1' });
        const now = t.at + 60_000;
        const store = reprice({ catalog: stored, trip: basket.trip, member: t.member, couponUses: {}, now });
        expect(store).toEqual(cartReceipt(events, now));
        // The last override of a line is its price, where it lowers it; a higher one leaves the line as the catalog prices it.
        for (const line of store.lines) {
          const last = set.findLast((o) => o.lineId === line.lineId);
          if (!last) expect(line.staffSet).toBeUndefined();
          else if (line.staffSet) {
            seen.applied += 1;
            expect([line.staffSet.price, line.unitPrice, line.staffSet.price <= line.staffSet.replaced]).toEqual([last.price, last.price, true]);
          } else {
            seen.ignored += 1;
            expect(last.price).toBeGreaterThan(line.memberUnitPrice ?? line.unitPrice);
          }
        }
      }),
      { seed: 7, numRuns: 200 },
    );
    // Both sides of the rule were exercised, not just one.
    expect(seen.applied).toBeGreaterThan(50);
    expect(seen.ignored).toBeGreaterThan(20);
  });

  it('prices no override that is not in the uploaded trip log, and refuses a log with one outside a staff session', () => {
    const scan = scanEach('l0', 'wine-rose');
    const plain = tripLog('trip_pppppppppppppppppppp', 'shopper_1', [scan], false, T0);
    const receipt = reprice({ catalog: stored, trip: tripBasket(plain, { tripId: 'trip_pppppppppppppppppppp', shopperId: 'shopper_1' }).trip, member: false, couponUses: {}, now: T0 + 1 });
    expect(receipt.lines[0]?.staffSet).toBeUndefined();
    const sneaky = tripLog('trip_pppppppppppppppppppp', 'shopper_1', [scan, { type: 'overrideApplied', by: 'staff-lee', lineId: 'l0', price: 1, reason: 'damaged' }], false, T0);
    expect(() => tripBasket(sneaky, { tripId: 'trip_pppppppppppppppppppp', shopperId: 'shopper_1' })).toThrow(/needs staff mode/);
  });

  it('counts a shopper’s earlier coupon uses from the store’s receipts', () => {
    const receipt = (codes: string[]): string => JSON.stringify({ coupons: { applied: codes.map((code) => ({ code })), rejected: [] } });
    expect(couponUses([receipt(['WELCOME10']), receipt(['WELCOME10', 'SAVE5ON50']), receipt([])])).toEqual({ WELCOME10: 2, SAVE5ON50: 1 });
  });
});
