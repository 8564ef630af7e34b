// Which promotions a shopper gets right now, and what a stand-alone offer (percent or amount
// off each unit) takes off one unit or one weighed line.
import { percentOf } from '../money/rounding.js';
import type { ShopperContext } from './basket.js';
import type { DatedPromotion } from './catalog-view.js';

/** Running at `now` (start inclusive, end exclusive) and open to this shopper. */
export function isActive(dated: DatedPromotion, context: ShopperContext): boolean {
  return dated.startsMs <= context.now && context.now < dated.endsMs && (!dated.promotion.membersOnly || context.member);
}

export interface StandaloneOffer {
  readonly dated: DatedPromotion;
  /** Minor units off one unit (or off one weighed line). */
  readonly discount: number;
}

/**
 * The best stand-alone offer for one unit at `price` (or one weighed line costing `price`):
 * percent off, or amount off (never below zero) where the item is counted in units. The
 * larger discount wins; a tie goes to the offer listed first in the catalog.
 */
export function bestStandalone(
  promotions: readonly DatedPromotion[],
  price: number,
  countedInUnits: boolean,
  context: ShopperContext,
): StandaloneOffer | undefined {
  let best: StandaloneOffer | undefined;
  for (const dated of promotions) {
    const { promotion } = dated;
    let discount: number;
    if (promotion.kind === 'percentOff') discount = percentOf(price, promotion.percent);
    else if (promotion.kind === 'amountOff' && countedInUnits) discount = Math.min(promotion.amount, price);
    else continue;
    if (discount > 0 && (!best || discount > best.discount) && isActive(dated, context)) best = { dated, discount };
  }
  return best;
}
