import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../../cart-app/node/store-link/backoff.js';
import { seededRandom } from '../../../../domain/common/random.js';

describe('backoff', () => {
  it('doubles up to its ceiling and starts again after a success', () => {
    const backoff = new Backoff({ firstMs: 1_000, maxMs: 5_000 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([1_000, 2_000, 4_000, 5_000]);
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });

  it('spreads waits over their upper half with a seeded generator, the same for the same seed', () => {
    const waits = (seed: number): number[] => {
      const backoff = new Backoff({ firstMs: 1_000, maxMs: 8_000, random: seededRandom(seed) });
      return Array.from({ length: 6 }, () => backoff.next());
    };
    const spread = waits(7);
    expect(spread).toEqual(waits(7));
    [1_000, 2_000, 4_000, 8_000, 8_000, 8_000].forEach((ceiling, i) => {
      expect(spread[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(spread[i]).toBeLessThanOrEqual(ceiling);
    });
    expect(new Set(spread.slice(3)).size).toBeGreaterThan(1);
  });

  it.each([[0, 10], [-1, 10], [10, 5], [Number.NaN, 10]])('refuses first %d and ceiling %d', (firstMs, maxMs) => {
    expect(() => new Backoff({ firstMs, maxMs })).toThrow(RangeError);
  });

  it('does not overflow after very many failures', () => {
    const backoff = new Backoff({ firstMs: 1, maxMs: 60_000 });
    for (let i = 0; i < 2_000; i += 1) backoff.next();
    expect(backoff.next()).toBe(60_000);
  });
});
