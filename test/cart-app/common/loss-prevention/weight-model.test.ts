import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { robustStats, WeightModel, WEIGHINGS_KEPT } from '../../../../cart-app/common/loss-prevention/weight-model.js';
import { demoCatalog } from './demo-catalog.js';

describe('WeightModel', () => {
  it('starts from the catalog weight with a wide tolerance', () => {
    const model = new WeightModel(demoCatalog);
    const pasta = model.expect('pasta-spaghetti'); // 462 ± 4 g in the catalog
    expect(pasta?.meanMg).toBeCloseTo(462_000);
    expect(pasta?.observations).toBe(0);
    // Widened: at least twice the catalog's sd, or 2 % of the mean.
    expect(pasta?.sdMg).toBeGreaterThan(9_000);
  });

  it('gives the usual spread from the catalog sd as it stands (not widened); both spreads converge on the learned one', () => {
    const model = new WeightModel(demoCatalog);
    const avocado = model.expect('avocado-hass-large'); // 250 ± 30 g in the catalog
    // Predictive: the spread and the mean's own uncertainty (the catalog's mean counts as 2 weighings).
    expect(avocado?.usualSdMg).toBeCloseTo(30_000 * Math.sqrt(1.5), -1);
    expect(avocado?.sdMg).toBeCloseTo(60_000 * Math.sqrt(1.5), -1);
    const r = seededRandom(4);
    for (let i = 0; i < 256; i++) model.learn('avocado-hass-large', 250 + 20 * r.normal());
    const learned = model.expect('avocado-hass-large');
    // The avocados weighed vary less than the catalog says: both estimates follow the data.
    expect(learned?.usualSdMg).toBeGreaterThan(18_000);
    expect(learned?.usualSdMg).toBeLessThan(22_000);
    expect(Math.abs((learned?.sdMg ?? NaN) - (learned?.usualSdMg ?? NaN))).toBeLessThan(2_500);
  });

  it('tightens the tolerance as confirmed weighings come in', () => {
    const model = new WeightModel(demoCatalog);
    const r = seededRandom(3);
    const sds: number[] = [model.expect('pasta-spaghetti')?.sdMg ?? NaN];
    for (const n of [10, 100, 250]) {
      while ((model.expect('pasta-spaghetti')?.observations ?? 0) < n) model.learn('pasta-spaghetti', 462 + 4 * r.normal());
      sds.push(model.expect('pasta-spaghetti')?.sdMg ?? NaN);
    }
    // Prior → 10 → 100 weighings: each tighter (past that it only wobbles around the real spread).
    expect(sds[1]).toBeLessThan(sds[0] as number);
    expect(sds[2]).toBeLessThan(sds[1] as number);
    // Converges on the product's real spread (4 g), no further.
    expect(sds[sds.length - 1]).toBeGreaterThan(3_500);
    expect(sds[sds.length - 1]).toBeLessThan(4_800);
  });

  it('moves the mean towards what the scale sees, shrunk towards the catalog at first', () => {
    const model = new WeightModel(demoCatalog);
    model.learn('butter-unsalted', 480);
    const one = model.expect('butter-unsalted')?.meanMg ?? NaN;
    expect(one).toBeGreaterThan(468_000);
    expect(one).toBeLessThan(476_000);
    for (let i = 0; i < 200; i++) model.learn('butter-unsalted', 480 + (i % 5) - 2);
    expect(model.expect('butter-unsalted')?.meanMg).toBeGreaterThan(479_000);
  });

  it('sets outliers aside: swaps nobody noticed cannot drag the mean or widen the tolerance', () => {
    const clean = new WeightModel(demoCatalog);
    const dirty = new WeightModel(demoCatalog);
    const r = seededRandom(9);
    for (let i = 0; i < 200; i++) {
      const grams = 462 + 4 * r.normal();
      clean.learn('pasta-spaghetti', grams);
      dirty.learn('pasta-spaghetti', grams);
      // One weighing in ten is something else: a litre of milk, or two packs at once.
      if (i % 10 === 0) dirty.learn('pasta-spaghetti', i % 20 === 0 ? 1060 : 924);
    }
    const a = clean.expect('pasta-spaghetti');
    const b = dirty.expect('pasta-spaghetti');
    expect(Math.abs((b?.meanMg ?? NaN) - (a?.meanMg ?? NaN))).toBeLessThan(1_000);
    expect(b?.sdMg).toBeLessThan(1.15 * (a?.sdMg ?? NaN));
    // All 20 set aside (and, as with any data, now and then a genuine weighing far out in the tail).
    expect(b?.observations).toBeLessThanOrEqual(200);
    expect(b?.observations).toBeGreaterThanOrEqual(195);
  });

  it('keeps only the most recent weighings, so a changed pack is relearned', () => {
    const model = new WeightModel(demoCatalog);
    for (let i = 0; i < WEIGHINGS_KEPT; i++) model.learn('honey-raw', 425 + (i % 3));
    for (let i = 0; i < WEIGHINGS_KEPT; i++) model.learn('honey-raw', 340 + (i % 3));
    expect(model.toJSON().products['honey-raw']).toHaveLength(WEIGHINGS_KEPT);
    expect(model.expect('honey-raw')?.meanMg).toBeLessThan(345_000);
  });

  it('ignores products sold by weight, unknown SKUs and nonsense weighings', () => {
    const model = new WeightModel(demoCatalog);
    expect(model.expect('banana')).toBeUndefined();
    expect(model.expect('no-such-sku')).toBeUndefined();
    for (const bad of [Number.NaN, -5, 0, Number.POSITIVE_INFINITY, 1e9]) model.learn('pasta-penne', bad);
    model.learn('banana', 120);
    expect(model.expect('pasta-penne')?.observations).toBe(0);
    expect(model.toJSON()).toEqual({ version: 1, products: {} });
  });

  it('saves its book as JSON and reads it back, refusing malformed books', () => {
    const model = new WeightModel(demoCatalog);
    for (let i = 0; i < 20; i++) model.learn('honey-raw', 425 + (i % 3));
    const copy = WeightModel.fromJSON(demoCatalog, JSON.parse(JSON.stringify(model)));
    expect(copy.expect('honey-raw')).toEqual(model.expect('honey-raw'));
    expect(() => WeightModel.fromJSON(demoCatalog, { version: 1, products: { 'honey-raw': [-4] } })).toThrow();
    expect(() => WeightModel.fromJSON(demoCatalog, { version: 2, products: {} })).toThrow();
    expect(() => WeightModel.fromJSON(demoCatalog, { version: 1, products: { 'honey-raw': new Array(WEIGHINGS_KEPT + 1).fill(425) } })).toThrow();
    expect(() => copy.restore('nope')).toThrow();
    // A product the catalog no longer sells by each is dropped, not an error.
    expect(WeightModel.fromJSON(demoCatalog, { version: 1, products: { banana: [120], gone: [5] } }).toJSON()).toEqual({ version: 1, products: {} });
  });
});

describe('robustStats', () => {
  it('is the plain mean and spread of clean data, and nothing for no data', () => {
    expect(robustStats([])).toEqual({ n: 0, mean: 0, m2: 0 });
    const s = robustStats([10, 12]);
    expect(s).toEqual({ n: 2, mean: 11, m2: 2 });
  });

  it('sets aside what lies beyond 3 robust sds of the median, even when most weighings are identical', () => {
    const s = robustStats([100, 100, 100, 100, 100, 100, 250]);
    expect(s.n).toBe(6);
    expect(s.mean).toBe(100);
    expect(s.m2).toBe(0);
  });
});
