import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentOf } from '../../../../payments/common/money/rounding.js';
import { greedy } from '../../../../payments/common/pricing/greedy.js';
import { optimise } from '../../../../payments/common/pricing/optimise.js';
import type { Component, GroupOffer, SkuBlock } from '../../../../payments/common/pricing/problem.js';
import { settle } from '../../../../payments/common/pricing/settle.js';
import { bruteForce } from './brute-force.js';
import { promo } from './fixtures.js';

interface OfferSpec {
  kind: 'multibuy' | 'buyXgetY';
  members: number[];
  size: number;
  price: number;
  buy: number;
  percent: number;
}

/** A component as buildProblem makes one: blocks dearest first, offers in catalog order. */
function component(blocks: { count: number; price: number; discount: number }[], specs: OfferSpec[]): Component {
  const sorted = [...blocks].sort((a, b) => b.price - a.price);
  const offers: GroupOffer[] = specs.map((o, rank): GroupOffer => {
    const dated = { promotion: promo({ id: `o${rank}`, kind: 'percentOff', name: `offer ${rank}`, skus: ['x'], percent: 1 }), rank, startsMs: -Infinity, endsMs: Infinity };
    return o.kind === 'multibuy'
      ? { kind: 'multibuy', dated, size: o.size, price: o.price }
      : { kind: 'buyXgetY', dated, size: o.size, buy: o.buy, discounts: sorted.map((b) => percentOf(b.price, o.percent)) };
  });
  return {
    offers,
    blocks: sorted.map((b, i): SkuBlock => ({
      sku: `s${i}`,
      count: b.count,
      price: b.price,
      base: b.price - Math.min(b.discount, b.price),
      standalone: undefined,
      offers: specs.flatMap((o, j) => (o.members.includes(i) ? [j] : [])),
    })),
  };
}

const blockArb = fc.record({ count: fc.integer({ min: 1, max: 4 }), price: fc.integer({ min: 1, max: 900 }), discount: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })) });

const componentArb = fc
  .array(blockArb, { minLength: 1, maxLength: 4 })
  .chain((blocks) => {
    const offer = fc.record({
      kind: fc.constantFrom<'multibuy' | 'buyXgetY'>('multibuy', 'buyXgetY'),
      members: fc.uniqueArray(fc.nat(blocks.length - 1), { minLength: 1, maxLength: blocks.length }),
      size: fc.integer({ min: 2, max: 4 }),
      price: fc.integer({ min: 1, max: 2500 }),
      buy: fc.integer({ min: 1, max: 3 }),
      percent: fc.integer({ min: 1, max: 100 }),
    });
    return fc.tuple(fc.constant(blocks), fc.array(offer, { minLength: 1, maxLength: 3 }));
  })
  .map(([blocks, specs]) => component(blocks, specs.map((o) => ({ ...o, buy: Math.min(o.buy, o.size - 1) }))));

describe('the exact optimiser', () => {
  it('finds the brute-force optimum, and settles to exactly the cost it promised', () => {
    fc.assert(
      fc.property(componentArb, (c) => {
        const optimum = optimise(c)!;
        expect(optimum.cost).toBe(bruteForce(c));
        expect(settle(c, optimum.choices).cost).toBe(optimum.cost);
      }),
      { numRuns: 400 },
    );
  });

  it('is never beaten by greedy in any order of the offers', () => {
    fc.assert(
      fc.property(componentArb, fc.integer(), (c, seed) => {
        const order = c.offers.map((_, j) => j).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
        const optimum = optimise(c)!;
        expect(settle(c, greedy(c, order)).cost).toBeGreaterThanOrEqual(optimum.cost);
      }),
      { numRuns: 300 },
    );
  });

  it('beats first-match greedy where a greedy till goes wrong', () => {
    // A $4 and two $3 items. "Any 2 for $5" first grabs the $4 + $3 (saves $2) and strands a
    // $3; "buy 2 get 1 free" over all three would make the $3 free (saves $3).
    const c = component(
      [
        { count: 1, price: 400, discount: 0 },
        { count: 2, price: 300, discount: 0 },
      ],
      [
        { kind: 'multibuy', members: [0, 1], size: 2, price: 500, buy: 0, percent: 0 },
        { kind: 'buyXgetY', members: [0, 1], size: 3, buy: 2, price: 0, percent: 100 },
      ],
    );
    expect(settle(c, greedy(c, [0, 1])).cost).toBe(800);
    expect(optimise(c)!.cost).toBe(700);
    expect(optimise(c)!.choices).toEqual([[0, 1], [0, 2]]);
  });

  it('breaks ties the documented way: no offer before an offer, then catalog order', () => {
    // Two identical "2 for $5" offers on $3 items: both save $1; the first listed wins.
    const twin = component([{ count: 2, price: 300, discount: 0 }], [
      { kind: 'multibuy', members: [0], size: 2, price: 500, buy: 0, percent: 0 },
      { kind: 'multibuy', members: [0], size: 2, price: 500, buy: 0, percent: 0 },
    ]);
    expect(optimise(twin)!.choices).toEqual([[2, 0]]);
    // "2 for $6" on $3 items saves nothing: the units stay out of it.
    const even = component([{ count: 2, price: 300, discount: 0 }], [{ kind: 'multibuy', members: [0], size: 2, price: 600, buy: 0, percent: 0 }]);
    expect(optimise(even)!.choices).toEqual([[0]]);
  });

  it('gives up past its budget instead of running away, and says so', () => {
    const c = component(
      [{ count: 4, price: 500, discount: 0 }, { count: 4, price: 400, discount: 0 }],
      [
        { kind: 'multibuy', members: [0, 1], size: 3, price: 1000, buy: 0, percent: 0 },
        { kind: 'multibuy', members: [0, 1], size: 4, price: 1200, buy: 0, percent: 0 },
      ],
    );
    expect(optimise(c, { maxSteps: 10, maxValues: 1_000 })).toBeUndefined();
    expect(optimise(c, { maxSteps: 1_000_000, maxValues: 10 })).toBeUndefined();
    expect(optimise(c)!.cost).toBe(bruteForce(c));
  });

  it('handles a large count of one SKU quickly', () => {
    const c = component([{ count: 999, price: 250, discount: 25 }], [
      { kind: 'multibuy', members: [0], size: 3, price: 600, buy: 0, percent: 0 },
      { kind: 'buyXgetY', members: [0], size: 4, buy: 3, price: 0, percent: 100 },
    ]);
    // 3 for $6 (saves 75c over base) vs 4 for 3 x $2.50 (saves $1.50 over base, 4 units): 249 groups of 4, then one of 3.
    const optimum = optimise(c)!;
    expect(optimum.cost).toBe(249 * 750 + 600);
  });
});
