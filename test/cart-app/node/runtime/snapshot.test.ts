import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CartSnapshot } from '../../../../cart-app/common/ui-protocol/snapshot.js';
import { buildSnapshot, type SnapshotExtras } from '../../../../cart-app/node/runtime/snapshot.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { demoCatalog, gtinOf, openCart, type CartFixture } from '../../cart-fixture.js';

let catalog: Catalog;
let cart: CartFixture;

beforeAll(async () => {
  catalog = await demoCatalog();
});
afterEach(() => {
  cart?.runtime.close();
  cart?.cleanup();
});

const record = (event: Parameters<CartFixture['runtime']['record']>[0]): void => {
  const recorded = cart.runtime.record(event);
  if (!recorded.ok) throw new Error(recorded.error.message);
};
const scan = (sku: string): string => {
  expect(cart.runtime.dispatch({ type: 'scan', code: gtinOf(catalog, sku), symbology: 'UPC_A' }).ok).toBe(true);
  return cart.runtime.trip?.basket.find((l) => l.sku === sku)?.lineId ?? 'missing';
};
const snapshot = (extras?: SnapshotExtras): CartSnapshot => buildSnapshot(cart.runtime.state, catalog, cart.runtime.priced(), null, extras);
const trip = (s: CartSnapshot) => {
  if (!s.trip) throw new Error('no trip in the snapshot');
  return s.trip;
};

describe('the snapshot the screen renders', () => {
  it('says which way the scale moved for an alert, and names its items once each', () => {
    cart = openCart(catalog);
    const milk = scan('milk-whole-gallon');
    record({ type: 'weighed', stepId: 's-out', deltaMg: -3_900_000, uncertaintyMg: 10_000 });
    record({ type: 'weighed', stepId: 's-in', deltaMg: 400_000, uncertaintyMg: 10_000 });
    record({ type: 'alertRaised', alertId: 'a-out', kind: 'unscanned-item', evidence: { stepIds: ['s-out'], lineIds: [milk], skus: ['milk-whole-gallon'] } });
    record({ type: 'alertRaised', alertId: 'a-in', kind: 'unscanned-item', evidence: { stepIds: ['s-in'] } });
    record({ type: 'alertRaised', alertId: 'a-none', kind: 'item-mismatch', evidence: { stepIds: ['no-such-step'], skus: ['not-a-product'] } });
    const alerts = trip(snapshot()).openAlerts;
    expect(alerts.map((a) => [a.alertId, a.direction])).toEqual([
      ['a-out', 'removed'],
      ['a-in', 'placed'],
      ['a-none', null],
    ]);
    expect(alerts[0]?.items).toEqual([{ sku: 'milk-whole-gallon', name: catalog.bySku('milk-whole-gallon')?.name, names: catalog.bySku('milk-whole-gallon')?.names ?? {} }]);
    // A SKU the catalog does not know is still named (by its SKU), never dropped.
    expect(alerts[2]?.items).toEqual([{ sku: 'not-a-product', name: 'not-a-product', names: {} }]);
  });

  it('carries the receipt by parts: taxes, deposits, savings by name, a staff price, the coupon scope', () => {
    cart = openCart(catalog);
    scan('beer-hazy-ipa-6');
    const juice = scan('juice-bravo-apple');
    scan('milk-whole-gallon');
    expect(cart.runtime.dispatch({ type: 'applyCoupon', code: 'WELCOME10' }).ok).toBe(true);
    record({ type: 'staffModeEntered', staffId: 'maria', mode: 'assist' });
    record({ type: 'overrideApplied', by: 'maria', lineId: juice, price: 100, reason: 'damaged' });
    const s = snapshot();
    const t = trip(s);
    const priced = cart.runtime.priced();
    if (!priced.ok) throw new Error(priced.error);
    expect(t.receipt?.taxMode).toBe('exclusive');
    expect(t.receipt?.regularSubtotal).toBe(priced.value.regularSubtotal);
    expect(t.receipt?.taxes.reduce((sum, x) => sum + x.tax, 0)).toBe(t.tax);
    expect(t.receipt?.deposits.reduce((sum, d) => sum + d.total, 0)).toBe(t.deposits);
    expect(t.receipt?.deposits[0]?.names['es']).toBe(catalog.bySku('beer-hazy-ipa-6')?.names?.['es']);
    for (const line of t.lines) expect(line.saving).toBe((line.savings ?? []).reduce((sum, x) => sum + x.amount, 0));
    expect(t.lines.find((l) => l.lineId === juice)?.override).toEqual({ price: 100, reason: 'damaged' });
    expect(t.coupons[0]?.scope).toBe(priced.value.coupons.applied[0]?.scope ?? null);
    expect(s.staff).toMatchObject({ staffId: 'maria', mode: 'assist' });
    expect(s.pairing).toEqual({ storeId: catalog.store.id, cartId: 'cart-7', code: null });
  });

  it('follows checkout: the lane, a failed charge the shopper must hear of, then the store\'s payment', () => {
    cart = openCart(catalog);
    scan('milk-whole-gallon');
    record({ type: 'checkoutStarted', laneId: 'lane-2' });
    expect(trip(snapshot()).checkout).toMatchObject({ laneId: 'lane-2' });
    expect(trip(snapshot()).paymentProblem).toBeNull();
    record({ type: 'paymentFailed', reason: 'card declined' });
    expect(trip(snapshot()).checkout).toBeNull();
    expect(trip(snapshot()).paymentProblem).toBe('card declined');
    // Checking out again puts the old failure behind the shopper.
    record({ type: 'checkoutStarted', laneId: 'lane-1' });
    expect(trip(snapshot()).paymentProblem).toBeNull();
    record({ type: 'paid', receiptId: 'R-1', total: 479 });
    const t = trip(snapshot());
    expect(t.payment).toMatchObject({ receiptId: 'R-1', total: 479 });
    expect(t.paymentProblem).toBeNull();
  });

  it('keeps only the last few scale steps, and takes hardware readings and at most three suggestions from the runtime', () => {
    cart = openCart(catalog);
    for (let i = 1; i <= 12; i++) record({ type: 'weighed', stepId: `s${i}`, deltaMg: i * 1000, uncertaintyMg: 100 });
    const bare = snapshot();
    expect(bare.weight?.steps.map((s) => s.stepId)).toEqual(['s5', 's6', 's7', 's8', 's9', 's10', 's11', 's12']);
    expect(bare.weight?.netMg).toBe(78_000);
    expect(bare.diagnostics).toBeNull();
    expect(bare.suggestions).toEqual([]);
    const suggestion = (sku: string) => ({ sku, name: sku, names: {}, plu: null, price: 1, per: null, confidence: 0.2, picture: null });
    const full = snapshot({
      diagnostics: { battery: { percent: 12, charging: true } },
      suggestions: ['a', 'b', 'c', 'd'].map(suggestion),
      pairingCode: 'K7QM-4TZP',
    });
    expect(full.diagnostics).toEqual({ battery: { percent: 12, charging: true } });
    expect(full.suggestions?.map((s) => s.sku)).toEqual(['a', 'b', 'c']);
    expect(full.pairing?.code).toBe('K7QM-4TZP');
  });

  it('reports open faults in their own words', () => {
    cart = openCart(catalog);
    record({ type: 'faultRaised', faultId: 'f1', code: 'camera-left', message: 'The left camera stopped sending frames.' });
    expect(snapshot().faults).toEqual([{ faultId: 'f1', code: 'camera-left', message: 'The left camera stopped sending frames.' }]);
  });
});
