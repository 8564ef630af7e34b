// Catalog import: the schema, then every cross-check, and either a whole Catalog or the full
// list of problems. A bad catalog never half-loads: one bad product rejects the import, because
// a cart that silently lacks a product charges the shopper wrongly or not at all.
import { err, ok, type Result } from '../result.js';
import { Catalog } from './catalog.js';
import { checkOffers } from './check-offers.js';
import { checkProducts } from './check-products.js';
import { checkStore } from './check-store.js';
import { fromZodIssues, type CatalogIssue } from './issue.js';
import {
  catalogSchema,
  couponSchema,
  productSchema,
  promotionSchema,
  storeSettingsSchema,
  type Coupon,
  type Product,
  type Promotion,
  type StoreSettings,
} from './schema.js';

/** The parts of a catalog that passed the schema; a part that did not is undefined (a hole). */
interface Parts {
  readonly store: StoreSettings | undefined;
  readonly products: readonly (Product | undefined)[];
  readonly promotions: readonly (Promotion | undefined)[];
  readonly coupons: readonly (Coupon | undefined)[];
  /** SKUs written on products, including those that failed the schema. */
  readonly writtenSkus: ReadonlySet<string>;
}

function crossCheck(parts: Parts): CatalogIssue[] {
  const bySku = new Map<string, Product>();
  for (const product of parts.products) if (product && !bySku.has(product.sku)) bySku.set(product.sku, product);
  return [
    ...(parts.store ? checkStore(parts.store) : []),
    ...checkProducts(parts.products, parts.store),
    ...checkOffers(parts.promotions, parts.coupons, { products: bySku, knownSkus: parts.writtenSkus }),
  ];
}

const field = (input: unknown, key: string): unknown =>
  typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;

const each = <T>(list: unknown, parse: (item: unknown) => T | undefined): (T | undefined)[] =>
  Array.isArray(list) ? list.map(parse) : [];

/**
 * When the catalog as a whole fails the schema, its sound parts are still cross-checked, so the
 * report lists a duplicate GTIN in one product beside a misspelt field in another.
 */
function soundParts(input: unknown): Parts {
  const rawProducts: unknown = field(input, 'products');
  const writtenSkus = new Set<string>();
  if (Array.isArray(rawProducts)) {
    for (const raw of rawProducts) {
      const sku = field(raw, 'sku');
      if (typeof sku === 'string') writtenSkus.add(sku);
    }
  }
  return {
    store: storeSettingsSchema.safeParse(field(input, 'store')).data,
    products: each(rawProducts, (p) => productSchema.safeParse(p).data),
    promotions: each(field(input, 'promotions'), (p) => promotionSchema.safeParse(p).data),
    coupons: each(field(input, 'coupons'), (c) => couponSchema.safeParse(c).data),
    writtenSkus,
  };
}

/**
 * Validates a catalog document (already parsed from JSON, or built from a product sheet) and
 * indexes it. Every problem is reported with its path, e.g.
 * `products[12].gtins[0]: bad check digit, expected 7, found 3`.
 */
export function importCatalog(input: unknown): Result<Catalog, CatalogIssue[]> {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) return err([...fromZodIssues(parsed.error.issues), ...crossCheck(soundParts(input))]);
  const data = parsed.data;
  const issues = crossCheck({ ...data, writtenSkus: new Set(data.products.map((p) => p.sku)) });
  return issues.length > 0 ? err(issues) : ok(new Catalog(data));
}
