import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { WeightModel } from '../../../../cart-app/common/loss-prevention/weight-model.js';
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

  it('tightens the tolerance as confirmed weighings come in', () => {
    const model = new WeightModel(demoCatalog);
    const r = seededRandom(3);
    const sds: number[] = [model.expect('pasta-spaghetti')?.sdMg ?? NaN];
    for (const n of [10, 100, 400]) {
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
    for (let i = 0; i < 200; i++) model.learn('butter-unsalted', 480);
    expect(model.expect('butter-unsalted')?.meanMg).toBeGreaterThan(479_000);
  });

  it('ignores products sold by weight, unknown SKUs and nonsense weighings', () => {
    const model = new WeightModel(demoCatalog);
    expect(model.expect('banana')).toBeUndefined();
    expect(model.expect('no-such-sku')).toBeUndefined();
    for (const bad of [Number.NaN, -5, 0, Number.POSITIVE_INFINITY]) model.learn('pasta-penne', bad);
    model.learn('banana', 120);
    expect(model.expect('pasta-penne')?.observations).toBe(0);
    expect(model.toJSON()).toEqual({});
  });

  it('saves and restores what it learned, and refuses malformed statistics', () => {
    const model = new WeightModel(demoCatalog);
    for (let i = 0; i < 20; i++) model.learn('honey-raw', 425 + (i % 3));
    const copy = new WeightModel(demoCatalog);
    copy.restore(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.expect('honey-raw')).toEqual(model.expect('honey-raw'));
    expect(() => copy.restore({ 'honey-raw': { n: -1, mean: 4, m2: 0 } })).toThrow();
    expect(() => copy.restore('nope')).toThrow();
  });
});
