// Row shapes for the demo store's tables: one line of a table is one product, in the order a
// buyer would list them. The builder turns rows into catalog products.

/** Loose produce and counter items, priced per lb. */
export interface WeighedRow {
  readonly sku: string;
  readonly name: string;
  readonly es: string;
  /** Cents per lb. */
  readonly price: number;
  readonly memberPrice?: number;
  readonly plu?: string;
  readonly itemReference?: string;
  readonly typicalGrams: number;
  readonly tareGrams?: number;
  readonly visionLabel?: string;
  readonly taxClass?: string;
}

/** How an each-item's barcode is numbered (see build.ts for the prefixes). */
export type Barcode =
  /** UPC-A under the store's own company prefix, with this 5-digit item reference. */
  | { readonly upc: number }
  /** EAN-13 under the Swedish importer's prefix (the Grocery Store Dataset's packages). */
  | { readonly ean13: number }
  /** EAN-8 for small packs with no room for a longer code. */
  | { readonly ean8: number }
  /** GTIN-14 of a shipping case (indicator digit 1) around the UPC item it holds. */
  | { readonly caseOf: number }
  /** No barcode: produce with a PLU sticker, sold by the unit. */
  | { readonly plu: string };

/** Items sold by the unit. */
export interface EachRow {
  readonly sku: string;
  readonly name: string;
  readonly es: string;
  readonly brand?: string;
  /** Cents. */
  readonly price: number;
  readonly memberPrice?: number;
  readonly code: Barcode;
  /** Extra barcodes, such as an older pack still on the shelf. */
  readonly moreCodes?: readonly Barcode[];
  /** Mean and spread of one unit's weight in grams, for the basket scale. */
  readonly grams: readonly [mean: number, sd: number];
  readonly deposit?: number;
  readonly visionLabel?: string;
}

/** A table of rows sharing an aisle, a category and a tax class. */
export interface Section<Row> {
  readonly category: string;
  readonly aisle: string;
  readonly taxClass: string;
  readonly minimumAge?: number;
  readonly rows: readonly Row[];
}
