import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { planTrip, shelfOf, pickBehaviour, defaultRates } from '../../../../cart-app/node/simulation/behaviours.js';
import { simulate } from '../../../../cart-app/node/simulation/simulate.js';
import { demoCatalog } from '../../common/loss-prevention/demo-catalog.js';

describe('simulation', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const a = simulate({ catalog: demoCatalog, trips: 15, seed: 11 }).figures;
    const b = simulate({ catalog: demoCatalog, trips: 15, seed: 11 }).figures;
    const c = simulate({ catalog: demoCatalog, trips: 15, seed: 12 }).figures;
    expect(b).toEqual(a);
    expect(c.simulatedHours).not.toEqual(a.simulatedHours);
  });

  it('plans each behaviour as documented', () => {
    const shelf = shelfOf(demoCatalog);
    const r = seededRandom(5);
    const forgetful = planTrip(r, shelf, 'forgetful', 0);
    expect(forgetful.truths).toMatchObject([{ kind: 'unscanned', why: 'forgotten' }]);
    expect(forgetful.fixOnAlert).toBeDefined();
    const conceal = planTrip(r, shelf, 'conceal', 0);
    expect(conceal.truths.length).toBeGreaterThanOrEqual(1);
    expect(conceal.truths.every((t) => t.kind === 'unscanned' && t.why === 'concealed')).toBe(true);
    const swap = planTrip(r, shelf, 'swap', 0);
    expect(swap.truths.every((t) => t.kind === 'swap' && t.scanned !== t.placed)).toBe(true);
    for (let i = 0; i < 50; i++) {
      const honest = planTrip(r, shelf, 'honest', 0);
      expect(honest.truths).toEqual([]);
      const times = honest.actions.map((a) => a.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const b = pickBehaviour(r, defaultRates);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    expect((counts.get('honest') ?? 0) / 5000).toBeGreaterThan(0.78);
    expect((counts.get('honest') ?? 0) / 5000).toBeLessThan(0.86);
  });

  it('meets its figures on 200 trips at the default rates', () => {
    const { figures: f } = simulate({ catalog: demoCatalog, trips: 200, seed: 3 });
    expect(f.unscannedItems.events).toBeGreaterThan(5);
    expect(f.unscannedItems.recall).toBeGreaterThanOrEqual(0.9);
    expect(f.falseAlertsPer100HonestTrips).toBeLessThanOrEqual(2);
    expect(f.reviewShare).toBeLessThanOrEqual(0.05);
    expect(f.timeToAlertP50Ms).toBeGreaterThanOrEqual(12_000);
    expect(f.timeToAlertP95Ms).toBeLessThan(60_000);
  });

  it('catches most swaps and concealments in a stress mix, with learned weights', () => {
    const { figures: f, weights } = simulate({ catalog: demoCatalog, trips: 120, seed: 8, rates: { honest: 0.3, careless: 0.1, forgetful: 0.1, swap: 0.3, conceal: 0.2, 'wrong-plu': 0 } });
    expect(f.swapsOver10.events).toBeGreaterThan(10);
    expect(f.swapsOver10.recall).toBeGreaterThanOrEqual(0.85);
    expect(f.unscannedItems.recall).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(weights.toJSON()).length).toBeGreaterThan(20);
  });
});
