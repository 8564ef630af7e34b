// Coupons, after promotions. Rules, in the order they are checked: the code must be known and
// given once; not expired (expiresAt is exclusive); members-only coupons need a member; the
// shopper's past uses must be below the per-shopper limit; the goods the coupon covers (its
// SKUs, or the whole basket) must reach the threshold, measured after promotions and before any
// coupon; and there must be something left to take the discount off.
//
// Coupons on named SKUs go first, then basket coupons; within each, catalog order (never the
// order the shopper typed them, so re-pricing is stable). A percent coupon takes that percent
// (rounded half up) of what is left of its goods; an amount coupon takes at most what is left.
// An item coupon is split across its SKUs and weighed lines in proportion to what they cost
// (largest remainder, in SKU order), then across a SKU's lines; a basket coupon is split across
// tax classes the same way, so each class's tax is on what the shopper really paid.
import type { Coupon } from '../../../domain/common/catalog/schema.js';
import { allocate } from '../money/allocate.js';
import { formatMoney } from '../money/format.js';
import { percentOf } from '../money/rounding.js';
import type { ShopperContext } from './basket.js';
import { instant, normaliseCouponCode, type PricingCatalog } from './catalog-view.js';
import type { PricedLine } from './lines.js';
import type { AppliedCoupon, CouponRejection, LineSaving, RejectedCoupon } from './receipt.js';

export interface CouponOutcome {
  /** Each line's cost after item coupons, aligned with the priced lines. */
  readonly lineNets: readonly number[];
  readonly lineSavings: readonly (readonly LineSaving[])[];
  /** Basket coupons' discount per tax class id. */
  readonly basketByClass: ReadonlyMap<string, number>;
  readonly applied: readonly AppliedCoupon[];
  readonly rejected: readonly RejectedCoupon[];
}

interface Candidate {
  readonly given: string;
  readonly coupon: Coupon;
  readonly rank: number;
}

/** Groups of lines a coupon is split across: one per SKU sold by each, one per weighed or labelled line. */
function entriesOf(lines: readonly PricedLine[], eligible: readonly number[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of eligible) {
    const l = lines[i] as PricedLine;
    const key = l.kind === 'each' ? `${l.line.sku}\u0000` : `${l.line.sku}\u0000${l.line.lineId}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k) as number[]);
}

function sumOf(values: readonly number[], indices: readonly number[]): number {
  let sum = 0;
  for (const i of indices) sum += values[i] as number;
  return sum;
}

export function applyCoupons(catalog: PricingCatalog, lines: readonly PricedLine[], promotedNets: readonly number[], context: ShopperContext): CouponOutcome {
  const { store } = catalog;
  const money = (minor: number): string => formatMoney(minor, store.currency, store.minorUnits, store.locale);
  const rejected: RejectedCoupon[] = [];
  const reject = (code: string, reason: CouponRejection, message: string): void => {
    rejected.push({ code, reason, message });
  };

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const given of context.coupons) {
    const found = catalog.coupon(given);
    if (!found) reject(given, 'unknown', `"${given}" is not a coupon this store knows`);
    else if (seen.has(found.coupon.code)) reject(given, 'duplicate', `${found.coupon.name} was given more than once; it counts once`);
    else candidates.push({ given, ...found });
    if (found) seen.add(found.coupon.code);
  }
  candidates.sort((a, b) => Number(a.coupon.skus === undefined) - Number(b.coupon.skus === undefined) || a.rank - b.rank);

  const uses = new Map(Object.entries(context.couponUses).map(([code, n]) => [normaliseCouponCode(code), n]));
  const nets = [...promotedNets];
  const lineSavings = lines.map((): LineSaving[] => []);
  const classLeft = new Map<string, number>();
  const basketByClass = new Map<string, number>();
  const applied: AppliedCoupon[] = [];

  for (const { given, coupon } of candidates) {
    const { name } = coupon;
    const used = uses.get(coupon.code) ?? 0;
    if (context.now >= instant(coupon.expiresAt, Infinity)) {
      reject(given, 'expired', `${name} expired at ${coupon.expiresAt}`);
      continue;
    }
    if (coupon.membersOnly && !context.member) {
      reject(given, 'membersOnly', `${name} is for members only`);
      continue;
    }
    if (coupon.limitPerShopper !== undefined && used >= coupon.limitPerShopper) {
      reject(given, 'limitReached', `${name} can be used ${coupon.limitPerShopper} time(s) per shopper and has been used ${used}`);
      continue;
    }
    const skus = coupon.skus ? new Set(coupon.skus) : undefined;
    const eligible: number[] = [];
    lines.forEach((l, i) => {
      if (!skus || skus.has(l.line.sku)) eligible.push(i);
    });
    if (eligible.length === 0) {
      reject(given, 'noEligibleItems', `${name} is for items that are not in the basket`);
      continue;
    }
    const spend = sumOf(promotedNets, eligible);
    if (spend < coupon.threshold) {
      reject(given, 'belowThreshold', `${name} needs ${money(coupon.threshold)} of ${skus ? 'eligible items' : 'shopping'}; the basket has ${money(spend)}`);
      continue;
    }
    if (!skus && classLeft.size === 0) {
      // Store order, not basket order, so the split does not depend on the order of scans.
      const byClass = new Map<string, number>();
      lines.forEach((l, i) => byClass.set(l.product.taxClass, (byClass.get(l.product.taxClass) ?? 0) + (nets[i] as number)));
      for (const t of store.taxClasses) if (byClass.has(t.id)) classLeft.set(t.id, byClass.get(t.id) as number);
    }
    const left = skus ? sumOf(nets, eligible) : [...classLeft.values()].reduce((a, b) => a + b, 0);
    const discount = 'percent' in coupon.discount ? percentOf(left, coupon.discount.percent) : Math.min(coupon.discount.amount, left);
    if (discount === 0) {
      reject(given, 'nothingToDiscount', `${name} has nothing left to take off`);
      continue;
    }
    applied.push({ code: coupon.code, name, scope: skus ? 'items' : 'basket', amount: discount });
    if (skus) {
      const entries = entriesOf(lines, eligible);
      allocate(discount, entries.map((e) => sumOf(nets, e))).forEach((share, e) => {
        const members = entries[e] as number[];
        allocate(share, members.map((i) => nets[i] as number)).forEach((part, m) => {
          const i = members[m] as number;
          if (part === 0) return;
          nets[i] = (nets[i] as number) - part;
          (lineSavings[i] as LineSaving[]).push({ kind: 'coupon', id: coupon.code, name, amount: part });
        });
      });
    } else {
      const classes = [...classLeft.keys()];
      allocate(discount, classes.map((c) => classLeft.get(c) as number)).forEach((part, k) => {
        const c = classes[k] as string;
        classLeft.set(c, (classLeft.get(c) as number) - part);
        basketByClass.set(c, (basketByClass.get(c) ?? 0) + part);
      });
    }
  }
  return { lineNets: nets, lineSavings, basketByClass, applied, rejected };
}
