import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../domain/common/catalog/schema.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { cameraRates, cameraView, defaultRates, pickBehaviour, planTrip, shelfOf, type Action, type TripPlan } from '../../../../cart-app/node/simulation/behaviours.js';
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
    const eyes = seededRandom(6);
    const forgetful = planTrip(r, shelf, 'forgetful', 0, eyes);
    expect(forgetful.truths).toMatchObject([{ kind: 'unscanned', why: 'forgotten' }]);
    expect(forgetful.fixOnAlert).toBeDefined();
    const conceal = planTrip(r, shelf, 'conceal', 0, eyes);
    expect(conceal.truths.length).toBeGreaterThanOrEqual(1);
    expect(conceal.truths.every((t) => t.kind === 'unscanned' && t.why === 'concealed')).toBe(true);
    const swap = planTrip(r, shelf, 'swap', 0, eyes);
    expect(swap.truths.every((t) => t.kind === 'swap' && t.scanned !== t.placed)).toBe(true);
    for (let i = 0; i < 50; i++) {
      const honest = planTrip(r, shelf, 'honest', 0, eyes);
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

  it('has the basket camera look at every placement, from its own numbers', () => {
    const shelf = shelfOf(demoCatalog);
    const withoutHints = (plan: TripPlan): Action[] => plan.actions.filter((a) => a.kind !== 'hint');
    for (let i = 0; i < 100; i++) {
      // The same trip with another camera: only what the camera says may differ.
      const a = planTrip(seededRandom(100 + i), shelf, i % 2 === 0 ? 'honest' : 'careless', 0, seededRandom(1));
      const b = planTrip(seededRandom(100 + i), shelf, i % 2 === 0 ? 'honest' : 'careless', 0, seededRandom(2));
      expect(withoutHints(b)).toEqual(withoutHints(a));
      const places = a.actions.filter((x) => x.kind === 'place');
      expect(a.actions.filter((x) => x.kind === 'hint').map((h) => h.at)).toEqual(places.map((p) => p.at + 400));
    }
  });

  it('plays the camera at the documented rates: taught products named, the rest mostly unknown', () => {
    const shelf = shelfOf(demoCatalog);
    const eyes = seededRandom(9);
    const avocado = demoCatalog.bySku('avocado-hass-large');
    const pasta = demoCatalog.bySku('pasta-spaghetti');
    if (!avocado || !pasta) throw new Error('the demo catalog lost its avocado or its spaghetti');
    const n = 20_000;
    const tally = (truth: Product | undefined) => {
      const out = { right: 0, unknown: 0, wrong: 0, malformed: 0 };
      for (let i = 0; i < n; i++) {
        const view = cameraView(eyes, truth, shelf, undefined);
        const top = [...view.labels].sort((x, y) => y.score - x.score)[0];
        if (!view.labels.every((l) => demoCatalog.bySku(l.sku)?.visionLabel !== undefined && l.score >= 0 && l.score <= 1)) out.malformed++;
        if (view.unknown) out.unknown++;
        else if (top?.sku === truth?.sku) out.right++;
        else out.wrong++;
      }
      expect(out.malformed).toBe(0);
      return { right: out.right / n, unknown: out.unknown / n, wrong: out.wrong / n };
    };
    const taught = tally(avocado);
    expect(taught.unknown).toBeCloseTo(cameraRates.unknownTaught, 2);
    expect(taught.wrong).toBeGreaterThan(0.005);
    expect(taught.wrong).toBeLessThan(0.015);
    const untaught = tally(pasta);
    expect(untaught.right).toBe(0);
    expect(untaught.wrong).toBeCloseTo(cameraRates.wrongUntaught, 2);
    expect(tally(undefined).unknown).toBeGreaterThan(0.9); // the shopper's own bag
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
    expect(Object.keys(weights.toJSON().products).length).toBeGreaterThan(20);
  });
});
