// How many units of each SKU block go to each group offer; the rest pay their base cost. Both
// the exact search and the greedy reference answer in this form, and settle.ts prices it.
import type { Component } from './problem.js';

/** choices[b][k]: units of block b given to the offer block.offers[k]. */
export type Choices = number[][];

export function noChoices(component: Component): Choices {
  return component.blocks.map((b) => b.offers.map(() => 0));
}
