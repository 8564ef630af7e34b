// The greedy reference: offers taken one at a time in a fixed order, each applied again and
// again to the units that suit it best (a multibuy to the units dearest at base cost, buy X get
// Y to the dearest units) for as long as an application beats those units' base costs. This is
// what a first-match till does. It is the baseline the optimiser is measured against, and the
// fallback for a component too large to search exactly.
import type { Choices } from './choices.js';
import { noChoices } from './choices.js';
import type { Component, GroupOffer, SkuBlock } from './problem.js';

interface Take {
  readonly block: number;
  readonly units: number;
}

/** The `size` units offer `j` would take next from what is left, or undefined if too few are left. */
function nextGroup(component: Component, j: number, left: readonly number[]): Take[] | undefined {
  const offer = component.offers[j] as GroupOffer;
  const members: number[] = [];
  component.blocks.forEach((b, i) => {
    if (b.offers.includes(j) && (left[i] as number) > 0) members.push(i);
  });
  // Blocks are dearest first already; a multibuy wants the units dearest at base cost.
  if (offer.kind === 'multibuy') members.sort((a, b) => (component.blocks[b] as SkuBlock).base - (component.blocks[a] as SkuBlock).base || a - b);
  const takes: Take[] = [];
  let need = offer.size;
  for (const block of members) {
    const units = Math.min(need, left[block] as number);
    takes.push({ block, units });
    need -= units;
    if (need === 0) return takes;
  }
  return undefined;
}

/** What the group costs under the offer, and what its units would cost outside it. */
function groupCosts(component: Component, offer: GroupOffer, takes: readonly Take[]): { inOffer: number; outside: number } {
  let outside = 0;
  let full = 0;
  let discounted = 0;
  let position = 0;
  for (const { block, units } of takes) {
    const b = component.blocks[block] as SkuBlock;
    outside += units * b.base;
    for (let u = 0; u < units; u++, position++) {
      full += b.price;
      if (offer.kind === 'buyXgetY' && position >= offer.buy) discounted += offer.discounts[block] as number;
    }
  }
  return { inOffer: offer.kind === 'multibuy' ? offer.price : full - discounted, outside };
}

/** Applies the offers in `order` (indices into component.offers) greedily. */
export function greedy(component: Component, order: readonly number[]): Choices {
  const choices = noChoices(component);
  const left = component.blocks.map((b) => b.count);
  for (const j of order) {
    const offer = component.offers[j] as GroupOffer;
    for (;;) {
      const takes = nextGroup(component, j, left);
      if (!takes) break;
      const { inOffer, outside } = groupCosts(component, offer, takes);
      if (inOffer >= outside) break;
      for (const { block, units } of takes) {
        left[block] = (left[block] as number) - units;
        const k = (component.blocks[block] as SkuBlock).offers.indexOf(j);
        (choices[block] as number[])[k] = ((choices[block] as number[])[k] as number) + units;
      }
    }
  }
  return choices;
}
