// Loss-prevention benchmark: how recall trades against false alerts as the weight tolerance
// varies. The reconciler's per-product rule (k standard deviations of the learned weight model)
// is swept over k, and the naive rule stores start with (the same ± grams for every product) is
// swept over its grams, on the very same simulated trips (same seed, same shoppers). A stress mix
// of shoppers (a third deliberate) gives enough swaps and concealments to measure recall; false
// alerts are counted on the honest and careless trips of the same run. Writes a plotted PNG to
// bench/out/loss-prevention.png.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Benchmark } from './benchmark.js';
import { loadCatalogFile } from '../domain/node/catalog/load.js';
import { stressRates } from '../cart-app/node/simulation/behaviours.js';
import { simulate } from '../cart-app/node/simulation/simulate.js';
import type { SimulationFigures } from '../cart-app/node/simulation/figures.js';
import { describeTolerance, type ToleranceRule } from '../cart-app/common/loss-prevention/tolerance.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIGMAS = [2, 2.5, 3, 4, 5, 6, 8];
const FIXED_GRAMS = [10, 25, 50, 100, 200];

interface Point {
  readonly rule: ToleranceRule;
  /** Swaps (weights > 10 % apart) and unscanned items caught, together. */
  readonly recall: number;
  readonly swapRecall: number;
  readonly unscannedRecall: number;
  readonly falsePer100: number;
}

function pointOf(rule: ToleranceRule, f: SimulationFigures): Point {
  const caught = f.swapsOver10.caught + f.unscannedItems.caught;
  const events = f.swapsOver10.events + f.unscannedItems.events;
  return { rule, recall: events ? caught / events : 0, swapRecall: f.swapsOver10.recall ?? 0, unscannedRecall: f.unscannedItems.recall ?? 0, falsePer100: f.falseAlertsPer100HonestTrips };
}

/** A line chart of recall (y) against false alerts per 100 honest trips (x), one line per rule. */
function chartSvg(series: readonly { name: string; color: string; points: readonly Point[] }[]): string {
  const W = 760;
  const H = 480;
  const m = { l: 70, r: 30, t: 50, b: 60 };
  // False alerts span three orders of magnitude between the rules: a log axis (0.1 … 1000).
  const lo = -1;
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.falsePer100))))));
  const logX = (v: number): number => Math.log10(Math.max(0.1, v));
  const minY = Math.floor(10 * Math.min(0.8, ...series.flatMap((s) => s.points.map((p) => p.recall)))) / 10;
  const x = (v: number): number => m.l + ((logX(v) - lo) / (hi - lo)) * (W - m.l - m.r);
  const y = (v: number): number => H - m.b - ((v - minY) / (1 - minY)) * (H - m.t - m.b);
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="white"/>`];
  parts.push(`<text x="${W / 2}" y="28" font-size="18" text-anchor="middle" font-family="sans-serif">Recall vs false alerts as the weight tolerance varies</text>`);
  for (let e = lo; e <= hi; e++) {
    const vx = 10 ** e;
    parts.push(`<line x1="${x(vx)}" y1="${m.t}" x2="${x(vx)}" y2="${H - m.b}" stroke="#ddd"/><text x="${x(vx)}" y="${H - m.b + 18}" font-size="12" text-anchor="middle" font-family="sans-serif">${e < 0 ? '≤0.1' : vx}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const vy = minY + ((1 - minY) * i) / 5;
    parts.push(`<line x1="${m.l}" y1="${y(vy)}" x2="${W - m.r}" y2="${y(vy)}" stroke="#ddd"/><text x="${m.l - 8}" y="${y(vy) + 4}" font-size="12" text-anchor="end" font-family="sans-serif">${(100 * vy).toFixed(0)} %</text>`);
  }
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 15}" font-size="14" text-anchor="middle" font-family="sans-serif">false alerts per 100 honest trips (log scale)</text>`);
  parts.push(`<text x="18" y="${(m.t + H - m.b) / 2}" font-size="14" text-anchor="middle" font-family="sans-serif" transform="rotate(-90 18 ${(m.t + H - m.b) / 2})">recall (unscanned items + swaps &gt;10 %)</text>`);
  series.forEach((s, i) => {
    // In order of the tolerance, tightest first: the line shows what loosening the rule does.
    const pts = s.points;
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2.5" points="${pts.map((p) => `${x(p.falsePer100).toFixed(1)},${y(p.recall).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) {
      parts.push(`<circle cx="${x(p.falsePer100).toFixed(1)}" cy="${y(p.recall).toFixed(1)}" r="4" fill="${s.color}"/>`);
      parts.push(`<text x="${(x(p.falsePer100) + 6).toFixed(1)}" y="${(y(p.recall) - 6).toFixed(1)}" font-size="11" fill="${s.color}" font-family="sans-serif">${describeTolerance(p.rule)}</text>`);
    }
    parts.push(`<rect x="${W - m.r - 230}" y="${H - m.b - 50 + i * 22}" width="14" height="4" fill="${s.color}"/><text x="${W - m.r - 210}" y="${H - m.b - 44 + i * 22}" font-size="13" font-family="sans-serif">${s.name}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}

const bench: Benchmark = {
  summary: 'loss prevention: recall vs false alerts as the weight tolerance varies, per-product σ rule vs a fixed ± grams rule; plots bench/out/loss-prevention.png',
  async run(ctx) {
    const seed = Number(ctx.args.find((a) => /^\d+$/.test(a)) ?? 7);
    const trips = Number(ctx.args.find((a) => a.startsWith('--trips='))?.slice('--trips='.length) ?? 400);
    const loaded = await loadCatalogFile(path.join(here, '..', 'catalogs', 'demo-store.json'));
    if (!loaded.ok) throw loaded.error;
    const run = (rule: ToleranceRule): Point => pointOf(rule, simulate({ catalog: loaded.value, trips, seed, rates: stressRates, tolerance: rule }).figures);
    ctx.log(`${trips} trips per setting (seed ${seed}), stress mix (a third deliberate), same trips for every rule:`);
    ctx.log(`  ${'rule'.padEnd(10)} ${'recall'.padStart(8)} ${'unscanned'.padStart(10)} ${'swaps>10%'.padStart(10)} ${'false/100 honest'.padStart(18)}`);
    const show = (p: Point): void =>
      ctx.log(`  ${describeTolerance(p.rule).padEnd(10)} ${(100 * p.recall).toFixed(1).padStart(7)}% ${(100 * p.unscannedRecall).toFixed(1).padStart(9)}% ${(100 * p.swapRecall).toFixed(1).padStart(9)}% ${p.falsePer100.toFixed(2).padStart(18)}`);
    const sigma = SIGMAS.map((k) => run({ kind: 'sigma', k }));
    sigma.forEach(show);
    const fixed = FIXED_GRAMS.map((grams) => run({ kind: 'fixed', grams }));
    fixed.forEach(show);
    const out = path.join(here, 'out');
    await mkdir(out, { recursive: true });
    const png = path.join(out, 'loss-prevention.png');
    await sharp(Buffer.from(chartSvg([{ name: 'per-product kσ (reconciler)', color: '#1f6feb', points: sigma }, { name: 'fixed ± grams (naive)', color: '#d1242f', points: fixed }])))
      .png()
      .toFile(png);
    ctx.log(`chart: ${path.relative(process.cwd(), png)}`);
    const at = (points: readonly Point[], match: (r: ToleranceRule) => boolean): Point | undefined => points.find((p) => match(p.rule));
    const chosen = at(sigma, (r) => r.kind === 'sigma' && r.k === 4);
    const naive = at(fixed, (r) => r.kind === 'fixed' && r.grams === 50);
    return {
      seed,
      tripsPerSetting: trips,
      recallAt4Sigma: chosen?.recall,
      falsePer100At4Sigma: chosen?.falsePer100,
      recallNaive50g: naive?.recall,
      falsePer100Naive50g: naive?.falsePer100,
      png,
    };
  },
};

export default bench;
