// Basket lines matched against the catalog: each line's product, regular price and the price
// this shopper pays before promotions (the member price, when the shopper is a member and it is
// lower). Mismatches between how a line is measured and how the product is sold are errors.
//
// A staff member's hand-set price (`staffPrice`) replaces the line's unit price only when it is
// no more than what this shopper would pay for a unit before promotions (the member price for a
// member, the label's price for a label): a staff price may lower a price, never raise it, so a
// trip log cannot charge a shopper more than the catalog by carrying an override. A line priced
// by staff is final: promotions skip it (promotions.ts says why); coupons still apply.
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
  /** The staff member's price when it applied, and the unit price it replaced. */
  readonly staffSet: StaffSetPrice | undefined;
}

export interface StaffSetPrice {
  /** Per unit, per kg or lb, or for the whole label: as the line is priced. */
  readonly price: number;
  /** What the shopper would have paid per unit before promotions (member price, shelf price, label). */
  readonly replaced: number;
}

/**
 * The most a staff price may be for a line: what this shopper pays per unit before promotions
 * (member price, shelf price, or the label's price). The cart checks an override against it
 * before recording one; the engine ignores a staff price above it.
 */
export function staffPriceCeiling(product: Product, member: boolean, labelPrice: number | undefined): number {
  return labelPrice ?? memberPrice(product, member) ?? product.price;
}

/** The staff price when it applies: at most the shopper's own unit price. */
function staffSet(line: BasketLine, shopperUnit: number): StaffSetPrice | undefined {
  return line.staffPrice !== undefined && line.staffPrice <= shopperUnit ? { price: line.staffPrice, replaced: shopperUnit } : undefined;
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
    const staff = staffSet(line, staffPriceCeiling(product, member, undefined));
    if (staff) return { kind: 'each', line, product, unitShopperPrice: staff.price, memberUnitPrice: undefined, staffSet: staff, regularTotal: staff.price * line.quantity, shopperTotal: staff.price * line.quantity };
    const unitShopperPrice = memberUnit ?? product.price;
    return { kind: 'each', line, product, unitShopperPrice, memberUnitPrice: memberUnit, staffSet: undefined, regularTotal: product.price * line.quantity, shopperTotal: unitShopperPrice * line.quantity };
  }
  if (line.kind === 'each') return new PricingError('quantityOnWeighedItem', `${product.name} is sold by weight, but the line carries a unit count`, [...at, 'quantity'], line.lineId);
  if (line.kind === 'label') {
    // The label's price is final: it does not carry the weight, so a member price per kg cannot be recomputed.
    const staff = staffSet(line, staffPriceCeiling(product, member, line.labelPrice));
    const price = staff?.price ?? line.labelPrice;
    return { kind: 'label', line, product, regularTotal: price, shopperTotal: price, memberUnitPrice: undefined, staffSet: staff };
  }
  const staff = staffSet(line, staffPriceCeiling(product, member, undefined));
  if (staff) {
    const total = weighedPrice(staff.price, product.per, line.netMg);
    return { kind: 'weight', line, product, regularTotal: total, shopperTotal: total, memberUnitPrice: undefined, staffSet: staff };
  }
  const regularTotal = weighedPrice(product.price, product.per, line.netMg);
  const shopperTotal = memberUnit === undefined ? regularTotal : weighedPrice(memberUnit, product.per, line.netMg);
  return { kind: 'weight', line, product, regularTotal, shopperTotal, memberUnitPrice: memberUnit, staffSet: undefined };
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
