// Runs a scripted trip headless through the emulated cart: the same runtime, loss prevention,
// virtual scale and motion sensor, and real barcode decoding as the emulator, on a simulated
// clock, so the same scenario always gives the same report. Each step is something a shopper or
// a member of staff does; between steps the shopper takes `paceMs`, during which the scale keeps
// sampling and the reconciler's grace periods run out as they would in a store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Product } from '../../../domain/common/catalog/schema.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom, type Random } from '../../../domain/common/random.js';
import type { AlertKind, AlertResolution } from '../../../domain/common/session/events.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { Label } from '../emulated/barcode-camera.js';
import { EmulatedCart } from '../emulated/emulated-cart.js';
import type { ScenarioStep, Scenario } from './scenario.js';
import { TripLanes } from './trip-lanes.js';
import type { CheckoutOutcome, HoldOutcome, TripStore } from './trip-store.js';

export interface StepReport {
  readonly step: number;
  readonly do: ScenarioStep['do'];
  /** Simulated ms since the trip started. */
  readonly at: number;
  readonly ok: boolean;
  /** What happened, in the cart's words (an added product, a refusal's message). */
  readonly detail: string;
  /** What the camera read, when the step showed it a label. */
  readonly read?: { readonly text: string; readonly format: string };
}

export interface AlertReport {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly note: string;
  readonly raisedAt: number;
  readonly resolution: { readonly how: AlertResolution; readonly by: string; readonly at: number } | null;
}

export type PaymentReport =
  | { readonly status: 'paid'; readonly receiptId: string; readonly total: number; readonly currency: string; readonly hold: HoldOutcome | null }
  | { readonly status: 'refused'; readonly code: string; readonly reason: string; readonly hold: HoldOutcome | null }
  | { readonly status: 'not-attempted'; readonly reason: string; readonly hold: HoldOutcome | null };

export interface TripReport {
  readonly scenario: string;
  readonly store: string;
  readonly shopper: { readonly name: string; readonly member: boolean; readonly paymentMethod: string };
  /** The store's receipt when it charged the trip; otherwise the cart's own pricing of the basket. */
  readonly receipt: (Receipt & { readonly pricedBy: 'store' | 'cart' }) | null;
  readonly payment: PaymentReport;
  readonly alerts: readonly AlertReport[];
  /** The trip goes to a member of staff: an alert was never resolved. */
  readonly review: boolean;
  readonly steps: readonly StepReport[];
  /** What the cart reported along the way (a part that could not follow an event): empty on a clean trip. */
  readonly warnings: readonly string[];
  readonly timings: {
    /** Simulated time from the first step to the end of the last. */
    readonly simulatedMs: number;
    /** Wall-clock figures; only when asked for, since they differ from run to run. */
    readonly wall?: { readonly totalMs: number; readonly decodeMsMax: number; readonly decodes: number };
  };
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly code: 'unknown-product' | 'no-barcode' | 'no-weight' | 'cart-start',
    message: string,
  ) {
    super(message);
  }
}

export interface RunTripOptions {
  readonly scenario: Scenario;
  readonly catalog: Catalog;
  /** The store to sign in with and pay at; absent, the trip is priced by the cart and not paid. */
  readonly store?: TripStore;
  /** Why there is no store, for the report. */
  readonly noStoreReason?: string;
  readonly measureWall?: boolean;
  /** The trip's clock, shared with an in-process store; a fresh one at the scenario's start when absent. */
  readonly clock?: SimulatedClock;
}

/** How long the cart waits at the lane for loss prevention to finish with the basket, and for the lane's answer. */
const SETTLE_AT_LANE_MS = 20_000;
/** Walking to the lane when there is no store (and so no lanes to hear). */
const WALK_TO_LANE_MS = 4_000;
/** A product placed right after its scan. */
const SCAN_TO_PLACE_MS = 800;

interface Thing {
  /** The physics' id of the item in the basket, when it is in. */
  itemId: number | undefined;
  /** The basket line its scan created or added to, when it was scanned. */
  lineId: string | undefined;
}

class TripDriver {
  readonly #options: RunTripOptions;
  readonly #cart: EmulatedCart;
  readonly #clock: SimulatedClock;
  readonly #random: Random;
  readonly #things = new Map<string, Thing>();
  readonly #startAt: number;
  readonly reports: StepReport[] = [];
  hold: HoldOutcome | null = null;
  checkout: CheckoutOutcome | null = null;
  decodes: number[] = [];
  #unnamed = 0;
  /** The store's lanes on the virtual store front, when there is a store to pay at. */
  readonly #lanes: TripLanes | null;

  constructor(options: RunTripOptions, cart: EmulatedCart, clock: SimulatedClock, lanes: TripLanes | null) {
    this.#options = options;
    this.#lanes = lanes;
    this.#cart = cart;
    this.#clock = clock;
    this.#random = seededRandom(options.scenario.hardware.seed).fork();
    this.#startAt = clock.now();
  }

  get elapsed(): number {
    return this.#clock.now() - this.#startAt;
  }

  async run(index: number, step: ScenarioStep): Promise<void> {
    const at = this.elapsed;
    const done = (ok: boolean, detail: string, read?: { text: string; format: string }): void => {
      this.reports.push({ step: index, do: step.do, at, ok, detail, ...(read ? { read } : {}) });
    };
    const result = await this.#step(step);
    done(result.ok, result.detail, result.read);
  }

  /** Lets simulated time pass with the sensors sampling; resolves once the drivers have heard it all. */
  pass(ms: number): Promise<void> {
    return this.#cart.body.advance(ms);
  }

  async #step(step: ScenarioStep): Promise<{ ok: boolean; detail: string; read?: { text: string; format: string } }> {
    const runtime = this.#cart.runtime;
    switch (step.do) {
      case 'signIn':
        return this.#signIn();
      case 'show':
        return this.#show(step.gtin !== undefined ? { text: step.gtin, ...(step.as ? { kind: step.as } : {}) } : { text: step.label ?? '', ...(step.as ? { kind: step.as } : {}) }, undefined);
      case 'add':
      case 'scanOnly': {
        const product = this.#product(step.sku);
        const name = step.thing ?? this.#name(step.sku);
        const shown = await this.#show({ text: this.#gtin(product) }, name);
        if (!shown.ok || step.do === 'scanOnly') return shown;
        await this.pass(SCAN_TO_PLACE_MS);
        this.#place(name, step.grams ?? this.#unitGrams(product), step.how);
        return shown;
      }
      case 'placeOnly': {
        const grams = step.grams ?? this.#unitGrams(this.#product(step.sku ?? ''));
        const name = step.thing ?? this.#name(step.sku ?? 'item');
        this.#place(name, grams, step.how);
        return { ok: true, detail: `put ${name} (${grams.toFixed(0)} g) in the basket without scanning it` };
      }
      case 'produce':
        return this.#produce(step.plu, step.grams, step.thing);
      case 'remove':
        return this.#remove(step.thing, step.unscan);
      case 'declare': {
        const itemId = `personal${runtime.state.lastSeq + 1}`;
        const massMg = step.grams !== undefined ? Math.round(step.grams * 1000) : undefined;
        const recorded = runtime.record({ type: 'personalItemDeclared', itemId, description: step.description, ...(massMg !== undefined ? { massMg } : {}) });
        if (!recorded.ok) return { ok: false, detail: recorded.error.message };
        if (step.place) {
          await this.pass(SCAN_TO_PLACE_MS);
          this.#place(step.thing ?? this.#name('personal'), step.grams ?? 400, 'lowered');
        }
        return { ok: true, detail: `declared "${step.description}" as the shopper's own` };
      }
      case 'coupon': {
        if (step.via === 'camera') return this.#show({ text: step.code, kind: 'qrcode' }, undefined);
        const applied = runtime.dispatch({ type: 'applyCoupon', code: step.code });
        return applied.ok ? { ok: true, detail: `coupon ${step.code.toUpperCase()} applied` } : { ok: false, detail: applied.error.message };
      }
      case 'push':
        await this.#push(step.ms, step.intensity);
        return { ok: true, detail: `pushed the cart for ${step.ms} ms` };
      case 'wait':
        await this.pass(step.ms);
        return { ok: true, detail: `waited ${step.ms} ms` };
      case 'staff':
        return this.#staff(step);
      case 'lane':
        return this.#lane(step.laneId);
      case 'budget': {
        const set = runtime.dispatch({ type: 'setBudget', limit: step.limit });
        return set.ok ? { ok: true, detail: step.limit === null ? 'budget cleared' : `budget set to ${step.limit}` } : { ok: false, detail: set.error.message };
      }
    }
  }

  #name(base: string): string {
    return `${base}#${++this.#unnamed}`;
  }

  #product(sku: string): Product {
    const product = this.#options.catalog.bySku(sku);
    if (!product) throw new ScenarioError('unknown-product', `the scenario names "${sku}", which is not in the catalog`);
    return product;
  }

  #gtin(product: Product): string {
    const gtin = product.gtins[0];
    if (gtin === undefined) throw new ScenarioError('no-barcode', `${product.sku} has no barcode to scan; weigh it by PLU ("produce") instead`);
    return gtin;
  }

  /** One unit's true mass: drawn from the product's weight model (its spread, seeded). */
  #unitGrams(product: Product): number {
    if (product.soldBy === 'each') return Math.max(1, product.weight.meanGrams + product.weight.sdGrams * this.#random.normal());
    if (product.typicalGrams !== undefined) return product.typicalGrams;
    throw new ScenarioError('no-weight', `${product.sku} is sold by weight with no typical weight; give grams`);
  }

  #place(name: string, grams: number, how: 'lowered' | 'dropped' = 'lowered'): void {
    const change = this.#cart.body.place(grams, how === 'dropped' ? { how: 'dropped', heightCm: 8 } : { how: 'lowered', durationMs: 600 });
    const thing = this.#things.get(name) ?? { itemId: undefined, lineId: undefined };
    thing.itemId = change.itemId;
    this.#things.set(name, thing);
  }

  async #show(label: Label, name: string | undefined): Promise<{ ok: boolean; detail: string; read?: { text: string; format: string } }> {
    const shown = await this.#cart.show(label);
    if (shown.read) this.decodes.push(shown.read.decodeMs);
    const read = shown.read ? { text: shown.read.text, format: shown.read.format } : undefined;
    if (!shown.result.ok) return { ok: false, detail: shown.result.error.message, ...(read ? { read } : {}) };
    const lineId = this.#cart.runtime.snapshot().lastScan?.lineId;
    if (name !== undefined && lineId !== undefined) this.#things.set(name, { itemId: this.#things.get(name)?.itemId, lineId });
    const added = shown.result.value.added;
    return { ok: true, detail: added ? `+ ${added.name}${added.minimumAge !== null ? ` (age ${added.minimumAge}+)` : ''}` : 'accepted', ...(read ? { read } : {}) };
  }

  async #signIn(): Promise<{ ok: boolean; detail: string; read?: { text: string; format: string } }> {
    const { scenario, store } = this.#options;
    const runtime = this.#cart.runtime;
    if (!store) {
      const signed = runtime.signIn({ tripId: 'scripted-trip', shopperId: 'scripted-shopper', member: scenario.shopper.member });
      return signed.ok ? { ok: true, detail: 'signed in (no store: a local trip)' } : { ok: false, detail: signed.error.message };
    }
    // The phone's QR, shown to the cart camera and read by the real decoder.
    const read = await this.#cart.camera.show({ text: await store.signInCode(), kind: 'qrcode' });
    if (!read.ok) return { ok: false, detail: read.error.message };
    this.decodes.push(read.value.decodeMs);
    const trip = await store.startTrip(read.value.text);
    if (!trip.ok) return { ok: false, detail: trip.error };
    const signed = runtime.signIn(trip.value);
    if (!signed.ok) return { ok: false, detail: signed.error.message };
    this.hold = await store.hold(trip.value.tripId);
    return { ok: true, detail: `signed in on trip ${trip.value.tripId}${this.hold.status === 'held' ? `; ${this.hold.amount ?? 0} held` : `; no hold: ${this.hold.reason ?? ''}`}`, read: { text: '(sign-in code)', format: read.value.format } };
  }

  async #produce(plu: string, grams: number | undefined, name = this.#name(`plu-${plu}`)): Promise<{ ok: boolean; detail: string }> {
    const match = this.#options.catalog.byPlu(plu.replace(/^9/, ''));
    if (!match) return { ok: false, detail: `no produce with PLU ${plu} in this store` };
    const product = match.product;
    const net = grams ?? this.#unitGrams(product) * 3;
    const tare = product.soldBy === 'weight' ? product.tareGrams : 0;
    // The bag goes on the scale; the cart reads the settled step and prices the produce by it.
    let stepMg: number | undefined;
    const stop = this.#cart.runtime.onEvent((e) => {
      if (e.type === 'weighed' && e.deltaMg > 0) stepMg = e.deltaMg;
    });
    this.#place(name, net + tare, 'lowered');
    for (let waited = 0; stepMg === undefined && waited < 5000; waited += 250) await this.pass(250);
    stop();
    if (stepMg === undefined) return { ok: false, detail: 'the scale never settled on the produce' };
    const weighed = this.#cart.runtime.dispatch({ type: 'weigh', code: plu, grossMg: stepMg });
    if (!weighed.ok) return { ok: false, detail: weighed.error.message };
    const lineId = this.#cart.runtime.snapshot().lastScan?.lineId;
    this.#things.set(name, { itemId: this.#things.get(name)?.itemId, lineId });
    return { ok: true, detail: `+ ${product.name}, ${(stepMg / 1000).toFixed(1)} g on the scale` };
  }

  #remove(name: string, unscan: boolean): { ok: boolean; detail: string } {
    const thing = this.#things.get(name);
    if (!thing) return { ok: false, detail: `nothing called "${name}" went into the basket` };
    const parts: string[] = [];
    if (thing.itemId !== undefined && this.#cart.body.items().has(thing.itemId)) {
      this.#cart.body.remove(thing.itemId);
      thing.itemId = undefined;
      parts.push(`took ${name} out`);
    }
    if (unscan && thing.lineId !== undefined) {
      const runtime = this.#cart.runtime;
      const line = runtime.trip?.basket.find((l) => l.lineId === thing.lineId);
      // One unit of several on a line comes off as a smaller count.
      const result =
        line?.measure.by === 'each' && line.measure.quantity > 1
          ? runtime.dispatch({ type: 'changeQuantity', lineId: line.lineId, quantity: line.measure.quantity - 1 })
          : runtime.dispatch({ type: 'removeLine', lineId: thing.lineId });
      if (!result.ok) return { ok: false, detail: result.error.message };
      thing.lineId = undefined;
      parts.push('unscanned it');
    }
    return parts.length > 0 ? { ok: true, detail: parts.join(' and ') } : { ok: false, detail: `${name} is neither in the basket nor on the list` };
  }

  async #push(ms: number, intensity: number): Promise<void> {
    this.#cart.body.push(intensity);
    await this.pass(ms);
    this.#cart.body.stop();
  }

  #staff(step: Extract<ScenarioStep, { do: 'staff' }>): { ok: boolean; detail: string } {
    const runtime = this.#cart.runtime;
    const entered = runtime.record({ type: 'staffModeEntered', staffId: step.staffId, mode: 'assist' });
    if (!entered.ok) return { ok: false, detail: entered.error.message };
    const outcome = ((): { ok: boolean; detail: string } => {
      switch (step.action) {
        case 'ageCheck': {
          const checked = runtime.record({ type: 'ageChecked', by: step.staffId });
          return checked.ok ? { ok: true, detail: `${step.staffId} checked the shopper's ID` } : { ok: false, detail: checked.error.message };
        }
        case 'override': {
          const lineId = this.#things.get(step.thing)?.lineId;
          if (lineId === undefined) return { ok: false, detail: `${step.thing} is not on the list` };
          const set = runtime.record({ type: 'overrideApplied', by: step.staffId, lineId, price: step.price, reason: step.reason });
          return set.ok ? { ok: true, detail: `${step.staffId} set ${step.thing}'s price to ${step.price}` } : { ok: false, detail: set.error.message };
        }
        case 'verifyAlerts': {
          const open = runtime.trip?.alerts.filter((a) => a.resolution === null) ?? [];
          for (const alert of open) {
            const resolved = runtime.record({ type: 'alertResolved', alertId: alert.alertId, how: 'staff-verified', by: step.staffId });
            if (!resolved.ok) return { ok: false, detail: resolved.error.message };
          }
          return { ok: true, detail: `${step.staffId} looked at ${open.length} alert(s) and let the basket stand` };
        }
      }
    })();
    const exited = runtime.record({ type: 'staffModeExited' });
    return exited.ok ? outcome : { ok: false, detail: exited.error.message };
  }

  async #lane(laneId: number): Promise<{ ok: boolean; detail: string }> {
    const runtime = this.#cart.runtime;
    const trip = runtime.trip;
    if (!trip) return { ok: false, detail: 'nobody is signed in' };
    const lanes = this.#lanes;
    if (!lanes) return this.#laneWithoutStore(laneId);
    // The cart hears the lane's beacons and pays through its exit-lane watch, as a real cart does.
    // Time enough for the watch's own wait on loss prevention (20 s), and the store's answer.
    const said = await lanes.walkThrough(laneId, (ms) => this.pass(ms), SETTLE_AT_LANE_MS + 5_000);
    if (!said) {
      const detail = lanes.entered(laneId) ? `lane ${laneId} gave no answer` : `the cart never found itself in lane ${laneId}`;
      this.checkout = { status: 'refused', code: 'no-answer', reason: detail };
      return { ok: false, detail };
    }
    switch (said.type) {
      case 'paid': {
        const paid = lanes.last;
        if (paid?.status !== 'paid') return { ok: false, detail: 'the lane said paid without the store’s receipt' };
        this.checkout = paid;
        return { ok: true, detail: `paid ${said.total} at lane ${said.laneId} (receipt ${said.receiptId})` };
      }
      case 'refused':
        this.checkout = { status: 'refused', code: said.code, reason: said.message };
        return { ok: false, detail: `${said.code}: ${said.message}` };
      case 'blocked':
        // The cart does not let the shopper through; the lane charges nothing.
        this.checkout = { status: 'refused', code: 'cart-refused', reason: said.fix.join('; ') };
        return { ok: false, detail: `lane ${said.laneId} charged nothing: ${said.fix.join('; ')}` };
      default:
        this.checkout = { status: 'refused', code: 'store-unreachable', reason: `the store did not answer at lane ${said.laneId}` };
        return { ok: false, detail: `the store did not answer at lane ${said.laneId}` };
    }
  }

  /** No store to pay at: the cart walks to the lane and starts a checkout that nobody charges. */
  async #laneWithoutStore(laneId: number): Promise<{ ok: boolean; detail: string }> {
    await this.#push(WALK_TO_LANE_MS, 1);
    // The cart does not let the shopper through with loss prevention still making up its mind.
    for (let waited = 0; !this.#cart.lossPrevention.settled && this.#cart.lossPrevention.openAlerts.length === 0 && waited < SETTLE_AT_LANE_MS; waited += 500) await this.pass(500);
    const started = this.#cart.runtime.record({ type: 'checkoutStarted', laneId: String(laneId) });
    if (!started.ok) {
      this.checkout = { status: 'refused', code: 'cart-refused', reason: started.error.message };
      return { ok: false, detail: started.error.message };
    }
    return { ok: true, detail: `at lane ${laneId}; no store to pay at` };
  }
}

function paymentReport(driver: TripDriver, options: RunTripOptions): PaymentReport {
  const hold = driver.hold;
  const outcome = driver.checkout;
  if (!options.store) return { status: 'not-attempted', reason: options.noStoreReason ?? 'no store was given to pay at', hold };
  if (!outcome) return { status: 'not-attempted', reason: 'the trip never reached a lane', hold };
  if (outcome.status === 'paid') return { status: 'paid', receiptId: outcome.receiptId, total: outcome.total, currency: outcome.currency, hold };
  return { status: 'refused', code: outcome.code, reason: outcome.reason, hold };
}

export async function runScriptedTrip(options: RunTripOptions): Promise<TripReport> {
  const { scenario, catalog } = options;
  const wallStart = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-trip-'));
  const clock = options.clock ?? new SimulatedClock(scenario.startAt);
  const warnings: string[] = [];
  const opened = await EmulatedCart.open({ catalog, sessionFile: path.join(dir, 'session.log'), clock, cartId: 'scripted-cart', settings: scenario.hardware, warn: (m) => warnings.push(m) });
  if (!opened.ok) {
    rmSync(dir, { recursive: true, force: true });
    throw new ScenarioError('cart-start', opened.error.message);
  }
  const cart = opened.value;
  const start = clock.now();
  const laneIds = scenario.steps.flatMap((step) => (step.do === 'lane' ? [step.laneId] : []));
  let lanes: TripLanes | null = null;
  try {
    if (options.store && laneIds.length > 0) {
      // The lanes' radio noise comes from the scenario's seed, apart from the hardware's.
      lanes = await TripLanes.open({ cart, store: options.store, clock, random: seededRandom(scenario.hardware.seed).fork().fork(), lanes: laneIds, owedFile: path.join(dir, 'owed-checkouts.json') });
    }
    const driver = new TripDriver(options, cart, clock, lanes);
    // The scale tares and the motion sensor settles before the shopper arrives.
    await driver.pass(2000);
    const startedAt = driver.elapsed;
    for (const [index, step] of scenario.steps.entries()) {
      await driver.run(index + 1, step);
      await driver.pass(scenario.paceMs);
    }
    const trip = cart.runtime.trip;
    const priced = cart.runtime.priced();
    const paid = driver.checkout?.status === 'paid' ? driver.checkout : null;
    const receipt = paid ? { ...paid.receipt, pricedBy: 'store' as const } : priced.ok ? { ...priced.value, pricedBy: 'cart' as const } : null;
    const alerts: AlertReport[] = (trip?.alerts ?? []).map((a) => ({
      alertId: a.alertId,
      kind: a.kind,
      note: a.evidence.note,
      raisedAt: a.raisedAt - start,
      resolution: a.resolution ? { ...a.resolution, at: a.resolution.at - start } : null,
    }));
    const wall = options.measureWall ? { totalMs: Math.round(performance.now() - wallStart), decodeMsMax: Math.round(Math.max(0, ...driver.decodes)), decodes: driver.decodes.length } : undefined;
    return {
      scenario: scenario.name,
      store: catalog.store.name,
      shopper: { name: scenario.shopper.name, member: scenario.shopper.member, paymentMethod: scenario.shopper.paymentMethod },
      receipt,
      payment: paymentReport(driver, options),
      alerts,
      review: alerts.some((a) => a.resolution === null),
      steps: driver.reports,
      warnings,
      timings: { simulatedMs: driver.elapsed - startedAt, ...(wall ? { wall } : {}) },
    };
  } finally {
    await lanes?.close();
    cart.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
