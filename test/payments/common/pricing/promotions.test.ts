import { describe, expect, it } from 'vitest';
import { NOW, catalogOf, each, lines, price, promo, weighed } from './fixtures.js';

const DAY = 86_400_000;

describe('promotions, one kind at a time', () => {
  it('multibuy: N for a price, the rest at the shelf price', () => {
    const c = catalogOf({ products: [each('a', 200)], promotions: [promo({ id: 'm', kind: 'multibuy', name: '3 for $5', skus: ['a'], quantity: 3, price: 500 })] });
    const r = price(c, lines(['a', 4]));
    expect(r.subtotal).toBe(500 + 200);
    expect(r.promotions).toEqual([{ id: 'm', name: '3 for $5', kind: 'multibuy', times: 1, saving: 100 }]);
    expect(r.lines[0]!.savings).toEqual([{ kind: 'promotion', id: 'm', name: '3 for $5', amount: 100 }]);
  });

  it('mix and match: the group price is split across SKUs in proportion to their prices', () => {
    const c = catalogOf({
      products: [each('a', 300), each('b', 200), each('c', 100)],
      promotions: [promo({ id: 'm', kind: 'multibuy', name: 'any 3 for $4.50', skus: ['a', 'b', 'c'], quantity: 3, price: 450 })],
    });
    const r = price(c, lines(['c', 1], ['a', 1], ['b', 1]));
    expect(r.subtotal).toBe(450);
    // 450 x 300/600, 450 x 200/600, 450 x 100/600 = 225, 150, 75.
    expect(r.lines.map((l) => [l.sku, l.total])).toEqual([['c', 75], ['a', 225], ['b', 150]]);
  });

  it('buy X get Y: the cheapest units of each group are the discounted ones', () => {
    const c = catalogOf({
      products: [each('a', 600), each('b', 500), each('c', 400), each('d', 300), each('e', 200), each('f', 100)],
      promotions: [promo({ id: 'b2g1', kind: 'buyXgetY', name: 'buy 2 get 1 free', skus: ['a', 'b', 'c', 'd', 'e', 'f'], buy: 2, get: 1, percentOff: 100 })],
    });
    const r = price(c, lines(['f', 1], ['e', 1], ['d', 1], ['c', 1], ['b', 1], ['a', 1]));
    // Best grouping: {600, 500, 400 free} and {300, 200, 100 free}: 500 off. (Pairing the
    // cheapest with the dearest would give only 100 + 200 = 300 off.)
    expect(r.savings.promotions).toBe(500);
    expect(r.lines.find((l) => l.sku === 'c')!.total).toBe(0);
    expect(r.lines.find((l) => l.sku === 'f')!.total).toBe(0);
    expect(r.promotions[0]).toMatchObject({ id: 'b2g1', times: 2, saving: 500 });
  });

  it('buy X get Y groups by price, not by SKU or scan order', () => {
    // SKU order (a < m < z) is the opposite of price order here.
    const c = catalogOf({
      products: [each('a', 100), each('m', 500), each('z', 900)],
      promotions: [promo({ id: 'b1g1', kind: 'buyXgetY', name: 'buy 1 get 1 free', skus: ['a', 'm', 'z'], buy: 1, get: 1, percentOff: 100 })],
    });
    // Units 900, 500, 500, 100: groups {900, 500 free} and {500, 100 free} save 600.
    const r = price(c, lines(['a', 1], ['z', 1], ['m', 2]));
    expect(r.savings.promotions).toBe(600);
    expect(r.subtotal).toBe(1400);
  });

  it('buy X get Y at a percent off, rounded half up per unit', () => {
    const c = catalogOf({ products: [each('a', 333)], promotions: [promo({ id: 'bogo', kind: 'buyXgetY', name: 'second half price', skus: ['a'], buy: 1, get: 1, percentOff: 50 })] });
    // 50% of 3.33 is 1.665, rounded half up to 1.67.
    expect(price(c, lines(['a', 2])).subtotal).toBe(333 + 166);
    expect(price(c, lines(['a', 3])).subtotal).toBe(333 + 166 + 333);
  });

  it('percent off every unit, rounded half up per unit', () => {
    const c = catalogOf({ products: [each('a', 250)], promotions: [promo({ id: 'p', kind: 'percentOff', name: '15% off', skus: ['a'], percent: 15 })] });
    // 15% of 2.50 is 0.375 -> 0.38 per unit.
    expect(price(c, lines(['a', 3])).subtotal).toBe(3 * (250 - 38));
  });

  it('amount off every unit, never below zero', () => {
    const c = catalogOf({
      products: [each('a', 250), each('b', 30)],
      promotions: [promo({ id: 'amt', kind: 'amountOff', name: '50c off', skus: ['a', 'b'], amount: 50 })],
    });
    const r = price(c, lines(['a', 2], ['b', 1]));
    expect(r.lines.map((l) => l.total)).toEqual([400, 0]);
    expect(r.total).toBeGreaterThanOrEqual(0);
  });

  it('members-only promotions and member prices go to members only', () => {
    const c = catalogOf({
      products: [each('a', 300, { memberPrice: 250 }), each('b', 400, { memberPrice: 450 })],
      promotions: [promo({ id: 'mem', kind: 'percentOff', name: 'members 10%', skus: ['a'], percent: 10, membersOnly: true })],
    });
    expect(price(c, lines(['a', 1], ['b', 1])).subtotal).toBe(700);
    const member = price(c, lines(['a', 1], ['b', 1]), { member: true });
    // 250 member price, 10% of that (25) off; b's "member price" is dearer, so it is ignored.
    expect(member.lines.map((l) => l.total)).toEqual([225, 400]);
    expect(member.lines[0]!.memberUnitPrice).toBe(250);
    expect(member.lines[1]!.memberUnitPrice).toBeUndefined();
    expect(member.savings).toMatchObject({ member: 50, promotions: 25 });
  });

  it('dates: a promotion runs from its start (inclusive) to its end (exclusive)', () => {
    const startsAt = new Date(NOW).toISOString();
    const endsAt = new Date(NOW + DAY).toISOString();
    const c = catalogOf({ products: [each('a', 100)], promotions: [promo({ id: 'p', kind: 'percentOff', name: 'half', skus: ['a'], percent: 50, startsAt, endsAt })] });
    expect(price(c, lines(['a', 1]), { now: NOW - 1 }).subtotal).toBe(100);
    expect(price(c, lines(['a', 1]), { now: NOW }).subtotal).toBe(50);
    expect(price(c, lines(['a', 1]), { now: new Date(NOW + DAY - 1).toISOString() }).subtotal).toBe(50);
    expect(price(c, lines(['a', 1]), { now: NOW + DAY }).subtotal).toBe(100);
  });

  it('reads a plain catalog date as midnight UTC', () => {
    const c = catalogOf({ products: [each('a', 100)], promotions: [promo({ id: 'p', kind: 'percentOff', name: 'half', skus: ['a'], percent: 50, endsAt: '2026-11-16' })] });
    expect(price(c, lines(['a', 1]), { now: '2026-11-15T23:59:59Z' }).subtotal).toBe(50);
    expect(price(c, lines(['a', 1]), { now: '2026-11-16T00:00:00Z' }).subtotal).toBe(100);
  });

  it('weighed and labelled lines take percent off, but no unit-counting offer', () => {
    const c = catalogOf({
      products: [weighed('w', 499, 'kg'), weighed('deli', 1299, 'lb', { memberPrice: 999 })],
      promotions: [
        promo({ id: 'p', kind: 'percentOff', name: '10% off', skus: ['w', 'deli'], percent: 10 }),
        promo({ id: 'm', kind: 'multibuy', name: '2 for $1', skus: ['w'], quantity: 2, price: 100 }),
      ],
    });
    const r = price(
      c,
      [
        { lineId: 'w1', sku: 'w', netMg: 1_500_000 },
        { lineId: 'w2', sku: 'w', netMg: 1_000_000 },
        { lineId: 'd1', sku: 'deli', labelPrice: 1234 },
      ],
      { member: true },
    );
    // 1.5 kg x 4.99 = 7.485 -> 7.49, 10% = 0.749 -> 0.75; the label's price stands (no member repricing), 10% = 1.234 -> 1.23.
    expect(r.lines.map((l) => l.total)).toEqual([749 - 75, 499 - 50, 1234 - 123]);
    expect(r.lines[2]!.measure).toEqual({ kind: 'label' });
    expect(r.promotions).toEqual([{ id: 'p', name: '10% off', kind: 'percentOff', times: 3, saving: 75 + 50 + 123 }]);
  });
});

describe('overlapping promotions', () => {
  const products = [each('a', 400), each('b', 300)];
  const promotions = [
    promo({ id: 'pair', kind: 'multibuy', name: 'any 2 for $5', skus: ['a', 'b'], quantity: 2, price: 500 }),
    promo({ id: 'three', kind: 'buyXgetY', name: '3 for 2', skus: ['a', 'b'], buy: 2, get: 1, percentOff: 100 }),
    promo({ id: 'b10', kind: 'percentOff', name: '10% off b', skus: ['b'], percent: 10 }),
  ];
  const c = catalogOf({ products, promotions });

  it('gives each unit to at most one promotion and picks the cheapest combination', () => {
    const r = price(c, lines(['a', 1], ['b', 2]));
    // Options: a+b for 5 and b at 2.70 (7.70); 3 for 2: 4 + 3 + 0 (7.00); all at base: 4 + 2.70 + 2.70 (9.40).
    expect(r.subtotal).toBe(700);
    expect(r.promotions.map((p) => p.id)).toEqual(['three']);
    expect(r.optimal).toBe(true);
  });

  it('beats the greedy first-match a simple till would do', () => {
    const greedy = price(c, lines(['a', 1], ['b', 2]), {}, { strategy: { kind: 'greedy' } });
    expect(greedy.subtotal).toBe(770);
    expect(greedy.optimal).toBe(false);
  });

  it('lets a stand-alone offer compete with the group offers unit by unit', () => {
    const r = price(c, lines(['b', 3]));
    // 3 for 2 gives 3.00 + 3.00 + 0 = 6.00; 10% off each gives 8.10; 2 for $5 + 2.70 = 7.70.
    expect(r.subtotal).toBe(600);
    const r4 = price(c, lines(['b', 4]));
    // 4 units: 3 for 2 (6.00) + 2.70 = 8.70; two pairs = 10.00.
    expect(r4.subtotal).toBe(870);
  });

  it('falls back to greedy past the search budget and says the result is not proven optimal', () => {
    const r = price(c, lines(['a', 1], ['b', 2]), {}, { strategy: { kind: 'optimal', budget: { maxSteps: 1, maxValues: 1 } } });
    expect(r.optimal).toBe(false);
    expect(r.subtotal).toBe(770);
  });

  it('shows the savings on the lines whose units earned them', () => {
    const r = price(c, lines(['b', 2], ['a', 1]));
    expect(r.lines[0]!.savings).toEqual([{ kind: 'promotion', id: 'three', name: '3 for 2', amount: 300 }]);
    expect(r.lines[1]!.savings).toEqual([]);
    expect(r.savings.total).toBe(300);
  });
});
