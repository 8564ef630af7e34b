// Teaching a store's weight models from a completed trip, the way the store sees it: its session
// log, nothing else. The log says what was scanned and what the scale felt, not which went with
// which, so the trip is replayed through a reconciler (on a clock driven by the events' own
// times) to recover the pairs. Only clean evidence is learned from:
//   - a trip that still had an open alert at the end is skipped whole (it went to staff review:
//     whatever went on, the scale's steps cannot be trusted to be the scanned products);
//   - every line and step an alert pointed at, resolved or not, is left out (the live cart's
//     alerts, and any the replay raises);
//   - only one unit matched alone to one step counts (no quantities, no items dropped in together,
//     no rim-leaned halves, no weighed produce).
// What is left may still hold the odd outlier (a swap nobody noticed); the model's robust
// estimate (weight-model.ts) sets those aside.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import { LossPreventionError } from './errors.js';
import { Reconciler, type ConfirmedWeighing } from './reconciler.js';
import type { ToleranceRule } from './tolerance.js';
import type { WeightModel } from './weight-model.js';

export interface TripLearningOptions {
  readonly catalog: Catalog;
  /** The rule the replay pairs by (default: the reconciler's own). */
  readonly tolerance?: ToleranceRule;
}

export interface TripLearning {
  /** The weighings the model learned, in the order of the trip's lines. */
  readonly learned: readonly ConfirmedWeighing[];
  /** Why nothing was learned: an alert was still open at the end, or the log could not be replayed. */
  readonly skipped: 'open-alert' | 'not-replayable' | undefined;
}

/** After the last event, long enough for every grace period and repair to run its course. */
const WIND_DOWN_MS = 120_000;

/** The weighings a completed trip confirms, without learning them (see the file's comment). */
export function confirmedWeighingsOf(events: readonly SessionEvent[], options: TripLearningOptions & { readonly weights: WeightModel }): TripLearning {
  const open = new Set<string>();
  const suspectLines = new Set<string>();
  const suspectSteps = new Set<string>();
  const suspect = (evidence: { readonly lineIds: readonly string[]; readonly stepIds: readonly string[] }): void => {
    for (const id of evidence.lineIds) suspectLines.add(id);
    for (const id of evidence.stepIds) suspectSteps.add(id);
  };
  for (const event of events) {
    if (event.type === 'alertRaised') {
      open.add(event.alertId);
      suspect(event.evidence);
    } else if (event.type === 'alertResolved') {
      open.delete(event.alertId);
    }
  }
  if (open.size > 0) return { learned: [], skipped: 'open-alert' };
  const first = events[0];
  if (!first) return { learned: [], skipped: undefined };

  const clock = new SimulatedClock(first.at);
  const replay = new Reconciler({
    clock,
    catalog: options.catalog,
    weights: options.weights,
    tolerance: options.tolerance,
    record: (event) => {
      if (event.type === 'alertRaised') suspect({ lineIds: event.evidence?.lineIds ?? [], stepIds: event.evidence?.stepIds ?? [] });
    },
  });
  try {
    for (const event of events) {
      // The reconciler's own alerts in the log are history, not input: feed() ignores them.
      if (event.at > clock.now()) clock.advance(event.at - clock.now());
      replay.feed(event);
    }
  } catch (error) {
    // A log the live cart's reconciler could not have followed either (a line it never saw):
    // nothing in it is certain enough to learn from.
    if (error instanceof LossPreventionError) return { learned: [], skipped: 'not-replayable' };
    throw error;
  }
  clock.advance(WIND_DOWN_MS);
  const learned = replay.confirmedWeighings().filter((w) => !suspectLines.has(w.lineId) && !suspectSteps.has(w.stepId));
  return { learned, skipped: undefined };
}

/** Updates the store's weight models from one completed trip's session log; says what it learned. */
export function learnFromTrip(weights: WeightModel, events: readonly SessionEvent[], options: TripLearningOptions): TripLearning {
  const result = confirmedWeighingsOf(events, { ...options, weights });
  for (const w of result.learned) weights.learn(w.sku, w.grams);
  return result;
}
