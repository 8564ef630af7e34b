// A staff member's hand-set price: it replaces the line's unit price when it lowers what the
// shopper pays, is ignored when it would raise it, keeps the line out of promotions, and still
// lets the shopper's coupons apply; the receipt says the line was priced by staff.
import { describe, expect, it } from 'vitest';
import { priceBasket } from '../../../../payments/common/pricing/engine.js';
import { receiptText } from '../../../../payments/common/pricing/receipt-text.js';
import { catalogOf, coupon, each, NOW, price, promo, weighed } from './fixtures.js';

const wine = each('wine', 1349, { memberPrice: 1199 });
const catalog = catalogOf({
  products: [wine, each('soda', 200), weighed('apples', 400, 'kg')],
  promotions: [promo({ id: 'm', kind: 'multibuy', name: '3 sodas for $5', skus: ['soda'], quantity: 3, price: 500 }), promo({ id: 'p', kind: 'percentOff', name: '10% off wine', skus: ['wine'], percent: 10 })],
  coupons: [coupon({ code: 'WINE2', skus: ['wine'], discount: { amount: 200 } })],
});

describe('a staff-set price', () => {
  it('is the line’s unit price, shown as set by staff with the price it replaced, and takes no promotion', () => {
    const r = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice: 999 }]);
    expect(r.lines[0]).toMatchObject({ unitPrice: 999, regularTotal: 999, total: 999, savings: [], staffSet: { price: 999, replaced: 1349 }, memberUnitPrice: undefined });
    expect(r.promotions).toEqual([]);
    expect(r.subtotal).toBe(999);
    expect(receiptText(r)).toContain('Price set by staff (was $13.49)');
  });

  it('is checked against the member price for a member, and ignored when it would raise the price', () => {
    const above = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice: 1250 }], { member: true });
    expect(above.lines[0]?.staffSet).toBeUndefined();
    expect(above.lines[0]?.unitPrice).toBe(1349);
    expect(above.lines[0]?.total).toBe(1079); // the member price, then 10% off: as with no override
    const raise = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice: 100_000_000 }]);
    expect(raise.total).toBe(price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1 }]).total);
    const member = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 2, staffPrice: 1199 }], { member: true });
    expect(member.lines[0]).toMatchObject({ unitPrice: 1199, regularTotal: 2398, total: 2398, staffSet: { price: 1199, replaced: 1199 } });
    expect(member.savings.member).toBe(0);
  });

  it('keeps the hand-priced units out of a multibuy, which the other units of the SKU still form', () => {
    const r = price(catalog, [
      { lineId: 'a', sku: 'soda', quantity: 3 },
      { lineId: 'b', sku: 'soda', quantity: 1, staffPrice: 50 },
    ]);
    expect(r.lines.map((l) => l.total)).toEqual([500, 50]);
    expect(r.promotions).toEqual([expect.objectContaining({ id: 'm', times: 1 })]);
    // Every soda priced by staff: no block for the multibuy at all.
    expect(price(catalog, [{ lineId: 'b', sku: 'soda', quantity: 3, staffPrice: 150 }]).total).toBe(450 + Math.round((450 * 88_750) / 1_000_000));
  });

  it('still lets the shopper’s coupon apply, and may be zero', () => {
    const r = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice: 999 }], { coupons: ['WINE2'] });
    expect(r.lines[0]?.total).toBe(799);
    const free = price(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice: 0 }], { coupons: ['WINE2'] });
    expect(free.total).toBe(0);
    expect(free.coupons.rejected.map((c) => c.reason)).toEqual(['nothingToDiscount']);
  });

  it('prices a weighed line per kg and replaces a label’s own price', () => {
    const r = price(catalog, [
      { lineId: 'w', sku: 'apples', netMg: 1_500_000, staffPrice: 200 },
      { lineId: 'l', sku: 'apples', labelPrice: 700, staffPrice: 350 },
      { lineId: 'x', sku: 'apples', labelPrice: 700, staffPrice: 701 },
    ]);
    expect(r.lines.map((l) => [l.unitPrice, l.total, l.staffSet?.replaced])).toEqual([
      [200, 300, 400],
      [350, 350, 700],
      [700, 700, undefined],
    ]);
  });

  it('refuses a negative, fractional or absurd staff price as a malformed basket', () => {
    for (const staffPrice of [-1, 9.99, 100_000_001, Number.NaN]) {
      const r = priceBasket(catalog, [{ lineId: 'w', sku: 'wine', quantity: 1, staffPrice }], { member: false, now: NOW });
      expect(r.ok, String(staffPrice)).toBe(false);
      expect(r.ok ? [] : r.error.map((e) => e.kind)).toEqual(['invalidBasket']);
    }
  });
});
