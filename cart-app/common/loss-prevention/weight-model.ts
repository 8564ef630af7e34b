// Per-product weight models for the basket scale, learned from completed trips.
//
// Each product starts from the catalog's weight ({ meanGrams, sdGrams }) as a prior, deliberately
// widened: a catalog's spread is a guess typed by a person, and a product nobody has weighed yet
// must not trip honest shoppers. Every confirmed weighing (one scanned unit matched to one weight
// step, see learn-from-trip.ts) is kept in the product's *book*, the most recent
// `WEIGHINGS_KEPT` of them, so a product whose pack changes is relearned rather than averaged
// with its old self forever.
//
// From the book, the product's weight is estimated robustly: weighings more than 3 robust
// standard deviations (1.4826 × the median absolute deviation) from the median are set aside, so
// a swap that slipped through on some earlier trip, or two items that went in as one, cannot
// drag the mean or blow up the spread. The rest are combined with the prior by the conjugate
// Normal-Inverse-Gamma rule: the mean is shrunk towards the catalog's by `priorMeanStrength`
// pseudo-observations, the variance towards the widened prior by `priorSpreadStrength`. So the
// tolerance starts wide and tightens towards the product's real spread as data grows.
//
// The widening is a hedge for one question only: could this weight be the product at all (the
// tolerance, which alerts on the weight alone)? Whether a weight is *unusual* for the product is
// another question, asked only together with the camera (the reconciler's swap suspicion), and
// there the best guess at the spread is wanted, not a hedge: the same rule with the catalog's own
// spread as the prior (`usualSdMg`). Early in a store's life that leans on what the catalog says
// a unit weighs; as weighings come in, both answers converge on the product's learned spread.
import { z } from 'zod';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';

/** What a unit of a product is expected to weigh, as the reconciler uses it. */
export interface WeightExpectation {
  readonly meanMg: number;
  /** Predictive standard deviation of one unit: the product's spread plus what is unsure about its mean. */
  readonly sdMg: number;
  /**
   * The same with the catalog's own spread as the prior, not widened: how far one unit usually
   * strays, by the best estimate there is. For judging a weight unusual (with other evidence),
   * never for excusing one.
   */
  readonly usualSdMg: number;
  /** Weighings behind it after outliers were set aside (0: the catalog's prior alone). */
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

/** Weighings kept per product: enough for a tight estimate, few enough to follow a changed pack. */
export const WEIGHINGS_KEPT = 256;

/** The heaviest single unit the book accepts, grams (a crate of water, not a typo's 10⁹). */
const MAX_UNIT_GRAMS = 100_000;

/** What `toJSON` writes and `fromJSON`/`restore` read: the recent weighings per SKU, grams, oldest first. */
export const weightBookSchema = z.strictObject({
  version: z.literal(1),
  products: z.record(z.string().min(1).max(64), z.array(z.number().finite().positive().max(MAX_UNIT_GRAMS)).max(WEIGHINGS_KEPT)),
});
export type WeightBook = z.output<typeof weightBookSchema>;

interface Stats {
  readonly n: number;
  readonly mean: number;
  /** Sum of squared deviations from the mean. */
  readonly m2: number;
}

/**
 * Variance of a standard normal cut at ±3: what is left after the outlier rule, so the spread of
 * the weighings kept is scaled back up to the product's own.
 */
const TRUNCATED_VARIANCE = 0.9733;
/** Below this robust spread (grams) weighings count as identical: a scale that reads to the gram. */
const MIN_ROBUST_SD = 0.5;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Mean and spread of the weighings within 3 robust sds of their median. */
export function robustStats(weighings: readonly number[]): Stats {
  if (weighings.length === 0) return { n: 0, mean: 0, m2: 0 };
  const sorted = [...weighings].sort((a, b) => a - b);
  const centre = median(sorted);
  const spread = 1.4826 * median(sorted.map((x) => Math.abs(x - centre)).sort((a, b) => a - b));
  // Too few to tell an outlier from the spread: keep them all.
  const cut = weighings.length < 5 ? Infinity : 3 * Math.max(spread, MIN_ROBUST_SD);
  const kept = sorted.filter((x) => Math.abs(x - centre) <= cut);
  const mean = kept.reduce((s, x) => s + x, 0) / kept.length;
  const m2 = kept.reduce((s, x) => s + (x - mean) ** 2, 0) / (Number.isFinite(cut) ? TRUNCATED_VARIANCE : 1);
  return { n: kept.length, mean, m2 };
}

export class WeightModel {
  readonly #catalog: Catalog;
  readonly #kappa0: number;
  readonly #nu0: number;
  readonly #widening: number;
  readonly #minShare: number;
  readonly #books = new Map<string, number[]>();
  /** Robust statistics per SKU, recomputed when its book changes. */
  readonly #stats = new Map<string, Stats>();

  constructor(catalog: Catalog, options: WeightModelOptions = {}) {
    this.#catalog = catalog;
    this.#kappa0 = options.priorMeanStrength ?? 2;
    this.#nu0 = options.priorSpreadStrength ?? 4;
    this.#widening = options.priorWidening ?? 2;
    this.#minShare = options.priorMinShare ?? 0.02;
  }

  /** A model holding a saved book (checked: it comes off a disk or a network). Throws a ZodError when malformed. */
  static fromJSON(catalog: Catalog, input: unknown, options: WeightModelOptions = {}): WeightModel {
    const model = new WeightModel(catalog, options);
    model.restore(input);
    return model;
  }

  /** One confirmed weighing of one unit, in grams. Ignored for products without an each-weight or for nonsense. */
  learn(sku: string, grams: number): void {
    if (!(grams > 0 && grams <= MAX_UNIT_GRAMS) || !this.#prior(sku)) return;
    const book = this.#books.get(sku) ?? [];
    book.push(grams);
    if (book.length > WEIGHINGS_KEPT) book.shift();
    this.#books.set(sku, book);
    this.#stats.set(sku, robustStats(book));
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
    // Predictive spread of the next unit: the product's variance plus the mean's own uncertainty.
    const predictiveSd = (priorSd: number): number => Math.sqrt(((this.#nu0 * priorSd ** 2 + s.m2 + shrink) / nuN) * (1 + 1 / kappaN));
    return { meanMg: meanN * 1000, sdMg: predictiveSd(prior.sd) * 1000, usualSdMg: predictiveSd(prior.catalogSd) * 1000, observations: s.n };
  }

  /** The book so far, to keep between trips (the store persists it). */
  toJSON(): WeightBook {
    return { version: 1, products: Object.fromEntries([...this.#books].map(([sku, book]) => [sku, [...book]])) };
  }

  /**
   * Replaces the books of the products a saved book names (checked: it comes off a disk or a
   * network; throws a ZodError when malformed). Products the catalog no longer sells by each are
   * dropped.
   */
  restore(input: unknown): void {
    const parsed = weightBookSchema.parse(input);
    for (const [sku, book] of Object.entries(parsed.products)) {
      if (!this.#prior(sku) || book.length === 0) continue;
      this.#books.set(sku, [...book]);
      this.#stats.set(sku, robustStats(book));
    }
  }

  #prior(sku: string): { mean: number; sd: number; catalogSd: number } | undefined {
    const product = this.#catalog.bySku(sku);
    if (product?.soldBy !== 'each') return undefined;
    const { meanGrams, sdGrams } = product.weight;
    return { mean: meanGrams, sd: Math.max(this.#widening * sdGrams, this.#minShare * meanGrams), catalogSd: sdGrams };
  }
}
