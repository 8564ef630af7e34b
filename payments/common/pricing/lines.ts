// Basket lines matched against the catalog: each line's product, regular price and the price
// this shopper pays before promotions (the member price, when the shopper is a member and it is
// lower). Mismatches between how a line is measured and how the product is sold are errors.
import type { EachProduct, Product, WeighedProduct } from '../../../domain/common/catalog/schema.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { BasketLine } from './basket.js';
import type { PricingCatalog } from './catalog-view.js';
import { PricingError } from './errors.js';
import { weighedPrice } from './weight.js';

interface PricedBase {
  readonly regularTotal: number;
  /** What the shopper pays before promotions: the member price where it applies. */
  readonly shopperTotal: number;
  /** The member price per unit (or per kg or lb) when it applied. */
  readonly memberUnitPrice: number | undefined;
}

export type PricedLine =
  | (PricedBase & {
      readonly kind: 'each';
      readonly line: Extract<BasketLine, { kind: 'each' }>;
      readonly product: EachProduct;
      /** Shopper's price per unit (member price when it applies). */
      readonly unitShopperPrice: number;
    })
  | (PricedBase & { readonly kind: 'weight' | 'label'; readonly line: Extract<BasketLine, { kind: 'weight' | 'label' }>; readonly product: WeighedProduct });

function memberPrice(product: Product, member: boolean): number | undefined {
  return member && product.memberPrice !== undefined && product.memberPrice < product.price ? product.memberPrice : undefined;
}

function priceLine(line: BasketLine, index: number, product: Product, member: boolean): PricedLine | PricingError {
  const at = ['lines', index];
  const memberUnit = memberPrice(product, member);
  if (product.soldBy === 'each') {
    if (line.kind === 'weight') return new PricingError('weightOnEachItem', `${product.name} is sold by each, but the line carries a weight`, [...at, 'netMg'], line.lineId);
    if (line.kind === 'label') return new PricingError('labelPriceOnEachItem', `${product.name} is sold by each, but the line carries a label price`, [...at, 'labelPrice'], line.lineId);
    const unitShopperPrice = memberUnit ?? product.price;
    return { kind: 'each', line, product, unitShopperPrice, memberUnitPrice: memberUnit, regularTotal: product.price * line.quantity, shopperTotal: unitShopperPrice * line.quantity };
  }
  if (line.kind === 'each') return new PricingError('quantityOnWeighedItem', `${product.name} is sold by weight, but the line carries a unit count`, [...at, 'quantity'], line.lineId);
  if (line.kind === 'label') {
    // The label's price is final: it does not carry the weight, so a member price per kg cannot be recomputed.
    return { kind: 'label', line, product, regularTotal: line.labelPrice, shopperTotal: line.labelPrice, memberUnitPrice: undefined };
  }
  const regularTotal = weighedPrice(product.price, product.per, line.netMg);
  const shopperTotal = memberUnit === undefined ? regularTotal : weighedPrice(memberUnit, product.per, line.netMg);
  return { kind: 'weight', line, product, regularTotal, shopperTotal, memberUnitPrice: memberUnit };
}

/** Every line priced, or every problem found (not just the first). */
export function priceLines(catalog: PricingCatalog, lines: readonly BasketLine[], member: boolean): Result<PricedLine[], PricingError[]> {
  const errors: PricingError[] = [];
  const priced: PricedLine[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (seen.has(line.lineId)) errors.push(new PricingError('duplicateLineId', `line id "${line.lineId}" is used twice`, ['lines', index, 'lineId'], line.lineId));
    seen.add(line.lineId);
    const product = catalog.product(line.sku);
    if (!product) {
      errors.push(new PricingError('unknownSku', `no product with SKU "${line.sku}" in this store's catalog`, ['lines', index, 'sku'], line.lineId));
      return;
    }
    if (!catalog.taxClass(product.taxClass)) {
      errors.push(new PricingError('unknownTaxClass', `${product.name} has tax class "${product.taxClass}", which the store does not define`, ['lines', index, 'sku'], line.lineId));
      return;
    }
    const result = priceLine(line, index, product, member);
    if (result instanceof PricingError) errors.push(result);
    else priced.push(result);
  });
  return errors.length > 0 ? err(errors) : ok(priced);
}
