// The receipt: what the cart shows as the running total and what the store charges. Every
// amount is integer minor units of `currency`; format with money/format.ts. Two pricings of the
// same basket, catalog and context give deep-equal receipts.
import type { Promotion, StoreSettings } from '../../../domain/common/catalog/schema.js';

export type LineMeasure =
  | { readonly kind: 'each'; readonly quantity: number }
  /** Net weight in mg; `per` is the unit the price is quoted in. */
  | { readonly kind: 'weight'; readonly netMg: number; readonly per: 'kg' | 'lb' }
  /** A variable-measure label that printed its own price. */
  | { readonly kind: 'label' };

export interface LineSaving {
  readonly kind: 'member' | 'promotion' | 'coupon';
  /** 'member', the promotion id, or the coupon code. */
  readonly id: string;
  readonly name: string;
  readonly amount: number;
}

export interface ReceiptLine {
  readonly lineId: string;
  readonly sku: string;
  readonly name: string;
  readonly taxClass: string;
  readonly measure: LineMeasure;
  /** Regular price per unit, per kg or lb, or the label's price. */
  readonly unitPrice: number;
  /** The member price per unit (or per kg or lb) when it applied, else undefined. */
  readonly memberUnitPrice: number | undefined;
  /** Before any saving. */
  readonly regularTotal: number;
  readonly savings: readonly LineSaving[];
  /** After member price, promotions and item coupons (basket coupons are receipt-level). */
  readonly total: number;
  /**
   * Set when a staff member's hand-set price is the line's price (then `unitPrice` is it, and
   * `regularTotal` is computed from it): the price, and the unit price it replaced.
   */
  readonly staffSet?: { readonly price: number; readonly replaced: number };
}

export interface AppliedPromotion {
  readonly id: string;
  readonly name: string;
  readonly kind: Promotion['kind'];
  /** Groups formed (multibuy, buy X get Y), or units and weighed lines discounted (percent or amount off). */
  readonly times: number;
  readonly saving: number;
}

export interface AppliedCoupon {
  readonly code: string;
  readonly name: string;
  /** 'items' for a coupon on named SKUs, 'basket' for one on the whole basket. */
  readonly scope: 'items' | 'basket';
  readonly amount: number;
}

export type CouponRejection =
  | 'unknown'
  | 'duplicate'
  | 'expired'
  | 'membersOnly'
  | 'limitReached'
  | 'belowThreshold'
  | 'noEligibleItems'
  | 'nothingToDiscount';

export interface RejectedCoupon {
  /** As the shopper gave it. */
  readonly code: string;
  readonly reason: CouponRejection;
  readonly message: string;
}

export interface TaxLine {
  readonly taxClass: string;
  readonly name: string;
  /** Parts per million (8.875% is 88,750). */
  readonly rate: number;
  /** The amount the tax is on: the class's goods after every discount (and its deposits, when the store taxes them). */
  readonly taxable: number;
  readonly tax: number;
}

export interface DepositLine {
  readonly lineId: string;
  readonly sku: string;
  readonly name: string;
  /** The product's class; the deposit is taxed in it only when the store's policy says so. */
  readonly taxClass: string;
  /** Containers: the quantity of an each-line, 1 for a weighed or labelled line. */
  readonly quantity: number;
  readonly unitDeposit: number;
  readonly total: number;
}

export interface Receipt {
  readonly currency: string;
  readonly minorUnits: number;
  readonly locale: string;
  /** 'inclusive': `taxes` are contained in the prices; 'exclusive': they are added to the total. */
  readonly taxMode: StoreSettings['taxMode'];
  /** True when the promotions are proven the cheapest combination (false past the search budget, or under the greedy strategy). */
  readonly optimal: boolean;
  readonly lines: readonly ReceiptLine[];
  readonly promotions: readonly AppliedPromotion[];
  readonly coupons: { readonly applied: readonly AppliedCoupon[]; readonly rejected: readonly RejectedCoupon[] };
  /** Sum of the lines' regular totals. */
  readonly regularSubtotal: number;
  /** Goods after every saving (member prices, promotions, item and basket coupons), before deposits and added tax. */
  readonly subtotal: number;
  readonly taxes: readonly TaxLine[];
  readonly tax: number;
  readonly deposits: readonly DepositLine[];
  readonly depositTotal: number;
  /** What the shopper pays: subtotal + deposits (+ tax when it is added). */
  readonly total: number;
  readonly savings: { readonly member: number; readonly promotions: number; readonly coupons: number; readonly total: number };
}
