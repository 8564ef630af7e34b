import { describe, expect, it } from 'vitest';
import { catalogOf, each, lines, price, promo, store } from './fixtures.js';

const tenPercent = store({ taxClasses: [{ id: 'general', name: 'General', rate: 100_000 }] });

describe('tax', () => {
  it('rounds once per class per receipt, not per line', () => {
    const c = catalogOf({ store: tenPercent, products: [each('a', 5), each('b', 5)] });
    // Per line: 0.5c + 0.5c would round to 1c + 1c. Once per class: 10c x 10% = 1c.
    const r = price(c, lines(['a', 1], ['b', 1]));
    expect(r.tax).toBe(1);
    expect(r.total).toBe(11);
  });

  it('rounds an exact half up', () => {
    const c = catalogOf({ store: tenPercent, products: [each('a', 5), each('b', 15)] });
    expect(price(c, lines(['a', 1])).tax).toBe(1); // 0.5
    expect(price(c, lines(['b', 1])).tax).toBe(2); // 1.5
    const odd = catalogOf({ store: store({ taxClasses: [{ id: 'general', name: 'NYC', rate: 88_750 }] }), products: [each('a', 1000)] });
    expect(price(odd, lines(['a', 1])).tax).toBe(89); // 88.75
  });

  it('taxes each class on its own discounted subtotal', () => {
    const c = catalogOf({
      products: [each('f', 1000, { taxClass: 'food' }), each('g', 1000)],
      promotions: [promo({ id: 'p', kind: 'percentOff', name: 'half', skus: ['g'], percent: 50 })],
    });
    const r = price(c, lines(['f', 1], ['g', 1]));
    expect(r.taxes.map((t) => [t.taxClass, t.taxable, t.tax])).toEqual([
      ['food', 1000, 0],
      ['general', 500, 44], // 500 x 8.875% = 44.375
    ]);
    expect(r.total).toBe(1544);
  });

  it('extracts tax from tax-inclusive prices: tax = gross x rate / (1 + rate)', () => {
    const c = catalogOf({ store: store({ taxMode: 'inclusive', currency: 'EUR', locale: 'de-DE', taxClasses: [{ id: 'general', name: 'MwSt', rate: 190_000 }] }), products: [each('a', 119), each('b', 100)] });
    const r = price(c, lines(['a', 1]));
    expect(r.tax).toBe(19);
    expect(r.total).toBe(119);
    // 100 x 0.19 / 1.19 = 15.966 -> 16
    expect(price(c, lines(['b', 1])).tax).toBe(16);
    expect(price(c, lines(['b', 1])).total).toBe(100);
  });

  it('keeps deposits as separate, undiscounted, untaxed lines by default', () => {
    const products = [each('soda', 500, { deposit: 10 })];
    const promotions = [promo({ id: 'p', kind: 'percentOff', name: 'half', skus: ['soda'], percent: 50 })];
    const r = price(catalogOf({ store: tenPercent, products, promotions }), lines(['soda', 6]));
    expect(r.deposits).toEqual([{ lineId: 'l0', sku: 'soda', name: 'Item soda', taxClass: 'general', quantity: 6, unitDeposit: 10, total: 60 }]);
    expect(r.subtotal).toBe(1500);
    expect(r.tax).toBe(150);
    expect(r.total).toBe(1500 + 150 + 60);
    const taxed = price(catalogOf({ store: tenPercent, products, promotions, policy: { depositsTaxed: true } }), lines(['soda', 6]));
    expect(taxed.tax).toBe(156);
    expect(taxed.total).toBe(1500 + 156 + 60);
  });
});
