// From the gallery's ranking to what the cart says: the top products with their SKUs, or
// "unknown" when the picture is not like any catalog item.
import type { Match } from './gallery.js';

export interface Suggestion {
  /** The fine class name (the catalog's `visionLabel`). */
  readonly label: string;
  /** The catalog product with that vision label; null when the catalog has none. */
  readonly sku: string | null;
  /** Probability 0..1 (softmax over the gallery). */
  readonly score: number;
}

export interface Verdict {
  /** The closest products, best first, even when `unknown` (the picker may still offer them). */
  readonly top: readonly Suggestion[];
  /** True when the best match is too weak to name a product: not something the store sells. */
  readonly unknown: boolean;
}

/** Looks up the SKU for a vision label; null when the catalog has no such product. */
export type SkuLookup = (label: string) => string | null;

/** When the answer is "unknown" (both numbers come from the model's spec). */
export interface UnknownRule {
  /** The best product's cosine must reach this. */
  readonly unknownBelow: number;
  /** A not-a-product reference closer than the best product by more than this wins. */
  readonly notProductMargin: number;
}

/**
 * Unknown when the best product match is weak, or a not-a-product reference (an empty basket, a
 * hand) is clearly closer; the suggestions are the closest products either way.
 */
export function decide(ranked: readonly Match[], topK: number, rule: UnknownRule, skuOf: SkuLookup): Verdict {
  const products = ranked.filter((m) => m.product);
  // The rules look at the closest product, which the kind weighting may have ranked second.
  const bestCosine = Math.max(...products.map((m) => m.cosine));
  const notProduct = Math.max(...ranked.filter((m) => !m.product).map((m) => m.cosine));
  return {
    top: products.slice(0, Math.max(0, topK)).map((m) => ({ label: m.label, sku: skuOf(m.label), score: m.probability })),
    unknown: products.length === 0 || bestCosine < rule.unknownBelow || notProduct > bestCosine + rule.notProductMargin,
  };
}
