// Prices a chosen assignment unit by unit: which promotion each unit counted towards and what
// it costs. Each offer's units, read in canonical order (dearest first), are cut into groups of
// its size; a multibuy's price is split across its group in proportion to the units' prices
// (largest remainder), and a buy-X-get-Y group discounts its last Y (cheapest) units.
import { allocate } from '../money/allocate.js';
import type { DatedPromotion } from './catalog-view.js';
import type { Choices } from './choices.js';
import type { Component, GroupOffer, SkuBlock } from './problem.js';

export interface SettledBlock {
  readonly sku: string;
  readonly price: number;
  /** Per unit: what it costs, and the promotion it counted towards (if any). Group units come first. */
  readonly costs: readonly number[];
  readonly promotions: readonly (DatedPromotion | undefined)[];
}

/** Uses of a promotion: groups of units, or units (or weighed lines) under a stand-alone offer. */
export interface PromotionUse {
  readonly dated: DatedPromotion;
  readonly times: number;
  readonly saving: number;
}

export interface Settlement {
  readonly blocks: readonly SettledBlock[];
  readonly uses: readonly PromotionUse[];
  readonly cost: number;
}

interface Slot {
  readonly block: number;
  readonly unit: number;
}

/** Units outside any group: each at its base cost, under its stand-alone offer if it has one. */
function settleRest(block: SkuBlock, costs: number[], promotions: (DatedPromotion | undefined)[], uses: PromotionUse[]): void {
  const rest = block.count - costs.length;
  for (let u = 0; u < rest; u++) {
    costs.push(block.base);
    promotions.push(block.standalone?.dated);
  }
  if (block.standalone && rest > 0) uses.push({ dated: block.standalone.dated, times: rest, saving: rest * block.standalone.discount });
}

export function settleLoose(block: SkuBlock): Settlement {
  const costs: number[] = [];
  const promotions: (DatedPromotion | undefined)[] = [];
  const uses: PromotionUse[] = [];
  settleRest(block, costs, promotions, uses);
  return { blocks: [{ sku: block.sku, price: block.price, costs, promotions }], uses, cost: block.count * block.base };
}

function groupCosts(offer: GroupOffer, group: readonly Slot[], blocks: readonly SkuBlock[]): number[] {
  const prices = group.map((s) => (blocks[s.block] as SkuBlock).price);
  if (offer.kind === 'multibuy') return allocate(offer.price, prices);
  return group.map((s, position) => (position < offer.buy ? (prices[position] as number) : (prices[position] as number) - (offer.discounts[s.block] as number)));
}

export function settle(component: Component, choices: Choices): Settlement {
  const { blocks, offers } = component;
  const costs = blocks.map((): number[] => []);
  const promotions = blocks.map((): (DatedPromotion | undefined)[] => []);
  const uses: PromotionUse[] = [];
  offers.forEach((offer, j) => {
    const slots: Slot[] = [];
    blocks.forEach((block, b) => {
      const k = block.offers.indexOf(j);
      const units = k < 0 ? 0 : ((choices[b] as number[])[k] as number);
      const blockCosts = costs[b] as number[];
      for (let u = 0; u < units; u++) {
        slots.push({ block: b, unit: blockCosts.length });
        blockCosts.push(0); // priced below, once its group is known
        (promotions[b] as (DatedPromotion | undefined)[]).push(offer.dated);
      }
    });
    for (let start = 0; start < slots.length; start += offer.size) {
      const group = slots.slice(start, start + offer.size);
      const groupCost = groupCosts(offer, group, blocks);
      let saving = 0;
      group.forEach((slot, i) => {
        (costs[slot.block] as number[])[slot.unit] = groupCost[i] as number;
        saving += (blocks[slot.block] as SkuBlock).price - (groupCost[i] as number);
      });
      uses.push({ dated: offer.dated, times: 1, saving });
    }
  });
  let cost = 0;
  const settled = blocks.map((block, b): SettledBlock => {
    const blockCosts = costs[b] as number[];
    const blockPromotions = promotions[b] as (DatedPromotion | undefined)[];
    settleRest(block, blockCosts, blockPromotions, uses);
    for (const c of blockCosts) cost += c;
    return { sku: block.sku, price: block.price, costs: blockCosts, promotions: blockPromotions };
  });
  return { blocks: settled, uses, cost };
}
