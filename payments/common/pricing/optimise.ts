// The exact promotion optimiser: the cheapest way to give a component's units to its group
// offers (multibuy, buy X get Y), each unit to at most one offer.
//
// Method: dynamic programming over units in canonical order (dearest first, then by SKU). The
// state is, for each offer still "open" (it covers a SKU at or before this one and one at or
// after it), how many units it has taken modulo its group size. A multibuy charges its price
// when a group completes; a buy-X-get-Y unit pays full price at positions 0..X-1 of its group
// and is discounted at positions X..X+Y-1. Every group must be complete at the end.
//
// Why unit counts and residues are enough: a multibuy costs its price whichever units fill it;
// for buy X get Y, the best grouping of a given set of units is to sort them dearest first and
// cut consecutive groups, discounting the last Y of each (the j-th largest discount can be at
// most the price of the unit at sorted position j + X*ceil(j/Y), which that grouping attains).
// Walking units dearest first makes the residue the position in exactly that grouping, so the
// search is over which units each offer takes, and the value of each choice is exact.
//
// Ties: of all cheapest assignments the engine takes the lexicographically first, reading units
// in canonical order and, for each unit, "no group offer" before the offers in catalog order.
// Values are computed backwards and the assignment rebuilt forwards taking the first option that
// attains the optimum, which is exactly that rule.
//
// Complexity: with S_b the product of the group sizes of the offers open at block b, c_b its
// units and g_b the offers that can take them, time is O(sum_b c_b * S_b * (1 + g_b)) and memory
// O(sum_b (c_b + 1) * S_b) values. Typical grocery components (a few SKUs, two or three offers
// of size 2-6) have S_b below 100 (bench/pricing.ts prices a whole 60-line basket in about 0.2 ms). A
// component past the budget (default 1,000,000 steps and 500,000 values: about 4 ms on one
// core and 4 MB) is not searched: the caller falls back to the greedy reference and marks the
// receipt as not proven optimal, so a pathological catalog slows no cart down.
import type { Choices } from './choices.js';
import { noChoices } from './choices.js';
import type { Component, GroupOffer, SkuBlock } from './problem.js';

export interface SearchBudget {
  /** Most state transitions one component may take. */
  readonly maxSteps: number;
  /** Most values one component may hold. */
  readonly maxValues: number;
}

export const DEFAULT_BUDGET: SearchBudget = { maxSteps: 1_000_000, maxValues: 500_000 };

/** The state layout at one block: which offers are open, and the mixed-radix stride of each. */
interface Layer {
  readonly size: number;
  /** stride[j] for offer j open here, -1 for an offer that is not. */
  readonly stride: Int32Array;
  /** Where this block's table starts in the value buffer. */
  readonly offset: number;
}

/**
 * The value tables live in buffers reused from call to call: pricing runs on every scan, and a
 * fresh allocation per block was a tenth of the time (in garbage collection). Every cell a
 * search reads it has written first in that search, so reuse cannot leak between baskets.
 */
let buffer = new Float64Array(4096);
/** Per block, for each offer the block can give a unit to and each state: the next state and the unit's cost. */
let moves = new Int32Array(1024);
let costs = new Float64Array(1024);

function valuesBuffer(size: number): Float64Array {
  if (buffer.length < size) buffer = new Float64Array(Math.max(size, 2 * buffer.length));
  return buffer;
}

function transitionBuffers(size: number): void {
  if (moves.length < size) {
    moves = new Int32Array(Math.max(size, 2 * moves.length));
    costs = new Float64Array(moves.length);
  }
}

export interface Optimum {
  readonly choices: Choices;
  /** The component's total cost in minor units. */
  readonly cost: number;
}

function layers(component: Component, budget: SearchBudget): { plan: Layer[]; values: number } | undefined {
  const { blocks, offers } = component;
  const first = offers.map(() => Infinity);
  const last = offers.map(() => -1);
  blocks.forEach((b, i) => {
    for (const j of b.offers) {
      first[j] = Math.min(first[j] as number, i);
      last[j] = Math.max(last[j] as number, i);
    }
  });
  const result: Layer[] = [];
  let steps = 0;
  let values = 0;
  for (let i = 0; i < blocks.length; i++) {
    const stride = new Int32Array(offers.length).fill(-1);
    let size = 1;
    offers.forEach((o, j) => {
      if ((first[j] as number) <= i && i <= (last[j] as number)) {
        stride[j] = size;
        size *= o.size;
      }
    });
    const block = blocks[i] as SkuBlock;
    steps += block.count * size * (1 + block.offers.length);
    result.push({ size, stride, offset: values });
    values += (block.count + 1) * size;
    if (steps > budget.maxSteps || values > budget.maxValues) return undefined;
  }
  return { plan: result, values };
}

/** The state after block i as a state of block i + 1 (-1 when an offer that closes at i has an incomplete group). */
function carry(offers: readonly GroupOffer[], here: Layer, next: Layer | undefined, state: number): number {
  let target = 0;
  for (let j = 0; j < offers.length; j++) {
    const s = here.stride[j] as number;
    if (s < 0) continue;
    const residue = residueOf(state, s, (offers[j] as GroupOffer).size);
    const t = next ? (next.stride[j] as number) : -1;
    if (t >= 0) target += residue * t;
    else if (residue !== 0) return -1;
  }
  return target;
}

/** Units offer j's current group holds in state s. */
function residueOf(s: number, stride: number, size: number): number {
  return Math.floor(s / stride) % size;
}

/** The state after offer j takes one more unit: its residue goes up by one, or back to 0 when the group completes. */
function taken(s: number, stride: number, size: number, residue: number): number {
  return residue + 1 === size ? s - residue * stride : s + stride;
}

/** Cost of giving one unit of block `b` to offer `o` when the offer's current group holds `residue` units. */
function unitCost(o: GroupOffer, residue: number, b: number, price: number): number {
  if (o.kind === 'multibuy') return residue + 1 === o.size ? o.price : 0;
  return residue < o.buy ? price : price - (o.discounts[b] as number);
}

/** The cheapest assignment, or undefined when the component is past the budget. */
export function optimise(component: Component, budget: SearchBudget = DEFAULT_BUDGET): Optimum | undefined {
  const { blocks, offers } = component;
  const layout = layers(component, budget);
  if (!layout) return undefined;
  const { plan } = layout;
  const table = valuesBuffer(layout.values);

  // table[offset_b + k * size_b + s]: least cost of units k.. of block b and every later block, from state s.
  for (let b = blocks.length - 1; b >= 0; b--) {
    const block = blocks[b] as SkuBlock;
    const layer = plan[b] as Layer;
    const { size, offset } = layer;
    const after = offset + block.count * size;
    const next = plan[b + 1];
    for (let s = 0; s < size; s++) {
      const t = carry(offers, layer, next, s);
      table[after + s] = t < 0 ? Infinity : next ? (table[next.offset + t] as number) : 0;
    }
    // A unit's options depend on the state, not on which unit of the block it is: work them out once.
    const options = block.offers.length;
    transitionBuffers(options * size);
    block.offers.forEach((j, idx) => {
      const o = offers[j] as GroupOffer;
      const stride = layer.stride[j] as number;
      for (let s = 0; s < size; s++) {
        const residue = residueOf(s, stride, o.size);
        moves[idx * size + s] = taken(s, stride, o.size, residue);
        costs[idx * size + s] = unitCost(o, residue, b, block.price);
      }
    });
    for (let k = block.count - 1; k >= 0; k--) {
      const row = offset + k * size;
      const nextRow = row + size;
      for (let s = 0; s < size; s++) {
        let best = block.base + (table[nextRow + s] as number);
        for (let at = s; at < options * size; at += size) {
          const v = (costs[at] as number) + (table[nextRow + (moves[at] as number)] as number);
          if (v < best) best = v;
        }
        table[row + s] = best;
      }
    }
  }

  // Forwards: at each unit the first option (base, then offers in catalog order) that attains the optimum.
  const choices = noChoices(component);
  let s = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as SkuBlock;
    const layer = plan[b] as Layer;
    const picks = choices[b] as number[];
    for (let k = 0; k < block.count; k++) {
      const row = layer.offset + k * layer.size;
      const target = table[row + s] as number;
      const nextRow = row + layer.size;
      if (block.base + (table[nextRow + s] as number) === target) continue;
      for (let idx = 0; idx < block.offers.length; idx++) {
        const j = block.offers[idx] as number;
        const o = offers[j] as GroupOffer;
        const stride = layer.stride[j] as number;
        const residue = residueOf(s, stride, o.size);
        const moved = taken(s, stride, o.size, residue);
        if (unitCost(o, residue, b, block.price) + (table[nextRow + moved] as number) === target) {
          picks[idx] = (picks[idx] as number) + 1;
          s = moved;
          break;
        }
      }
    }
    s = carry(offers, layer, plan[b + 1], s);
  }
  return { choices, cost: table[0] as number };
}
