import { describe, expect, it } from 'vitest';
import { bestMatch, type Weighable } from '../../../../cart-app/common/loss-prevention/matcher.js';

const sigma4 = { kind: 'sigma', k: 4 } as const;
const line = (key: string, grams: number, at: number, sdGrams = 4): Weighable => ({ key, meanMg: grams * 1000, sdMg: sdGrams * 1000, at, measured: false });
const step = (key: string, grams: number, at: number): Weighable => ({ key, meanMg: grams * 1000, sdMg: 300, at, measured: true });
const keys = (m: { lines: readonly Weighable[]; steps: readonly Weighable[] } | undefined): string[] => (m ? [...m.lines, ...m.steps].map((w) => w.key) : []);

describe('bestMatch', () => {
  it('pairs one to one when that fits, and finds two items dropped in together', () => {
    expect(keys(bestMatch([line('pasta', 462, 0)], [step('s1', 463, 2000)], sigma4))).toEqual(['pasta', 's1']);
    expect(keys(bestMatch([line('pasta', 462, 0), line('choc', 106, 1000)], [step('s1', 568, 3000)], sigma4)).sort()).toEqual(['choc', 'pasta', 's1']);
  });

  it('finds nothing when nothing fits, and nothing in a combination spread over more than the window', () => {
    expect(bestMatch([line('pasta', 462, 0)], [step('s1', 850, 2000)], sigma4)).toBeUndefined();
    expect(bestMatch([line('pasta', 462, 0), line('choc', 106, 90_000)], [step('s1', 568, 91_000)], sigma4)).toBeUndefined();
  });

  it('lets the caller rule candidates out: the next best that is admitted wins', () => {
    const lines = [line('pasta', 462, 0), line('choc', 106, 5000)];
    const steps = [step('s1', 568, 2000)];
    expect(keys(bestMatch(lines, steps, sigma4)).sort()).toEqual(['choc', 'pasta', 's1']);
    expect(bestMatch(lines, steps, sigma4, undefined, (ls, ss) => ls.length + ss.length <= 2)).toBeUndefined();
    const withBoth = [...lines, line('penne', 568, 1000, 6)];
    expect(keys(bestMatch(withBoth, steps, sigma4, undefined, (ls) => ls.length === 1))).toEqual(['penne', 's1']);
  });
});
