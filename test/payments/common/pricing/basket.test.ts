import { describe, expect, it } from 'vitest';
import { MAX_UNITS } from '../../../../payments/common/pricing/basket.js';
import { priceBasket } from '../../../../payments/common/pricing/engine.js';
import { PricingError } from '../../../../payments/common/pricing/errors.js';
import { NOW, catalogOf, each, weighed } from './fixtures.js';

const c = catalogOf({ products: [each('a', 100), weighed('w', 500, 'kg'), each('lost', 100, { taxClass: 'nowhere' })] });
const context = { member: false, now: NOW };

function errorsOf(lines: unknown, ctx: unknown = context): { kind: string; path: readonly (string | number)[]; lineId?: string }[] {
  const result = priceBasket(c, lines, ctx);
  if (result.ok) throw new Error('expected the basket to be refused');
  for (const e of result.error) {
    expect(e).toBeInstanceOf(PricingError);
    expect(e.message.length).toBeGreaterThan(5);
  }
  return result.error.map((e) => ({ kind: e.kind, path: e.path, ...(e.lineId === undefined ? {} : { lineId: e.lineId }) }));
}

describe('bad baskets get typed errors, every one of them', () => {
  it('refuses negative, zero and fractional quantities, with the path to each', () => {
    expect(errorsOf([{ lineId: 'x', sku: 'a', quantity: -1 }, { lineId: 'y', sku: 'a', quantity: 1.5 }, { lineId: 'z', sku: 'a', quantity: 0 }])).toEqual([
      { kind: 'invalidBasket', path: ['lines', 0, 'quantity'], lineId: 'x' },
      { kind: 'invalidBasket', path: ['lines', 1, 'quantity'], lineId: 'y' },
      { kind: 'invalidBasket', path: ['lines', 2, 'quantity'], lineId: 'z' },
    ]);
  });

  it('says what is wrong in words', () => {
    const result = priceBasket(c, [{ lineId: 'y', sku: 'a', quantity: 1.5 }], context);
    expect(!result.ok && result.error[0]!.message).toBe('lines[0].quantity: a whole number of units');
  });

  it('refuses weights that are not whole positive milligrams, and absurd amounts', () => {
    expect(errorsOf([{ lineId: 'x', sku: 'w', netMg: 0.5 }]).map((e) => e.path)).toEqual([['lines', 0, 'netMg']]);
    expect(errorsOf([{ lineId: 'x', sku: 'w', netMg: -3 }]).map((e) => e.path)).toEqual([['lines', 0, 'netMg']]);
    expect(errorsOf([{ lineId: 'x', sku: 'a', quantity: 1_000 }]).map((e) => e.path)).toEqual([['lines', 0, 'quantity']]);
    expect(errorsOf([{ lineId: 'x', sku: 'w', labelPrice: -1 }]).map((e) => e.path)).toEqual([['lines', 0, 'labelPrice']]);
    expect(errorsOf([{ lineId: 'x', sku: 'a', quantity: Number.NaN }]).map((e) => e.path)).toEqual([['lines', 0, 'quantity']]);
  });

  it('refuses a line that is measured zero or two ways, or carries strange fields', () => {
    expect(errorsOf([{ lineId: 'x', sku: 'a' }])).toEqual([{ kind: 'invalidBasket', path: ['lines', 0], lineId: 'x' }]);
    expect(errorsOf([{ lineId: 'x', sku: 'w', quantity: 1, netMg: 5 }])).toEqual([{ kind: 'invalidBasket', path: ['lines', 0], lineId: 'x' }]);
    expect(errorsOf([{ lineId: 'x', sku: 'a', quantity: 1, price: 1 }])[0]!.kind).toBe('invalidBasket');
    expect(errorsOf([{ lineId: '', sku: 'a', quantity: 1 }])[0]!.path).toEqual(['lines', 0, 'lineId']);
  });

  it('refuses what is not a basket at all', () => {
    expect(errorsOf('three apples')[0]!.path).toEqual(['lines']);
    expect(errorsOf(null)[0]!.path).toEqual(['lines']);
    expect(errorsOf([null])[0]!.path).toEqual(['lines', 0]);
  });

  it('checks the shopper context: the time, the coupons and past uses', () => {
    expect(errorsOf([], { member: false, now: 'yesterday' }).map((e) => e.path)).toEqual([['context', 'now']]);
    expect(errorsOf([], { member: false, now: -1 }).map((e) => e.path)).toEqual([['context', 'now']]);
    expect(errorsOf([], { member: 'yes', now: NOW }).map((e) => e.path)).toEqual([['context', 'member']]);
    expect(errorsOf([], { member: false, now: NOW, couponUses: { X: -1 } }).map((e) => e.path)).toEqual([['context', 'couponUses', 'X']]);
    expect(errorsOf([], { member: false, now: NOW, coupons: 'SAVE5' }).map((e) => e.path)).toEqual([['context', 'coupons']]);
  });

  it('refuses unknown SKUs and lines that do not match how the product is sold', () => {
    expect(
      errorsOf([
        { lineId: 'u', sku: 'ghost', quantity: 1 },
        { lineId: 'v', sku: 'a', netMg: 500_000 },
        { lineId: 'w', sku: 'w', quantity: 2 },
        { lineId: 'x', sku: 'a', labelPrice: 300 },
        { lineId: 'y', sku: 'lost', quantity: 1 },
      ]),
    ).toEqual([
      { kind: 'unknownSku', path: ['lines', 0, 'sku'], lineId: 'u' },
      { kind: 'weightOnEachItem', path: ['lines', 1, 'netMg'], lineId: 'v' },
      { kind: 'quantityOnWeighedItem', path: ['lines', 2, 'quantity'], lineId: 'w' },
      { kind: 'labelPriceOnEachItem', path: ['lines', 3, 'labelPrice'], lineId: 'x' },
      { kind: 'unknownTaxClass', path: ['lines', 4, 'sku'], lineId: 'y' },
    ]);
  });

  it('refuses two lines with one id', () => {
    expect(errorsOf([{ lineId: 'x', sku: 'a', quantity: 1 }, { lineId: 'x', sku: 'a', quantity: 2 }])).toEqual([
      { kind: 'duplicateLineId', path: ['lines', 1, 'lineId'], lineId: 'x' },
    ]);
  });

  it('refuses a basket past the engine bounds', () => {
    const lines = Array.from({ length: 11 }, (_, i) => ({ lineId: `l${i}`, sku: 'a', quantity: 999 }));
    expect(11 * 999).toBeGreaterThan(MAX_UNITS);
    expect(errorsOf(lines)).toEqual([{ kind: 'basketTooLarge', path: ['lines'] }]);
    expect(errorsOf(Array.from({ length: 501 }, (_, i) => ({ lineId: `l${i}`, sku: 'a', quantity: 1 })))[0]!.path).toEqual(['lines']);
  });

  it('prices an empty basket as zero', () => {
    const result = priceBasket(c, [], { member: true, now: '2026-11-15T12:00:00+01:00' });
    expect(result.ok && result.value.total).toBe(0);
  });
});
