// Runs many simulated trips one after another through one store's weight model, the way a store
// runs: each completed trip's session log teaches the model what its products weigh (through the
// same learnFromTrip the store uses), so later trips are checked against tighter tolerances. Same
// seed, same trips, same figures.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { seededRandom } from '../../../domain/common/random.js';
import { learnFromTrip } from '../../common/loss-prevention/learn-from-trip.js';
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
  /** The reconciler's `suspectSigma` (default 1), to measure it. */
  readonly suspectSigma?: number;
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

/**
 * The basket camera draws from its own generator, derived from the seed, so modelling what it
 * sees does not shift the shoppers, the scale or the cart from what the same seed played before.
 */
const CAMERA_SEED_SALT = 0x5ca1ab1e;

export function simulate(options: SimulationOptions): SimulationResult {
  const master = seededRandom(options.seed);
  const camera = seededRandom((options.seed ^ CAMERA_SEED_SALT) >>> 0);
  const shelf = shelfOf(options.catalog);
  const weights = new WeightModel(options.catalog);
  const outcomes: TripOutcome[] = [];
  for (let i = 0; i < options.trips; i++) {
    const r = master.fork();
    const startAt = TRIP_START + i * 3_600_000;
    const plan = planTrip(r, shelf, pickBehaviour(r, options.rates ?? defaultRates), startAt, camera.fork());
    const outcome = runTrip(plan, r, startAt, { catalog: options.catalog, weights, tolerance: options.tolerance, graceMs: options.graceMs, suspectSigma: options.suspectSigma });
    if (options.learn ?? true) learnFromTrip(weights, outcome.log, { catalog: options.catalog, tolerance: options.tolerance });
    outcomes.push(outcome);
  }
  return { figures: computeFigures(outcomes), outcomes, weights };
}
