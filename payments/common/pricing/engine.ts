// The pricing engine: basket + shopper context + catalog -> receipt. The cart runs it on every
// scan for the live total; the store runs it again at checkout and charges that. Same code,
// same inputs, deep-equal receipts: no clock, no randomness, no iteration over unordered data.
//
// Steps: parse (basket.ts) -> match lines to products, member prices, weighed prices
// (lines.ts) -> promotions, exact (promotions.ts) -> coupons (coupons.ts) -> deposits and tax
// (deposits.ts, tax.ts) -> receipt.
//
// Money is integer minor units throughout. The basket bounds (500 lines, 999 units a line,
// 200 kg a line, 10,000 units) and the catalog's (prices up to 10^8) keep every sum below
// 10^14, far inside 2^53; products that can pass it (weights x prices, tax x rates,
// allocations) are computed in BigInt.
import { err, ok, type Result } from '../../../domain/common/result.js';
import { MAX_UNITS, parseBasket } from './basket.js';
import type { PricingCatalog } from './catalog-view.js';
import { applyCoupons } from './coupons.js';
import { depositLines } from './deposits.js';
import { PricingError } from './errors.js';
import { priceLines, type PricedLine } from './lines.js';
import { applyPromotions, type PromotedLine, type PromotionStrategy } from './promotions.js';
import type { LineMeasure, LineSaving, Receipt, ReceiptLine } from './receipt.js';
import { taxLines } from './tax.js';

export interface PriceOptions {
  /** How promotions are combined: the optimum (default), or the greedy reference for comparison. */
  readonly strategy?: PromotionStrategy;
}

function measureOf(l: PricedLine): LineMeasure {
  if (l.kind === 'each') return { kind: 'each', quantity: l.line.quantity };
  if (l.line.kind === 'weight') return { kind: 'weight', netMg: l.line.netMg, per: l.product.per };
  return { kind: 'label' };
}

function receiptLine(l: PricedLine, promoted: PromotedLine, couponSavings: readonly LineSaving[], total: number): ReceiptLine {
  const savings: LineSaving[] = [];
  if (l.shopperTotal < l.regularTotal) savings.push({ kind: 'member', id: 'member', name: 'Member price', amount: l.regularTotal - l.shopperTotal });
  for (const p of promoted.savings) savings.push({ kind: 'promotion', id: p.dated.promotion.id, name: p.dated.promotion.name, amount: p.amount });
  savings.push(...couponSavings);
  return {
    lineId: l.line.lineId,
    sku: l.line.sku,
    name: l.product.name,
    taxClass: l.product.taxClass,
    measure: measureOf(l),
    unitPrice: l.staffSet?.price ?? (l.line.kind === 'label' ? l.line.labelPrice : l.product.price),
    memberUnitPrice: l.memberUnitPrice,
    regularTotal: l.regularTotal,
    savings,
    total,
    ...(l.staffSet ? { staffSet: l.staffSet } : {}),
  };
}

/**
 * Prices a basket. `lines` and `context` are validated here (see basket.ts for their shape);
 * every problem with them comes back as a PricingError, none is thrown.
 */
export function priceBasket(catalog: PricingCatalog, lines: unknown, context: unknown, options: PriceOptions = {}): Result<Receipt, PricingError[]> {
  const parsed = parseBasket(lines, context);
  if (!parsed.ok) return parsed;
  const shopper = parsed.value.context;
  const units = parsed.value.lines.reduce((n, l) => n + (l.kind === 'each' ? l.quantity : 0), 0);
  if (units > MAX_UNITS) return err([new PricingError('basketTooLarge', `${units} units in one basket; the most is ${MAX_UNITS}`, ['lines'])]);
  const priced = priceLines(catalog, parsed.value.lines, shopper.member);
  if (!priced.ok) return priced;
  const pricedLines = priced.value;

  const promotions = applyPromotions(catalog, pricedLines, shopper, options.strategy ?? { kind: 'optimal' });
  const coupons = applyCoupons(
    catalog,
    pricedLines,
    promotions.lines.map((p) => p.net),
    shopper,
  );
  const deposits = depositLines(pricedLines);
  const taxes = taxLines(catalog, pricedLines, coupons.lineNets, coupons.basketByClass, deposits);

  const receiptLines = pricedLines.map((l, i) =>
    receiptLine(l, promotions.lines[i] as PromotedLine, coupons.lineSavings[i] as LineSaving[], coupons.lineNets[i] as number),
  );
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const regularSubtotal = sum(pricedLines.map((l) => l.regularTotal));
  const member = sum(pricedLines.map((l) => l.regularTotal - l.shopperTotal));
  const promotionSavings = sum(promotions.lines.map((p, i) => (pricedLines[i] as PricedLine).shopperTotal - p.net));
  const couponSavings = sum(coupons.applied.map((c) => c.amount));
  const subtotal = regularSubtotal - member - promotionSavings - couponSavings;
  const tax = sum(taxes.map((t) => t.tax));
  const depositTotal = sum(deposits.map((d) => d.total));
  const { store } = catalog;
  return ok({
    currency: store.currency,
    minorUnits: store.minorUnits,
    locale: store.locale,
    taxMode: store.taxMode,
    optimal: promotions.exact,
    lines: receiptLines,
    promotions: promotions.applied,
    coupons: { applied: coupons.applied, rejected: coupons.rejected },
    regularSubtotal,
    subtotal,
    taxes,
    tax,
    deposits,
    depositTotal,
    total: subtotal + depositTotal + (store.taxMode === 'exclusive' ? tax : 0),
    savings: { member, promotions: promotionSavings, coupons: couponSavings, total: member + promotionSavings + couponSavings },
  });
}
