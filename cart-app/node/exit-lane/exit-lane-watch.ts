// The cart's side of paying at the exit lane (docs/payments.md, "The cart at the lane"). Lane
// packets from the radio go to presence detection; when the cart is in lane N with a shopper's
// trip, the watch asks the runtime whether the basket may be charged. If not, it tells the
// shopper what to fix and sends nothing. If so, it writes the checkout it owes to disk, records
// `checkoutStarted`, and sends the store the frame it heard from lane N, again and again with a
// back-off until the store gives an answer (the store charges a trip once however often it is
// asked). Paid: `paid` is recorded (the screen shows the receipt) and the pole light goes green.
// A definite no: `paymentFailed`, red, and the store's words with what to do.
//
// When nothing comes back from the store for `offlineAfterMs`, the cart checks the offline cap
// (payments/common/offline/cap.ts): within it, the trip and the frame it heard are kept on disk,
// `leftUnsettled` frees the cart, the shopper is told they may go, and the trip is sent again
// with `leftAt` until the store is back and answers; beyond it, the light turns red and the
// shopper waits for staff while the cart keeps trying.
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import type { LightSignal } from '../../../hardware/common/cart-signals.js';
import { checkOfflineCap, DEFAULT_OFFLINE_CAP, type OfflineCap } from '../../../payments/common/offline/cap.js';
import { DEFAULT_PRESENCE_RULE, type PresenceEvent, type PresenceRule, type StripPole } from '../../../payments/common/lane/presence.js';
import type { SnapshotLane } from '../../common/ui-protocol/snapshot.js';
import type { CartRuntime } from '../runtime/cart-runtime.js';
import { Backoff, type BackoffOptions } from '../store-link/backoff.js';
import { basketBlockers } from './basket-blockers.js';
import type { ExitLaneError } from './errors.js';
import { LaneHearing } from './lane-hearing.js';
import type { LanePacket, LaneRadio } from './lane-radio.js';
import { OwedCheckouts, type OwedCheckout } from './owed-checkouts.js';
import { sortAnswer, type CheckoutPort, type LaneCheckoutBody, type StoreAnswer } from './store-answer.js';
import { SILENT_VISITS_FOR_FAULT, STRIP_SILENT_FAULT, StripHealth } from './strip-health.js';

/**
 * A lane-strip sensor as the watch uses it (the virtual world's VirtualStripSensor, a real cart's
 * switch): each crossing's time, and the strip's pole when the cart has a switch for each.
 */
export interface StripSensorPort {
  on(event: 'crossed', listener: (atMs: number, pole?: StripPole) => void): unknown;
  off(event: 'crossed', listener: (atMs: number, pole?: StripPole) => void): unknown;
}

/** The pole light as the watch uses it (CartHardware's light). */
export interface LaneLight {
  request(reason: string, signal: LightSignal): void;
  withdraw(reason: string): void;
}

export interface ExitLaneWatchOptions {
  readonly runtime: CartRuntime;
  readonly store: CheckoutPort;
  readonly radio: LaneRadio;
  readonly clock: Clock;
  /** Where the checkouts the cart owes the store are kept (beside the session log). */
  readonly owedFile: string;
  readonly light?: LaneLight;
  /**
   * The presence rule: LANE_STRIP_PRESENCE_RULE with a strip sensor (PARITY_STRIP_PRESENCE_RULE
   * with a switch for each pole, in a store that lays its strips parted by pole),
   * DEFAULT_PRESENCE_RULE without.
   */
  readonly rule?: PresenceRule;
  /** The cart's lane-strip sensor, where it has one: each crossing of a lane's mouth, epoch ms. */
  readonly strip?: StripSensorPort;
  /** The store's cap on trips left unsettled (the store checks it again with its own prices). */
  readonly offlineCap?: OfflineCap;
  /** How long the store may stay silent at the lane before the cart says it is unreachable (default 5 s). */
  readonly offlineAfterMs?: number;
  /** Waits between checkout requests at the lane (default 250 ms doubling to 2 s). */
  readonly retry?: BackoffOptions;
  /** Waits between tries to settle trips that left unsettled (default 2 s doubling to 1 min). */
  readonly settleRetry?: BackoffOptions;
  /** How often presence is re-evaluated without packets, ms (default 100). */
  readonly tickMs?: number;
  /**
   * True while loss prevention is still weighing up the basket (an item put in moments ago may
   * yet turn out unscanned): the lane waits for it, at most `basketSettleMaxMs` (default 20 s)
   * after the cart entered, then goes by the alerts the session holds.
   */
  readonly basketSettling?: () => boolean;
  readonly basketSettleMaxMs?: number;
  readonly warn?: (message: string) => void;
}

/** What happened at a lane (or later, for a trip that left unsettled): for logs, tests and the emulator panel. */
export type LaneOutcome =
  | { readonly type: 'entered' | 'left'; readonly laneId: number }
  | { readonly type: 'blocked'; readonly laneId: number; readonly fix: readonly string[] }
  | { readonly type: 'paid'; readonly laneId: number; readonly tripId: string; readonly receiptId: string; readonly total: number; readonly late: boolean }
  | { readonly type: 'refused'; readonly laneId: number; readonly tripId: string; readonly code: string; readonly message: string; readonly late: boolean }
  | { readonly type: 'left-unsettled'; readonly laneId: number; readonly tripId: string }
  | { readonly type: 'store-unreachable'; readonly laneId: number; readonly tripId: string; readonly withinCap: boolean };

/** The light's request reason for the lane's answer (none clashes with the runtime's or the hardware's). */
export const LANE_LIGHT_REASON = 'lane';

const DEFAULT_RETRY: BackoffOptions = { firstMs: 250, maxMs: 2_000 };
const DEFAULT_SETTLE_RETRY: BackoffOptions = { firstMs: 2_000, maxMs: 60_000 };
const DEFAULT_OFFLINE_AFTER_MS = 5_000;
const DEFAULT_BASKET_SETTLE_MAX_MS = 20_000;
/**
 * A lane token the store refused (stale, spent by too many trips, from a clock ahead) is tried
 * again with the lane's next token, this many times at most, if the cart hears one within
 * TOKEN_WAIT_MS while it stays in the lane (a token rotates every 4 s). A forged or wrong-lane
 * frame is refused again and the shopper is told.
 */
const TOKEN_RETRIES = 2;
const TOKEN_WAIT_MS = 6_000;
/** A crossing counts for a lane visit from this long before the entry when the rule does not say (its crossing window). */
const DEFAULT_CROSSING_WINDOW_MS = 3_000;
/** Staff diagnostics get the lanes' RSSI at most this often (each report repaints every screen). */
const LEVELS_EVERY_MS = 500;

/** What the shopper is told to do after each refusal the store can give at the lane. */
const AFTER_REFUSAL: Record<string, string> = {
  'payment-failed': 'Your payment did not go through. Please see a member of staff at the desk.',
  'no-payment-method': 'There is no payment method on your account. Please see a member of staff at the desk.',
  'basket-not-settled': 'Something in the basket needs a look first. Fix it on the screen or ask staff, then walk through the lane again.',
  'lane-token-refused': 'The lane could not confirm the cart was there. Walk through the lane again.',
};

export class ExitLaneWatch {
  readonly #o: ExitLaneWatchOptions;
  readonly #owed: OwedCheckouts;
  readonly #hearing: LaneHearing;
  readonly #listeners = new Set<(outcome: LaneOutcome) => void>();
  readonly #unwire: (() => void)[] = [];
  #tick: TimerHandle | undefined;
  #settleTimer: TimerHandle | undefined;
  readonly #settleBackoff: Backoff;
  /** The pass over trips left unsettled under way now, if one is. */
  #settling: Promise<void> | null = null;
  /** The trip whose checkout is being sent now. */
  #sending: string | null = null;
  /** Once the store refused in this visit to the lane, the cart waits for the shopper to walk through again. */
  #refusedThisVisit = false;
  /** When the cart entered the lane it is in. */
  #enteredAt = 0;
  #notice: SnapshotLane | null = null;
  /** While "which lane?" is shown: since when no lane has been heard above the leave level. */
  #farFromLanesSince: number | null = null;
  #levelsAt = Number.NEGATIVE_INFINITY;
  #levels = '';
  #closed = false;
  /** Whether the strip switch still feels the strips (carts with one). */
  readonly #stripHealth: StripHealth;
  /** Requests to the store on the wire now, and who waits for none to be. */
  #inFlight = 0;
  readonly #quietWaiters: (() => void)[] = [];

  private constructor(options: ExitLaneWatchOptions, owed: OwedCheckouts) {
    this.#o = options;
    this.#owed = owed;
    this.#hearing = new LaneHearing(options.rule);
    this.#settleBackoff = new Backoff(options.settleRetry ?? DEFAULT_SETTLE_RETRY);
    this.#stripHealth = new StripHealth({ faulty: options.runtime.state.faults.some((f) => f.faultId === STRIP_SILENT_FAULT.faultId) });
  }

  /** Reads the owed checkouts, carries on with any the cart was sending before a restart, and starts listening. */
  static open(options: ExitLaneWatchOptions): Result<ExitLaneWatch, ExitLaneError> {
    const owed = OwedCheckouts.open(options.owedFile);
    if (!owed.ok) return err(owed.error);
    const watch = new ExitLaneWatch(options, owed.value);
    watch.#start();
    return ok(watch);
  }

  /** The lane the cart is in, or null. */
  get lane(): number | null {
    return this.#hearing.lane;
  }

  /** Checkouts the cart still owes the store (left unsettled, or refused late and waiting for staff). */
  get owed(): readonly OwedCheckout[] {
    return this.#owed.all;
  }

  /** Hears every outcome; returns the way to stop. */
  on(listener: (outcome: LaneOutcome) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Resolves once no request to the store is on the wire and the watch has acted on the answers
   * (it may then be waiting on its clock to try again). A scripted trip waits for this before it
   * lets simulated time pass, so the same trip always gets the same report.
   */
  async quiet(): Promise<void> {
    while (this.#inFlight > 0) await new Promise<void>((resolve) => this.#quietWaiters.push(resolve));
  }

  /**
   * Sends the trips this cart let leave unsettled now, without waiting for the back-off, and
   * resolves once each was sent once (or the pass under way ended). Called before a new shopper
   * signs in: a sign-in needs the store, so the store is back, and it opens no new trip while it
   * has never heard an earlier one's checkout (docs/payments.md, "A new shopper after an
   * unsettled trip").
   */
  settleNow(): Promise<void> {
    if (this.#settling) return this.#settling;
    if (this.#settleTimer) this.#o.clock.clearTimeout(this.#settleTimer);
    this.#settleTimer = undefined;
    return this.#settleOwed();
  }

  close(): void {
    this.#closed = true;
    for (const unwire of this.#unwire.splice(0)) unwire();
    if (this.#tick) this.#o.clock.clearTimeout(this.#tick);
    if (this.#settleTimer) this.#o.clock.clearTimeout(this.#settleTimer);
    this.#o.light?.withdraw(LANE_LIGHT_REASON);
    this.#listeners.clear();
  }

  #start(): void {
    const { radio, runtime } = this.#o;
    this.#unwire.push(radio.listen((packet) => this.#heard(packet)));
    const strip = this.#o.strip;
    if (strip) {
      const crossed = (atMs: number, pole?: StripPole): void => {
        if (this.#closed) return;
        this.#stripHealth.crossed(atMs);
        this.#presence(this.#hearing.crossing(atMs, pole));
      };
      strip.on('crossed', crossed);
      this.#unwire.push(() => strip.off('crossed', crossed));
    }
    this.#unwire.push(runtime.onEvent((event) => this.#sessionEvent(event)));
    this.#show(null);
    // After the notice: a checkout carried on from before a restart says "paying" itself.
    this.#resume();
    this.#scheduleTick();
    if (this.#owed.all.some((c) => c.state === 'left')) this.#scheduleSettle(0);
  }

  /** After a restart: finish what the disk and the session log say was under way. */
  #resume(): void {
    const trip = this.#o.runtime.trip;
    for (const owed of this.#owed.all) {
      const current = trip?.tripId === owed.tripId ? trip : null;
      if (owed.state === 'left' && current && this.#o.runtime.state.phase === 'checking-out') {
        // The shopper was let go, but the cart stopped before freeing itself for the next one.
        this.#record({ type: 'leftUnsettled', laneId: String(owed.laneId) });
      } else if (owed.state === 'at-lane') {
        if (current && this.#o.runtime.state.phase === 'checking-out') void this.#send(owed);
        // Paid or failed and recorded, or never sent: nothing is owed for it.
        else this.#forget(owed.tripId);
      }
    }
  }

  #scheduleTick(): void {
    const { clock } = this.#o;
    this.#tick = clock.setTimeout(() => {
      if (this.#closed) return;
      const now = clock.now();
      this.#presence(this.#hearing.tick(now));
      this.#maybeForgetUnknownLane(now);
      this.#maybeCheckOut();
      this.#reportLevels(now);
      this.#scheduleTick();
    }, this.#o.tickMs ?? 100);
  }

  #heard(packet: LanePacket): void {
    if (this.#closed) return;
    this.#presence(this.#hearing.hear(packet));
  }

  #presence(events: readonly PresenceEvent[]): void {
    for (const event of events) {
      if (event.type === 'unnamed') {
        this.#unnamedLane();
        continue;
      }
      this.#emit({ type: event.type, laneId: event.laneId });
      if (event.type === 'entered') {
        this.#enteredAt = event.atMs;
        // Found after all: what the lane says now (below) replaces "which lane?".
        if (this.#notice?.state === 'unknown-lane') this.#forgetUnknownLane();
      }
      if (event.type === 'left') {
        this.#refusedThisVisit = false;
        if (this.#o.strip) this.#judgeStrip();
        // Walking back into the store to fix the basket: the lane has nothing more to say.
        if (this.#notice?.state === 'fix-first') this.#show(null);
      }
    }
    if (events.some((e) => e.type === 'entered')) this.#maybeCheckOut();
  }

  /**
   * The cart rolled over a lane strip but its beacons did not say which lane, and it is in none:
   * a shopper with a basket to pay is not left waiting in silence. The screen says so, the pole
   * light asks for attention and staff hear of it (the lane's display shows nothing, since no
   * lane was named); the beacons' fallback, or walking through again, can still find the lane.
   */
  #unnamedLane(): void {
    const { runtime } = this.#o;
    const trip = runtime.trip;
    if (!trip || runtime.state.phase !== 'shopping' || trip.basket.length === 0 || this.#sending !== null) return;
    this.#o.warn?.(`trip ${trip.tripId}: the cart rolled over a lane strip but could not tell which lane it is in; nothing has been charged`);
    this.#o.light?.request(LANE_LIGHT_REASON, 'attention');
    this.#farFromLanesSince = null;
    this.#show({ laneId: null, state: 'unknown-lane', code: null, message: 'The cart could not tell which lane it is in, so nothing has been charged. Please go on into the lane, or wait here: a member of staff has been told.', fix: [] });
  }

  /**
   * "Which lane?" stands until the cart is found in a lane, or has walked away from the lanes: no
   * lane heard above the rule's leave level for its leave time (presence step 4, as for leaving a
   * lane), so a cart that backed out over the strips and went on shopping does not stay amber.
   */
  #maybeForgetUnknownLane(now: number): void {
    if (this.#notice?.state !== 'unknown-lane') return;
    const rule = this.#o.rule ?? DEFAULT_PRESENCE_RULE;
    const loudest = this.#hearing.loudest(now);
    if (loudest !== null && loudest >= rule.leaveDbm) this.#farFromLanesSince = null;
    else if (this.#farFromLanesSince === null) this.#farFromLanesSince = now;
    else if (now - this.#farFromLanesSince >= rule.leaveMs) this.#forgetUnknownLane();
  }

  #forgetUnknownLane(): void {
    this.#farFromLanesSince = null;
    this.#o.light?.withdraw(LANE_LIGHT_REASON);
    this.#show(null);
  }

  /**
   * A lane visit is over: a switch that felt no strip on visit after visit is a fault for staff
   * (strip-health.ts); the lane still finds the cart by its beacons.
   */
  #judgeStrip(): void {
    const verdict = this.#stripHealth.visited(this.#enteredAt, this.#o.rule?.crossing?.windowMs ?? DEFAULT_CROSSING_WINDOW_MS);
    const open = this.#o.runtime.state.faults.some((f) => f.faultId === STRIP_SILENT_FAULT.faultId);
    if (verdict === 'raise' && !open) {
      const message = `lane-strip: the switch felt no lane strip on the last ${SILENT_VISITS_FOR_FAULT} lane visits; the lanes find this cart by their beacons only, a second or more later (check the switch's bracket height over the floor and its cable)`;
      this.#o.warn?.(message);
      this.#record({ type: 'faultRaised', ...STRIP_SILENT_FAULT, message });
    } else if (verdict === 'clear' && open) this.#record({ type: 'faultCleared', faultId: STRIP_SILENT_FAULT.faultId });
  }

  #sessionEvent(event: SessionEvent): void {
    // A new shopper, or the cart back on its dock: the last lane's answer is old news.
    if (event.type === 'signedIn' || event.type === 'docked') {
      this.#o.light?.withdraw(LANE_LIGHT_REASON);
      this.#show(null);
    }
  }

  /** In a lane with a trip to pay for: check the basket, then start the checkout. */
  #maybeCheckOut(): void {
    const laneId = this.#hearing.lane;
    const { runtime } = this.#o;
    const trip = runtime.trip;
    if (laneId === null || !trip || this.#sending !== null || this.#refusedThisVisit) return;
    if (runtime.state.phase === 'checking-out') {
      // A checkout started without a frame on disk (an older cart's log): send what this lane says now.
      const frame = this.#hearing.latestFrame(Number(trip.checkout?.laneId));
      if (frame) void this.#send(this.#owedFor(trip.tripId, frame.laneId, frame.frameHex, frame.heardAt));
      return;
    }
    // A trip begun inside the lane (a cart left standing there) pays when it walks through, not now.
    if (runtime.state.phase !== 'shopping' || trip.basket.length === 0 || trip.startedAt > this.#enteredAt) return;
    const fix = basketBlockers(runtime.snapshot());
    if (fix.length > 0) {
      if (this.#notice?.state !== 'fix-first' || this.#notice.fix.join('\n') !== fix.join('\n')) {
        this.#show({ laneId, state: 'fix-first', code: null, message: 'Nothing has been charged. Put these right, then walk through the lane again.', fix });
        this.#o.light?.request(LANE_LIGHT_REASON, 'attention');
        this.#emit({ type: 'blocked', laneId, fix });
      }
      return;
    }
    if (this.#o.basketSettling?.() && this.#o.clock.now() - this.#enteredAt < (this.#o.basketSettleMaxMs ?? DEFAULT_BASKET_SETTLE_MAX_MS)) return;
    const frame = this.#hearing.latestFrame(laneId);
    if (!frame) return;
    const owed = this.#owedFor(trip.tripId, laneId, frame.frameHex, frame.heardAt);
    // On disk before anything is sent, so a cart that stops now carries on with this token.
    const saved = this.#owed.put(owed);
    if (!saved.ok) this.#o.warn?.(`${saved.error.message}; the checkout goes ahead without a copy on disk`);
    if (!this.#record({ type: 'checkoutStarted', laneId: String(laneId) })) {
      this.#forget(trip.tripId);
      return;
    }
    void this.#send(owed);
  }

  #owedFor(tripId: string, laneId: number, laneFrame: string, heardAt: number): OwedCheckout {
    const priced = this.#o.runtime.priced();
    return { tripId, laneId, laneFrame, heardAt, events: this.#o.runtime.tripEvents(), cartTotal: priced.ok ? priced.value.total : 0, state: 'at-lane' };
  }

  /** Sends the checkout until the store answers, or the cart lets the shopper go unsettled. */
  async #send(owed: OwedCheckout): Promise<void> {
    const { clock } = this.#o;
    this.#sending = owed.tripId;
    this.#o.light?.withdraw(LANE_LIGHT_REASON);
    this.#show({ laneId: owed.laneId, state: 'paying', code: null, message: 'Paying…', fix: [] });
    const backoff = new Backoff(this.#o.retry ?? DEFAULT_RETRY);
    const since = clock.now();
    let answered = false;
    let toldOffline = false;
    let tokenRetries = 0;
    try {
      for (;;) {
        // The freshest frame from the lane, while the cart still hears it: a token the first
        // request never delivered must still be fresh when a retry does.
        const fresh = this.#hearing.latestFrame(owed.laneId);
        const frame = fresh && fresh.heardAt > owed.heardAt ? { laneFrame: fresh.frameHex, heardAt: fresh.heardAt } : owed;
        const answer = await this.#ask(owed.tripId, { laneId: owed.laneId, laneFrame: frame.laneFrame, events: owed.events, cartTotal: owed.cartTotal });
        if (this.#closed) return;
        if (answer.kind === 'refused' && answer.code === 'lane-token-refused' && tokenRetries < TOKEN_RETRIES) {
          // Nothing was charged; the lane's next token may well pass (the store logged this one for staff).
          tokenRetries++;
          this.#o.warn?.(`the store refused lane ${owed.laneId}'s token for trip ${owed.tripId} (${answer.message}); trying the lane's next token`);
          if (await this.#nextToken(owed.laneId, frame.laneFrame)) continue;
        }
        if (answer.kind !== 'no-answer') return this.#answered(owed, answer);
        answered ||= !answer.unreachable;
        if (!answered && !toldOffline && clock.now() - since >= (this.#o.offlineAfterMs ?? DEFAULT_OFFLINE_AFTER_MS)) {
          toldOffline = true;
          if (this.#leaveUnsettled({ ...owed, laneFrame: frame.laneFrame, heardAt: frame.heardAt })) return;
        }
        await this.#wait(backoff.next());
        if (this.#closed) return;
      }
    } finally {
      if (this.#sending === owed.tripId) this.#sending = null;
    }
  }

  /**
   * Waits, while the cart stays in lane `laneId`, for a token other than `refused` from it (the
   * next rotation); true once heard, false if the cart left or none came within TOKEN_WAIT_MS.
   */
  async #nextToken(laneId: number, refused: string): Promise<boolean> {
    const until = this.#o.clock.now() + TOKEN_WAIT_MS;
    while (!this.#closed && this.#hearing.lane === laneId && this.#o.clock.now() < until) {
      const latest = this.#hearing.latestFrame(laneId);
      if (latest && latest.frameHex !== refused) return true;
      await this.#wait(this.#o.tickMs ?? 100);
    }
    return false;
  }

  /** The store answered the checkout at the lane. */
  #answered(owed: OwedCheckout, answer: Exclude<StoreAnswer, { kind: 'no-answer' }>): void {
    if (answer.kind === 'paid') {
      const { receiptId, total } = answer.paid;
      if (this.#record({ type: 'paid', receiptId, total })) this.#forget(owed.tripId);
      this.#o.light?.request(LANE_LIGHT_REASON, 'ok');
      this.#show({ laneId: owed.laneId, state: 'paid', code: null, message: 'Paid. Thank you!', fix: [] });
      this.#emit({ type: 'paid', laneId: owed.laneId, tripId: owed.tripId, receiptId, total, late: false });
      // The store is there: trips left unsettled earlier can go now.
      this.#scheduleSettle(0);
      return;
    }
    this.#refusedThisVisit = true;
    if (this.#record({ type: 'paymentFailed', reason: `${answer.code}: ${answer.message}`.slice(0, 500) })) this.#forget(owed.tripId);
    this.#o.light?.request(LANE_LIGHT_REASON, 'alarm');
    this.#show({ laneId: owed.laneId, state: 'refused', code: answer.code, message: `${answer.message}. ${AFTER_REFUSAL[answer.code] ?? 'Please see a member of staff.'}`, fix: [] });
    this.#emit({ type: 'refused', laneId: owed.laneId, tripId: owed.tripId, code: answer.code, message: answer.message, late: false });
  }

  /**
   * The store is unreachable at the lane. Within the cap the shopper may go and the trip is
   * settled later (true); beyond it they wait for staff while the cart keeps trying (false).
   */
  #leaveUnsettled(owed: OwedCheckout): boolean {
    const cap = this.#o.offlineCap ?? DEFAULT_OFFLINE_CAP;
    const check = checkOfflineCap(cap, this.#owed.unsettled(), owed.cartTotal);
    this.#emit({ type: 'store-unreachable', laneId: owed.laneId, tripId: owed.tripId, withinCap: check.within });
    if (!check.within) {
      this.#o.light?.request(LANE_LIGHT_REASON, 'alarm');
      this.#show({ laneId: owed.laneId, state: 'offline-wait', code: 'offline-cap-exceeded', message: `The store cannot be reached and this cart already has trips waiting to be settled (${check.message}). Please wait here: a member of staff is on the way.`, fix: [] });
      return false;
    }
    // The frame and the moment it was heard are what the store checks the late settlement against.
    const saved = this.#owed.put({ ...owed, state: 'left', leftAt: owed.heardAt });
    if (!saved.ok) {
      // Without a copy on disk the trip could be lost: the shopper waits rather than leaves.
      this.#o.warn?.(saved.error.message);
      this.#show({ laneId: owed.laneId, state: 'offline-wait', code: 'not-saved', message: 'The store cannot be reached and the cart could not keep your trip safely. Please wait here for a member of staff.', fix: [] });
      this.#o.light?.request(LANE_LIGHT_REASON, 'alarm');
      return false;
    }
    this.#record({ type: 'leftUnsettled', laneId: String(owed.laneId) });
    this.#o.light?.request(LANE_LIGHT_REASON, 'attention');
    this.#show({ laneId: owed.laneId, state: 'offline-go', code: null, message: 'The store cannot be reached right now. You can go: your trip will be settled and your receipt sent when the store is back.', fix: [] });
    this.#emit({ type: 'left-unsettled', laneId: owed.laneId, tripId: owed.tripId });
    this.#scheduleSettle(this.#o.settleRetry?.firstMs ?? DEFAULT_SETTLE_RETRY.firstMs);
    return true;
  }

  #scheduleSettle(ms: number): void {
    if (this.#closed || this.#settleTimer) return;
    this.#settleTimer = this.#o.clock.setTimeout(() => {
      this.#settleTimer = undefined;
      void this.#settleOwed();
    }, ms);
  }

  /** Sends the trips that left unsettled, oldest first, until one finds no store; then backs off. */
  #settleOwed(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#settling ??= this.#settlePass().finally(() => {
      this.#settling = null;
    });
    return this.#settling;
  }

  async #settlePass(): Promise<void> {
    const left = this.#owed.all.filter((c) => c.state === 'left').sort((a, b) => (a.leftAt ?? 0) - (b.leftAt ?? 0));
    for (const owed of left) {
      const answer = await this.#ask(owed.tripId, { laneId: owed.laneId, laneFrame: owed.laneFrame, events: owed.events, cartTotal: owed.cartTotal, leftAt: owed.leftAt ?? owed.heardAt });
      if (this.#closed) return;
      if (answer.kind === 'no-answer') {
        this.#scheduleSettle(this.#settleBackoff.next());
        return;
      }
      this.#settleBackoff.reset();
      if (answer.kind === 'paid') {
        this.#forget(owed.tripId);
        this.#emit({ type: 'paid', laneId: owed.laneId, tripId: owed.tripId, receiptId: answer.paid.receiptId, total: answer.paid.total, late: true });
      } else {
        // A definite no for a shopper who has gone: staff own it now (the store lists it as failed).
        const kept = this.#owed.put({ ...owed, state: 'refused', refusal: { code: answer.code, message: answer.message.slice(0, 500) } });
        if (!kept.ok) this.#o.warn?.(kept.error.message);
        this.#o.warn?.(`the store refused trip ${owed.tripId}, settled late: ${answer.code}: ${answer.message}`);
        this.#emit({ type: 'refused', laneId: owed.laneId, tripId: owed.tripId, code: answer.code, message: answer.message, late: true });
      }
      this.#show(this.#notice);
    }
  }

  /** One checkout request; a store client that throws is no answer, like a network error. */
  async #ask(tripId: string, body: LaneCheckoutBody): Promise<StoreAnswer> {
    this.#inFlight++;
    try {
      return sortAnswer(await this.#o.store.checkout(tripId, body));
    } catch (error) {
      return { kind: 'no-answer', unreachable: true, message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.#inFlight--;
      // Woken after the caller has acted on this answer (a microtask later).
      if (this.#inFlight === 0) for (const wake of this.#quietWaiters.splice(0)) queueMicrotask(wake);
    }
  }

  #forget(tripId: string): void {
    const removed = this.#owed.remove(tripId);
    if (!removed.ok) this.#o.warn?.(removed.error.message);
  }

  #record(event: Parameters<CartRuntime['record']>[0]): boolean {
    const recorded = this.#o.runtime.record(event);
    if (!recorded.ok) this.#o.warn?.(`the cart could not record ${event.type}: ${recorded.error.message}`);
    return recorded.ok;
  }

  #show(notice: SnapshotLane | null): void {
    this.#notice = notice;
    const waiting = this.#owed.all.filter((c) => c.state !== 'at-lane').length;
    this.#o.runtime.showLane(notice, waiting);
  }

  /** The lanes' RSSI on the staff diagnostics, when it changed and not more often than LEVELS_EVERY_MS. */
  #reportLevels(now: number): void {
    if (now - this.#levelsAt < LEVELS_EVERY_MS) return;
    const beacons = this.#hearing.levels(now).map((l) => ({ laneId: String(l.laneId), rssi: l.rssi }));
    const text = JSON.stringify(beacons);
    if (text === this.#levels) return;
    this.#levelsAt = now;
    this.#levels = text;
    const { runtime } = this.#o;
    runtime.report({ diagnostics: { ...runtime.snapshot().diagnostics, beacons } });
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.#o.clock.setTimeout(resolve, ms));
  }

  #emit(outcome: LaneOutcome): void {
    for (const listener of this.#listeners) {
      try {
        listener(outcome);
      } catch (error) {
        this.#o.warn?.(`a lane listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
