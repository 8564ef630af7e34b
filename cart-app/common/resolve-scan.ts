// What a code read at the cart means for the basket: which product, how much of it, or a
// coupon. The camera pipeline, the PLU keypad and the emulator all come through here, so the
// rules for a code live in one place.
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import type { Product } from '../../domain/common/catalog/schema.js';
import { interpretCode } from '../../domain/common/codes/interpret.js';
import { err, ok, type Result } from '../../domain/common/result.js';

/** What to put in the basket for a code. */
export type ScanOutcome =
  | { readonly kind: 'item'; readonly product: Product; readonly measure: { by: 'each'; quantity: number } | { by: 'weight'; netMg: number }; readonly labelPrice?: number; readonly organic?: boolean }
  /** A product sold by weight whose weight must come from the scale (a PLU, a GTIN with no weight). */
  | { readonly kind: 'needs-weight'; readonly product: Product; readonly organic: boolean }
  | { readonly kind: 'coupon'; readonly code: string };

export interface ScanProblem {
  readonly code: 'unreadable' | 'unknown-product' | 'unknown-text' | 'not-weighed';
  /** Plain words for the shopper: what happened and what to do. */
  readonly message: string;
}

const problem = (code: ScanProblem['code'], message: string) => err<ScanProblem>({ code, message });

function byMeasure(product: Product, netMg: number | undefined): Result<ScanOutcome, ScanProblem> {
  if (product.soldBy === 'each') return ok({ kind: 'item', product, measure: { by: 'each', quantity: 1 } });
  if (netMg !== undefined) return ok({ kind: 'item', product, measure: { by: 'weight', netMg } });
  return ok({ kind: 'needs-weight', product, organic: false });
}

/**
 * Resolves a scanned or typed code against the catalog. `symbology` is ZXing's name when a
 * camera read it (EAN_13, UPC_E, RSS_EXPANDED, QR_CODE …), absent when typed.
 */
export function resolveScan(catalog: Catalog, text: string, symbology?: string): Result<ScanOutcome, ScanProblem> {
  const code = interpretCode(text, { layouts: catalog.store.variableMeasure, ...(symbology !== undefined ? { symbology } : {}) });
  if (!code.ok) {
    // Free text that is not a product code may still be a coupon typed or scanned as a QR.
    const coupon = catalog.coupon(text);
    if (coupon) return ok({ kind: 'coupon', code: coupon.code });
    return problem('unreadable', `That code could not be read (${code.error.message}). Try scanning it again.`);
  }
  const scanned = code.value;
  switch (scanned.kind) {
    case 'gtin': {
      const product = catalog.byGtin(scanned.gtin14);
      return product ? byMeasure(product, undefined) : problem('unknown-product', `We don't sell the item with barcode ${scanned.gtin14.replace(/^0+/, '')} here. Ask a staff member.`);
    }
    case 'variable-measure': {
      const product = catalog.byItemReference(scanned.itemReference);
      if (!product) return problem('unknown-product', `The label's item ${scanned.itemReference} is not in this store's catalog. Ask at the counter.`);
      // A label that prints its price is one package at that price, whatever it weighs.
      if (scanned.price !== undefined) return ok({ kind: 'item', product, measure: { by: 'each', quantity: 1 }, labelPrice: scanned.price });
      return byMeasure(product, scanned.netMg);
    }
    case 'gs1': {
      const product = scanned.gtin14 !== undefined ? catalog.byGtin(scanned.gtin14) : undefined;
      if (!product) return problem('unknown-product', 'That label is not for a product in this store. Ask a staff member.');
      return byMeasure(product, scanned.netMg);
    }
    case 'plu': {
      const match = catalog.byPlu(scanned.code);
      if (!match) return problem('unknown-product', `No produce with PLU ${scanned.code} in this store. Check the sticker or search by name.`);
      if (match.product.soldBy === 'each') return ok({ kind: 'item', product: match.product, measure: { by: 'each', quantity: 1 }, organic: match.organic });
      return ok({ kind: 'needs-weight', product: match.product, organic: match.organic });
    }
    case 'text': {
      const coupon = catalog.coupon(scanned.text);
      if (coupon) return ok({ kind: 'coupon', code: coupon.code });
      return problem('unknown-text', "That code isn't a product or a coupon from this store.");
    }
  }
}
