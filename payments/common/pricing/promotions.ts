// Promotions over a whole basket: each-items go through the unit problem (exact search per
// component, or the greedy reference on request), weighed and label lines take their best
// percent-off on their own, and the result comes back per basket line.
//
// A line a staff member priced by hand (lines.ts) takes no promotion: the staff member sets the
// price they see the line at (the screen shows its total after promotions), so a promotion on
// top would charge less than they decided and discount damaged goods twice; and the unit search
// below rests on every unit of one SKU costing the same, which a hand-set line would break.
import type { ShopperContext } from './basket.js';
import type { DatedPromotion, PricingCatalog } from './catalog-view.js';
import type { Choices } from './choices.js';
import { greedy } from './greedy.js';
import type { PricedLine } from './lines.js';
import { bestStandalone } from './offers.js';
import { DEFAULT_BUDGET, optimise, type SearchBudget } from './optimise.js';
import { buildProblem, type Component, type EachUnits, type GroupOffer } from './problem.js';
import type { AppliedPromotion } from './receipt.js';
import { settle, settleLoose, type PromotionUse, type SettledBlock } from './settle.js';

export type PromotionStrategy =
  /** The cheapest combination for the shopper (the engine's default). */
  | { readonly kind: 'optimal'; readonly budget?: SearchBudget }
  /** The greedy reference: offers applied one at a time, in `order` (promotion ids), else in catalog order. */
  | { readonly kind: 'greedy'; readonly order?: readonly string[] };

export interface LinePromotion {
  readonly dated: DatedPromotion;
  readonly amount: number;
}

export interface PromotedLine {
  /** What the line costs after member prices and promotions. */
  readonly net: number;
  readonly savings: readonly LinePromotion[];
}

export interface PromotionOutcome {
  /** Aligned with the priced lines. */
  readonly lines: readonly PromotedLine[];
  readonly applied: readonly AppliedPromotion[];
  /** True when every component was solved exactly: false under the greedy strategy, or past the search budget. */
  readonly exact: boolean;
}

function greedyOrder(component: Component, order: readonly string[] | undefined): number[] {
  const indices = component.offers.map((_, j) => j);
  if (!order) return indices;
  const position = (j: number): number => {
    const p = order.indexOf((component.offers[j] as GroupOffer).dated.promotion.id);
    return p < 0 ? order.length : p;
  };
  return indices.sort((a, b) => position(a) - position(b) || a - b);
}

function solve(component: Component, strategy: PromotionStrategy): { choices: Choices; exact: boolean } {
  if (strategy.kind === 'greedy') return { choices: greedy(component, greedyOrder(component, strategy.order)), exact: false };
  const optimum = optimise(component, strategy.budget ?? DEFAULT_BUDGET);
  return optimum ? { choices: optimum.choices, exact: true } : { choices: greedy(component, greedyOrder(component, undefined)), exact: false };
}

/** Net cost and savings per promotion over a run of units (consecutive units of one block). */
function unitSavings(block: SettledBlock, from: number, to: number): PromotedLine {
  let net = 0;
  const amounts = new Map<DatedPromotion, number>();
  for (let u = from; u < to; u++) {
    const cost = block.costs[u] as number;
    net += cost;
    const dated = block.promotions[u];
    if (dated && cost < block.price) amounts.set(dated, (amounts.get(dated) ?? 0) + block.price - cost);
  }
  const savings = [...amounts].map(([dated, amount]) => ({ dated, amount })).sort((a, b) => a.dated.rank - b.dated.rank);
  return { net, savings };
}

function summarise(uses: readonly PromotionUse[]): AppliedPromotion[] {
  const byRank = new Map<number, { dated: DatedPromotion; times: number; saving: number }>();
  for (const use of uses) {
    const entry = byRank.get(use.dated.rank);
    if (entry) {
      entry.times += use.times;
      entry.saving += use.saving;
    } else byRank.set(use.dated.rank, { dated: use.dated, times: use.times, saving: use.saving });
  }
  return [...byRank.values()]
    .sort((a, b) => a.dated.rank - b.dated.rank)
    .map(({ dated, times, saving }) => ({ id: dated.promotion.id, name: dated.promotion.name, kind: dated.promotion.kind, times, saving }));
}

export function applyPromotions(catalog: PricingCatalog, lines: readonly PricedLine[], context: ShopperContext, strategy: PromotionStrategy): PromotionOutcome {
  const units = new Map<string, EachUnits>();
  for (const l of lines) {
    if (l.kind !== 'each' || l.staffSet) continue;
    const found = units.get(l.line.sku);
    units.set(l.line.sku, { sku: l.line.sku, count: (found?.count ?? 0) + l.line.quantity, price: l.unitShopperPrice });
  }
  const problem = buildProblem(catalog, [...units.values()], context);
  const settled = new Map<string, SettledBlock>();
  const uses: PromotionUse[] = [];
  let exact = true;
  const collect = (s: { blocks: readonly SettledBlock[]; uses: readonly PromotionUse[] }): void => {
    for (const b of s.blocks) settled.set(b.sku, b);
    uses.push(...s.uses);
  };
  for (const component of problem.components) {
    const solved = solve(component, strategy);
    exact &&= solved.exact;
    collect(settle(component, solved.choices));
  }
  for (const block of problem.loose) collect(settleLoose(block));

  const cursor = new Map<string, number>();
  const promoted = lines.map((l): PromotedLine => {
    if (l.staffSet) return { net: l.shopperTotal, savings: [] };
    if (l.kind === 'each') {
      const from = cursor.get(l.line.sku) ?? 0;
      cursor.set(l.line.sku, from + l.line.quantity);
      return unitSavings(settled.get(l.line.sku) as SettledBlock, from, from + l.line.quantity);
    }
    const offer = bestStandalone(catalog.promotionsFor(l.line.sku), l.shopperTotal, false, context);
    if (!offer) return { net: l.shopperTotal, savings: [] };
    uses.push({ dated: offer.dated, times: 1, saving: offer.discount });
    return { net: l.shopperTotal - offer.discount, savings: [{ dated: offer.dated, amount: offer.discount }] };
  });
  return { lines: promoted, applied: summarise(uses), exact };
}
