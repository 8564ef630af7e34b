// The shoppers the simulator plays, and how often each turns up (docs/loss-prevention.md lists
// them in words). A trip is planned up front as a timeline of what the shopper does with their
// hands and the cart; only the forgetful shopper's fix depends on what the cart says (they scan
// what they forgot once the screen asks), so that reaction is part of the plan too.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { EachProduct, Product, WeighedProduct } from '../../../domain/common/catalog/schema.js';
import type { Random } from '../../../domain/common/random.js';
import type { Measure } from '../../../domain/common/session/events.js';

export type Behaviour = 'honest' | 'careless' | 'forgetful' | 'swap' | 'conceal' | 'wrong-plu';

/** Share of trips per behaviour; they need not sum to 1 (they are normalised). */
export type BehaviourRates = Readonly<Record<Behaviour, number>>;

/**
 * Default rates. Honest and careless shoppers are most trips; a forgetful one misses one scan;
 * deliberate loss (swap, concealment, a cheaper PLU) is about 1 trip in 80, in line with
 * published shrink surveys for self-checkout, which put intentional loss at a few percent of
 * baskets at most.
 */
export const defaultRates: BehaviourRates = { honest: 0.82, careless: 0.09, forgetful: 0.078, swap: 0.005, conceal: 0.005, 'wrong-plu': 0.002 };

/** A stress mix for measuring recall (the benchmark): a third of trips deliberate. */
export const stressRates: BehaviourRates = { honest: 0.4, careless: 0.15, forgetful: 0.12, swap: 0.15, conceal: 0.12, 'wrong-plu': 0.06 };

/** Things of the shopper's hands, in time order. `thing` names one physical object in the basket. */
export type Action =
  | { readonly at: number; readonly kind: 'scan'; readonly lineId: string; readonly sku: string; readonly measure: Measure }
  | { readonly at: number; readonly kind: 'unscan'; readonly lineId: string }
  /** Puts things in at the same instant (dropped together = one step of their sum). */
  | { readonly at: number; readonly kind: 'place'; readonly things: readonly { readonly thing: string; readonly grams: number }[]; readonly lowered: boolean }
  | { readonly at: number; readonly kind: 'lift'; readonly thing: string }
  | { readonly at: number; readonly kind: 'push'; readonly durationMs: number; readonly intensity: number }
  | { readonly at: number; readonly kind: 'declare'; readonly itemId: string; readonly description: string }
  /** What the basket camera's recogniser made of the item just placed. */
  | { readonly at: number; readonly kind: 'hint'; readonly labels: readonly Label[]; readonly unknown: boolean };

type Label = { readonly sku: string; readonly score: number };

/** What the simulator knows and the cart must find out. */
export type Truth =
  | { readonly kind: 'unscanned'; readonly thing: string; readonly placedAt: number; readonly why: 'forgotten' | 'concealed' }
  | { readonly kind: 'swap'; readonly lineId: string; readonly thing: string; readonly at: number; readonly weightDiffShare: number; readonly scanned: string; readonly placed: string }
  | { readonly kind: 'wrong-plu'; readonly lineId: string; readonly at: number };

export interface TripPlan {
  readonly behaviour: Behaviour;
  readonly actions: readonly Action[];
  readonly truths: readonly Truth[];
  /** The forgetful shopper's fix: scanned this long after the cart first complains. */
  readonly fixOnAlert: { readonly delayMs: number; readonly scan: Extract<Action, { kind: 'scan' }> } | undefined;
}

export interface Shelf {
  readonly each: readonly EachProduct[];
  /** Loose produce: weighed, with a PLU and a recognition label. */
  readonly produce: readonly WeighedProduct[];
  /** Every product the basket camera was taught (it has a recognition label). */
  readonly looks: readonly Product[];
}

export function shelfOf(catalog: Catalog): Shelf {
  const each = catalog.products.filter((p): p is EachProduct => p.soldBy === 'each');
  const produce = catalog.products.filter((p): p is WeighedProduct => p.soldBy === 'weight' && p.plu !== undefined && p.visionLabel !== undefined && p.typicalGrams !== undefined);
  return { each, produce, looks: catalog.products.filter((p) => p.visionLabel !== undefined) };
}

function pick<T>(r: Random, xs: readonly T[]): T {
  return xs[r.int(0, xs.length - 1)] as T;
}

const uniform = (r: Random, lo: number, hi: number): number => lo + (hi - lo) * r.next();

export function pickBehaviour(r: Random, rates: BehaviourRates): Behaviour {
  const entries = Object.entries(rates) as [Behaviour, number][];
  const total = entries.reduce((s, [, v]) => s + Math.max(0, v), 0);
  let u = r.next() * total;
  for (const [b, v] of entries) {
    u -= Math.max(0, v);
    if (u < 0) return b;
  }
  return 'honest';
}

/** One unit's true weight: the catalog's model for an each-item, a bag of a few for produce. */
function trueGrams(r: Random, p: Product): number {
  if (p.soldBy === 'each') return Math.max(1, p.weight.meanGrams + p.weight.sdGrams * r.normal());
  const units = r.int(1, 6);
  return Math.max(10, (p.typicalGrams ?? 200) * units * (1 + 0.15 * r.normal()));
}

/** How the produce scale on the cart reports a weighed line: to the gram, ±1 g. */
const weighedMeasure = (r: Random, g: number): Measure => ({ by: 'weight', netMg: Math.max(1000, Math.round(g + r.normal()) * 1000) });

/**
 * The recognition model's opinion of a product it was taught: usually right, now and then
 * confidently wrong (another of `looks`). Produce hints are drawn with the trip's own numbers,
 * as they always were; the other products' with the camera's.
 */
function hintFor(r: Random, truth: Product, looks: readonly Product[]): Label[] {
  const other = (): Product => {
    for (;;) {
      const o = pick(r, looks);
      if (o.visionLabel !== truth.visionLabel) return o;
    }
  };
  if (r.next() < 0.01) {
    const wrong = other();
    return [{ sku: wrong.sku, score: uniform(r, 0.5, 0.9) }, { sku: truth.sku, score: uniform(r, 0.02, 0.4) }];
  }
  const s = uniform(r, 0.75, 0.99);
  return [{ sku: truth.sku, score: s }, { sku: other().sku, score: (1 - s) * r.next() }];
}

/** How the simulated basket camera errs (docs/loss-prevention.md): assumed rates, not measured ones. */
export const cameraRates = {
  /** A taught product called unknown (a hand in view, the item half hidden), its own score 0.02-0.5. */
  unknownTaught: 0.03,
  /** An untaught product (most packaged goods, a shopper's bag) confidently called a taught one (0.5-0.9). */
  wrongUntaught: 0.05,
} as const;

/**
 * The basket camera's opinion of one placement, drawn from the camera's own numbers (`eyes`) so
 * modelling it does not move anything else in a seeded run. A product with a recognition label is
 * usually named (`hintFor`: right in 99 %, confidently wrong in 1 %) and now and then called
 * unknown; anything else is unknown but for the odd confident mistake. An unknown picture still
 * comes with the recogniser's weak best guesses.
 */
export function cameraView(eyes: Random, truth: Product | undefined, shelf: Shelf, produceLabels: Label[] | undefined): { labels: Label[]; unknown: boolean } {
  const guesses = (): Label[] => [pick(eyes, shelf.looks), pick(eyes, shelf.looks)].map((p) => ({ sku: p.sku, score: uniform(eyes, 0, 0.3) }));
  if (truth?.visionLabel === undefined) {
    if (eyes.next() < cameraRates.wrongUntaught) return { labels: [{ sku: pick(eyes, shelf.looks).sku, score: uniform(eyes, 0.5, 0.9) }], unknown: false };
    return { labels: guesses(), unknown: true };
  }
  if (eyes.next() < cameraRates.unknownTaught) return { labels: [{ sku: truth.sku, score: uniform(eyes, 0.02, 0.5) }, ...guesses()], unknown: true };
  return { labels: produceLabels ?? hintFor(eyes, truth, shelf.looks), unknown: false };
}

/**
 * Plans one trip. Everyone shops 4-18 items (a quarter loose produce), pushes the cart between
 * most of them, mostly scans first and places within a few seconds (15 % place first and scan
 * after), now and then brings their own bag (declared) or changes their mind about an item.
 */
export function planTrip(r: Random, shelf: Shelf, behaviour: Behaviour, startAt: number, eyes: Random): TripPlan {
  const actions: Action[] = [];
  const truths: Truth[] = [];
  let fixOnAlert: TripPlan['fixOnAlert'];
  let t = startAt + 2000;
  let line = 0;
  let thing = 0;
  const newLine = (): string => `L${++line}`;
  const newThing = (): string => `T${++thing}`;
  const placeAction = (at: number, things: { thing: string; grams: number }[]): Action => ({ at, kind: 'place', things, lowered: r.next() < 0.5 });
  // The basket camera looks at every placement just after it (undefined: the shopper's own bag).
  const seen = (placedAt: number, truth: Product | undefined, produceLabels?: Label[]): Action => ({ at: placedAt + 400, kind: 'hint', ...cameraView(eyes, truth, shelf, produceLabels) });

  if (r.next() < 0.15) {
    actions.push({ at: t, kind: 'declare', itemId: 'own-bag', description: 'own shopping bag' });
    t += uniform(r, 2000, 6000);
    actions.push(placeAction(t, [{ thing: newThing(), grams: uniform(r, 150, 900) }]), seen(t, undefined));
    t += 3000;
  }

  const count = r.int(4, 18);
  const specials = new Set<number>();
  const deliberate = behaviour === 'swap' || behaviour === 'conceal' || behaviour === 'wrong-plu' ? r.int(1, 2) : 0;
  while (specials.size < Math.min(count, behaviour === 'forgetful' ? 1 : behaviour === 'careless' ? r.int(1, 2) : deliberate)) specials.add(r.int(0, count - 1));
  const changeOfMind = r.next() < 0.1 ? r.int(0, count - 1) : -1;

  for (let i = 0; i < count; i++) {
    if (r.next() < 0.7) {
      const durationMs = uniform(r, 3000, 15000);
      actions.push({ at: t, kind: 'push', durationMs, intensity: uniform(r, 0.4, 1.2) });
      t += durationMs + 1500;
    }
    t += uniform(r, 1000, 6000);
    const special = specials.has(i) ? behaviour : 'honest';
    const produce = r.next() < 0.25 || special === 'wrong-plu';
    const product: Product = produce ? pick(r, shelf.produce) : pick(r, shelf.each);
    const g = trueGrams(r, product);
    const id = newThing();
    const scanOf = (p: Product, at: number, grams: number): Extract<Action, { kind: 'scan' }> => ({
      at,
      kind: 'scan',
      lineId: newLine(),
      sku: p.sku,
      measure: p.soldBy === 'each' ? { by: 'each', quantity: 1 } : weighedMeasure(r, grams),
    });
    const gap = uniform(r, 1000, 5000);

    if (special === 'conceal' || special === 'forgetful') {
      actions.push(placeAction(t, [{ thing: id, grams: g }]), seen(t, product));
      truths.push({ kind: 'unscanned', thing: id, placedAt: t, why: special === 'conceal' ? 'concealed' : 'forgotten' });
      if (special === 'forgetful') fixOnAlert = { delayMs: uniform(r, 3000, 10000), scan: scanOf(product, 0, g) };
      t += 3000;
    } else if (special === 'swap') {
      // Scans something cheaper, puts the dearer thing in.
      const cheap = product.soldBy === 'each' && shelf.each.some((p) => p.price > product.price) ? product : pick(r, shelf.each.filter((p) => p.price < 500));
      const expensive = pick(r, shelf.each.filter((p) => p.price > cheap.price));
      const scan = scanOf(cheap, t, 0);
      actions.push(scan);
      t += gap;
      const cheapMean = cheap.soldBy === 'each' ? cheap.weight.meanGrams : 1;
      actions.push(placeAction(t, [{ thing: id, grams: trueGrams(r, expensive) }]), seen(t, expensive));
      truths.push({ kind: 'swap', lineId: scan.lineId, thing: id, at: t, weightDiffShare: Math.abs(expensive.weight.meanGrams - cheapMean) / cheapMean, scanned: cheap.sku, placed: expensive.sku });
      t += 3000;
    } else if (special === 'wrong-plu' && product.soldBy === 'weight') {
      // Real produce in, a cheaper-looking PLU keyed (one the cameras would not confuse with it).
      const cheaper = shelf.produce.filter((p) => p.visionLabel !== product.visionLabel && p.price < product.price);
      const keyed = cheaper.length > 0 ? pick(r, cheaper) : pick(r, shelf.produce.filter((p) => p.visionLabel !== product.visionLabel));
      actions.push(placeAction(t, [{ thing: id, grams: g }]));
      actions.push(seen(t, product, hintFor(r, product, shelf.produce)));
      t += gap;
      const scan = scanOf(keyed, t, g);
      actions.push(scan);
      truths.push({ kind: 'wrong-plu', lineId: scan.lineId, at: t });
      t += 2000;
    } else if (special === 'careless' && r.next() < 0.5) {
      // Two things scanned, then dropped in together: one step of their sum.
      const second = pick(r, shelf.each);
      const g2 = trueGrams(r, second);
      actions.push(scanOf(product, t, g));
      t += uniform(r, 1000, 3000);
      actions.push(scanOf(second, t, g2));
      t += uniform(r, 1000, 3000);
      // The camera's crop holds both; it is played as seeing the first.
      actions.push({ at: t, kind: 'place', things: [{ thing: id, grams: g }, { thing: newThing(), grams: g2 }], lowered: false }, seen(t, product));
      t += 3000;
    } else if (special === 'careless') {
      // Leaned on the rim: part of its weight shows, the rest when it slides in a few seconds later.
      const share = uniform(r, 0.3, 0.7);
      actions.push(scanOf(product, t, g));
      t += gap;
      actions.push(placeAction(t, [{ thing: id, grams: g * share }]), seen(t, product));
      t += uniform(r, 2000, 8000);
      actions.push(placeAction(t, [{ thing: newThing(), grams: g * (1 - share) }]), seen(t, product));
      t += 3000;
    } else if (product.soldBy === 'weight' || r.next() < 0.15) {
      // Produce is put on the scale, then its PLU keyed (the cart weighs it); some shoppers place first anyway.
      actions.push(placeAction(t, [{ thing: id, grams: g }]));
      actions.push(seen(t, product, product.soldBy === 'weight' ? hintFor(r, product, shelf.produce) : undefined));
      t += gap;
      actions.push(scanOf(product, t, g));
      t += 2000;
    } else {
      const scan = scanOf(product, t, g);
      actions.push(scan);
      t += gap;
      actions.push(placeAction(t, [{ thing: id, grams: g }]), seen(t, product));
      t += 3000;
      if (i === changeOfMind) {
        // Changes their mind: takes it out and unscans it, in either order.
        t += uniform(r, 2000, 10000);
        const first = r.next() < 0.5;
        actions.push(first ? { at: t, kind: 'lift', thing: id } : { at: t, kind: 'unscan', lineId: scan.lineId });
        t += uniform(r, 1000, 5000);
        actions.push(first ? { at: t, kind: 'unscan', lineId: scan.lineId } : { at: t, kind: 'lift', thing: id });
        t += 2000;
      }
    }
  }
  return { behaviour, actions, truths, fixOnAlert };
}
