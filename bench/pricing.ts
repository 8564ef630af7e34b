// `npm run bench -- pricing`: pricing a 60-line basket with overlapping promotions, as the cart
// does on every scan. Reference in the same run: the greedy first-match strategy (offers in
// catalog order) on the same baskets; the figures include how often, and by how much, greedy
// charged the shopper more than the optimum.
import type { Coupon, Product, Promotion, StoreSettings } from '../domain/common/catalog/schema.js';
import { seededRandom, type Random } from '../domain/common/random.js';
import type { BasketLineInput } from '../payments/common/pricing/basket.js';
import { preparePricing } from '../payments/common/pricing/catalog-view.js';
import { priceBasket, type PriceOptions } from '../payments/common/pricing/engine.js';
import type { Receipt } from '../payments/common/pricing/receipt.js';
import type { Benchmark } from './benchmark.js';
import { line, summarize, timeEach } from './stats.js';

const store: StoreSettings = {
  id: 'bench',
  name: 'Bench Market',
  currency: 'USD',
  minorUnits: 2,
  locale: 'en-US',
  taxMode: 'exclusive',
  taxClasses: [
    { id: 'grocery', name: 'Grocery', rate: 0 },
    { id: 'prepared', name: 'Prepared food', rate: 88_750 },
    { id: 'general', name: 'General', rate: 88_750 },
  ],
  weightUnit: 'lb',
  variableMeasure: [],
};

function each(sku: string, price: number, taxClass: string, extra: Partial<Product> = {}): Product {
  return { sku, name: sku, gtins: [], taxClass, soldBy: 'each', price, weight: { meanGrams: 200, sdGrams: 5 }, ...extra } as Product;
}

const yogurts = ['yog-van', 'yog-str', 'yog-blu', 'yog-pea', 'yog-gre', 'yog-hon', 'yog-coc', 'yog-pla'];
const sodas = ['soda-cola', 'soda-diet', 'soda-lime', 'soda-root', 'soda-gin', 'soda-orn'];
const snacks = ['chip-sea', 'chip-bbq', 'chip-vin', 'prz-twist', 'crk-wheat', 'crk-rice'];
const produce = ['apple-gala', 'banana', 'grape-red', 'tomato-vine', 'pepper-red'];
const pantry = Array.from({ length: 30 }, (_, i) => `pantry-${String(i).padStart(2, '0')}`);

const products: Product[] = [
  ...yogurts.map((s, i) => each(s, 129 + 10 * i, 'grocery', i % 3 === 0 ? { memberPrice: 109 + 10 * i } : {})),
  ...sodas.map((s, i) => each(s, 599 + 50 * (i % 3), 'general', { deposit: 60 })),
  ...snacks.map((s, i) => each(s, 349 + 25 * i, 'grocery')),
  ...produce.map((s, i): Product => ({ sku: s, name: s, gtins: [], taxClass: 'grocery', soldBy: 'weight', price: 99 + 40 * i, per: 'lb', tareGrams: 0 })),
  ...pantry.map((s, i) => each(s, 199 + 37 * i, i % 4 === 0 ? 'prepared' : 'grocery', i % 5 === 0 ? { memberPrice: 150 + 30 * i } : {})),
];

const promotions: Promotion[] = [
  { id: 'yog-4for5', kind: 'multibuy', name: 'Any 4 yogurts for $5', skus: yogurts, quantity: 4, price: 500, membersOnly: false },
  { id: 'yog-b2g1', kind: 'buyXgetY', name: 'Fruit yogurt: buy 2 get 1 free', skus: yogurts.slice(0, 4), buy: 2, get: 1, percentOff: 100, membersOnly: false },
  { id: 'yog-greek-20', kind: 'percentOff', name: 'Greek yogurt 20% off', skus: ['yog-gre', 'yog-hon'], percent: 20, membersOnly: false },
  { id: 'yog-members-6', kind: 'multibuy', name: 'Members: any 6 yogurts for $6.50', skus: yogurts.slice(2), quantity: 6, price: 650, membersOnly: true },
  { id: 'soda-2for10', kind: 'multibuy', name: '12-packs 2 for $10', skus: sodas.slice(0, 3), quantity: 2, price: 1000, membersOnly: false },
  { id: 'soda-3for15', kind: 'multibuy', name: 'Any 3 12-packs for $15', skus: sodas.slice(1), quantity: 3, price: 1500, membersOnly: false },
  { id: 'soda-50c', kind: 'amountOff', name: '50c off ginger ale and orange', skus: ['soda-gin', 'soda-orn'], amount: 50, membersOnly: false },
  { id: 'snack-bogo50', kind: 'buyXgetY', name: 'Snacks: buy 1 get 1 half price', skus: snacks, buy: 1, get: 1, percentOff: 50, membersOnly: false },
  { id: 'chips-2for6', kind: 'multibuy', name: 'Chips 2 for $6', skus: snacks.slice(0, 3), quantity: 2, price: 600, membersOnly: false },
  { id: 'crackers-15', kind: 'percentOff', name: 'Crackers 15% off', skus: snacks.slice(4), percent: 15, membersOnly: false },
  { id: 'produce-10', kind: 'percentOff', name: 'Apples and grapes 10% off', skus: ['apple-gala', 'grape-red'], percent: 10, membersOnly: false },
  { id: 'pantry-3for2', kind: 'buyXgetY', name: 'Pantry: 3 for 2', skus: pantry.slice(0, 10), buy: 2, get: 1, percentOff: 100, membersOnly: false },
  { id: 'pantry-2for5', kind: 'multibuy', name: 'Pantry 2 for $5', skus: pantry.slice(5, 15), quantity: 2, price: 500, membersOnly: false },
];

const coupons: Coupon[] = [
  { code: 'SAVE5', name: '$5 off $50', discount: { amount: 500 }, threshold: 5000, membersOnly: false },
  { code: 'YOGURT10', name: '10% off yogurt', discount: { percent: 10 }, skus: yogurts, threshold: 0, membersOnly: false },
];

const catalog = preparePricing({ store, products, promotions, coupons });
const skus = products.map((p) => p.sku);

function basket(random: Random, size: number): BasketLineInput[] {
  return Array.from({ length: size }, (_, i): BasketLineInput => {
    // Half the lines from the promoted groups, so promotions overlap heavily.
    const pool = random.next() < 0.5 ? [...yogurts, ...sodas, ...snacks] : skus;
    const sku = pool[random.int(0, pool.length - 1)] as string;
    if (produce.includes(sku)) return { lineId: `l${i}`, sku, netMg: random.int(150_000, 2_500_000) };
    return { lineId: `l${i}`, sku, quantity: random.int(1, 3) };
  });
}

function run(lines: BasketLineInput[], member: boolean, options: PriceOptions): Receipt {
  const result = priceBasket(catalog, lines, { member, coupons: ['SAVE5', 'YOGURT10'], now: '2026-11-15T12:00:00Z' }, options);
  if (!result.ok) throw new Error(result.error.map((e) => e.message).join('; '));
  return result.value;
}

interface Comparison {
  baskets: number;
  /** Baskets where greedy left the shopper paying more for goods after promotions (what the optimiser minimises). */
  worse: number;
  /** Mean extra over those baskets, in minor units and as a percent of the optimum. */
  meanExtra: number;
  meanExtraPercent: number;
  maxExtra: number;
  /**
   * Baskets where greedy's *final* total came out lower anyway: its dearer goods crossed a
   * coupon threshold (SAVE5, $5 off $50) that the optimum fell below. Thresholds are checked
   * after promotions; the engine does not withhold a promotion to reach one.
   */
  thresholdFlips: number;
  notProven: number;
}

/** Goods after member prices and promotions, before coupons, deposits and tax. */
const afterPromotions = (r: Receipt): number => r.regularSubtotal - r.savings.member - r.savings.promotions;

function compare(baskets: readonly BasketLineInput[][], members: readonly boolean[]): Comparison {
  let worse = 0;
  let extraSum = 0;
  let percentSum = 0;
  let maxExtra = 0;
  let thresholdFlips = 0;
  let notProven = 0;
  baskets.forEach((b, i) => {
    const best = run(b, members[i] as boolean, { strategy: { kind: 'optimal' } });
    const first = run(b, members[i] as boolean, { strategy: { kind: 'greedy' } });
    if (!best.optimal) notProven += 1;
    if (first.total < best.total) thresholdFlips += 1;
    const extra = afterPromotions(first) - afterPromotions(best);
    if (extra < 0) throw new Error(`greedy beat the optimum on basket ${i}: ${afterPromotions(first)} < ${afterPromotions(best)}`);
    if (extra === 0) return;
    worse += 1;
    extraSum += extra;
    percentSum += (100 * extra) / afterPromotions(best);
    maxExtra = Math.max(maxExtra, extra);
  });
  return { baskets: baskets.length, worse, meanExtra: worse ? extraSum / worse : 0, meanExtraPercent: worse ? percentSum / worse : 0, maxExtra, thresholdFlips, notProven };
}

function describe(c: Comparison): string {
  return (
    `greedy charged more for the goods on ${c.worse} of ${c.baskets}; when it did, ${c.meanExtra.toFixed(1)} minor units more on average ` +
    `(${c.meanExtraPercent.toFixed(2)}%), at most ${c.maxExtra}; greedy's final total was lower on ${c.thresholdFlips} (coupon threshold crossed)`
  );
}

const bench: Benchmark = {
  summary: 'price a 60-line basket with overlapping promotions: exact optimiser vs greedy first-match',
  async run(ctx) {
    const random = seededRandom(20261115);
    const baskets = Array.from({ length: 400 }, () => basket(random, 60));
    const members = baskets.map((_, i) => i % 2 === 0);
    const optimal: PriceOptions = { strategy: { kind: 'optimal' } };
    const greedy: PriceOptions = { strategy: { kind: 'greedy' } };
    // Warm both up, then time them interleaved so load from other processes lands on both alike.
    baskets.forEach((b, i) => {
      run(b, members[i] as boolean, optimal);
      run(b, members[i] as boolean, greedy);
    });
    const iterations = 4000;
    const optimalSamples: number[] = [];
    const greedySamples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const b = baskets[i % baskets.length] as BasketLineInput[];
      const member = members[i % baskets.length] as boolean;
      optimalSamples.push(...timeEach(() => run(b, member, optimal), 1, 0));
      greedySamples.push(...timeEach(() => run(b, member, greedy), 1, 0));
    }
    const optimalTimes = summarize(optimalSamples);
    const greedyTimes = summarize(greedySamples);
    ctx.log(line('optimal (exact DP)', optimalTimes));
    ctx.log(line('greedy first-match (reference)', greedyTimes));
    // On a shared machine a single sample can include a preemption; the best of 5 runs of each
    // basket shows what each basket costs when it gets the CPU (one sample per basket).
    const bestOf = (options: PriceOptions) =>
      summarize(baskets.map((b, i) => Math.min(...timeEach(() => run(b, members[i] as boolean, options), 5, 1))));
    const optimalBest = bestOf(optimal);
    const greedyBest = bestOf(greedy);
    ctx.log(line('optimal, best of 5 per basket', optimalBest));
    ctx.log(line('greedy, best of 5 per basket', greedyBest));

    const big = compare(baskets, members);
    // Smaller, everyday baskets (5-20 lines): how often greedy loses there.
    const everyday = Array.from({ length: 2000 }, () => basket(random, random.int(5, 20)));
    const small = compare(everyday, everyday.map((_, i) => i % 2 === 0));
    const ratio = optimalTimes.p99 / greedyTimes.p99;
    ctx.log(`p99 ratio optimal/greedy: ${ratio.toFixed(2)}x`);
    ctx.log(`60-line baskets: ${describe(big)}`);
    ctx.log(`5-20-line baskets: ${describe(small)}`);
    if (big.notProven + small.notProven > 0) ctx.log(`warning: ${big.notProven + small.notProven} baskets went past the search budget`);
    return {
      lines: 60,
      baskets: baskets.length,
      optimalP50Ms: optimalTimes.p50,
      optimalP99Ms: optimalTimes.p99,
      greedyP50Ms: greedyTimes.p50,
      greedyP99Ms: greedyTimes.p99,
      p99Ratio: ratio,
      optimalBestOf5P50Ms: optimalBest.p50,
      optimalBestOf5P99Ms: optimalBest.p99,
      bestOf5P99Ratio: optimalBest.p99 / greedyBest.p99,
      greedyBestOf5P50Ms: greedyBest.p50,
      greedyBestOf5P99Ms: greedyBest.p99,
      greedyWorseShare: big.worse / big.baskets,
      greedyMeanExtraMinor: big.meanExtra,
      greedyMeanExtraPercent: big.meanExtraPercent,
      greedyMaxExtraMinor: big.maxExtra,
      greedyThresholdFlips: big.thresholdFlips,
      smallBaskets: small.baskets,
      smallGreedyWorseShare: small.worse / small.baskets,
      smallGreedyMeanExtraMinor: small.meanExtra,
      smallGreedyMeanExtraPercent: small.meanExtraPercent,
      smallGreedyMaxExtraMinor: small.maxExtra,
      smallGreedyThresholdFlips: small.thresholdFlips,
      notProvenOptimal: big.notProven + small.notProven,
    };
  },
};

export default bench;
