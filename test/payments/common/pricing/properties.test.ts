// Properties of the pricing engine over random catalogs and baskets (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coupon, Product, Promotion, StoreSettings } from '../../../../domain/common/catalog/schema.js';
import type { BasketLineInput, ShopperContextInput } from '../../../../payments/common/pricing/basket.js';
import { preparePricing, type PricingCatalog } from '../../../../payments/common/pricing/catalog-view.js';
import { priceBasket, type PriceOptions } from '../../../../payments/common/pricing/engine.js';
import { buildProblem } from '../../../../payments/common/pricing/problem.js';
import type { Receipt } from '../../../../payments/common/pricing/receipt.js';
import { bruteForce } from './brute-force.js';
import { NOW, coupon, each, promo, store, weighed } from './fixtures.js';

interface World {
  data: { store: StoreSettings; products: Product[]; promotions: Promotion[]; coupons: Coupon[] };
  catalog: PricingCatalog;
  lines: BasketLineInput[];
  context: ShopperContextInput;
}

const HOUR = 3_600_000;
const EACH = ['a', 'b', 'c', 'd', 'e'];
const WEIGHED = ['w', 'x'];

const subset = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: pool.length });
// Mostly running now; some not yet started or already over.
const window = fc.constantFrom<[number | undefined, number | undefined]>([undefined, undefined], [undefined, undefined], [NOW - HOUR, NOW + HOUR], [NOW - HOUR, undefined], [NOW + HOUR, undefined], [undefined, NOW]);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const promotionArb = fc
  .tuple(
    fc.oneof(
      fc.record({ kind: fc.constant('multibuy' as const), skus: subset(EACH), quantity: fc.integer({ min: 2, max: 4 }), price: fc.integer({ min: 50, max: 1500 }) }),
      fc.record({ kind: fc.constant('buyXgetY' as const), skus: subset(EACH), buy: fc.integer({ min: 1, max: 3 }), get: fc.integer({ min: 1, max: 2 }), percentOff: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ kind: fc.constant('percentOff' as const), skus: subset([...EACH, ...WEIGHED]), percent: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ kind: fc.constant('amountOff' as const), skus: subset(EACH), amount: fc.integer({ min: 1, max: 400 }) }),
    ),
    fc.constantFrom(false, false, false, true),
    window,
  )
  .map(([p, membersOnly, [start, end]]) => ({ ...p, membersOnly, startsAt: iso(start), endsAt: iso(end) }));

const couponArb = fc.record({
  discount: fc.oneof(fc.record({ percent: fc.integer({ min: 1, max: 100 }) }), fc.record({ amount: fc.integer({ min: 1, max: 3000 }) })),
  skus: fc.option(subset([...EACH, ...WEIGHED]), { nil: undefined, freq: 2 }),
  threshold: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
  limitPerShopper: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  membersOnly: fc.constantFrom(false, false, false, true),
});

const storeArb = fc.record({
  taxMode: fc.constantFrom<'exclusive' | 'inclusive'>('exclusive', 'inclusive'),
  rates: fc.array(fc.integer({ min: 0, max: 250_000 }), { minLength: 1, maxLength: 3 }),
});

const worldArb: fc.Arbitrary<World> = fc
  .record({
    store: storeArb,
    prices: fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: EACH.length, maxLength: EACH.length }),
    memberCuts: fc.array(fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }), { minLength: EACH.length, maxLength: EACH.length }),
    deposits: fc.array(fc.constantFrom(0, 0, 10, 25), { minLength: EACH.length, maxLength: EACH.length }),
    classes: fc.array(fc.nat(2), { minLength: EACH.length + WEIGHED.length, maxLength: EACH.length + WEIGHED.length }),
    promotions: fc.array(promotionArb, { maxLength: 6 }),
    coupons: fc.array(couponArb, { minLength: 1, maxLength: 3 }),
  })
  .chain((w) => {
    const taxClasses = w.store.rates.map((rate, i) => ({ id: `t${i}`, name: `Class ${i}`, rate }));
    const classOf = (i: number) => `t${(w.classes[i] as number) % taxClasses.length}`;
    const products: Product[] = [
      ...EACH.map((sku, i) => {
        const price = w.prices[i] as number;
        const cut = w.memberCuts[i];
        return each(sku, price, { taxClass: classOf(i), ...(cut === undefined ? {} : { memberPrice: Math.max(0, price - cut) }), ...(w.deposits[i] ? { deposit: w.deposits[i] } : {}) });
      }),
      weighed('w', 499, 'kg', { taxClass: classOf(EACH.length) }),
      weighed('x', 1299, 'lb', { taxClass: classOf(EACH.length + 1), memberPrice: 999 }),
    ];
    const promotions = w.promotions.map((p, i) => promo({ id: `p${i}`, name: `Promotion ${i}`, ...p } as Parameters<typeof promo>[0]));
    const coupons = w.coupons.map((c, i) => coupon({ code: `C${i}-OFF`, ...c }));
    const data = { store: store({ taxMode: w.store.taxMode, taxClasses }), products, promotions, coupons };
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.record({ sku: fc.constantFrom(...EACH), quantity: fc.integer({ min: 1, max: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ sku: fc.constantFrom(...WEIGHED), netMg: fc.integer({ min: 1, max: 3_000_000 }) }) },
      { weight: 1, arbitrary: fc.record({ sku: fc.constantFrom(...WEIGHED), labelPrice: fc.integer({ min: 0, max: 3000 }) }) },
    );
    return fc.record({
      lines: fc.array(line, { maxLength: 10 }),
      member: fc.boolean(),
      coupons: fc.subarray(coupons.map((c) => c.code), { minLength: coupons.length > 0 ? 1 : 0 }),
      uses: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: coupons.length, maxLength: coupons.length }),
    }).map(
      (b): World => ({
        data,
        catalog: preparePricing(data),
        lines: b.lines.map((l, i) => ({ lineId: `l${i}`, ...l }) as BasketLineInput),
        context: { member: b.member, now: NOW, coupons: b.coupons, couponUses: Object.fromEntries(coupons.map((c, i) => [c.code, b.uses[i] as number])) },
      }),
    );
  });

function priced(w: World, lines: BasketLineInput[] = w.lines, context: ShopperContextInput = w.context, options: PriceOptions = {}): Receipt {
  const result = priceBasket(w.catalog, lines, context, options);
  if (!result.ok) throw new Error(result.error.map((e) => e.message).join('; '));
  return result.value;
}

/** Everything about a receipt that does not depend on how the basket is cut into lines. */
function totals(r: Receipt) {
  return { regularSubtotal: r.regularSubtotal, subtotal: r.subtotal, taxes: r.taxes, tax: r.tax, depositTotal: r.depositTotal, total: r.total, savings: r.savings, promotions: r.promotions, coupons: r.coupons };
}

/** Goods after member prices and promotions: what the optimiser minimises. */
const afterPromotions = (r: Receipt) => r.regularSubtotal - r.savings.member - r.savings.promotions;

describe('pricing properties', () => {
  it('never charges a negative amount, and every amount is a whole number of minor units', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const r = priced(w);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.subtotal).toBeGreaterThanOrEqual(0);
        for (const l of r.lines) expect(l.total).toBeGreaterThanOrEqual(0);
        for (const t of r.taxes) expect(t.taxable).toBeGreaterThanOrEqual(0);
        for (const v of [r.total, r.subtotal, r.tax, r.depositTotal, ...r.lines.map((l) => l.total)]) expect(Number.isSafeInteger(v)).toBe(true);
        expect(r.lines.reduce((s, l) => s + l.total, 0) - r.coupons.applied.filter((c) => c.scope === 'basket').reduce((s, c) => s + c.amount, 0)).toBe(r.subtotal);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the optimum that a brute-force search over explicit groups finds', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        // Few enough units for the brute force: the longest prefix of the basket with at most 10.
        const few: BasketLineInput[] = [];
        let units = 0;
        for (const l of w.lines) {
          const n = 'quantity' in l ? l.quantity : 0;
          if (units + n > 10) break;
          units += n;
          few.push(l);
        }
        const r = priced(w, few, { ...w.context, coupons: [] });
        const counts = new Map<string, number>();
        for (const l of few) if ('quantity' in l) counts.set(l.sku, (counts.get(l.sku) ?? 0) + l.quantity);
        const eachUnits = [...counts].map(([sku, count]) => {
          const p = w.data.products.find((x) => x.sku === sku)!;
          const price = w.context.member && p.memberPrice !== undefined && p.memberPrice < p.price ? p.memberPrice : p.price;
          return { sku, count, price };
        });
        const problem = buildProblem(w.catalog, eachUnits, { member: w.context.member, coupons: [], now: NOW, couponUses: {} });
        const expected = problem.components.reduce((s, c) => s + bruteForce(c), 0) + problem.loose.reduce((s, b) => s + b.count * b.base, 0);
        expect(r.lines.filter((l) => l.measure.kind === 'each').reduce((s, l) => s + l.total, 0)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('does not care about the order of scans, or how units of one item are split across lines', () => {
    fc.assert(
      fc.property(worldArb, fc.array(fc.nat()), (w, shuffle) => {
        // Every each-line split into single units (new ids), then shuffled...
        const split = w.lines.flatMap((l): BasketLineInput[] =>
          'quantity' in l ? Array.from({ length: l.quantity }, (_, u) => ({ lineId: `${l.lineId}.${u}`, sku: l.sku, quantity: 1 })) : [l],
        );
        const keyed = split.map((l, i) => ({ l, k: shuffle[i % Math.max(1, shuffle.length)] ?? 0, i }));
        const shuffled = keyed.sort((a, b) => a.k - b.k || b.i - a.i).map((x) => x.l);
        // ...and every SKU's each-lines merged into one line, last.
        const merged = new Map<string, number>();
        for (const l of w.lines) if ('quantity' in l) merged.set(l.sku, (merged.get(l.sku) ?? 0) + l.quantity);
        const together = [...w.lines.filter((l) => !('quantity' in l)), ...[...merged].map(([sku, quantity]): BasketLineInput => ({ lineId: `m-${sku}`, sku, quantity }))];
        expect(totals(priced(w, together))).toEqual(totals(priced(w)));
        expect(totals(priced(w, shuffled))).toEqual(totals(priced(w)));
      }),
      { numRuns: 300 },
    );
  });

  it('is never worse than greedy, in any order of the promotions', () => {
    fc.assert(
      fc.property(worldArb, fc.array(fc.nat()), (w, keys) => {
        const ids = w.data.promotions.map((p) => p.id);
        const order = ids.map((id, i) => ({ id, k: keys[i] ?? i })).sort((a, b) => a.k - b.k).map((x) => x.id);
        const best = priced(w);
        const greedy = priced(w, w.lines, w.context, { strategy: { kind: 'greedy', order } });
        // The optimiser minimises goods after promotions...
        expect(afterPromotions(best)).toBeLessThanOrEqual(afterPromotions(greedy));
        // ...which is the total too, when no coupon threshold can flip and tax cannot move between
        // classes at different rates: no coupons, and tax-inclusive or a single tax class.
        const noCoupons = { ...w.context, coupons: [] };
        if (w.data.store.taxMode === 'inclusive' || w.data.store.taxClasses.length === 1) {
          expect(priced(w, w.lines, noCoupons).total).toBeLessThanOrEqual(priced(w, w.lines, noCoupons, { strategy: { kind: 'greedy', order } }).total);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never charges more for fewer items, unless a group promotion or a coupon explains it', () => {
    // Precisely: removing one unit of an each-item (or one weighed or labelled line) never
    // raises the total, except when
    //  (a) the receipt before applied a multibuy or buy-X-get-Y naming that item's SKU (the
    //      removal can break a group), or
    //  (b) the coupons applied differ (a threshold is no longer met, or a coupon now finds
    //      something to discount), or
    //  (c) by at most one minor unit per tax class when a coupon applied: a percent coupon's
    //      rounding and its largest-remainder split across classes can move a minor unit of
    //      taxable goods from a class at a lower rate to one at a higher rate (the goods total
    //      itself never rises), and each class's tax is rounded on its own.
    fc.assert(
      fc.property(worldArb, fc.nat(), (w, pick) => {
        fc.pre(w.lines.length > 0);
        const index = pick % w.lines.length;
        const removed = w.lines[index] as BasketLineInput;
        const fewer = w.lines.flatMap((l, i) => (i !== index ? [l] : 'quantity' in l && l.quantity > 1 ? [{ ...l, quantity: l.quantity - 1 }] : []));
        const before = priced(w);
        const after = priced(w, fewer);
        if (after.total <= before.total) return;
        const groups = new Set(w.data.promotions.filter((p) => p.kind === 'multibuy' || p.kind === 'buyXgetY').map((p) => p.id));
        const brokeGroup = before.promotions.some((p) => groups.has(p.id) && w.data.promotions.find((q) => q.id === p.id)!.skus.includes(removed.sku));
        const codes = (r: Receipt) => r.coupons.applied.map((c) => c.code).join();
        const couponsChanged = codes(before) !== codes(after);
        const couponRounding = before.coupons.applied.length > 0 && after.total - before.total <= before.taxes.length;
        expect(brokeGroup || couponsChanged || couponRounding).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the cart (pricing on every scan) and the store (a fresh re-price at checkout) identical receipts', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        let cart: Receipt | undefined;
        for (let n = 0; n <= w.lines.length; n++) cart = priced(w, w.lines.slice(0, n));
        const storeSide: World = { ...w, catalog: preparePricing(JSON.parse(JSON.stringify(w.data)) as World['data']) };
        const fresh = priced(storeSide, JSON.parse(JSON.stringify(w.lines)) as BasketLineInput[], JSON.parse(JSON.stringify(w.context)) as ShopperContextInput);
        expect(fresh).toStrictEqual(cart);
      }),
      { numRuns: 200 },
    );
  });
});
