// Which pending scans and which pending weight steps belong together.
//
// Shoppers are careless: two items dropped in together make one step of their sum, and an item
// leaned on the rim shows part of its weight, then the rest when it slides in. So a match is a
// small set of scans against a small set of steps whose totals agree within the tolerance, not
// only one against one. The search is exhaustive over small sets (at most 3 scans and 2 steps,
// among the most recent few of each), which keeps it exact and cheap: a shopper has a handful of
// things pending at once, never dozens.
import { misfit, SCALE_FLOOR_MG, type ToleranceRule } from './tolerance.js';

/** Something with an expected weight: a scanned line, or a weight step. */
export interface Weighable {
  readonly key: string;
  readonly meanMg: number;
  readonly sdMg: number;
  readonly at: number;
  /** A weight step (true) carries the scale's floor; a product's model does not. */
  readonly measured: boolean;
}

export interface Match<L extends Weighable, S extends Weighable> {
  readonly lines: readonly L[];
  readonly steps: readonly S[];
  readonly misfit: number;
}

export interface MatchLimits {
  readonly maxLines: number;
  readonly maxSteps: number;
  /** Everything in a combination must lie within this many ms of each other. */
  readonly comboWindowMs: number;
  /** Only the most recent this many of each side are searched. */
  readonly searchDepth: number;
}

export const defaultMatchLimits: MatchLimits = { maxLines: 3, maxSteps: 2, comboWindowMs: 60_000, searchDepth: 8 };

/** Each extra item in a combination costs this much misfit: one-to-one wins a tie. */
const COMBO_PENALTY = 0.15;

function subsets<T>(items: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  const walk = (start: number, chosen: T[]): void => {
    if (chosen.length > 0) out.push([...chosen]);
    if (chosen.length === max) return;
    for (let i = start; i < items.length; i++) {
      chosen.push(items[i] as T);
      walk(i + 1, chosen);
      chosen.pop();
    }
  };
  walk(0, []);
  return out;
}

const variance = (w: Weighable): number => w.sdMg ** 2 + (w.measured ? SCALE_FLOOR_MG ** 2 : 0);

function spanOk(group: readonly Weighable[], windowMs: number): boolean {
  if (group.length < 2) return true;
  let lo = Infinity;
  let hi = -Infinity;
  for (const w of group) {
    lo = Math.min(lo, w.at);
    hi = Math.max(hi, w.at);
  }
  return hi - lo <= windowMs;
}

/**
 * The combination that fits best within the tolerance, or undefined when none does. `admit`, when
 * given, rules candidates out before they compete (the reconciler refuses combinations in an order
 * careless placing does not make, and combinations with an entry already under an alert).
 */
export function bestMatch<L extends Weighable, S extends Weighable>(
  lines: readonly L[],
  steps: readonly S[],
  rule: ToleranceRule,
  limits: MatchLimits = defaultMatchLimits,
  admit?: (lines: readonly L[], steps: readonly S[]) => boolean,
): Match<L, S> | undefined {
  const recent = <T extends Weighable>(xs: readonly T[]): T[] => [...xs].sort((a, b) => b.at - a.at).slice(0, limits.searchDepth);
  const lineSets = subsets(recent(lines), limits.maxLines);
  const stepSets = subsets(recent(steps), limits.maxSteps);
  let best: Match<L, S> | undefined;
  let bestCost = Infinity;
  for (const ls of lineSets) {
    const lineMean = ls.reduce((s, l) => s + l.meanMg, 0);
    const lineVar = ls.reduce((s, l) => s + variance(l), 0);
    for (const ss of stepSets) {
      const stepMean = ss.reduce((s, x) => s + x.meanMg, 0);
      const sd = Math.sqrt(lineVar + ss.reduce((s, x) => s + variance(x), 0));
      const bad = misfit(rule, stepMean - lineMean, sd);
      if (bad > 1) continue;
      const cost = bad + COMBO_PENALTY * (ls.length + ss.length - 2);
      // A one-to-one pair may be any time apart (a shopper fixing a slip minutes later); only a
      // combination must lie close together, or unrelated items would add up by chance.
      const combination = ls.length + ss.length > 2;
      if (cost >= bestCost || (combination && !spanOk([...ls, ...ss], limits.comboWindowMs)) || (admit && !admit(ls, ss))) continue;
      best = { lines: ls, steps: ss, misfit: bad };
      bestCost = cost;
    }
  }
  return best;
}
