// An independent oracle for the promotion optimiser, for tests.
import type { Component } from '../../../../payments/common/pricing/problem.js';

/**
 * The cheapest total by brute force over explicit groups: any offer may take any multiset of
 * its size from what is left, and a buy-X-get-Y group discounts its cheapest units. It knows
 * nothing of residues or of sorting, so it checks the optimiser's reasoning, not just its code.
 */
export function bruteForce(c: Component): number {
  const memo = new Map<string, number>();
  const multisets = (members: number[], size: number, left: number[]): number[][] => {
    const out: number[][] = [];
    const walk = (from: number, need: number, taken: number[]): void => {
      if (need === 0) return void out.push([...taken]);
      for (let m = from; m < members.length; m++) {
        const b = members[m]!;
        if (left[b]! - taken.filter((t) => t === b).length <= 0) continue;
        taken.push(b);
        walk(m, need - 1, taken);
        taken.pop();
      }
    };
    walk(0, size, []);
    return out;
  };
  const best = (left: number[]): number => {
    const key = left.join(',');
    const known = memo.get(key);
    if (known !== undefined) return known;
    let value = left.reduce((sum, n, b) => sum + n * c.blocks[b]!.base, 0);
    c.offers.forEach((o, j) => {
      const members = c.blocks.flatMap((b, i) => (b.offers.includes(j) ? [i] : []));
      for (const group of multisets(members, o.size, left)) {
        let cost: number;
        if (o.kind === 'multibuy') cost = o.price;
        else {
          const byPrice = [...group].sort((a, b) => c.blocks[b]!.price - c.blocks[a]!.price);
          cost = byPrice.reduce((sum, b, pos) => sum + c.blocks[b]!.price - (pos >= o.buy ? o.discounts[b]! : 0), 0);
        }
        const rest = [...left];
        for (const b of group) rest[b]! -= 1;
        value = Math.min(value, cost + best(rest));
      }
    });
    memo.set(key, value);
    return value;
  };
  return best(c.blocks.map((b) => b.count));
}

