// Per-product weight models for the basket scale, learned from completed trips.
//
// Each product starts from the catalog's weight ({ meanGrams, sdGrams }) as a prior, deliberately
// widened: a catalog's spread is a guess typed by a person, and a product nobody has weighed yet
// must not trip honest shoppers. Every confirmed weighing (one scanned unit matched to one weight
// step on a trip that ended with no open alert) is an observation. The update is the conjugate
// Normal-Inverse-Gamma one: the mean is shrunk towards the catalog's by `priorMeanStrength`
// pseudo-observations, the variance towards the widened prior by `priorSpreadStrength`. So the
// tolerance starts wide and tightens towards the product's real spread as data grows, and one odd
// weighing cannot swing it.
import { z } from 'zod';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';

/** What a unit of a product is expected to weigh, as the reconciler uses it. */
export interface WeightExpectation {
  readonly meanMg: number;
  /** Predictive standard deviation of one unit: the product's spread plus what is unsure about its mean. */
  readonly sdMg: number;
  /** Confirmed weighings behind it (0: the catalog's prior alone). */
  readonly observations: number;
}

export interface WeightModelOptions {
  /** Pseudo-observations the catalog's mean counts for (default 2). */
  readonly priorMeanStrength?: number;
  /** Pseudo-observations the widened catalog spread counts for (default 4). */
  readonly priorSpreadStrength?: number;
  /** The catalog's sd is multiplied by this for the prior (default 2)… */
  readonly priorWidening?: number;
  /** …and is at least this share of the mean (default 0.02): "wide tolerance" for a product with no history. */
  readonly priorMinShare?: number;
}

interface Stats {
  n: number;
  mean: number;
  /** Sum of squared deviations from the running mean (Welford). */
  m2: number;
}

/** What `toJSON` writes and `restore` reads: running statistics per SKU, in grams. */
export const weightStatsSchema = z.record(z.string().min(1).max(64), z.strictObject({ n: z.int().min(0), mean: z.number().finite().positive(), m2: z.number().finite().min(0) }));
export type WeightStats = z.output<typeof weightStatsSchema>;

export class WeightModel {
  readonly #catalog: Catalog;
  readonly #kappa0: number;
  readonly #nu0: number;
  readonly #widening: number;
  readonly #minShare: number;
  readonly #stats = new Map<string, Stats>();

  constructor(catalog: Catalog, options: WeightModelOptions = {}) {
    this.#catalog = catalog;
    this.#kappa0 = options.priorMeanStrength ?? 2;
    this.#nu0 = options.priorSpreadStrength ?? 4;
    this.#widening = options.priorWidening ?? 2;
    this.#minShare = options.priorMinShare ?? 0.02;
  }

  /** One confirmed weighing of one unit, in grams. Ignored for products without an each-weight or for nonsense. */
  learn(sku: string, grams: number): void {
    if (!(grams > 0) || !Number.isFinite(grams) || !this.#prior(sku)) return;
    const s = this.#stats.get(sku) ?? { n: 0, mean: 0, m2: 0 };
    s.n++;
    const d = grams - s.mean;
    s.mean += d / s.n;
    s.m2 += d * (grams - s.mean);
    this.#stats.set(sku, s);
  }

  /** The expected weight of one unit of an each-item; undefined for products sold by weight or unknown. */
  expect(sku: string): WeightExpectation | undefined {
    const prior = this.#prior(sku);
    if (!prior) return undefined;
    const s = this.#stats.get(sku) ?? { n: 0, mean: 0, m2: 0 };
    const kappaN = this.#kappa0 + s.n;
    const meanN = (this.#kappa0 * prior.mean + s.n * s.mean) / kappaN;
    const nuN = this.#nu0 + s.n;
    const shrink = s.n > 0 ? ((this.#kappa0 * s.n) / kappaN) * (s.mean - prior.mean) ** 2 : 0;
    const varN = (this.#nu0 * prior.sd ** 2 + s.m2 + shrink) / nuN;
    // Predictive spread of the next unit: the product's variance plus the mean's own uncertainty.
    const sd = Math.sqrt(varN * (1 + 1 / kappaN));
    return { meanMg: meanN * 1000, sdMg: sd * 1000, observations: s.n };
  }

  /** The statistics learned so far, to keep between trips (the store persists them). */
  toJSON(): WeightStats {
    return Object.fromEntries([...this.#stats].map(([sku, s]) => [sku, { ...s }]));
  }

  /** Adds statistics saved by `toJSON` (checked: they come off a disk or a network). */
  restore(input: unknown): void {
    const parsed = weightStatsSchema.parse(input);
    for (const [sku, s] of Object.entries(parsed)) if (this.#prior(sku) && s.n > 0) this.#stats.set(sku, { ...s });
  }

  #prior(sku: string): { mean: number; sd: number } | undefined {
    const product = this.#catalog.bySku(sku);
    if (product?.soldBy !== 'each') return undefined;
    const { meanGrams, sdGrams } = product.weight;
    return { mean: meanGrams, sd: Math.max(this.#widening * sdGrams, this.#minShare * meanGrams) };
  }
}
