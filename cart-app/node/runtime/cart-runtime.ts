// The cart's runtime: it owns the durable session, the catalog and the live pricing, turns the
// screen's intents into session events, and pushes a snapshot to whoever watches (the touch UI
// over a WebSocket, the terminal cart). The session log is written before any watcher hears of a
// change, and a watcher that throws or stalls is cut off from the runtime, never the other way
// round: a stuck screen cannot stop the cart recording scans.
//
// Staff intents (badge PIN sign-in, ID check, letting an alert stand, a hand-set price, the staff
// hold) go through the staff session (staff-session.ts) into the same log; scale calibration goes to the
// scale the hardware link attached, and a pairing code is asked of the store. What the cart's
// parts report beyond the log (readings, recognition's suggestions) rides along in the snapshot.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { looksLikeStaffBadge } from '../../../domain/common/fleet/staff-badge.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { HelpSource, NewSessionEventInput, SessionEvent, Symbology } from '../../../domain/common/session/events.js';
import type { CartState, Trip } from '../../../domain/common/session/state.js';
import { CartSession } from '../../../domain/node/session/cart-session.js';
import type { SessionLogError } from '../../../domain/node/session/errors.js';
import { preparePricing, type PricingCatalog } from '../../../payments/common/pricing/catalog-view.js';
import { priceBasket } from '../../../payments/common/pricing/engine.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import { pricingRequest } from '../../common/basket-pricing.js';
import { resolveScan, type ScanOutcome } from '../../common/resolve-scan.js';
import { describeIssues, type IntentError, type IntentErrorCode, type ProductHit } from '../../common/ui-protocol/intents.js';
import type { CartSnapshot, SnapshotLane } from '../../common/ui-protocol/snapshot.js';
import { screenIntentSchema, staffIntentSchema, type ScreenIntent, type StaffIntent } from '../../common/ui-protocol/staff-intents.js';
import { CartStartError } from './errors.js';
import { HelpCall } from './help-call.js';
import { buildSnapshot, type SnapshotExtras } from './snapshot.js';
import { StaffSession, type BadgeCheck, type StaffConfig } from './staff-session.js';

export interface CartRuntimeOptions {
  readonly catalog: Catalog;
  /** The cart's session log; the basket survives a restart through it. */
  readonly sessionFile: string;
  readonly clock: Clock;
  readonly cartId: string;
  readonly shopperId: string;
  readonly member: boolean;
  /** Where the runtime reports what it repaired or a watcher that failed; never blocks. */
  readonly warn?: (message: string) => void;
  /**
   * Sign `shopperId` in at once when the log has no trip (the default, for the terminal cart);
   * false leaves the cart waiting for `signIn` (a shopper showing their QR to the camera).
   */
  readonly signInAtOpen?: boolean;
  /** Who may sign in as staff on this cart, and the staff session's limits; staff sign-in is off without it. */
  readonly staff?: StaffConfig;
  /** Asks the store for a fresh pairing code (the store client); `requestPairingCode` is refused without it. */
  readonly pairingCodes?: () => Promise<Result<string, { readonly message: string }>>;
  /** Asks the store whose staff badge QR the camera read (the store client); badge sign-in is refused without it. */
  readonly staffBadges?: BadgeCheck;
}

/** Sets the scale's span from a known mass alone on the tared scale (the hardware link supplies it). */
export type ScaleCalibrator = (knownMg: number) => Promise<Result<{ readonly calibratedAt: number }, { readonly message: string }>>;

/** Who is shopping: the trip the store opened and its shopper. */
export interface ShopperSignIn {
  readonly tripId: string;
  readonly shopperId: string;
  readonly member: boolean;
}

/** What an accepted intent did, for a screen that wants to say so ("+ Bananas"). */
export interface IntentDone {
  /** The product a scan or weighing added, when it added one. */
  readonly added?: { readonly name: string; readonly minimumAge: number | null };
}

export type IntentResult = Result<IntentDone, IntentError>;
export type SnapshotListener = (snapshot: CartSnapshot) => void;
/** Hears every event once it is in the log (the reconciler, the hardware's feedback). */
export type EventListener = (event: SessionEvent) => void;
/** Hears every scan a screen or camera sent, taken or refused (the beep and the flash). */
export type ScanListener = (scan: { readonly code: string; readonly accepted: boolean }) => void;

/** How the session log names what a camera decoded (ZXing's name → the event's symbology). */
const LOGGED_SYMBOLOGY: Record<NonNullable<Extract<ScreenIntent, { type: 'scan' }>['symbology']>, Symbology> = {
  EAN_13: 'ean-13',
  UPC_A: 'upc-a',
  UPC_E: 'upc-e',
  EAN_8: 'ean-8',
  CODE_128: 'code-128',
  RSS_14: 'gs1-databar',
  RSS_EXPANDED: 'gs1-databar-expanded',
  QR_CODE: 'qr',
  DATA_MATRIX: 'data-matrix',
};

const refuse = (code: IntentErrorCode, message: string): { readonly ok: false; readonly error: IntentError } => err({ code, message });

const STAFF_INTENTS = new Set<string>(staffIntentSchema.options.map((o) => o.shape.type.value));
const isStaffIntent = (intent: ScreenIntent): intent is StaffIntent => STAFF_INTENTS.has(intent.type);

/** The camera reads a badge held up many times a second: the same badge within this long is one showing. */
const BADGE_REPEAT_MS = 5_000;
/** How long the screen says why a badge was refused. */
const BADGE_REFUSAL_SHOWN_MS = 10_000;

/** The fault a failed scale calibration leaves open until one succeeds. */
const CALIBRATION_FAULT = 'scale-calibration';

export class CartRuntime {
  readonly #session: CartSession;
  readonly #options: CartRuntimeOptions;
  /** The store's catalog and its prepared pricing, swapped together when the store sends a new one. */
  #catalog: Catalog;
  #pricing: PricingCatalog;
  readonly #listeners = new Set<SnapshotListener>();
  readonly #eventListeners = new Set<EventListener>();
  readonly #scanListeners = new Set<ScanListener>();
  readonly #unsubscribe: () => void;
  /** This trip's events as recorded by this process (a resumed trip starts at the resume). */
  readonly #staff: StaffSession;
  readonly #help: HelpCall;
  /** Live readings, recognition and the pairing code: what the snapshot carries beyond the log. */
  #extras: SnapshotExtras = {};
  #calibrator: ScaleCalibrator | undefined;
  #pendingScanLine: string | null = null;
  #lastScan: CartSnapshot['lastScan'] = null;
  #snapshot: CartSnapshot | null = null;
  /** Why the store locked the cart from its fleet board; null while it is not. */
  #storeHold: string | null = null;
  /** The badge QR last shown and when its check began; repeats of it meanwhile start nothing. */
  #lastBadge: { readonly text: string; readonly at: number } | null = null;
  #badgeNoticeTimer: TimerHandle | undefined;
  /** What the exit lane says (the exit-lane watch sets it) and how many trips wait to be settled. */
  #lane: { readonly notice: SnapshotLane | null; readonly unsettledTrips: number } = { notice: null, unsettledTrips: 0 };

  private constructor(session: CartSession, options: CartRuntimeOptions) {
    this.#session = session;
    this.#options = options;
    this.#catalog = options.catalog;
    this.#pricing = preparePricing(options.catalog);
    this.#staff = new StaffSession(this, options.clock, options.staff, (message) => options.warn?.(message));
    this.#help = new HelpCall(this, (message) => options.warn?.(message));
    // Every change reaches the store only after it is on disk; watchers hear of it here.
    this.#unsubscribe = session.store.subscribe((state) => this.#changed(state));
  }

  /**
   * Opens (or creates) the cart's session log, pairs the cart and signs the shopper in if the log
   * has no trip yet. `resumed` says a trip from before a restart was found and kept.
   */
  static open(options: CartRuntimeOptions): Result<{ runtime: CartRuntime; resumed: boolean }, SessionLogError | CartStartError> {
    const opened = CartSession.open(options.sessionFile, options.clock);
    if (!opened.ok) return opened;
    for (const warning of opened.value.warnings) options.warn?.(warning.message);
    const runtime = new CartRuntime(opened.value.session, options);
    const resumed = runtime.state.trip !== null;
    const paired = runtime.state.pairing ? ok(undefined) : runtime.#record({ type: 'paired', storeId: options.catalog.store.id, cartId: options.cartId });
    const started = paired.ok && !resumed && (options.signInAtOpen ?? true) ? runtime.startTrip() : paired;
    if (!started.ok) {
      runtime.close();
      return err(new CartStartError(started.error.code, started.error.message));
    }
    return ok({ runtime, resumed });
  }

  get catalog(): Catalog {
    return this.#catalog;
  }

  /**
   * Sells from `catalog` from now on (a new version from the store): the basket is re-priced with
   * it and every screen hears at once. The lines already in the basket keep their SKUs; one the
   * new catalog dropped shows as a pricing problem, as on the store's own re-pricing.
   */
  replaceCatalog(catalog: Catalog): void {
    this.#pricing = preparePricing(catalog);
    this.#catalog = catalog;
    this.#push();
  }

  /** Why the store is holding the cart, or null. */
  get storeHold(): string | null {
    return this.#storeHold;
  }

  /**
   * Staff locked (a reason) or unlocked (null) the cart from the store's fleet board. Not a
   * session event: the store keeps the lock and says it again on every connection, and the
   * session's own staff hold can only be lifted by staff signed in on this cart. A held cart
   * takes no new trip; a trip under way may finish.
   */
  holdFromStore(reason: string | null): void {
    if (reason === this.#storeHold) return;
    this.#storeHold = reason;
    this.#push();
  }

  get state(): CartState {
    return this.#session.state;
  }

  get trip(): Trip | null {
    return this.#session.state.trip;
  }

  /** The latest snapshot (computed once per change, shared by every watcher). */
  snapshot(): CartSnapshot {
    this.#snapshot ??= { ...buildSnapshot(this.state, this.catalog, this.trip ? this.priced() : null, this.#lastScan, { ...this.#extras, storeHold: this.#storeHold }), lane: this.#lane.notice, unsettledTrips: this.#lane.unsettledTrips };
    return this.#snapshot;
  }

  /** Calls `listener` with a snapshot after every change; returns the way to stop. */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The trip priced by the cart's own engine: the live total (the store re-prices at checkout).
   * `withStaffPrice` prices it as if that line had that staff price (to check an override first).
   */
  priced(withStaffPrice?: { readonly lineId: string; readonly staffPrice: number }): Result<Receipt, string> {
    const trip = this.trip;
    if (!trip) return err('there is no trip to price');
    const request = pricingRequest(trip, this.#options.clock.now());
    const lines = withStaffPrice ? request.lines.map((l) => (l.lineId === withStaffPrice.lineId ? { ...l, staffPrice: withStaffPrice.staffPrice } : l)) : request.lines;
    const priced = priceBasket(this.#pricing, lines, request.context);
    return priced.ok ? priced : err(priced.error.map((e) => e.message).join('; '));
  }

  /** Finds products by name (any language) with their aisle, for the search panel. */
  search(query: string, limit = 12): ProductHit[] {
    if (query.trim() === '') return [];
    return this.catalog.search(query, { limit }).map((p) => ({
      sku: p.sku,
      name: p.name,
      names: p.names ?? {},
      aisle: p.aisle ?? null,
      soldBy: p.soldBy,
      plu: p.plu ?? null,
      price: p.price,
      per: p.soldBy === 'weight' ? p.per : null,
      minimumAge: p.minimumAge ?? null,
    }));
  }

  /**
   * Calls `listener` with every event after it is on disk, in log order. Unlike a snapshot
   * watcher, a listener may record events of its own (an alert the reconciler raises); those reach
   * every listener after the event that caused them.
   */
  onEvent(listener: EventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /**
   * Calls `listener` after every scan or weighing a screen or camera sent while shopping, with
   * whether the cart took it (a refused one records nothing, so `onEvent` never hears of it).
   */
  onScan(listener: ScanListener): () => void {
    this.#scanListeners.add(listener);
    return () => this.#scanListeners.delete(listener);
  }

  /** Checks an intent from a screen (the shopper's or a staff member's) and carries it out; nothing is recorded for a refused one. */
  dispatch(input: unknown): IntentResult {
    const parsed = screenIntentSchema.safeParse(input);
    if (!parsed.success) return refuse('invalid-intent', `The cart did not understand that request (${describeIssues(parsed.error)}).`);
    const intent = parsed.data;
    if (isStaffIntent(intent)) return this.#staffIntent(intent);
    // A staff badge held up to the camera: checked with the store; the screen follows the check.
    if (intent.type === 'scan' && looksLikeStaffBadge(intent.code)) {
      void this.signInWithBadge(intent.code);
      return ok({});
    }
    // A shopper who cannot even sign in may still call for a person.
    if (intent.type === 'callHelp') return this.#settled(this.askForHelp('screen'));
    if (intent.type === 'cancelHelp') return this.#settled(this.#help.withdraw());
    if (!this.trip && intent.type !== 'setBudget') return refuse('not-shopping', 'Nobody is shopping with this cart right now.');
    switch (intent.type) {
      case 'scan':
        return this.#heardScan(intent.code, this.#scan(intent.code, { symbology: intent.symbology }));
      case 'weigh':
        return this.#heardScan(intent.code, this.#scan(intent.code, { grossMg: intent.grossMg }));
      case 'changeQuantity': {
        const line = this.#line(intent.lineId);
        if (!line.ok) return line;
        if (line.value.measure.by !== 'each') return refuse('refused', 'A weighed item has no quantity; remove it and weigh it again.');
        // A staff price covers the units it was set for; more units are scanned as a line of their own.
        if (line.value.priceOverride && intent.quantity > line.value.measure.quantity) return refuse('refused', 'A staff member priced this item by hand; scan any more of it as new items.');
        return this.#done({ type: 'quantityChanged', lineId: intent.lineId, quantity: intent.quantity });
      }
      case 'removeLine': {
        const line = this.#line(intent.lineId);
        return line.ok ? this.#done({ type: 'itemRemoved', lineId: intent.lineId }) : line;
      }
      case 'applyCoupon': {
        const coupon = this.catalog.coupon(intent.code);
        if (!coupon) return refuse('unknown-coupon', `"${intent.code}" is not a coupon of this store.`);
        if (this.trip?.coupons.includes(coupon.code)) return refuse('refused', `Coupon ${coupon.code} is already applied.`);
        return this.#done({ type: 'couponApplied', code: coupon.code });
      }
      case 'removeCoupon': {
        const code = intent.code.toUpperCase();
        if (!this.trip?.coupons.includes(code)) return refuse('unknown-coupon', `Coupon ${code} is not on this trip.`);
        return this.#done({ type: 'couponRemoved', code });
      }
      case 'setBudget':
        return this.#done({ type: 'budgetSet', limit: intent.limit });
    }
  }

  /**
   * Records what the cart's own parts observed (a scale step, a loss-prevention alert, a staff
   * action): the way in for every event that is not a screen's intent. Screens hear of it like any change.
   */
  record(event: NewSessionEventInput): Result<void, IntentError> {
    return this.#record(event);
  }

  /**
   * What the cart's parts know beyond the session log (hardware readings, recognition's
   * suggestions); merged into the snapshot's extras and pushed to every screen at once.
   */
  report(extras: Pick<SnapshotExtras, 'diagnostics' | 'suggestions'>): void {
    this.#extras = { ...this.#extras, ...extras };
    this.#push();
  }

  /** Someone at the cart asks for a person (the help button, or the screen's); already asked is fine. */
  askForHelp(from: HelpSource): Result<void, IntentError> {
    return this.#help.ask(from);
  }

  /** The shopper takes the call for help back (holding the help button, or the screen's cancel). */
  withdrawHelp(): Result<void, IntentError> {
    return this.#help.withdraw();
  }

  /** The exit lane's word for the shopper and staff (null: nothing to say), and the trips still to settle; every screen hears at once. */
  showLane(notice: SnapshotLane | null, unsettledTrips: number): void {
    this.#lane = { notice, unsettledTrips };
    this.#push();
  }

  /** Lets staff calibrate the scale from the screen (the hardware link does this); returns the way to stop. */
  attachScaleCalibrator(calibrator: ScaleCalibrator): () => void {
    this.#calibrator = calibrator;
    return () => {
      if (this.#calibrator === calibrator) this.#calibrator = undefined;
    };
  }

  /** Ends the shopper's trip and starts a fresh one on the same cart (the terminal's "new"). */
  startTrip(): Result<void, IntentError> {
    const { shopperId, member, cartId } = this.#options;
    return this.signIn({ tripId: `${cartId}-trip${this.state.lastSeq + 1}`, shopperId, member });
  }

  /** Signs a shopper in on a trip the store opened, ending any trip still on the cart first. */
  signIn(who: ShopperSignIn): Result<void, IntentError> {
    if (this.#storeHold !== null) return refuse('refused', `The store has locked this cart (${this.#storeHold}); nobody can start a trip on it.`);
    // A new shopper's trip starts with nobody signed in as staff: the trip log the store replays
    // begins at the sign-in, so a staff action in it must come from a staff session begun after it.
    if (this.state.staff) {
      const staffOut = this.#record({ type: 'staffModeExited' });
      if (!staffOut.ok) return staffOut;
    }
    const helpOut = this.#help.endForNewTrip();
    if (!helpOut.ok) return helpOut;
    if (this.trip) {
      const out = this.#record({ type: 'signedOut' });
      if (!out.ok) return out;
    }
    return this.#record({ type: 'signedIn', tripId: who.tripId, shopperId: who.shopperId, member: who.member });
  }

  /** The trip's events from its sign-in on: the log the store re-prices and charges from. */
  tripEvents(): readonly SessionEvent[] {
    return this.#session.tripEvents();
  }

  close(): void {
    this.#staff.close();
    this.#help.close();
    if (this.#badgeNoticeTimer) this.#options.clock.clearTimeout(this.#badgeNoticeTimer);
    this.#calibrator = undefined;
    this.#unsubscribe();
    this.#listeners.clear();
    this.#eventListeners.clear();
    this.#scanListeners.clear();
    this.#session.close();
  }

  #changed(state: CartState): void {
    if (this.#pendingScanLine !== null) this.#lastScan = { lineId: this.#pendingScanLine, seq: state.lastSeq };
    this.#push();
  }

  /** A fresh snapshot to every watcher. */
  #push(): void {
    this.#snapshot = null;
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        // The event is already on disk; a broken watcher loses its updates, not the cart.
        this.#listeners.delete(listener);
        this.#options.warn?.(`a screen watching the cart failed and was dropped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  #record(event: NewSessionEventInput): Result<void, IntentError> {
    const result = this.#session.record(event);
    if (!result.ok) return refuse('refused', `Sorry: ${result.error.message}`);
    for (const listener of this.#eventListeners) {
      try {
        listener(result.value);
      } catch (error) {
        // As with a screen: the event is on disk; a listener that throws is reported, not fatal.
        this.#options.warn?.(`a part listening to the cart failed on event ${result.value.seq} (${result.value.type}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return ok(undefined);
  }

  /** Tells the scan listeners how a scan went; a listener that throws is reported, not fatal. */
  #heardScan(code: string, result: IntentResult): IntentResult {
    for (const listener of this.#scanListeners) {
      try {
        listener({ code, accepted: result.ok });
      } catch (error) {
        this.#options.warn?.(`a part listening for scans failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return result;
  }

  #done(event: NewSessionEventInput, done: IntentDone = {}): IntentResult {
    const recorded = this.#record(event);
    return recorded.ok ? ok(done) : recorded;
  }

  #staffIntent(intent: StaffIntent): IntentResult {
    switch (intent.type) {
      case 'staffSignIn': {
        const signedIn = this.#staff.signIn(intent.pin);
        return signedIn.ok ? ok({}) : signedIn;
      }
      case 'staffSignOut':
        return this.#settled(this.#staff.signOut());
      case 'calibrateScale':
        return this.#calibrate(intent.knownMg);
      case 'requestPairingCode':
        return this.#requestPairingCode();
      default:
        return this.#settled(this.#staff.act(intent));
    }
  }

  #settled(result: Result<void, IntentError>): IntentResult {
    return result.ok ? ok({}) : result;
  }

  /**
   * Starts a span calibration on the scale and answers at once (it takes the scale a moment to
   * settle); the outcome reaches the screen as the scale's calibration time, or as an open
   * `scale-calibration` fault saying why it failed, cleared by the next calibration that works.
   */
  #calibrate(knownMg: number): IntentResult {
    const staff = this.#staff.staffOnly();
    if (!staff.ok) return staff;
    const calibrator = this.#calibrator;
    if (!calibrator) return refuse('refused', 'This cart has no scale linked that can be calibrated from the screen.');
    const open = (): boolean => this.state.faults.some((f) => f.faultId === CALIBRATION_FAULT);
    const done = (outcome: Awaited<ReturnType<ScaleCalibrator>>): void => {
      if (outcome.ok) {
        const scale = this.#extras.diagnostics?.scale;
        this.report({ diagnostics: { ...this.#extras.diagnostics, scale: { grossMg: scale?.grossMg ?? null, stable: scale?.stable ?? false, calibratedAt: outcome.value.calibratedAt } } });
        if (open()) this.#warnIfRefused(this.#record({ type: 'faultCleared', faultId: CALIBRATION_FAULT }));
        return;
      }
      const message = `scale calibration with ${knownMg / 1_000_000} kg failed: ${outcome.error.message}`.slice(0, 500);
      if (!open()) this.#warnIfRefused(this.#record({ type: 'faultRaised', faultId: CALIBRATION_FAULT, code: 'calibration-failed', message }));
      else this.#options.warn?.(message);
    };
    calibrator(knownMg).then(done, (error: unknown) => done(err({ message: error instanceof Error ? error.message : String(error) })));
    return ok({});
  }

  /**
   * Signs in the staff member whose badge QR the camera read, once the store says whose it is
   * (staff-session.ts counts refusals like wrong PINs). The screen shows the check under way and
   * a refusal with its reason; the same badge read again within a few seconds starts nothing.
   */
  async signInWithBadge(text: string): Promise<IntentResult> {
    const now = this.#options.clock.now();
    const last = this.#lastBadge;
    if (last?.text === text && now - last.at < BADGE_REPEAT_MS) return ok({});
    this.#lastBadge = { text, at: now };
    this.#showBadge({ state: 'checking', message: null });
    const signedIn = await this.#staff.signInWithBadge(text, this.#options.staffBadges);
    this.#showBadge(signedIn.ok ? null : { state: 'refused', message: signedIn.error.message });
    if (signedIn.ok) return ok({});
    this.#badgeNoticeTimer = this.#options.clock.setTimeout(() => this.#showBadge(null), BADGE_REFUSAL_SHOWN_MS);
    return signedIn;
  }

  #showBadge(staffBadge: SnapshotExtras['staffBadge']): void {
    if (this.#badgeNoticeTimer) this.#options.clock.clearTimeout(this.#badgeNoticeTimer);
    this.#badgeNoticeTimer = undefined;
    this.#extras = { ...this.#extras, staffBadge };
    this.#push();
  }

  /** Asks the store for a pairing code; it appears on the staff screen when the store answers. */
  #requestPairingCode(): IntentResult {
    const staff = this.#staff.staffOnly();
    if (!staff.ok) return staff;
    const ask = this.#options.pairingCodes;
    if (!ask) return refuse('refused', 'This cart is not connected to a store that could give it a pairing code.');
    const failed = (message: string): void => this.#options.warn?.(`the store gave no pairing code: ${message}`);
    ask().then(
      (answer) => {
        if (!answer.ok) return failed(answer.error.message);
        this.#extras = { ...this.#extras, pairingCode: answer.value };
        this.#push();
      },
      (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
    );
    return ok({});
  }

  #warnIfRefused(result: Result<void, IntentError>): void {
    if (!result.ok) this.#options.warn?.(result.error.message);
  }

  #line(lineId: string): Result<Trip['basket'][number], IntentError> {
    const line = this.trip?.basket.find((l) => l.lineId === lineId);
    return line ? ok(line) : refuse('unknown-line', 'That item is no longer in the basket.');
  }

  #nextLineId(): string {
    return `${this.#options.cartId}-line${this.state.lastSeq + 1}`;
  }

  /** A code a camera decoded or the keypad typed, or a weighed item with the scale's gross weight. */
  #scan(code: string, how: { readonly symbology?: keyof typeof LOGGED_SYMBOLOGY | undefined; readonly grossMg?: number }): IntentResult {
    const { symbology, grossMg } = how;
    const resolved = resolveScan(this.catalog, code, symbology);
    if (!resolved.ok) return refuse(resolved.error.code, resolved.error.message);
    const outcome = resolved.value;
    if (outcome.kind === 'coupon') return this.dispatch({ type: 'applyCoupon', code: outcome.code });
    const measure = this.#measure(outcome, grossMg);
    if (!measure.ok) return measure;
    const { product } = outcome;
    const added = { name: product.name, minimumAge: product.minimumAge ?? null };
    const labelPrice = outcome.kind === 'item' ? outcome.labelPrice : undefined;
    // Another unit of an each-item already in the basket adds to its line.
    const same =
      labelPrice === undefined && measure.value.by === 'each'
        ? this.trip?.basket.find((l) => l.sku === product.sku && l.labelPrice === undefined && l.priceOverride === undefined && l.measure.by === 'each')
        : undefined;
    const lineId = same?.lineId ?? this.#nextLineId();
    this.#pendingScanLine = lineId;
    try {
      if (same && same.measure.by === 'each') return this.#done({ type: 'quantityChanged', lineId, quantity: same.measure.quantity + 1 }, { added });
      return this.#done({ type: 'scanned', lineId, code, symbology: symbology ? LOGGED_SYMBOLOGY[symbology] : 'keyed', sku: product.sku, measure: measure.value, ...(labelPrice !== undefined ? { labelPrice } : {}) }, { added });
    } finally {
      this.#pendingScanLine = null;
    }
  }

  #measure(outcome: Exclude<ScanOutcome, { kind: 'coupon' }>, grossMg: number | undefined): Result<{ by: 'each'; quantity: number } | { by: 'weight'; netMg: number }, IntentError> {
    const { product } = outcome;
    if (outcome.kind === 'item') {
      if (grossMg !== undefined) return refuse('not-sold-by-weight', `${product.name} is not sold by weight; scan it without weighing.`);
      return ok(outcome.measure);
    }
    if (grossMg === undefined) return refuse('needs-weight', `${product.name} is sold by weight: put it on the scale and weigh it.`);
    const tareMg = product.soldBy === 'weight' ? Math.round(product.tareGrams * 1000) : 0;
    if (grossMg <= tareMg) return refuse('only-tare', `That is no more than the container's own weight; put the item on the scale.`);
    return ok({ by: 'weight', netMg: grossMg - tareMg });
  }
}
