// A checked catalog with the lookups a cart and a store need on every scan: by SKU, by barcode
// (GTIN), by produce PLU, by the item reference on a deli label, by the recognition model's
// label, and by name for the produce picker. Immutable: a new catalog version is a new object.
import { parseGtin } from '../codes/gtin.js';
import { parsePlu } from '../codes/plu.js';
import { NameIndex } from './name-search.js';
import type { CatalogData, Coupon, Product, Promotion, StoreSettings, TaxClass, WeighedProduct } from './schema.js';

/** A PLU lookup: the product, and whether the code said organic. */
export interface PluMatch {
  readonly product: Product;
  /**
   * True for a 9xxxx code. When the catalog has no organic product of its own for that code,
   * this is the conventional product with the flag set, so the receipt can still say organic.
   */
  readonly organic: boolean;
}

export interface NameSearchOptions {
  /** At most this many results (default 20). */
  readonly limit?: number;
  /** Only products sold this way (the produce picker asks for 'weight'). */
  readonly soldBy?: Product['soldBy'];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Adds `item` under `key` unless the key is taken: the first product wins, as import reported the rest. */
function indexOnce<K, V>(map: Map<K, V>, key: K, item: V): void {
  if (!map.has(key)) map.set(key, item);
}

export class Catalog {
  /** Increases with every change; carts sync by version. */
  readonly version: number;
  readonly store: StoreSettings;
  readonly products: readonly Product[];
  readonly promotions: readonly Promotion[];
  readonly coupons: readonly Coupon[];

  readonly #bySku = new Map<string, Product>();
  readonly #byGtin = new Map<string, Product>();
  readonly #byPlu = new Map<string, Product>();
  readonly #byItemReference = new Map<string, WeighedProduct>();
  readonly #byVisionLabel = new Map<string, Product[]>();
  readonly #taxClasses = new Map<string, TaxClass>();
  readonly #coupons = new Map<string, Coupon>();
  readonly #promotionsBySku = new Map<string, Promotion[]>();
  readonly #names: NameIndex<Product>;

  /** Use importCatalog, which checks the data first; this only indexes it (and freezes it). */
  constructor(data: CatalogData) {
    deepFreeze(data);
    this.version = data.version;
    this.store = data.store;
    this.products = data.products;
    this.promotions = data.promotions;
    this.coupons = data.coupons;

    for (const product of data.products) {
      indexOnce(this.#bySku, product.sku, product);
      for (const text of product.gtins) {
        const gtin = parseGtin(text);
        if (gtin.ok) indexOnce(this.#byGtin, gtin.value.gtin14, product);
      }
      if (product.plu !== undefined) indexOnce(this.#byPlu, product.plu, product);
      if (product.soldBy === 'weight' && product.itemReference !== undefined) indexOnce(this.#byItemReference, product.itemReference, product);
      if (product.visionLabel !== undefined) {
        const list = this.#byVisionLabel.get(product.visionLabel);
        if (list) list.push(product);
        else this.#byVisionLabel.set(product.visionLabel, [product]);
      }
    }
    for (const taxClass of data.store.taxClasses) indexOnce(this.#taxClasses, taxClass.id, taxClass);
    for (const coupon of data.coupons) indexOnce(this.#coupons, coupon.code, coupon);
    for (const promotion of data.promotions) {
      for (const sku of new Set(promotion.skus)) {
        const list = this.#promotionsBySku.get(sku);
        if (list) list.push(promotion);
        else this.#promotionsBySku.set(sku, [promotion]);
      }
    }
    this.#names = new NameIndex(data.products, (p) => [
      p.name,
      ...Object.values(p.names ?? {}),
      ...(p.brand !== undefined ? [p.brand] : []),
      ...(p.plu !== undefined ? [p.plu] : []),
    ]);
    Object.freeze(this);
  }

  bySku(sku: string): Product | undefined {
    return this.#bySku.get(sku);
  }

  /** By a GTIN-8, -12 (UPC-A), -13 (EAN) or -14 as scanned; undefined for an invalid or unknown code. */
  byGtin(code: string): Product | undefined {
    const gtin = parseGtin(code);
    return gtin.ok ? this.#byGtin.get(gtin.value.gtin14) : undefined;
  }

  /**
   * By a produce PLU. An organic code (9 + the conventional code) finds the organic product
   * when the catalog has one, otherwise the conventional product flagged organic.
   */
  byPlu(code: string): PluMatch | undefined {
    const plu = parsePlu(code);
    if (!plu.ok) return undefined;
    const exact = this.#byPlu.get(code);
    if (exact) return { product: exact, organic: plu.value.organic };
    if (!plu.value.organic) return undefined;
    const conventional = this.#byPlu.get(plu.value.plu);
    return conventional ? { product: conventional, organic: true } : undefined;
  }

  /** By the item reference decoded from a variable-measure (deli or meat counter) label. */
  byItemReference(itemReference: string): WeighedProduct | undefined {
    return this.#byItemReference.get(itemReference);
  }

  /** The products the recognition model's label names, in catalog order (conventional and organic bananas share one). */
  byVisionLabel(label: string): readonly Product[] {
    return this.#byVisionLabel.get(label) ?? [];
  }

  /** Every vision label in the catalog, once each, in catalog order. */
  get visionLabels(): readonly string[] {
    return [...this.#byVisionLabel.keys()];
  }

  taxClass(id: string): TaxClass | undefined {
    return this.#taxClasses.get(id);
  }

  /** By the code on a coupon, as scanned or typed (case and surrounding spaces ignored). */
  coupon(code: string): Coupon | undefined {
    return this.#coupons.get(code.trim().toUpperCase());
  }

  /** The promotions that include this SKU, in catalog order. */
  promotionsFor(sku: string): readonly Promotion[] {
    return this.#promotionsBySku.get(sku) ?? [];
  }

  /**
   * By name, in English or any translation, ignoring case and accents, best match first:
   * "manz" finds the apples through their Spanish name "Manzana ...".
   */
  search(query: string, options: NameSearchOptions = {}): readonly Product[] {
    const { limit = 20, soldBy } = options;
    return this.#names.search(query, limit, soldBy === undefined ? undefined : (p) => p.soldBy === soldBy);
  }
}
