import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CartSnapshot } from '../../../../cart-app/common/ui-protocol/snapshot.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { demoCarts, demoCatalogFile, gtinOf, type CartFixture } from '../../cart-fixture.js';

const demo = demoCarts();
const cart = (member = true): CartFixture => demo.open(member);
const LB = 45_359_237 / 100;

describe('the cart runtime', () => {
  it('turns scans, weighing and coupons into a priced snapshot with names, aisles and age checks', () => {
    const { runtime } = cart();
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') })).toEqual({ ok: true, value: { added: { name: 'Bravo Apple Juice 1 L', minimumAge: null } } });
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'weigh', code: '4011', grossMg: Math.round(2 * LB) }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'wine-rose') })).toMatchObject({ ok: true, value: { added: { minimumAge: 21 } } });
    const snap = runtime.snapshot();
    const trip = snap.trip;
    if (!trip) throw new Error('no trip');
    expect(trip.lines.map((l) => [l.sku, l.measure])).toEqual([
      ['juice-bravo-apple', { kind: 'each', quantity: 2 }],
      ['banana', { kind: 'weight', netMg: Math.round(2 * LB), per: 'lb' }],
      ['wine-rose', { kind: 'each', quantity: 1 }],
    ]);
    expect(trip.lines[1]?.names).toEqual({ es: 'Plátanos' });
    expect(trip.lines[2]).toMatchObject({ minimumAge: 21, aisle: '12' });
    expect(trip.ageCheckNeeded).toBe(21);
    // The totals are the pricing engine's, not re-added here.
    const receipt = runtime.priced();
    if (!receipt.ok) throw new Error(receipt.error);
    expect(trip.total).toBe(receipt.value.total);
    expect(trip.savings).toBe(receipt.value.savings.total);
    expect(trip.lines.reduce((s, l) => s + l.total, 0)).toBe(receipt.value.lines.reduce((s, l) => s + l.total, 0));
    expect(snap.lastScan).toEqual({ lineId: trip.lines[2]?.lineId, seq: snap.seq });
  });

  it('logs the symbology a camera decoded, and "keyed" for the keypad', () => {
    const { runtime } = cart();
    runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple'), symbology: 'EAN_13' });
    runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'wine-rose') });
    expect(runtime.trip?.basket.map((l) => l.symbology)).toEqual(['ean-13', 'keyed']);
  });

  it('changes quantities, removes lines, applies and removes coupons, sets and clears a budget', () => {
    const { runtime } = cart();
    runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'milk-whole-gallon') });
    const lineId = runtime.snapshot().trip?.lines[0]?.lineId ?? '';
    expect(runtime.dispatch({ type: 'changeQuantity', lineId, quantity: 3 }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'applyCoupon', code: ' milk-2off ' }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'applyCoupon', code: 'MILK-2OFF' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(runtime.dispatch({ type: 'setBudget', limit: 1000 }).ok).toBe(true);
    let trip = runtime.snapshot().trip;
    expect(trip?.coupons).toEqual([expect.objectContaining({ code: 'MILK-2OFF', name: expect.any(String), amount: 200, problem: null })]);
    expect(trip?.budget).toEqual({ limit: 1000, left: 1000 - (trip?.total ?? 0) });
    expect(trip?.budget?.left).toBeLessThan(0);
    expect(runtime.dispatch({ type: 'removeCoupon', code: 'milk-2off' }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'setBudget', limit: null }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'removeLine', lineId }).ok).toBe(true);
    trip = runtime.snapshot().trip;
    expect(trip).toMatchObject({ lines: [], coupons: [], budget: null, total: 0 });
  });

  it('refuses what it cannot use, in plain words, and records nothing for it', () => {
    const { runtime } = cart();
    runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') });
    const seq = runtime.state.lastSeq;
    const lineId = runtime.snapshot().trip?.lines[0]?.lineId ?? '';
    const refusals: [unknown, string][] = [
      [null, 'invalid-intent'],
      ['scan', 'invalid-intent'],
      [{ type: 'scan' }, 'invalid-intent'],
      [{ type: 'scan', code: '   ' }, 'invalid-intent'],
      [{ type: 'scan', code: 'x'.repeat(513) }, 'invalid-intent'],
      [{ type: 'scan', code: '123', extra: true }, 'invalid-intent'],
      [{ type: 'teleport' }, 'invalid-intent'],
      [{ type: 'scan', code: gtinOf(demo.catalog, 'wine-rose'), symbology: 'ean-13' }, 'invalid-intent'],
      [{ type: 'changeQuantity', lineId, quantity: 0 }, 'invalid-intent'],
      [{ type: 'changeQuantity', lineId, quantity: 2.5 }, 'invalid-intent'],
      [{ type: 'setBudget', limit: 12.5 }, 'invalid-intent'],
      [{ type: 'setBudget', limit: -1 }, 'invalid-intent'],
      [{ type: 'weigh', code: '4011', grossMg: Number.NaN }, 'invalid-intent'],
      [{ type: 'scan', code: '7350099101015' }, 'unreadable'],
      [{ type: 'scan', code: '4011' }, 'needs-weight'],
      [{ type: 'weigh', code: gtinOf(demo.catalog, 'juice-bravo-apple'), grossMg: 1000 }, 'not-sold-by-weight'],
      [{ type: 'scan', code: '4999' }, 'unknown-product'],
      [{ type: 'changeQuantity', lineId: 'nope', quantity: 2 }, 'unknown-line'],
      [{ type: 'removeLine', lineId: 'nope' }, 'unknown-line'],
      [{ type: 'applyCoupon', code: 'FREEBEER' }, 'unknown-coupon'],
      [{ type: 'removeCoupon', code: 'WELCOME10' }, 'unknown-coupon'],
    ];
    for (const [intent, code] of refusals) {
      const result = runtime.dispatch(intent);
      expect(result.ok ? 'accepted' : result.error.code, JSON.stringify(intent)?.slice(0, 80)).toBe(code);
      if (!result.ok) expect(result.error.message).toMatch(/^[A-Z"“]/);
    }
    expect(runtime.state.lastSeq).toBe(seq);
  });

  it('a weighed item in a container is charged for its net weight only, and an empty container is refused', async () => {
    // The demo store's produce has no container weight, so give its bananas a 20 g tray.
    const data = JSON.parse(await readFile(demoCatalogFile, 'utf8')) as { products: { sku: string }[] };
    data.products = data.products.map((p) => (p.sku === 'banana' ? { ...p, tareGrams: 20 } : p));
    const trayed = importCatalog(data);
    if (!trayed.ok) return expect.fail(trayed.error.map((i) => i.message).join('; '));
    const fixture = demo.open(true, trayed.value);
    expect(fixture.runtime.dispatch({ type: 'weigh', code: '4011', grossMg: 20_000 })).toMatchObject({ ok: false, error: { code: 'only-tare' } });
    expect(fixture.runtime.dispatch({ type: 'weigh', code: '4011', grossMg: 520_000 }).ok).toBe(true);
    expect(fixture.runtime.snapshot().trip?.lines[0]?.measure).toMatchObject({ kind: 'weight', netMg: 500_000 });
  });

  it('shows open alerts the cart raised, and drops them once resolved', () => {
    const { runtime } = cart();
    expect(runtime.record({ type: 'weighed', stepId: 'step-1', deltaMg: 400_000, uncertaintyMg: 2_000 }).ok).toBe(true);
    expect(runtime.record({ type: 'alertRaised', alertId: 'alert-1', kind: 'unscanned-item', evidence: { stepIds: ['step-1'], note: '400 g went in' } }).ok).toBe(true);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ alertId: 'alert-1', kind: 'unscanned-item', note: '400 g went in' })]);
    expect(runtime.record({ type: 'alertResolved', alertId: 'alert-1', how: 'removed', by: 'shopper' }).ok).toBe(true);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(runtime.record({ type: 'alertResolved', alertId: 'alert-1', how: 'removed', by: 'shopper' })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('keeps recording when a screen watching it throws, and drops that screen', () => {
    const { runtime, warnings } = cart();
    const seen: CartSnapshot[] = [];
    runtime.subscribe(() => {
      throw new Error('the screen froze');
    });
    runtime.subscribe((s) => seen.push(s));
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'milk-whole-gallon') }).ok).toBe(true);
    expect(runtime.trip?.basket).toHaveLength(2);
    expect(seen.map((s) => s.trip?.lines.length)).toEqual([1, 2]);
    expect(warnings).toEqual(['a screen watching the cart failed and was dropped: the screen froze']);
  });

  it('comes back after a restart with the same basket and does not start a second trip', () => {
    const fixture = cart();
    fixture.runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') });
    fixture.runtime.dispatch({ type: 'setBudget', limit: 2000 });
    const before = fixture.runtime.snapshot().trip;
    fixture.runtime.close();
    const again = fixture.reopen();
    demo.keep({ ...fixture, runtime: again });
    expect(again.snapshot().trip).toEqual(before);
  });

  it('finds products by English or Spanish name with their aisle, and ignores an empty query', () => {
    const { runtime } = cart();
    expect(runtime.search('   ')).toEqual([]);
    const hits = runtime.search('plátano');
    expect(hits[0]).toMatchObject({ sku: 'banana', plu: '4011', soldBy: 'weight', per: 'lb', aisle: 'Produce' });
    expect(runtime.search('pinot')[0]).toMatchObject({ sku: 'wine-pinot-noir', aisle: '12', minimumAge: 21 });
  });
});

/** The demo catalog with one product's shelf price changed, as a new version from the store. */
async function repriced(sku: string, price: number): Promise<Catalog> {
  const data = JSON.parse(await readFile(demoCatalogFile, 'utf8')) as { products: { sku: string; price?: number }[] };
  data.products = data.products.map((p) => (p.sku === sku ? { ...p, price } : p));
  const imported = importCatalog(data);
  if (!imported.ok) throw new Error(imported.error.map((i) => i.message).join('; '));
  return imported.value;
}

describe('the cart runtime and its store', () => {
  it('re-prices the basket from a new catalog at once, and tells every screen', async () => {
    const { runtime } = cart(false);
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') }).ok).toBe(true);
    const before = runtime.snapshot().trip?.lines[0]?.unitPrice ?? 0;
    const seen: CartSnapshot[] = [];
    runtime.subscribe((s) => seen.push(s));
    const next = await repriced('juice-bravo-apple', before + 50);
    runtime.replaceCatalog(next);
    expect(runtime.catalog).toBe(next);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.trip?.lines[0]).toMatchObject({ sku: 'juice-bravo-apple', unitPrice: before + 50 });
    expect(runtime.priced()).toMatchObject({ ok: true, value: { lines: [expect.objectContaining({ unitPrice: before + 50 })] } });
  });

  it('takes no new trip while the store holds the cart, shows the hold, and lets the trip under way go on', () => {
    const { runtime } = cart();
    runtime.holdFromStore('wheel broken');
    expect(runtime.storeHold).toBe('wheel broken');
    expect(runtime.snapshot()).toMatchObject({ status: 'locked', locks: [{ reason: 'staff-hold', detail: 'locked from the store: wheel broken' }] });
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') }).ok).toBe(true);
    const trip = runtime.trip?.tripId;
    expect(runtime.startTrip()).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('wheel broken') } });
    expect(runtime.trip?.tripId).toBe(trip);
    runtime.holdFromStore(null);
    expect(runtime.snapshot().locks).toEqual([]);
    expect(runtime.startTrip().ok).toBe(true);
    expect(runtime.trip?.tripId).not.toBe(trip);
  });
});
