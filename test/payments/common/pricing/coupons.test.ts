import { describe, expect, it } from 'vitest';
import { NOW, catalogOf, coupon, each, lines, price, promo, store } from './fixtures.js';

const later = new Date(NOW + 1000).toISOString();
const earlier = new Date(NOW - 1000).toISOString();

const c = catalogOf({
  store: store({ taxClasses: [{ id: 'food', name: 'Food', rate: 0 }, { id: 'general', name: 'General', rate: 100_000 }] }),
  products: [each('a', 1000, { taxClass: 'food' }), each('b', 1000, { taxClass: 'general' }), each('c', 500, { taxClass: 'general' })],
  promotions: [promo({ id: 'm', kind: 'multibuy', name: '2 for $15', skus: ['a'], quantity: 2, price: 1500 })],
  coupons: [
    coupon({ code: 'FIVE', discount: { amount: 500 }, threshold: 2000 }),
    coupon({ code: 'TENPC', discount: { percent: 10 } }),
    coupon({ code: 'BONLY', discount: { percent: 50 }, skus: ['b'] }),
    coupon({ code: 'ONCE', discount: { amount: 100 }, limitPerShopper: 1 }),
    coupon({ code: 'OLD', discount: { amount: 100 }, expiresAt: earlier }),
    coupon({ code: 'SOON', discount: { amount: 100 }, expiresAt: later }),
    coupon({ code: 'MEMBER', discount: { amount: 100 }, membersOnly: true }),
    coupon({ code: 'BIG', discount: { amount: 100_000 } }),
    coupon({ code: 'CONLY', discount: { amount: 200 }, skus: ['c'] }),
    coupon({ code: 'LAST', discount: { percent: 10 } }),
  ],
});

describe('coupons', () => {
  it('takes an amount off the basket and says which codes did not apply and why', () => {
    const r = price(c, lines(['b', 2]), { coupons: ['five', 'nope', 'FIVE'] });
    expect(r.coupons.applied).toEqual([{ code: 'FIVE', name: 'Coupon FIVE', scope: 'basket', amount: 500 }]);
    expect(r.coupons.rejected.map((x) => [x.code, x.reason])).toEqual([
      ['nope', 'unknown'],
      ['FIVE', 'duplicate'],
    ]);
    expect(r.subtotal).toBe(1500);
  });

  it('measures the threshold after promotions', () => {
    // Two a's are $20 on the shelf but $15 after the multibuy: below FIVE's $20 threshold.
    const r = price(c, lines(['a', 2]), { coupons: ['FIVE'] });
    expect(r.coupons.applied).toEqual([]);
    expect(r.coupons.rejected[0]).toMatchObject({ code: 'FIVE', reason: 'belowThreshold' });
    expect(r.coupons.rejected[0]!.message).toContain('$20.00');
    expect(r.coupons.rejected[0]!.message).toContain('$15.00');
  });

  it('applies item coupons to their SKUs first, then basket coupons, in catalog order whatever order they were typed', () => {
    const one = price(c, lines(['a', 1], ['b', 1]), { coupons: ['TENPC', 'BONLY'] });
    const two = price(c, lines(['a', 1], ['b', 1]), { coupons: ['BONLY', 'TENPC'] });
    expect(one).toEqual(two);
    // BONLY: 50% of b = 500; then TENPC: 10% of what is left (1000 + 500) = 150.
    expect(one.coupons.applied.map((x) => [x.code, x.amount])).toEqual([
      ['BONLY', 500],
      ['TENPC', 150],
    ]);
    expect(one.lines[1]!.savings).toEqual([{ kind: 'coupon', id: 'BONLY', name: 'Coupon BONLY', amount: 500 }]);
    expect(one.subtotal).toBe(1350);
  });

  it('respects the per-shopper limit, expiry (exclusive) and members-only', () => {
    const r = price(c, lines(['b', 1]), { coupons: ['ONCE', 'OLD', 'SOON', 'MEMBER'], couponUses: { once: 1 } });
    expect(r.coupons.applied.map((x) => x.code)).toEqual(['SOON']);
    expect(Object.fromEntries(r.coupons.rejected.map((x) => [x.code, x.reason]))).toEqual({ ONCE: 'limitReached', OLD: 'expired', MEMBER: 'membersOnly' });
    expect(price(c, lines(['b', 1]), { coupons: ['SOON'], now: later }).coupons.rejected[0]!.reason).toBe('expired');
    expect(price(c, lines(['b', 1]), { coupons: ['ONCE', 'MEMBER'], member: true }).coupons.applied.map((x) => x.code)).toEqual(['ONCE', 'MEMBER']);
  });

  it('rejects an item coupon with nothing to apply to, and never takes more than is left', () => {
    const r = price(c, lines(['a', 1]), { coupons: ['CONLY', 'BIG'] });
    expect(r.coupons.rejected).toMatchObject([{ code: 'CONLY', reason: 'noEligibleItems' }]);
    expect(r.coupons.applied).toEqual([{ code: 'BIG', name: 'Coupon BIG', scope: 'basket', amount: 1000 }]);
    expect(r.subtotal).toBe(0);
    expect(r.total).toBe(0);
    // LAST comes after BIG in the catalog, so BIG has already taken everything.
    const after = price(c, lines(['a', 1]), { coupons: ['LAST', 'BIG'] });
    expect(after.coupons.rejected).toMatchObject([{ code: 'LAST', reason: 'nothingToDiscount' }]);
  });

  it('splits a basket coupon across tax classes in proportion, so each class is taxed on what was paid', () => {
    // Food $10 (0%), general $15 (10%). $5 off: food 2.00, general 3.00.
    const r = price(c, lines(['a', 1], ['b', 1], ['c', 1]), { coupons: ['FIVE'] });
    expect(r.taxes).toEqual([
      { taxClass: 'food', name: 'Food', rate: 0, taxable: 800, tax: 0 },
      { taxClass: 'general', name: 'General', rate: 100_000, taxable: 1200, tax: 120 },
    ]);
    expect(r.total).toBe(2000 + 120);
  });

  it('gives a tied minor unit of a basket coupon to the class listed first in the store, whatever the scan order', () => {
    const tie = catalogOf({
      store: store({ taxClasses: [{ id: 'food', name: 'Food', rate: 0 }, { id: 'general', name: 'General', rate: 100_000 }] }),
      products: [each('f', 500, { taxClass: 'food' }), each('g', 500, { taxClass: 'general' })],
      coupons: [coupon({ code: 'PENNY', discount: { amount: 1 } })],
    });
    const fg = price(tie, lines(['f', 1], ['g', 1]), { coupons: ['PENNY'] });
    const gf = price(tie, lines(['g', 1], ['f', 1]), { coupons: ['PENNY'] });
    expect(fg.taxes.map((t) => t.taxable)).toEqual([499, 500]);
    expect(gf.taxes).toEqual(fg.taxes);
  });

  it('splits an item coupon across the SKUs it names by what they cost', () => {
    const cc = catalogOf({
      products: [each('x', 100), each('y', 200)],
      coupons: [coupon({ code: 'XY', discount: { amount: 100 }, skus: ['x', 'y'] })],
    });
    const r = price(cc, lines(['x', 1], ['y', 1], ['x', 1]), { coupons: ['XY'] });
    // 100 split 200:200 between x (two lines) and y, then x's 50 split 50:50 over its lines.
    expect(r.lines.map((l) => l.total)).toEqual([75, 150, 75]);
  });
});
