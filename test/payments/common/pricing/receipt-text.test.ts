import { describe, expect, it } from 'vitest';
import { receiptText } from '../../../../payments/common/pricing/receipt-text.js';
import { catalogOf, coupon, each, price, promo, store, weighed } from './fixtures.js';

describe('receiptText', () => {
  it('prints lines, savings, coupons, deposits, tax and total in the store currency', () => {
    const c = catalogOf({
      products: [each('cola', 250, { name: 'Cola 2 L', deposit: 10, memberPrice: 225 }), weighed('apples', 499, 'lb', { name: 'Gala apples' })],
      promotions: [promo({ id: 'cola2', kind: 'multibuy', name: 'Cola 2 for $4', skus: ['cola'], quantity: 2, price: 400 })],
      coupons: [coupon({ code: 'HELLO', name: '$1 off', discount: { amount: 100 } })],
    });
    const r = price(
      c,
      [
        { lineId: '1', sku: 'cola', quantity: 2 },
        { lineId: '2', sku: 'apples', netMg: 680_389 },
      ],
      { member: true, coupons: ['HELLO', 'BOGUS'] },
    );
    expect(receiptText(r)).toBe(
      [
        'Cola 2 L                                   $5.00',
        '  2 × $2.50',
        '  Member price                            -$0.50',
        '  Cola 2 for $4                           -$0.50',
        'Gala apples                                $7.49',
        '  1.500 lb @ $4.99/lb',
        '',
        '$1 off                                    -$1.00',
        'Subtotal                                  $10.49',
        'Deposit Cola 2 L × 2                       $0.20',
        // $1 split 749 : 400 -> 65 : 35.
        'Tax Food 0% on $6.84                       $0.00',
        'Tax General 8.875% on $3.65                $0.32',
        'Total                                     $11.01',
        'You saved                                  $2.00',
        'Coupon BOGUS not applied: "BOGUS" is not a coupon this store knows',
      ].join('\n'),
    );
  });

  it('says "incl." for tax-inclusive stores and uses the locale', () => {
    const c = catalogOf({
      store: store({ currency: 'EUR', locale: 'de-DE', taxMode: 'inclusive', taxClasses: [{ id: 'general', name: 'MwSt', rate: 190_000 }] }),
      products: [each('brot', 119, { name: 'Brot' })],
    });
    const text = receiptText(price(c, [{ lineId: '1', sku: 'brot', quantity: 1 }])).replaceAll('\u00a0', ' ');
    expect(text).toBe(
      ['Brot                                      1,19 €', '', 'Subtotal                                  1,19 €', 'incl. MwSt 19% on 1,19 €                  0,19 €', 'Total                                     1,19 €'].join('\n'),
    );
  });
});
