// What can be wrong with a basket, in words a person can act on. Returned in a Result, never
// thrown: a bad scan must leave the cart showing its last good total, not a stack trace.

export type PricingErrorKind =
  /** The basket or shopper context does not have the documented shape (path says where). */
  | 'invalidBasket'
  /** Two lines share a lineId, so a removal could not say which one it means. */
  | 'duplicateLineId'
  /** A SKU the catalog does not have. */
  | 'unknownSku'
  /** A net weight on an item sold by each. */
  | 'weightOnEachItem'
  /** A unit count on an item sold by weight. */
  | 'quantityOnWeighedItem'
  /** An embedded label price on an item sold by each (labels are for weighed counters). */
  | 'labelPriceOnEachItem'
  /** A product whose tax class the store does not define (a catalog fault). */
  | 'unknownTaxClass'
  /** More units than the engine's documented bounds (see basket.ts). */
  | 'basketTooLarge';

export class PricingError {
  constructor(
    readonly kind: PricingErrorKind,
    readonly message: string,
    /** Where in the input: ['lines', 3, 'quantity'], or [] for the basket as a whole. */
    readonly path: readonly (string | number)[] = [],
    readonly lineId?: string,
  ) {}
}
