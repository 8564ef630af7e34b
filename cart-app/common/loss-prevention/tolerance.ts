// How close a weight must be to what was scanned to count as the same thing.
//
// `sigma` is the reconciler's rule: the difference over the combined standard deviation of the
// products' weight models, the scale's step uncertainty and a floor for the scale itself (creep,
// where on the basket the item sits), at most `k`. So a 36 g pack of gum is checked to a few
// grams and a rotisserie chicken to a couple of hundred. `fixed` is the naive rule stores start
// with (the same ± grams for every product), kept to measure the other against.
export type ToleranceRule = { readonly kind: 'sigma'; readonly k: number } | { readonly kind: 'fixed'; readonly grams: number };

export const defaultTolerance: ToleranceRule = { kind: 'sigma', k: 4 };

/** The scale's own floor, mg (one standard deviation), added to every weight step compared. */
export const SCALE_FLOOR_MG = 1500;

/**
 * How badly a weight difference fits: 0 is perfect, 1 is the edge of the tolerance, above 1 does
 * not fit. `sdMg` is the combined standard deviation of the comparison.
 */
export function misfit(rule: ToleranceRule, differenceMg: number, sdMg: number): number {
  const d = Math.abs(differenceMg);
  return rule.kind === 'sigma' ? d / (rule.k * Math.max(sdMg, 1)) : d / (rule.grams * 1000);
}

/** The rule in words, for tables and notes: "4σ" or "±50 g". */
export function describeTolerance(rule: ToleranceRule): string {
  return rule.kind === 'sigma' ? `${rule.k}σ` : `±${rule.grams} g`;
}
