// Puts the loss-prevention reconciler on the cart runtime: every recorded event (scans, weight
// steps, personal items) is fed to it, and the alerts it raises or resolves go back into the
// session log, so they reach the snapshot like any other change. One reconciler per trip: a new
// sign-in starts a fresh one, and a reconciler left over from an earlier trip can no longer write.
// The reconciler reads the catalog and the weight models through live views, so a new catalog
// from the store applies to the trip under way at once (a product added mid-trip is matched
// when scanned, not taken for an unscanned item).
import type { Clock } from '../../../domain/common/clock.js';
import type { AlertKind, NewSessionEventInput, SessionEvent } from '../../../domain/common/session/events.js';
import { Reconciler, type ReconcilerOptions } from '../../common/loss-prevention/reconciler.js';
import { WeightModel } from '../../common/loss-prevention/weight-model.js';
import type { CartRuntime } from './cart-runtime.js';
import { liveView } from './live-view.js';

/** The reconciler's tuning, passed through unchanged (defaults are the reconciler's own). */
export type LossPreventionTuning = Omit<ReconcilerOptions, 'clock' | 'catalog' | 'weights' | 'record'>;

export interface LossPreventionLinkOptions {
  readonly clock: Clock;
  /** The store's learned weight models; the catalog's priors alone when absent. */
  readonly weights?: WeightModel;
  readonly tuning?: LossPreventionTuning;
  readonly warn?: (message: string) => void;
}

export class LossPreventionLink {
  readonly #runtime: CartRuntime;
  readonly #options: LossPreventionLinkOptions;
  #weights: WeightModel;
  /** What every reconciler reads: the runtime's catalog and these weight models, as they are now. */
  readonly #catalogNow: CartRuntime['catalog'];
  readonly #weightsNow: WeightModel;
  readonly #stop: () => void;
  #reconciler: Reconciler | undefined;
  #moving = false;

  constructor(runtime: CartRuntime, options: LossPreventionLinkOptions) {
    this.#runtime = runtime;
    this.#options = options;
    this.#weights = options.weights ?? new WeightModel(runtime.catalog);
    this.#catalogNow = liveView(() => runtime.catalog);
    this.#weightsNow = liveView(() => this.#weights);
    if (runtime.trip) this.#startTrip(runtime.trip.tripId);
    this.#stop = runtime.onEvent((event) => this.#heard(event));
  }

  /** The cart started or stopped moving (from the motion sensor): no alert is raised while it rolls. */
  motion(moving: boolean): void {
    this.#moving = moving;
    this.#reconciler?.motion(moving);
  }

  /** What the cameras recognised; a malformed hint is reported and dropped. */
  recognised(hint: unknown): void {
    try {
      this.#reconciler?.recognised(hint);
    } catch (error) {
      this.#options.warn?.(`a recognition hint was dropped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * The runtime sells from a new catalog: the weight models are built again from it (unless the
   * store's learned models were given). The trip under way keeps its reconciler, which holds the
   * scans and placements still to be matched, and it reads the new catalog and models from now on;
   * a line already scanned keeps the weight it was expected to have when it was scanned.
   */
  catalogReplaced(): void {
    if (!this.#options.weights) this.#weights = new WeightModel(this.#runtime.catalog);
  }

  /** Alerts open now, as the reconciler sees them. */
  get openAlerts(): readonly { readonly alertId: string; readonly kind: AlertKind }[] {
    return this.#reconciler?.openAlerts ?? [];
  }

  /** Nothing pending: every scan placed, every placement paid for, no alert open (true with no trip). */
  get settled(): boolean {
    return this.#reconciler?.settled ?? true;
  }

  close(): void {
    this.#stop();
    this.#reconciler = undefined;
  }

  #startTrip(tripId: string): void {
    const runtime = this.#runtime;
    const record = (event: NewSessionEventInput): void => {
      // A reconciler's timer may still fire after its trip ended; that trip is history.
      if (runtime.trip?.tripId !== tripId) return;
      const recorded = runtime.record(event);
      if (!recorded.ok) this.#options.warn?.(`loss prevention could not record ${event.type}: ${recorded.error.message}`);
    };
    this.#reconciler = new Reconciler({ ...this.#options.tuning, clock: this.#options.clock, catalog: this.#catalogNow, weights: this.#weightsNow, record });
    if (this.#moving) this.#reconciler.motion(true);
  }

  #heard(event: SessionEvent): void {
    if (event.type === 'signedIn') return this.#startTrip(event.tripId);
    if (event.type === 'signedOut') {
      this.#reconciler = undefined;
      return;
    }
    try {
      this.#reconciler?.feed(event);
    } catch (error) {
      // The session already accepted the event; a reconciler that disagrees is a bug to report, not a stop.
      this.#options.warn?.(`loss prevention could not follow event ${event.seq} (${event.type}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
