// Small catalogs for pricing tests, written as parsed catalog data (the schema's output types).
import type { Coupon, EachProduct, Product, Promotion, StoreSettings, WeighedProduct } from '../../../../domain/common/catalog/schema.js';
import { preparePricing, type PricingCatalog, type PricingPolicy } from '../../../../payments/common/pricing/catalog-view.js';
import { priceBasket, type PriceOptions } from '../../../../payments/common/pricing/engine.js';
import type { BasketLineInput, ShopperContextInput } from '../../../../payments/common/pricing/basket.js';
import type { Receipt } from '../../../../payments/common/pricing/receipt.js';

export const NOW = Date.parse('2026-11-15T12:00:00Z');

export function store(overrides: Partial<StoreSettings> = {}): StoreSettings {
  return {
    id: 'test-store',
    name: 'Test Store',
    currency: 'USD',
    minorUnits: 2,
    locale: 'en-US',
    taxMode: 'exclusive',
    taxClasses: [
      { id: 'food', name: 'Food', rate: 0 },
      { id: 'general', name: 'General', rate: 88_750 },
    ],
    weightUnit: 'kg',
    variableMeasure: [],
    ...overrides,
  };
}

export function each(sku: string, price: number, extra: Partial<EachProduct> = {}): EachProduct {
  return { sku, name: `Item ${sku}`, gtins: [], taxClass: 'general', soldBy: 'each', price, weight: { meanGrams: 100, sdGrams: 2 }, ...extra };
}

export function weighed(sku: string, price: number, per: 'kg' | 'lb', extra: Partial<WeighedProduct> = {}): WeighedProduct {
  return { sku, name: `Loose ${sku}`, gtins: [], taxClass: 'food', soldBy: 'weight', price, per, tareGrams: 0, ...extra };
}

type PromotionInput = Promotion extends infer P ? (P extends Promotion ? Omit<P, 'membersOnly'> & { membersOnly?: boolean } : never) : never;

export function promo(p: PromotionInput): Promotion {
  return { membersOnly: false, ...p } as Promotion;
}

export function coupon(c: Partial<Coupon> & Pick<Coupon, 'code' | 'discount'>): Coupon {
  return { name: `Coupon ${c.code}`, threshold: 0, membersOnly: false, ...c };
}

export interface CatalogParts {
  products: Product[];
  promotions?: Promotion[];
  coupons?: Coupon[];
  store?: StoreSettings;
  policy?: PricingPolicy;
}

export function catalogOf(parts: CatalogParts): PricingCatalog {
  return preparePricing({ store: parts.store ?? store(), products: parts.products, promotions: parts.promotions ?? [], coupons: parts.coupons ?? [] }, parts.policy);
}

/** Prices a basket that must be valid; a test that expects errors calls priceBasket itself. */
export function price(
  catalog: PricingCatalog,
  lines: BasketLineInput[],
  context: Partial<ShopperContextInput> = {},
  options: PriceOptions = {},
): Receipt {
  const result = priceBasket(catalog, lines, { member: false, now: NOW, ...context }, options);
  if (!result.ok) throw new Error(`expected a receipt, got ${result.error.map((e) => `${e.kind}: ${e.message}`).join('; ')}`);
  return result.value;
}

/** `each` lines: one per entry of [sku, quantity]. */
export function lines(...entries: [string, number][]): BasketLineInput[] {
  return entries.map(([sku, quantity], i) => ({ lineId: `l${i}`, sku, quantity }));
}
