// Runs many simulated trips one after another through one store's weight model, the way a store
// runs: each completed trip that needed no review teaches the model what its products weigh, so
// later trips are checked against tighter tolerances. Same seed, same trips, same figures.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { seededRandom } from '../../../domain/common/random.js';
import type { ToleranceRule } from '../../common/loss-prevention/tolerance.js';
import { WeightModel } from '../../common/loss-prevention/weight-model.js';
import { defaultRates, pickBehaviour, planTrip, shelfOf, type BehaviourRates } from './behaviours.js';
import { computeFigures, type SimulationFigures } from './figures.js';
import { runTrip, type TripOutcome } from './trip.js';

export interface SimulationOptions {
  readonly catalog: Catalog;
  readonly trips: number;
  readonly seed: number;
  readonly rates?: BehaviourRates;
  readonly tolerance?: ToleranceRule;
  readonly graceMs?: number;
  /** Learn product weights from completed trips (default true). */
  readonly learn?: boolean;
}

export interface SimulationResult {
  readonly figures: SimulationFigures;
  readonly outcomes: readonly TripOutcome[];
  readonly weights: WeightModel;
}

/** Trips start an hour apart in simulated time (what a cart's day looks like does not matter here). */
const TRIP_START = 1_767_225_600_000;

export function simulate(options: SimulationOptions): SimulationResult {
  const master = seededRandom(options.seed);
  const shelf = shelfOf(options.catalog);
  const weights = new WeightModel(options.catalog);
  const outcomes: TripOutcome[] = [];
  for (let i = 0; i < options.trips; i++) {
    const r = master.fork();
    const startAt = TRIP_START + i * 3_600_000;
    const plan = planTrip(r, shelf, pickBehaviour(r, options.rates ?? defaultRates), startAt);
    const outcome = runTrip(plan, r, startAt, { catalog: options.catalog, weights, tolerance: options.tolerance, graceMs: options.graceMs });
    if (options.learn ?? true) for (const w of outcome.confirmed) weights.learn(w.sku, w.grams);
    outcomes.push(outcome);
  }
  return { figures: computeFigures(outcomes), outcomes, weights };
}
