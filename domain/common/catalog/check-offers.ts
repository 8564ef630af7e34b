// Cross-checks on promotions and coupons: what they point at must exist, dates must run
// forwards, and an offer must be able to save the shopper something.
import { FirstSeen } from './first-seen.js';
import { issueAt, type CatalogIssue, type CatalogPath } from './issue.js';
import type { Coupon, Product, Promotion } from './schema.js';

/**
 * What the offers may refer to. `knownSkus` also holds the SKUs of products that failed the
 * schema, so that one bad product does not make every promotion on it look wrong too.
 */
export interface OfferContext {
  readonly products: ReadonlyMap<string, Product>;
  readonly knownSkus: ReadonlySet<string>;
}

function checkSkus(skus: readonly string[], at: CatalogPath, context: OfferContext, issues: CatalogIssue[]): Product[] {
  const seen = new Set<string>();
  const found: Product[] = [];
  skus.forEach((sku, s) => {
    if (seen.has(sku)) issues.push(issueAt([...at, 'skus', s], `SKU "${sku}" is listed twice`));
    seen.add(sku);
    const product = context.products.get(sku);
    if (product) found.push(product);
    else if (!context.knownSkus.has(sku)) issues.push(issueAt([...at, 'skus', s], `unknown SKU "${sku}"`));
  });
  return found;
}

function checkDates(startsAt: string | undefined, endsAt: string | undefined, at: CatalogPath, issues: CatalogIssue[]): void {
  if (startsAt !== undefined && endsAt !== undefined && Date.parse(endsAt) <= Date.parse(startsAt)) {
    issues.push(issueAt([...at, 'endsAt'], `ends (${endsAt}) before it starts (${startsAt})`));
  }
}

/** Multibuy, buy-X-get-Y and amount-off count units, which weighed items do not have. */
function checkCountsUnits(promotion: Promotion, products: readonly Product[], at: CatalogPath, issues: CatalogIssue[]): void {
  for (const product of products) {
    if (product.soldBy === 'weight') {
      issues.push(issueAt([...at, 'skus'], `this ${promotion.kind} promotion counts units, but "${product.sku}" is sold by weight`));
    }
  }
}

function checkPromotion(promotion: Promotion, at: CatalogPath, context: OfferContext, issues: CatalogIssue[]): void {
  const products = checkSkus(promotion.skus, at, context, issues);
  checkDates(promotion.startsAt, promotion.endsAt, at, issues);
  switch (promotion.kind) {
    case 'multibuy': {
      checkCountsUnits(promotion, products, at, issues);
      const dearest = Math.max(0, ...products.map((p) => p.price));
      if (products.length > 0 && promotion.price >= promotion.quantity * dearest) {
        issues.push(issueAt([...at, 'price'], `${promotion.quantity} for ${promotion.price} saves nothing: ${promotion.quantity} of the dearest item cost ${promotion.quantity * dearest}`));
      }
      break;
    }
    case 'buyXgetY':
      checkCountsUnits(promotion, products, at, issues);
      break;
    case 'amountOff':
      checkCountsUnits(promotion, products, at, issues);
      for (const product of products) {
        if (promotion.amount >= product.price) {
          issues.push(issueAt([...at, 'amount'], `${promotion.amount} off would make "${product.sku}" (price ${product.price}) free or negative`));
        }
      }
      break;
    case 'percentOff':
      break;
  }
}

function checkCoupon(coupon: Coupon, at: CatalogPath, context: OfferContext, issues: CatalogIssue[]): void {
  if (coupon.skus) checkSkus(coupon.skus, at, context, issues);
  if ('amount' in coupon.discount && coupon.threshold > 0 && coupon.discount.amount > coupon.threshold) {
    issues.push(issueAt([...at, 'discount', 'amount'], `takes off ${coupon.discount.amount}, more than the minimum spend of ${coupon.threshold}`));
  }
}

export function checkOffers(
  promotions: readonly (Promotion | undefined)[],
  coupons: readonly (Coupon | undefined)[],
  context: OfferContext,
): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const promotionIds = new FirstSeen('promotion id', issues);
  promotions.forEach((promotion, i) => {
    if (promotion === undefined) return;
    promotionIds.add(promotion.id, ['promotions', i, 'id']);
    checkPromotion(promotion, ['promotions', i], context, issues);
  });
  const couponCodes = new FirstSeen('coupon code', issues);
  coupons.forEach((coupon, i) => {
    if (coupon === undefined) return;
    couponCodes.add(coupon.code, ['coupons', i, 'code']);
    checkCoupon(coupon, ['coupons', i], context, issues);
  });
  return issues;
}
