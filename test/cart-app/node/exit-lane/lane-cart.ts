// Test support for the cart at the exit lane: a real store with a lane and the sandbox gateway
// (test/store/node/checkout/lane-store.ts) listening on a free port, a cart runtime on the demo
// store sharing the store's simulated clock, the cart's real store client, a radio the test walks
// the cart through (four beacons of the store's lane, whose frames are the beacon's real tokens),
// and a pole light that remembers what it was asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { ExitLaneWatch, type ExitLaneWatchOptions, type LaneLight, type LaneOutcome } from '../../../../cart-app/node/exit-lane/exit-lane-watch.js';
import { lanePacketOf, type LanePacket, type LaneRadio } from '../../../../cart-app/node/exit-lane/lane-radio.js';
import type { CheckoutPort } from '../../../../cart-app/node/exit-lane/store-answer.js';
import { CartRuntime } from '../../../../cart-app/node/runtime/cart-runtime.js';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import type { LightSignal } from '../../../../hardware/common/cart-signals.js';
import type { LaneBeacon } from '../../../../payments/node/lane/beacon.js';
import { laneStore, type LaneStore, type LaneStoreOptions } from '../../../store/node/checkout/lane-store.js';

/** A radio the test speaks through: every listener hears each packet at once. */
export class TestRadio implements LaneRadio {
  readonly #listeners = new Set<(p: LanePacket) => void>();
  listen(listener: (p: LanePacket) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  send(packet: LanePacket): void {
    for (const l of this.#listeners) l(packet);
  }
}

export class TestLight implements LaneLight {
  readonly shown = new Map<string, LightSignal>();
  request(reason: string, signal: LightSignal): void {
    this.shown.set(reason, signal);
  }
  withdraw(reason: string): void {
    this.shown.delete(reason);
  }
}

/** The store's checkout as the cart's client sends it, with each call counted and a way to lose answers. */
export class CountingPort implements CheckoutPort {
  calls = 0;
  bodies: Parameters<CheckoutPort['checkout']>[1][] = [];
  /** When each call was made, on the store's (and the cart's) clock. */
  readonly calledAt: number[] = [];
  /** Answers to drop (as a network error) after the store handled the request, by call number. */
  readonly loseAnswers = new Set<number>();
  #inFlight = 0;
  readonly #done: (() => void)[] = [];
  constructor(
    private readonly client: CheckoutPort,
    private readonly clock: { now(): number },
  ) {}

  async checkout(tripId: string, body: Parameters<CheckoutPort['checkout']>[1]): ReturnType<CheckoutPort['checkout']> {
    const n = ++this.calls;
    this.bodies.push(body);
    this.calledAt.push(this.clock.now());
    this.#inFlight++;
    try {
      const answer = await this.client.checkout(tripId, body);
      return this.loseAnswers.has(n) ? { ok: false, error: { code: 'network', message: 'the answer was lost', status: null } } : answer;
    } finally {
      this.#inFlight--;
      for (const wake of this.#done.splice(0)) wake();
    }
  }

  /** Resolves once no call is on the wire and the watch has acted on the answers. */
  async idle(): Promise<void> {
    await settle();
    while (this.#inFlight > 0) {
      await new Promise<void>((resolve) => this.#done.push(resolve));
      await settle();
    }
  }
}

/** Lets every pending callback and microtask run (no time passes on any clock). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Moves the clock on in `stepMs` steps, letting the cart's calls to the store finish between steps, until `done()` (at most `maxMs`). */
export async function runUntil(cart: { readonly port: CountingPort; readonly store: LaneStore }, done: () => boolean, stepMs = 250, maxMs = 120_000): Promise<void> {
  for (let ms = 0; ; ms += stepMs) {
    await cart.port.idle();
    if (done()) return;
    if (ms >= maxMs) throw new Error(`still waiting after ${maxMs} ms of simulated time`);
    cart.store.clock.advance(stepMs);
  }
}

/** Lets `ms` of simulated time pass in steps, the cart's calls to the store finishing between them. */
export function pass(cart: { readonly port: CountingPort; readonly store: LaneStore }, ms: number, stepMs = 100): Promise<void> {
  const until = cart.store.clock.now() + ms;
  return runUntil(cart, () => cart.store.clock.now() >= until, stepMs, ms + stepMs);
}

const ADDRESSES = ['c0:ff:ee:00:03:00', 'c0:ff:ee:00:03:01', 'c0:ff:ee:00:03:02', 'c0:ff:ee:00:03:03'];

export interface LaneCart {
  readonly store: LaneStore;
  readonly url: string;
  readonly port: CountingPort;
  readonly radio: TestRadio;
  readonly light: TestLight;
  readonly runtime: CartRuntime;
  readonly watch: ExitLaneWatch;
  readonly outcomes: LaneOutcome[];
  readonly owedFile: string;
  /** Signs a new shopper paying with `method` in on the cart and scans `skus`. */
  shop(method: string, skus: readonly string[]): Promise<string>;
  /** The cart rolls into the lane over 2 s (its four beacons rising from -88 to -52 dBm), then stands there `standMs`. */
  walkIn(standMs?: number): void;
  /** The cart rolls back out of the lane until it is no longer heard. */
  walkOut(): void;
  /** Stops the store's server (its database stays); `start` brings it back on the same port. */
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
  /** Closes the watch and the runtime and opens both again on the same files, as after a power cut. */
  restartCart(): void;
}

const folders: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface LaneCartOptions {
  readonly store?: LaneStoreOptions;
  readonly watch?: Partial<ExitLaneWatchOptions>;
  /** The radio the cart hears lanes through (the test's own when absent). */
  readonly radio?: (store: LaneStore) => LaneRadio;
}

export async function laneCart(catalog: Catalog, options: LaneCartOptions = {}): Promise<LaneCart> {
  const store = await laneStore('restartable', options.store);
  const url = await store.app.listen({ port: 0, host: '127.0.0.1' });
  const listening = { on: true };
  closers.push(async () => {
    if (listening.on) await store.app.close();
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-exit-lane-'));
  folders.push(dir);
  const owedFile = path.join(dir, 'owed-checkouts.json');
  const client = new StoreClient({ baseUrl: url, keys: store.cart.keys, clock: store.clock, cartId: store.cart.cartId });
  const port = new CountingPort(client, store.clock);
  const radio = new TestRadio();
  const heard = options.radio?.(store) ?? radio;
  const light = new TestLight();
  const outcomes: LaneOutcome[] = [];
  const openCart = (): { runtime: CartRuntime; watch: ExitLaneWatch } => {
    const opened = CartRuntime.open({ catalog, sessionFile: path.join(dir, 'session.log'), clock: store.clock, cartId: store.cart.cartId, shopperId: 'nobody', member: false, signInAtOpen: false });
    if (!opened.ok) throw opened.error;
    const runtime = opened.value.runtime;
    const watch = ExitLaneWatch.open({ runtime, store: port, radio: heard, clock: store.clock, owedFile, light, ...options.watch });
    if (!watch.ok) throw watch.error;
    watch.value.on((o) => outcomes.push(o));
    return { runtime, watch: watch.value };
  };
  let cart = openCart();
  closers.push(() => {
    cart.watch.close();
    cart.runtime.close();
  });
  const beacon: LaneBeacon = store.beacon;
  const packets = (rssi: number): void => {
    for (const address of ADDRESSES) {
      const packet = lanePacketOf({ address, rssi, timestamp: store.clock.now(), manufacturerData: beacon.manufacturerData() });
      if (packet) radio.send(packet);
    }
  };
  const self: LaneCart = {
    store,
    url,
    port,
    radio,
    light,
    get runtime() {
      return cart.runtime;
    },
    get watch() {
      return cart.watch;
    },
    outcomes,
    owedFile,
    async shop(method, skus) {
      const shopperId = await store.shopper(method);
      const tripId = await store.startTrip(shopperId);
      const signed = cart.runtime.signIn({ tripId, shopperId, member: false });
      if (!signed.ok) throw new Error(signed.error.message);
      for (const sku of skus) {
        const gtin = catalog.bySku(sku)?.gtins[0];
        if (gtin === undefined) throw new Error(`the demo store lost ${sku}`);
        const scanned = cart.runtime.dispatch({ type: 'scan', code: gtin });
        if (!scanned.ok) throw new Error(scanned.error.message);
      }
      return tripId;
    },
    walkIn(standMs = 500) {
      for (let t = 0; t <= 2_000; t += 100) {
        packets(Math.round(-88 + (36 * t) / 2_000));
        store.clock.advance(100);
      }
      for (let t = 0; t < standMs; t += 100) {
        packets(-52);
        store.clock.advance(100);
      }
    },
    walkOut() {
      for (let t = 0; t <= 2_000; t += 100) {
        packets(Math.round(-52 - (40 * t) / 2_000));
        store.clock.advance(100);
      }
      store.clock.advance(3_000);
    },
    async stopStore() {
      await store.app.close();
      listening.on = false;
    },
    async startStore() {
      await store.restart();
      await store.app.listen({ port: Number(new URL(url).port), host: '127.0.0.1' });
      listening.on = true;
    },
    restartCart() {
      cart.watch.close();
      cart.runtime.close();
      cart = openCart();
    },
  };
  return self;
}
