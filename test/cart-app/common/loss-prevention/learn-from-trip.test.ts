import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { SessionEvent } from '../../../../domain/common/session/events.js';
import { confirmedWeighingsOf, learnFromTrip } from '../../../../cart-app/common/loss-prevention/learn-from-trip.js';
import { Reconciler } from '../../../../cart-app/common/loss-prevention/reconciler.js';
import { WeightModel } from '../../../../cart-app/common/loss-prevention/weight-model.js';
import { TripLog } from '../../../../cart-app/node/simulation/trip-log.js';
import { demoCatalog } from './demo-catalog.js';

const each = { by: 'each', quantity: 1 } as const;

/** A trip on a cart with a live reconciler; `shop` scans and places; returns its session log. */
function trip(weights: WeightModel, shop: (cart: { scan: (lineId: string, sku: string, quantity?: number) => void; place: (grams: number) => string; wait: (ms: number) => void }) => void): readonly SessionEvent[] {
  const clock = new SimulatedClock(1_700_000_000_000);
  const log = new TripLog(clock);
  const rec = new Reconciler({ clock, catalog: demoCatalog, weights, record: (e) => log.record(e) });
  log.listen((e) => rec.feed(e));
  log.record({ type: 'paired', storeId: 'store-1', cartId: 'cart-1' });
  log.record({ type: 'signedIn', tripId: 't1', shopperId: 'p1', member: false });
  let steps = 0;
  shop({
    scan: (lineId, sku, quantity = 1) => log.record({ type: 'scanned', lineId, code: sku, symbology: 'keyed', sku, measure: { by: 'each', quantity } }),
    place: (grams) => {
      const stepId = `s${++steps}`;
      log.record({ type: 'weighed', stepId, deltaMg: Math.round(grams * 1000), uncertaintyMg: 300 });
      return stepId;
    },
    wait: (ms) => clock.advance(ms),
  });
  clock.advance(60_000);
  return log.events;
}

describe('learnFromTrip', () => {
  it('learns single units matched to single steps, and nothing else', () => {
    const weights = new WeightModel(demoCatalog);
    const log = trip(weights, ({ scan, place, wait }) => {
      scan('L1', 'pasta-spaghetti');
      wait(2000);
      place(463);
      wait(5000);
      scan('L2', 'cheddar-sharp');
      wait(2000);
      place(235);
      wait(5000);
      // Two bars on one line: a count, not a unit.
      scan('L3', 'chocolate-dark-72', 2);
      wait(2000);
      place(212);
      wait(5000);
      // Two items dropped in together: one step for both.
      scan('L4', 'honey-raw');
      wait(1000);
      scan('L5', 'olive-oil-evoo');
      wait(1000);
      place(425 + 851);
    });
    const result = learnFromTrip(weights, log, { catalog: demoCatalog });
    expect(result.skipped).toBeUndefined();
    expect(result.learned).toEqual([
      { sku: 'pasta-spaghetti', grams: 463, lineId: 'L1', stepId: 's1' },
      { sku: 'cheddar-sharp', grams: 235, lineId: 'L2', stepId: 's2' },
    ]);
    expect(weights.expect('pasta-spaghetti')?.observations).toBe(1);
    expect(weights.expect('honey-raw')?.observations).toBe(0);
  });

  it('leaves out every line and step an alert pointed at, even once resolved', () => {
    const weights = new WeightModel(demoCatalog);
    const log = trip(weights, ({ scan, place, wait }) => {
      place(462);
      wait(20_000); // unscanned-item alert
      scan('L1', 'pasta-spaghetti'); // resolves it
      wait(5000);
      scan('L2', 'olive-oil-evoo');
      wait(2000);
      place(852);
    });
    expect(log.some((e) => e.type === 'alertResolved')).toBe(true);
    expect(learnFromTrip(weights, log, { catalog: demoCatalog }).learned).toEqual([{ sku: 'olive-oil-evoo', grams: 852, lineId: 'L2', stepId: 's2' }]);
  });

  it('learns nothing from a trip that ended with an open alert (it went to review)', () => {
    const weights = new WeightModel(demoCatalog);
    const log = trip(weights, ({ scan, place, wait }) => {
      scan('L1', 'olive-oil-evoo');
      wait(2000);
      place(851);
      wait(3000);
      scan('L2', 'pasta-spaghetti');
      wait(2000);
      place(1060); // a swap: never put right
    });
    expect(learnFromTrip(weights, log, { catalog: demoCatalog })).toEqual({ learned: [], skipped: 'open-alert' });
    expect(weights.toJSON().products).toEqual({});
  });

  it('learns nothing from a log no reconciler could follow, and nothing from an empty one', () => {
    const weights = new WeightModel(demoCatalog);
    const at = 1_000;
    const broken: SessionEvent[] = [
      { type: 'scanned', lineId: 'L1', code: 'x', symbology: 'keyed', sku: 'pasta-spaghetti', measure: each, seq: 1, at },
      { type: 'weighed', stepId: 's1', deltaMg: 462_000, uncertaintyMg: 300, seq: 2, at: at + 2000 },
      { type: 'weighed', stepId: 's1', deltaMg: 462_000, uncertaintyMg: 300, seq: 3, at: at + 4000 },
    ];
    expect(learnFromTrip(weights, broken, { catalog: demoCatalog })).toEqual({ learned: [], skipped: 'not-replayable' });
    expect(learnFromTrip(weights, [], { catalog: demoCatalog })).toEqual({ learned: [], skipped: undefined });
  });

  it('tightens a product’s tolerance as trips accumulate; a product with no history keeps the catalog’s, wide', () => {
    const weights = new WeightModel(demoCatalog);
    const r = seededRandom(21);
    const sd = (): number => weights.expect('pasta-spaghetti')?.sdMg ?? NaN;
    const seen: number[] = [sd()];
    for (let t = 1; t <= 60; t++) {
      const log = trip(weights, ({ scan, place, wait }) => {
        scan('L1', 'pasta-spaghetti');
        wait(2000);
        place(462 + 4 * r.normal());
        wait(4000);
        scan('L2', 'pasta-spaghetti');
        wait(2000);
        place(462 + 4 * r.normal());
      });
      expect(learnFromTrip(weights, log, { catalog: demoCatalog }).learned).toHaveLength(2);
      if (t === 1 || t === 10 || t === 60) seen.push(sd());
    }
    // Prior (2 × the catalog's 4 g, at least 2 % of the mean) → 1 → 10 → 60 trips.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeLessThan(seen[i - 1] as number);
    expect(seen[3]).toBeLessThan(5_000);
    const penne = weights.expect('pasta-penne');
    expect(penne).toMatchObject({ meanMg: 465_000, observations: 0 });
    expect(penne?.sdMg).toBeGreaterThan(9_000);
  });

  it('says what it would learn without learning it', () => {
    const weights = new WeightModel(demoCatalog);
    const log = trip(weights, ({ scan, place, wait }) => {
      scan('L1', 'pasta-spaghetti');
      wait(2000);
      place(461);
    });
    expect(confirmedWeighingsOf(log, { catalog: demoCatalog, weights }).learned).toHaveLength(1);
    expect(weights.expect('pasta-spaghetti')?.observations).toBe(0);
  });
});
