// Plays one planned trip on a simulated cart: the basket's physics (placement transients, creep,
// noise, vibration while pushed) sampled at 80 Hz into the real step detector, the motion sensor
// holding the scale while the cart moves, the session log and the real reconciler. No Firmata
// wire: the scale benchmark shows the wire changes nothing about the samples, and this way
// thousands of trips run in seconds.
//
// Sampling is skipped while nothing can happen (the basket has settled and the next action is
// more than half a second away, or the scale is on hold while the cart moves); the detector then
// simply sees its next still window a little later, as it would after any quiet spell.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { AlertEvidence, AlertKind, AlertResolution, SessionEvent } from '../../../domain/common/session/events.js';
import { StepDetector } from '../../../hardware/common/weight/step-detector.js';
import { BasketPhysics } from '../../../hardware/node/virtual-devices/basket-physics.js';
import { CartMotion } from '../../../hardware/node/virtual-devices/cart-motion.js';
import { Reconciler } from '../../common/loss-prevention/reconciler.js';
import { needsReview } from '../../common/loss-prevention/review.js';
import type { ToleranceRule } from '../../common/loss-prevention/tolerance.js';
import type { WeightModel } from '../../common/loss-prevention/weight-model.js';
import type { Action, Behaviour, TripPlan, Truth } from './behaviours.js';
import { TripLog } from './trip-log.js';

const RATE_HZ = 80;
const PERIOD_MS = 1000 / RATE_HZ;
const NOISE_GRAMS = 1;
const BASKET_GRAMS = 2500;
/** How long the motion sensor takes to call the cart moving, and still again after it stops rolling. */
const MOTION_ONSET_MS = 150;
const MOTION_STILL_MS = 1000;
/** Samples taken before an action, so the detector has a still window to step from. */
const LEAD_MS = 500;
/** Samples kept up after a load change has physically settled. */
const TAIL_MS = 1500;

export interface TripAlert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly raisedAt: number;
  readonly evidence: AlertEvidence;
  resolvedHow: AlertResolution | undefined;
}

export interface TripOutcome {
  readonly behaviour: Behaviour;
  readonly truths: readonly Truth[];
  readonly alerts: readonly TripAlert[];
  /** The weight steps each physical thing caused (a thing dropped with another shares the step). */
  readonly stepsByThing: ReadonlyMap<string, readonly string[]>;
  readonly review: boolean;
  readonly simulatedMs: number;
  /** The trip's session log, alerts included. */
  readonly log: readonly SessionEvent[];
}

export interface TripDeps {
  readonly catalog: Catalog;
  readonly weights: WeightModel;
  readonly tolerance?: ToleranceRule;
  readonly graceMs?: number;
  /** The reconciler's `suspectSigma` (weight plus camera makes a swap), to measure it. */
  readonly suspectSigma?: number;
}

type Internal = { readonly at: number; readonly kind: 'moving' | 'stop' | 'still' };
type Scheduled = Action | Internal;

export function runTrip(plan: TripPlan, random: Random, startAt: number, deps: TripDeps): TripOutcome {
  const clock = new SimulatedClock(startAt);
  const motion = new CartMotion({ clock, random: random.fork() });
  const physics = new BasketPhysics({ clock, random: random.fork(), motion, noiseGrams: NOISE_GRAMS, basketGrams: BASKET_GRAMS });
  const detector = new StepDetector({ sampleRateHz: RATE_HZ, noiseMg: NOISE_GRAMS * 1000 });
  const r = random.fork();
  const log = new TripLog(clock);
  const reconciler = new Reconciler({ clock, catalog: deps.catalog, weights: deps.weights, tolerance: deps.tolerance, graceMs: deps.graceMs, suspectSigma: deps.suspectSigma, record: (e) => log.record(e) });

  const queue: Scheduled[] = [...plan.actions].sort((a, b) => a.at - b.at);
  const schedule = (item: Scheduled): void => {
    const i = queue.findIndex((q) => q.at > item.at);
    queue.splice(i < 0 ? queue.length : i, 0, item);
  };
  const alerts: TripAlert[] = [];
  const stepsByThing = new Map<string, string[]>();
  const physical = new Map<string, number>();
  let lastThings: readonly string[] = [];
  let fixScheduled = false;
  let activeUntil = startAt + 1500;
  let steps = 0;

  log.listen((event) => {
    reconciler.feed(event);
    if (event.type === 'alertRaised') {
      alerts.push({ alertId: event.alertId, kind: event.kind, raisedAt: event.at, evidence: event.evidence, resolvedHow: undefined });
      if (plan.fixOnAlert && !fixScheduled && (event.kind === 'unscanned-item' || event.kind === 'weight-mismatch')) {
        fixScheduled = true;
        schedule({ ...plan.fixOnAlert.scan, at: event.at + plan.fixOnAlert.delayMs });
      }
    } else if (event.type === 'alertResolved') {
      const alert = alerts.find((a) => a.alertId === event.alertId);
      if (alert) alert.resolvedHow = event.how;
    }
  });
  log.record({ type: 'paired', storeId: 'sim-store', cartId: 'sim-cart' });
  log.record({ type: 'signedIn', tripId: 'sim-trip', shopperId: 'sim-shopper', member: false });

  const sample = (): void => {
    clock.advance(PERIOD_MS);
    const at = clock.now();
    const milligrams = (physics.sampleGrams(at) - BASKET_GRAMS) * 1000;
    for (const e of detector.push({ at, milligrams })) {
      if (e.type !== 'step') continue;
      const stepId = `S${++steps}`;
      for (const thing of lastThings) stepsByThing.set(thing, [...(stepsByThing.get(thing) ?? []), stepId]);
      log.record({ type: 'weighed', stepId, deltaMg: e.step.deltaMg, uncertaintyMg: e.step.uncertaintyMg });
    }
  };
  const runTo = (target: number): void => {
    while (clock.now() < target) {
      const now = clock.now();
      if (detector.held) clock.advance(target - now);
      else if (now < activeUntil || now >= target - LEAD_MS) sample();
      else clock.advance(target - LEAD_MS - now);
    }
  };
  const settleAfter = (at: number): void => {
    activeUntil = Math.max(activeUntil, at + TAIL_MS);
  };

  const act = (a: Scheduled): void => {
    const now = clock.now();
    switch (a.kind) {
      case 'scan':
        log.record({ type: 'scanned', lineId: a.lineId, code: a.sku, symbology: 'keyed', sku: a.sku, measure: a.measure });
        break;
      case 'unscan':
        log.record({ type: 'itemRemoved', lineId: a.lineId });
        break;
      case 'declare':
        log.record({ type: 'personalItemDeclared', itemId: a.itemId, description: a.description });
        break;
      case 'hint':
        reconciler.recognised({ at: now, labels: a.labels, unknown: a.unknown });
        break;
      case 'place':
        lastThings = a.things.map((t) => t.thing);
        for (const t of a.things) {
          const change = physics.place(t.grams, a.lowered ? { how: 'lowered', durationMs: r.int(300, 1200) } : { how: 'dropped', heightCm: 2 + 13 * r.next() });
          physical.set(t.thing, change.itemId);
          settleAfter(change.settledAt);
        }
        break;
      case 'lift': {
        const id = physical.get(a.thing);
        if (id === undefined) break;
        lastThings = [a.thing];
        settleAfter(physics.remove(id, { how: 'lifted', durationMs: r.int(300, 800) }).settledAt);
        break;
      }
      case 'push':
        motion.push(a.intensity);
        // The basket shakes before the motion sensor is sure; the detector sees that much.
        settleAfter(now + MOTION_ONSET_MS - TAIL_MS);
        schedule({ at: now + MOTION_ONSET_MS, kind: 'moving' });
        schedule({ at: now + a.durationMs, kind: 'stop' });
        break;
      case 'moving':
        detector.hold('motion', now);
        reconciler.motion(true);
        break;
      case 'stop':
        motion.stop();
        schedule({ at: now + MOTION_STILL_MS, kind: 'still' });
        break;
      case 'still':
        detector.release('motion');
        reconciler.motion(false);
        settleAfter(now);
        break;
    }
  };

  for (;;) {
    const next = queue.shift();
    if (!next) {
      // Everything done: wait out the grace periods, then the shopper heads for the exit.
      const end = clock.now() + (deps.graceMs ?? 12_000) + 8000;
      runTo(end);
      if (queue.length === 0) break;
      continue;
    }
    runTo(next.at);
    act(next);
  }

  const review = needsReview(log.state);
  return {
    behaviour: plan.behaviour,
    truths: plan.truths,
    alerts,
    stepsByThing,
    review,
    simulatedMs: clock.now() - startAt,
    log: log.events,
  };
}
