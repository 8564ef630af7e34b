// Checkout at the exit lane, on the store: the cart forwards the lane token it heard and the
// trip's event log; the store checks the token, the trip's owner and the basket's state,
// re-prices the basket from its own catalog, and charges through the payment steps. A trip is
// checked out once: every later request (a cart that lost the answer, a store that crashed)
// continues or repeats that one checkout and never charges again.
import type { Clock } from '../../../domain/common/clock.js';
import type { PaymentGateway } from '../../../payments/common/gateway/gateway.js';
import { DEFAULT_ROTATION_EXPONENT } from '../../../payments/common/lane/token.js';
import { checkOfflineCap, DEFAULT_OFFLINE_CAP, type OfflineCap } from '../../../payments/common/offline/cap.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import { SandboxGateway } from '../../../payments/node/gateway/sandbox.js';
import { LaneTokenVerifier, tokenKey } from '../../../payments/node/lane/verifier.js';
import { reviewReasons } from '../../common/trip-review.js';
import type { CatalogService } from '../catalog-service.js';
import { laneSecrets } from '../records/lanes.js';
import { shopperById } from '../records/shoppers.js';
import { closeTrip, tripById, type TripRecord } from '../records/trips.js';
import { newId, type SecureRandom } from '../secure-random.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { ChargePlan } from './charge-plan.js';
import { CheckoutError } from './errors.js';
import { PaymentSteps, type StepAnswer } from './payment-steps.js';
import { checkoutOf, finishCheckout, hasOverride, insertCheckout, insertIncident, insertOfflineSettlement, paidReceiptsOf, spendLaneToken, unsettledWhenLeft, type CheckoutRecord } from './records.js';
import type { ReceiptMailer } from './receipt-mail.js';
import { couponUses, reprice } from './reprice.js';
import { tripBasket } from './trip-basket.js';

export interface CheckoutSetup {
  readonly gateway: PaymentGateway;
  /**
   * Each exit lane's beacon secret from the store's configuration, by lane id. Lanes a manager
   * adds in the dashboard (the lanes table) join them at every checkout; a configured lane wins.
   */
  readonly laneSecrets: ReadonlyMap<number, Uint8Array>;
  /** The lane beacons' rotation exponent (default 2: a new token every 4 s). */
  readonly rotationExponent?: number;
  /** How many different trips may spend one lane token (default 8: a busy lane's carts). */
  readonly maxTripsPerToken?: number;
  /** The hold placed at trip start, in minor units (default 15000: 150.00). */
  readonly holdAmount?: number;
  /** Gateway tries per payment step per request before the cart is told to retry (default 3). */
  readonly triesPerStep?: number;
  /** E-mails each paid receipt to its shopper; none are sent without it. */
  readonly receiptMailer?: ReceiptMailer;
  /** What a cart may leave unsettled when the store is unreachable at the lane (default DEFAULT_OFFLINE_CAP). */
  readonly offlineCap?: OfflineCap;
}

export interface CheckoutDeps {
  readonly db: SqlDatabase;
  readonly clock: Clock;
  readonly random: SecureRandom;
  readonly catalog: CatalogService;
}

export interface CheckoutRequest {
  readonly laneId: number;
  /** The lane frame the cart heard, hex, as the beacon advertised it. */
  readonly laneFrame: string;
  /** The trip's event log; absent when the cart uploaded it already. */
  readonly events?: readonly unknown[];
  /** The total the cart showed. Never charged: a different figure is logged for staff. */
  readonly cartTotal?: number;
  /**
   * Set when the trip left while the store was unreachable and is settled now: when the cart
   * heard `laneFrame` and let the shopper go. The offline cap applies.
   */
  readonly leftAt?: number;
}

export interface PaidAnswer {
  readonly tripId: string;
  readonly state: 'paid';
  readonly receiptId: string;
  readonly currency: string;
  readonly total: number;
  readonly laneId: number;
  readonly paidAt: number | null;
  readonly receipt: Receipt;
}

export type HoldAnswer = { readonly tripId: string; readonly state: 'held'; readonly amount: number; readonly currency: string } | { readonly tripId: string; readonly state: 'checked-out' };

export const DEFAULT_HOLD_AMOUNT = 15_000;

export class CheckoutService {
  readonly #deps: CheckoutDeps;
  readonly #verifier: LaneTokenVerifier;
  readonly #configuredLanes: ReadonlyMap<number, Uint8Array>;
  readonly #plan: ChargePlan;
  readonly #k: number;
  readonly #holdAmount: number;
  readonly #receiptMailer: ReceiptMailer | undefined;
  readonly #offlineCap: OfflineCap;
  /** One request at a time per trip in this process; the database and the keys guard the rest. */
  readonly #busy = new Map<string, Promise<unknown>>();

  constructor(deps: CheckoutDeps, setup: CheckoutSetup) {
    this.#deps = deps;
    this.#k = setup.rotationExponent ?? DEFAULT_ROTATION_EXPONENT;
    this.#configuredLanes = setup.laneSecrets;
    this.#verifier = new LaneTokenVerifier({ clock: deps.clock, secrets: setup.laneSecrets, rotationExponent: this.#k, ...(setup.maxTripsPerToken === undefined ? {} : { maxTripsPerToken: setup.maxTripsPerToken }) });
    this.#plan = new ChargePlan(deps.db, new PaymentSteps(deps.db, setup.gateway, deps.clock, setup.triesPerStep ?? 3), deps.clock);
    this.#holdAmount = setup.holdAmount ?? DEFAULT_HOLD_AMOUNT;
    this.#receiptMailer = setup.receiptMailer;
    this.#offlineCap = setup.offlineCap ?? DEFAULT_OFFLINE_CAP;
  }

  /** Places the trip's hold (at trip start). Answers at once if the trip is already checked out. */
  hold(cartId: string, tripId: string): Promise<HoldAnswer> {
    return this.#serial(tripId, async () => {
      const trip = await this.#tripOf(cartId, tripId);
      if (await checkoutOf(this.#deps.db, tripId)) return { tripId, state: 'checked-out' };
      const { paymentMethod, currency } = await this.#paying(trip);
      const answer = await this.#plan.hold({ tripId, amount: this.#holdAmount, currency, paymentMethod });
      if (answer.state === 'succeeded') return { tripId, state: 'held', amount: answer.payment.authorisedAmount, currency };
      return this.#throwNotThrough(answer, trip, 'hold-declined');
    });
  }

  checkout(cartId: string, tripId: string, request: CheckoutRequest): Promise<PaidAnswer> {
    return this.#serial(tripId, async () => {
      const trip = await this.#tripOf(cartId, tripId);
      const started = (await checkoutOf(this.#deps.db, tripId)) ?? (await this.#begin(trip, request).catch((error: unknown) => this.#handInRefused(trip, request, error)));
      return this.#finish(started);
    });
  }

  /**
   * A trip settled late that the store refuses for good before charging (beyond the cap, too
   * old, its token refused, its basket not settled) is handed in with the log the cart sent: the
   * shopper left long ago, staff own it (the refusal is an incident), and an open trip would
   * keep the cart from starting the next one (docs/payments.md, "A new shopper after an
   * unsettled trip"). A staff override still lets the same checkout pay, as for an uploaded trip.
   * Rethrows the refusal.
   */
  async #handInRefused(trip: TripRecord, request: CheckoutRequest, error: unknown): Promise<never> {
    // No answer yet (the gateway, the store's own catalog) is not a refusal: the cart asks again.
    const final = error instanceof CheckoutError && error.kind !== 'payment-pending' && error.kind !== 'basket-unpriceable';
    if (final && request.leftAt !== undefined && request.events !== undefined && trip.state === 'open') {
      let basket;
      try {
        basket = tripBasket(request.events, { tripId: trip.id, shopperId: trip.shopperId });
      } catch {
        // A log that is not this trip's is not handed in: the trip stays open for staff.
        throw error;
      }
      const catalog = (await this.#deps.catalog.fresh())?.catalog;
      await closeTrip(this.#deps.db, { id: trip.id, events: JSON.stringify(basket.events), at: this.#deps.clock.now(), reasons: reviewReasons(basket.events, catalog) });
    }
    throw error;
  }

  async #serial<T>(tripId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#busy.get(tripId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const settled = run.catch(() => undefined);
    this.#busy.set(tripId, settled);
    try {
      return await run;
    } finally {
      if (this.#busy.get(tripId) === settled) this.#busy.delete(tripId);
    }
  }

  async #tripOf(cartId: string, tripId: string): Promise<TripRecord> {
    const trip = await tripById(this.#deps.db, tripId);
    // Another cart's trip is reported as missing: a cart learns nothing about other carts.
    if (!trip || trip.cartId !== cartId) throw new CheckoutError('not-found', `trip ${tripId} not found`);
    return trip;
  }

  async #paying(trip: TripRecord): Promise<{ paymentMethod: string; currency: string }> {
    const shopper = await shopperById(this.#deps.db, trip.shopperId);
    const stored = await this.#deps.catalog.fresh();
    if (!stored) throw new CheckoutError('basket-unpriceable', 'the store has no catalog yet');
    if (!shopper?.paymentMethod) {
      await this.#incident(trip, 'no-payment-method', { shopperId: trip.shopperId });
      throw new CheckoutError('no-payment-method', 'the shopper has no payment method on file; staff can help at the desk');
    }
    return { paymentMethod: shopper.paymentMethod, currency: stored.catalog.store.currency.toLowerCase() };
  }

  async #begin(trip: TripRecord, request: CheckoutRequest): Promise<CheckoutRecord> {
    const { db, clock } = this.#deps;
    await this.#checkLaneToken(trip, request);
    const raw = request.events ?? (trip.events === null ? undefined : (JSON.parse(trip.events) as unknown[]));
    if (!raw) throw new CheckoutError('invalid-trip-log', 'send the trip log with the checkout, or upload it first');
    let basket;
    try {
      basket = tripBasket(raw, { tripId: trip.id, shopperId: trip.shopperId });
    } catch (error) {
      if (error instanceof CheckoutError && error.kind === 'wrong-shopper') await this.#incident(trip, 'wrong-shopper', { message: error.message });
      throw error;
    }
    const log = JSON.stringify(basket.events);
    if (trip.state === 'uploaded' && trip.events !== log) throw new CheckoutError('trip-log-differs', `trip ${trip.id} was handed in with a different log`);
    const stored = await this.#deps.catalog.fresh();
    if (!stored) throw new CheckoutError('basket-unpriceable', 'the store has no catalog yet');
    const reasons = reviewReasons(basket.events, stored.catalog);
    if (reasons.length > 0 && !(await hasOverride(db, trip.id))) {
      await this.#incident(trip, 'not-settled', { reasons });
      throw new CheckoutError('basket-not-settled', 'the basket has open alerts or needs an ID check; fix them or ask staff', { reasons });
    }
    const { currency } = await this.#paying(trip);
    const shopper = await shopperById(db, trip.shopperId);
    const now = clock.now();
    const receipt = reprice({
      catalog: stored,
      trip: basket.trip,
      member: shopper?.membership === 'member',
      couponUses: couponUses(await paidReceiptsOf(db, trip.shopperId, trip.id)),
      now,
    });
    if (request.cartTotal !== undefined && request.cartTotal !== receipt.total) {
      await this.#incident(trip, 'cart-total-differs', { cartTotal: request.cartTotal, storeTotal: receipt.total });
    }
    if (request.leftAt !== undefined) await this.#checkOfflineCap(trip, request.leftAt, receipt.total);
    const checkout = { tripId: trip.id, cartId: trip.cartId, shopperId: trip.shopperId, laneId: request.laneId, receiptId: newId(this.#deps.random, 'receipt'), currency, total: receipt.total, receipt: JSON.stringify(receipt), startedAt: now };
    await db.transaction(async (tx) => {
      // The checked-out log is the trip's log: a later upload of the same log is a duplicate.
      if (trip.state === 'open') await closeTrip(tx, { id: trip.id, events: log, at: now, reasons: [] });
      await insertCheckout(tx, checkout);
      if (request.leftAt !== undefined) await insertOfflineSettlement(tx, { tripId: trip.id, cartId: trip.cartId, leftAt: request.leftAt, total: receipt.total, receivedAt: now });
    });
    const saved = await checkoutOf(db, trip.id);
    if (!saved) throw new Error(`checkout of ${trip.id} vanished after being recorded`);
    return saved;
  }

  /**
   * The cart let this trip leave unsettled; what it had left unsettled then (its trips that left
   * before and were settled after this one left), with this trip at the store's price, must be
   * within the cap. Beyond it the trip is refused for staff, who can override.
   */
  async #checkOfflineCap(trip: TripRecord, leftAt: number, total: number): Promise<void> {
    const check = checkOfflineCap(this.#offlineCap, await unsettledWhenLeft(this.#deps.db, trip.cartId, leftAt), total);
    if (check.within || (await hasOverride(this.#deps.db, trip.id))) return;
    await this.#incident(trip, 'offline-cap-exceeded', { leftAt, total, over: check.over, message: check.message });
    throw new CheckoutError('offline-cap-exceeded', `the cart let this trip leave beyond the offline cap (${check.message}); staff will settle it`, { over: check.over });
  }

  async #checkLaneToken(trip: TripRecord, request: CheckoutRequest): Promise<void> {
    const refuse = async (kind: string, message: string): Promise<never> => {
      await this.#incident(trip, 'lane-token-refused', { laneId: request.laneId, refusal: kind, message });
      throw new CheckoutError('lane-token-refused', `the lane token was refused (${kind}): ${message}`, { refusal: kind });
    };
    const now = this.#deps.clock.now();
    if (request.leftAt !== undefined && (request.leftAt > now || now - request.leftAt > this.#offlineCap.maxAgeMs)) {
      await this.#incident(trip, 'offline-too-old', { leftAt: request.leftAt, maxAgeMs: this.#offlineCap.maxAgeMs });
      throw new CheckoutError('offline-too-old', `a trip settled late must have left within the last ${this.#offlineCap.maxAgeMs / 3_600_000} h, and not in the future; staff will settle it`);
    }
    this.#verifier.replaceLanes(new Map([...(await laneSecrets(this.#deps.db)), ...this.#configuredLanes]));
    const checked = this.#verifier.verify({ laneId: request.laneId, frame: request.laneFrame, tripId: trip.id, ...(request.leftAt === undefined ? {} : { heardAt: request.leftAt }) });
    if (!checked.ok) return refuse(checked.error.kind, checked.error.message);
    const { token } = checked.value;
    // The verifier's memory dies with the process; the database remembers across restarts.
    const periodMs = 2 ** this.#k * 1000;
    const spent = await spendLaneToken(this.#deps.db, {
      token: tokenKey(token),
      tripId: trip.id,
      // A token settled late stays remembered for as long as a late settlement could still bring it.
      expiresAt: request.leftAt === undefined ? (token.counter + 4) * periodMs : now + this.#offlineCap.maxAgeMs,
      now,
      maxTrips: this.#verifier.maxTripsPerToken,
    });
    if (!spent.accepted) await refuse('replayed', `token already used by ${spent.trips} other trips, the most one token may serve`);
  }

  async #finish(c: CheckoutRecord): Promise<PaidAnswer> {
    const paid = (at: number | null): PaidAnswer => ({
      tripId: c.tripId,
      state: 'paid',
      receiptId: c.receiptId,
      currency: c.currency,
      total: c.total,
      laneId: c.laneId,
      paidAt: at,
      receipt: JSON.parse(c.receipt) as Receipt,
    });
    if (c.state === 'paid') return paid(c.finishedAt);
    if (c.state === 'failed') throw new CheckoutError('payment-failed', c.failure?.message ?? 'the payment failed', { failure: c.failure });
    const shopper = await shopperById(this.#deps.db, c.shopperId);
    const outcome = await this.#plan.charge(c, shopper?.paymentMethod ?? '');
    const at = this.#deps.clock.now();
    if (outcome.state === 'pending') {
      throw new CheckoutError('payment-pending', `the payment gateway has not answered the ${outcome.step} yet; retry the same checkout`, { step: outcome.step });
    }
    if (outcome.state === 'failed') {
      await finishCheckout(this.#deps.db, { tripId: c.tripId, state: 'failed', failure: outcome.failure, at });
      await this.#incident(c, 'payment-failed', outcome.failure);
      throw new CheckoutError('payment-failed', outcome.failure.message, { failure: outcome.failure });
    }
    await finishCheckout(this.#deps.db, { tripId: c.tripId, state: 'paid', at });
    const saved = await checkoutOf(this.#deps.db, c.tripId);
    await this.#mailReceipt(saved ?? c);
    return paid(saved?.finishedAt ?? at);
  }

  /** Queues the receipt e-mail; the shopper is paid and leaving whatever happens to it. */
  async #mailReceipt(c: CheckoutRecord): Promise<void> {
    try {
      await this.#receiptMailer?.paid(this.#deps.db, c);
    } catch (error) {
      await this.#incident(c, 'receipt-mail-failed', { message: (error as Error).message });
    }
  }

  async #throwNotThrough(answer: Exclude<StepAnswer, { state: 'succeeded' }>, trip: TripRecord, kind: string): Promise<never> {
    if (answer.state === 'pending') throw new CheckoutError('payment-pending', 'the payment gateway has not answered the hold yet; retry');
    await this.#incident(trip, kind, answer.failure);
    throw new CheckoutError('payment-failed', `the hold was refused: ${answer.failure.message}`, { failure: answer.failure });
  }

  async #incident(about: { tripId: string; cartId: string } | TripRecord, kind: string, detail: unknown): Promise<void> {
    const tripId = 'tripId' in about ? about.tripId : about.id;
    await insertIncident(this.#deps.db, { id: newId(this.#deps.random, 'incident'), tripId, cartId: about.cartId, kind, detail, at: this.#deps.clock.now() });
  }
}

/**
 * A store started without payment settings: the embedded sandbox gateway, in memory, and no
 * lanes, so every lane token is refused until lanes are configured.
 */
export const defaultCheckoutSetup = (clock: Clock): CheckoutSetup => ({ gateway: new SandboxGateway({ clock }), laneSecrets: new Map() });
