// The promotion problem in unit counts. Units of one SKU are interchangeable, so the basket's
// each-items become SKU blocks (count, price), and the group offers (multibuy, buy X get Y)
// become offers over blocks. Blocks that no group offer can use are settled on their own;
// the rest split into independent components (SKUs linked by shared offers), each solved
// separately, which keeps the exact search small.
import type { Promotion } from '../../../domain/common/catalog/schema.js';
import type { ShopperContext } from './basket.js';
import type { DatedPromotion, PricingCatalog } from './catalog-view.js';
import { bestStandalone, isActive, type StandaloneOffer } from './offers.js';
import { percentOf } from '../money/rounding.js';

export interface SkuBlock {
  readonly sku: string;
  readonly count: number;
  /** The shopper's unit price (member price where it applies). */
  readonly price: number;
  /** What a unit costs outside any group offer: price less its best stand-alone discount. */
  readonly base: number;
  readonly standalone: StandaloneOffer | undefined;
  /** The group offers that can take this block's units: indices into Component.offers, ascending (catalog order). */
  readonly offers: readonly number[];
}

type GroupPromotion = Extract<Promotion, { kind: 'multibuy' | 'buyXgetY' }>;

interface OfferBase {
  readonly dated: DatedPromotion;
  /** Units per application: `quantity` for a multibuy, buy + get for buy X get Y. */
  readonly size: number;
}

export type GroupOffer =
  | (OfferBase & { readonly kind: 'multibuy'; readonly price: number })
  | (OfferBase & {
      readonly kind: 'buyXgetY';
      readonly buy: number;
      /** Minor units off a discounted ("get") unit, by block index in the component. */
      readonly discounts: readonly number[];
    });

export interface Component {
  /** Dearest first, then by SKU: the order the exact search and greedy both walk units in. */
  readonly blocks: readonly SkuBlock[];
  /** Catalog order. */
  readonly offers: readonly GroupOffer[];
}

export interface UnitProblem {
  readonly components: readonly Component[];
  /** Blocks no group offer can use: every unit costs `base`. */
  readonly loose: readonly SkuBlock[];
}

export interface EachUnits {
  readonly sku: string;
  readonly count: number;
  readonly price: number;
}

interface DraftBlock extends EachUnits {
  readonly base: number;
  readonly standalone: StandaloneOffer | undefined;
}

/** Dearest first, then by SKU (code-unit order, the same on every machine). */
function canonical(a: EachUnits, b: EachUnits): number {
  return b.price - a.price || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
}

/** Could one application of this offer ever beat its units' base costs? If not, it only widens the search. */
function canSave(promotion: GroupPromotion, members: readonly DraftBlock[]): boolean {
  if (promotion.kind === 'multibuy') {
    // The dearest `quantity` units by base cost against the offer price.
    let need = promotion.quantity;
    let sum = 0;
    for (const b of [...members].sort((x, y) => y.base - x.base)) {
      const take = Math.min(need, b.count);
      sum += take * b.base;
      need -= take;
      if (need === 0) break;
    }
    return need === 0 && sum > promotion.price;
  }
  const units = members.reduce((n, b) => n + b.count, 0);
  return units >= promotion.buy + promotion.get && members.some((b) => percentOf(b.price, promotion.percentOff) > 0);
}

/** A running multibuy or buy-X-get-Y as the search sees it; `prices` are the component's block prices. */
function groupOffer(dated: DatedPromotion, p: GroupPromotion, prices: readonly number[]): GroupOffer {
  return p.kind === 'multibuy'
    ? { kind: 'multibuy', dated, size: p.quantity, price: p.price }
    : { kind: 'buyXgetY', dated, size: p.buy + p.get, buy: p.buy, discounts: prices.map((price) => percentOf(price, p.percentOff)) };
}

/** Union-find root with path halving. */
function root(parent: number[], i: number): number {
  let x = i;
  while (parent[x] !== x) {
    const up = parent[parent[x] as number] as number;
    parent[x] = up;
    x = up;
  }
  return x;
}

/** Builds the blocks and components for the each-items of a basket (one entry per SKU). */
export function buildProblem(catalog: PricingCatalog, units: readonly EachUnits[], context: ShopperContext): UnitProblem {
  const drafts: DraftBlock[] = [...units].sort(canonical).map(({ sku, count, price }) => {
    const standalone = bestStandalone(catalog.promotionsFor(sku), price, true, context);
    return { sku, count, price, base: price - (standalone?.discount ?? 0), standalone };
  });
  const blockIndex = new Map(drafts.map((b, i) => [b.sku, i]));

  // Group offers that are running, open to this shopper, and able to save something here.
  const offers = new Map<number, { dated: DatedPromotion; promotion: GroupPromotion; members: number[] }>();
  for (const draft of drafts) {
    for (const dated of catalog.promotionsFor(draft.sku)) {
      const promotion = dated.promotion;
      if ((promotion.kind !== 'multibuy' && promotion.kind !== 'buyXgetY') || offers.has(dated.rank) || !isActive(dated, context)) continue;
      const members = [...new Set(promotion.skus)]
        .map((sku) => blockIndex.get(sku))
        .filter((i): i is number => i !== undefined)
        .sort((a, b) => a - b);
      offers.set(dated.rank, { dated, promotion, members });
    }
  }
  const useful = [...offers.values()]
    .filter((o) => canSave(o.promotion, o.members.map((i) => drafts[i] as DraftBlock)))
    .sort((a, b) => a.dated.rank - b.dated.rank);

  const parent = drafts.map((_, i) => i);
  for (const o of useful) {
    for (const m of o.members) parent[root(parent, m)] = root(parent, o.members[0] as number);
  }
  const inOffer = new Set(useful.flatMap((o) => o.members));
  const groups = new Map<number, number[]>();
  drafts.forEach((_, i) => {
    if (!inOffer.has(i)) return;
    const r = root(parent, i);
    const list = groups.get(r);
    if (list) list.push(i);
    else groups.set(r, [i]);
  });

  const components: Component[] = [];
  for (const members of groups.values()) {
    const here = new Set(members);
    const mine = useful.filter((o) => here.has(o.members[0] as number));
    const componentOffers = mine.map((o) => groupOffer(o.dated, o.promotion, members.map((g) => (drafts[g] as DraftBlock).price)));
    const blocks = members.map((global): SkuBlock => {
      const d = drafts[global] as DraftBlock;
      const offerIdx: number[] = [];
      mine.forEach((o, k) => {
        if (o.members.includes(global)) offerIdx.push(k);
      });
      return { sku: d.sku, count: d.count, price: d.price, base: d.base, standalone: d.standalone, offers: offerIdx };
    });
    components.push({ blocks, offers: componentOffers });
  }
  const loose = drafts
    .filter((_, i) => !inOffer.has(i))
    .map(({ sku, count, price, base, standalone }): SkuBlock => ({ sku, count, price, base, standalone, offers: [] }));
  return { components, loose };
}
