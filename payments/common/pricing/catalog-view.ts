// What pricing needs from a catalog, prepared once per catalog version: products by SKU, tax
// classes, promotions with their dates parsed and indexed by SKU, coupons by code. Built from
// parsed catalog data (or anything with a SKU lookup, such as the domain Catalog), so pricing
// does not depend on how the catalog is stored.
import type { Coupon, Product, Promotion, StoreSettings, TaxClass } from '../../../domain/common/catalog/schema.js';

/** Where products come from: a list (parsed catalog data) or a lookup by SKU. */
export type ProductSource = { readonly products: readonly Product[] } | { bySku(sku: string): Product | undefined };

export type PricingSource = ProductSource & {
  readonly store: StoreSettings;
  readonly promotions: readonly Promotion[];
  readonly coupons: readonly Coupon[];
};

/** Store rules that the catalog format does not carry. */
export interface PricingPolicy {
  /**
   * Whether deposits are taxed, at their product's tax class. Off by default: most US states
   * and EU schemes treat a container deposit as a refundable security, not a sale.
   */
  readonly depositsTaxed: boolean;
}

export interface DatedPromotion {
  readonly promotion: Promotion;
  /** Position in the catalog: the stable tie-break between equally good offers. */
  readonly rank: number;
  /** Epoch ms; the promotion runs from startsMs (inclusive) to endsMs (exclusive). */
  readonly startsMs: number;
  readonly endsMs: number;
}

export interface PricingCatalog {
  readonly store: StoreSettings;
  readonly policy: PricingPolicy;
  product(sku: string): Product | undefined;
  taxClass(id: string): TaxClass | undefined;
  /** The promotions naming this SKU, in catalog order. */
  promotionsFor(sku: string): readonly DatedPromotion[];
  /** By code as scanned or typed (case and surrounding spaces ignored). */
  coupon(code: string): { readonly coupon: Coupon; readonly rank: number } | undefined;
}

/**
 * Catalog dates are ISO instants or plain dates; a plain date is midnight UTC (Date.parse), the
 * same reading the catalog's own checks use, so "endsAt 2026-12-01" ends as December begins.
 */
export function instant(date: string | undefined, otherwise: number): number {
  return date === undefined ? otherwise : Date.parse(date);
}

export function normaliseCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

export function preparePricing(source: PricingSource, policy: PricingPolicy = { depositsTaxed: false }): PricingCatalog {
  let bySku: (sku: string) => Product | undefined;
  if ('products' in source) {
    const products = new Map<string, Product>();
    for (const p of source.products) if (!products.has(p.sku)) products.set(p.sku, p);
    bySku = (sku) => products.get(sku);
  } else {
    bySku = (sku) => source.bySku(sku);
  }
  const taxClasses = new Map<string, TaxClass>();
  for (const t of source.store.taxClasses) if (!taxClasses.has(t.id)) taxClasses.set(t.id, t);

  const promotionsBySku = new Map<string, DatedPromotion[]>();
  source.promotions.forEach((promotion, rank) => {
    const dated: DatedPromotion = {
      promotion,
      rank,
      startsMs: instant(promotion.startsAt, -Infinity),
      endsMs: instant(promotion.endsAt, Infinity),
    };
    for (const sku of new Set(promotion.skus)) {
      const list = promotionsBySku.get(sku);
      if (list) list.push(dated);
      else promotionsBySku.set(sku, [dated]);
    }
  });

  const coupons = new Map<string, { coupon: Coupon; rank: number }>();
  source.coupons.forEach((coupon, rank) => {
    if (!coupons.has(coupon.code)) coupons.set(coupon.code, { coupon, rank });
  });

  return Object.freeze({
    store: source.store,
    policy,
    product: bySku,
    taxClass: (id: string) => taxClasses.get(id),
    promotionsFor: (sku: string) => promotionsBySku.get(sku) ?? [],
    coupon: (code: string) => coupons.get(normaliseCouponCode(code)),
  });
}
