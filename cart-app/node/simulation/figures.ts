// The figures a loss-prevention manager reads off a simulation, from the trips' outcomes and the
// ground truth only the simulator knows. docs/loss-prevention.md says how to read each one.
import type { TripAlert, TripOutcome } from './trip.js';

export interface Recall {
  /** Events of this kind the simulated shoppers caused. */
  readonly events: number;
  readonly caught: number;
  /** caught / events, or null when there were none. */
  readonly recall: number | null;
}

export interface SimulationFigures {
  readonly trips: number;
  readonly honestTrips: number;
  readonly unscannedItems: Recall;
  /** Swaps where the scanned and the placed product's catalog weights differ by more than 10 %… */
  readonly swapsOver10: Recall;
  /** …and by 10 % or less (a juice for a juice: the scale cannot tell, only the cameras could). */
  readonly swapsWithin10: Recall;
  readonly wrongPlu: Recall;
  /** Alerts raised on trips where the shopper did nothing wrong (honest and careless trips). */
  readonly falseAlerts: number;
  readonly falseAlertsPer100HonestTrips: number;
  readonly reviewTrips: number;
  readonly reviewShare: number;
  /** From the offending placement or scan to the alert, over every caught event. */
  readonly timeToAlertP50Ms: number | null;
  readonly timeToAlertP95Ms: number | null;
  readonly simulatedHours: number;
}

function recall(events: number, caught: number): Recall {
  return { events, caught, recall: events > 0 ? caught / events : null };
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const honest = (o: TripOutcome): boolean => o.behaviour === 'honest' || o.behaviour === 'careless';

export function computeFigures(outcomes: readonly TripOutcome[]): SimulationFigures {
  let unscanned = 0;
  let unscannedCaught = 0;
  const swaps = { over: 0, overCaught: 0, within: 0, withinCaught: 0 };
  let plu = 0;
  let pluCaught = 0;
  let falseAlerts = 0;
  const delays: number[] = [];
  for (const o of outcomes) {
    if (honest(o)) falseAlerts += o.alerts.length;
    const first = (match: (a: TripAlert) => boolean): TripAlert | undefined => o.alerts.find(match);
    for (const t of o.truths) {
      if (t.kind === 'unscanned') {
        const steps = o.stepsByThing.get(t.thing) ?? [];
        const alert = first((a) => (a.kind === 'unscanned-item' || a.kind === 'weight-mismatch') && a.evidence.stepIds.some((s) => steps.includes(s)));
        unscanned++;
        if (alert) {
          unscannedCaught++;
          delays.push(alert.raisedAt - t.placedAt);
        }
      } else if (t.kind === 'swap') {
        const steps = o.stepsByThing.get(t.thing) ?? [];
        const alert = first((a) => a.evidence.lineIds.includes(t.lineId) || a.evidence.stepIds.some((s) => steps.includes(s)));
        const over = t.weightDiffShare > 0.1;
        if (over) swaps.over++;
        else swaps.within++;
        if (alert) {
          if (over) swaps.overCaught++;
          else swaps.withinCaught++;
          delays.push(alert.raisedAt - t.at);
        }
      } else {
        const alert = first((a) => a.kind === 'item-mismatch' && a.evidence.lineIds.includes(t.lineId));
        plu++;
        if (alert) {
          pluCaught++;
          delays.push(alert.raisedAt - t.at);
        }
      }
    }
  }
  const honestTrips = outcomes.filter(honest).length;
  const reviewTrips = outcomes.filter((o) => o.review).length;
  return {
    trips: outcomes.length,
    honestTrips,
    unscannedItems: recall(unscanned, unscannedCaught),
    swapsOver10: recall(swaps.over, swaps.overCaught),
    swapsWithin10: recall(swaps.within, swaps.withinCaught),
    wrongPlu: recall(plu, pluCaught),
    falseAlerts,
    falseAlertsPer100HonestTrips: honestTrips > 0 ? (100 * falseAlerts) / honestTrips : 0,
    reviewTrips,
    reviewShare: outcomes.length > 0 ? reviewTrips / outcomes.length : 0,
    timeToAlertP50Ms: percentile(delays, 50),
    timeToAlertP95Ms: percentile(delays, 95),
    simulatedHours: outcomes.reduce((s, o) => s + o.simulatedMs, 0) / 3_600_000,
  };
}
