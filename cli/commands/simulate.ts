import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { simulate } from '../../cart-app/node/simulation/simulate.js';
import type { Recall } from '../../cart-app/node/simulation/figures.js';
import { describeTolerance, defaultTolerance, type ToleranceRule } from '../../cart-app/common/loss-prevention/tolerance.js';
import { UsageError, type Command } from '../command.js';
import { demoCatalogPath } from '../paths.js';

const usage = `Usage: tally simulate [--trips N] [--seed S] [--sigma K] [--catalog FILE] [--json]

Simulates N shopping trips (default 2000) on a virtual cart with the demo store's products:
honest, careless, forgetful and dishonest shoppers at the default rates (docs/loss-prevention.md),
the basket scale's physics and noise, the cart pushed between items. Every trip runs through the
real step detector and loss-prevention reconciler. Prints unscanned-item recall, swap recall,
false alerts per 100 honest trips, the share of trips sent to staff review and time to alert;
--json prints one JSON object of those figures last. Same seed, same figures. --sigma sets the
weight tolerance in standard deviations of each product's weight model (default 4).`;

const intArg = (text: string | undefined, name: string, fallback: number, min: number, max: number): number => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${text}'`);
  return Number(text);
};

/** node:util's parseArgs, its complaints (an unknown or ambiguous option) turned into usage errors. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { trips: { type: 'string' }, seed: { type: 'string' }, sigma: { type: 'string' }, catalog: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

const pct = (r: Recall): string => (r.recall === null ? 'n/a (none simulated)' : `${(100 * r.recall).toFixed(1)} % (${r.caught}/${r.events})`);
const secs = (ms: number | null): string => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate shopping trips and measure loss prevention (recall, false alerts, review)',
  usage,
  async run(args) {
    const { values, positionals } = parseOptions(args);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`);
    const trips = intArg(values.trips, 'trips', 2000, 1, 1_000_000);
    const seed = intArg(values.seed, 'seed', 1, 0, 4_294_967_295);
    const k = values.sigma === undefined ? undefined : Number(values.sigma);
    if (k !== undefined && !(k >= 0.5 && k <= 20)) throw new UsageError(`--sigma must be a number from 0.5 to 20, not '${values.sigma ?? ''}'`);
    const tolerance: ToleranceRule = k === undefined ? defaultTolerance : { kind: 'sigma', k };
    const loaded = await loadCatalogFile(values.catalog ?? demoCatalogPath);
    if (!loaded.ok) {
      console.error(loaded.error.message);
      return 1;
    }
    const t0 = performance.now();
    const { figures: f } = simulate({ catalog: loaded.value, trips, seed, tolerance });
    const wallSeconds = (performance.now() - t0) / 1000;
    console.log(`${f.trips} simulated trips (seed ${seed}, ${f.simulatedHours.toFixed(1)} h of shopping, ${wallSeconds.toFixed(1)} s), tolerance ${describeTolerance(tolerance)}:`);
    console.log(`  unscanned-item recall         ${pct(f.unscannedItems)}`);
    console.log(`  swap recall, weights >10 %    ${pct(f.swapsOver10)}`);
    console.log(`  swap recall, weights <=10 %   ${pct(f.swapsWithin10)}`);
    console.log(`  wrong-PLU recall (cameras)    ${pct(f.wrongPlu)}`);
    console.log(`  false alerts / 100 honest     ${f.falseAlertsPer100HonestTrips.toFixed(2)} (${f.falseAlerts} on ${f.honestTrips} honest or careless trips)`);
    console.log(`  trips sent to staff review    ${(100 * f.reviewShare).toFixed(2)} % (${f.reviewTrips})`);
    console.log(`  time to alert p50 / p95       ${secs(f.timeToAlertP50Ms)} / ${secs(f.timeToAlertP95Ms)}`);
    if (values.json) console.log(JSON.stringify({ seed, tolerance: describeTolerance(tolerance), ...f, wallSeconds }));
    return 0;
  },
};
