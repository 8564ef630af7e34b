// A store with a payment gateway and an exit lane, for checkout tests: the sandbox gateway (its
// JSON file is the ledger tests assert against), one lane beacon on the store's clock, a paired
// cart, and shoppers with each of the sandbox's test payment methods. `restart()` discards the
// server and opens a new one on the same database file, as a store that crashed and came back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { afterEach, expect } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../../../../domain/common/clock.js';
import type { SessionEvent } from '../../../../domain/common/session/events.js';
import { toHex } from '../../../../payments/common/lane/hex.js';
import { SANDBOX_METHODS, SandboxGateway } from '../../../../payments/node/gateway/sandbox.js';
import { loadSandboxState, type SandboxState } from '../../../../payments/node/gateway/sandbox-state.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';
import type { CheckoutSetup } from '../../../../store/node/checkout/checkout-service.js';
import { insertShopper } from '../../../../store/node/records/shoppers.js';
import { buildStoreServer } from '../../../../store/node/server/build-server.js';
import type { SqlDatabase } from '../../../../store/node/storage/sql-database.js';
import { SqliteDatabase } from '../../../../store/node/storage/sqlite-database.js';
import type { Binding } from '../databases.js';
import { bindings } from '../databases.js';
import { cheapScrypt, seededSecureRandom, TestCart, testStore, type TestStore } from '../test-store.js';

export const LANE_ID = 3;
export const LANE_SECRET = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

/** A clock that reads the store's, which exists only once the test store is built. */
const clockOf = (get: () => Clock): Clock => ({
  now: () => get().now(),
  setTimeout: (fn, ms) => get().setTimeout(fn, ms),
  clearTimeout: (h) => get().clearTimeout(h),
});

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface LaneStore extends TestStore {
  readonly gateway: SandboxGateway;
  readonly setup: CheckoutSetup;
  readonly beacon: LaneBeacon;
  readonly cart: TestCart;
  /** The sandbox's whole state: every payment it holds, as its file records it. */
  ledger(): SandboxState;
  /** What the cart heard at the lane just now. */
  laneFrame(): string;
  /** A shopper with this payment method (and membership); returns their id. */
  shopper(paymentMethod: string | null, member?: boolean): Promise<string>;
  /** Signs the shopper in on the cart and starts a trip. */
  startTrip(shopperId: string): Promise<string>;
  checkout(tripId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** Throws the server away and opens a new one on the same database, as after a crash. */
  restart(): Promise<void>;
}

export interface LaneStoreOptions {
  /** Wraps the gateway the store uses (fault injection); the ledger stays the sandbox's. */
  readonly wrapGateway?: (g: SandboxGateway, reopen: () => SandboxGateway) => CheckoutSetup['gateway'];
  readonly holdAmount?: number;
  readonly triesPerStep?: number;
  readonly maxTripsPerToken?: number;
  readonly receiptMailer?: CheckoutSetup['receiptMailer'];
  readonly offlineCap?: CheckoutSetup['offlineCap'];
}

/** SQLite in a temp folder whose file the test knows, so a restart can open it again. */
function fileBinding(file: string): Binding {
  return { name: 'sqlite-file', open: async () => new SqliteDatabase(file) };
}

export async function laneStore(binding: Binding | 'restartable' = bindings[0] as Binding, options: LaneStoreOptions = {}): Promise<LaneStore> {
  // tmpfs where there is one: the store's fsyncs cost nothing there, and the fault test makes thousands.
  const dir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tally-checkout-'));
  folders.push(dir);
  const dbFile = path.join(dir, 'store.db');
  const built: { store?: TestStore } = {};
  const clock = clockOf(() => (built.store as TestStore).clock);
  const ledgerFile = path.join(dir, 'sandbox.json');
  const gateway = new SandboxGateway({ clock, file: ledgerFile });
  const setup: CheckoutSetup = {
    // Reopening the file is the gateway restarting: what it saved survives, nothing else.
    gateway: options.wrapGateway ? options.wrapGateway(gateway, () => new SandboxGateway({ clock, file: ledgerFile })) : gateway,
    laneSecrets: new Map([[LANE_ID, LANE_SECRET]]),
    ...(options.holdAmount !== undefined ? { holdAmount: options.holdAmount } : {}),
    ...(options.triesPerStep !== undefined ? { triesPerStep: options.triesPerStep } : {}),
    ...(options.maxTripsPerToken !== undefined ? { maxTripsPerToken: options.maxTripsPerToken } : {}),
    ...(options.receiptMailer !== undefined ? { receiptMailer: options.receiptMailer } : {}),
    ...(options.offlineCap !== undefined ? { offlineCap: options.offlineCap } : {}),
  };
  const base = await testStore(binding === 'restartable' ? fileBinding(dbFile) : binding, { checkout: setup });
  built.store = base;
  let app: FastifyInstance = base.app;
  let db: SqlDatabase = base.db;
  let restarts = 0;
  const beacon = new LaneBeacon({ laneId: LANE_ID, secret: LANE_SECRET, clock: base.clock, measuredPower: -59 });
  let emails = 0;

  const self: LaneStore = {
    get app() {
      return app;
    },
    get db() {
      return db;
    },
    clock: base.clock,
    manager: base.manager,
    login: base.login,
    staff: (token, method, url, body) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}) }),
    gateway,
    setup,
    beacon,
    cart: undefined as unknown as TestCart,
    ledger: () => loadSandboxState(ledgerFile),
    laneFrame: () => toHex(beacon.manufacturerData()),
    async shopper(paymentMethod, member = false) {
      // Straight into the database: the shopper route's token pattern refuses the sandbox's
      // method names (pm_sandbox_approve has underscores after the prefix).
      const id = `shopper_test-${String(++emails).padStart(16, '0')}`;
      await insertShopper(db, { id, name: `Shopper ${emails}`, email: `s${emails}@example.com`, membership: member ? 'member' : 'none', paymentMethod, at: base.clock.now() });
      return id;
    },
    async startTrip(shopperId) {
      const { token } = (await self.staff(self.manager, 'POST', `/api/shoppers/${shopperId}/sign-in`)).json() as { token: string };
      const started = await self.cart.send('POST', '/api/cart/trips', { signInToken: token });
      expect(started.statusCode, started.body).toBe(201);
      return (started.json() as { tripId: string }).tripId;
    },
    checkout: (tripId, body) => self.cart.send('POST', `/api/cart/trips/${tripId}/checkout`, body),
    async restart() {
      if (binding !== 'restartable') throw new Error('restart() needs laneStore("restartable")');
      await app.close();
      await db.close();
      db = new SqliteDatabase(dbFile);
      app = await buildStoreServer({ db, clock: base.clock, random: seededSecureRandom(1000 + ++restarts), scrypt: cheapScrypt, checkout: setup });
    },
  };
  const cart = new TestCart(self);
  await cart.pair();
  (self as { cart: TestCart }).cart = cart;
  return self;
}

/** A trip log: signed in, then `rest`, numbered and timed as the session would. */
export function tripLog(tripId: string, shopperId: string, rest: readonly Record<string, unknown>[], member = false, at = 1000): SessionEvent[] {
  return [{ type: 'signedIn', tripId, shopperId, member }, ...rest].map((e, i) => ({ ...e, seq: i + 1, at: at + i }) as SessionEvent);
}

/** A scan of `quantity` of an each-item. */
export const scanEach = (lineId: string, sku: string, quantity = 1): Record<string, unknown> => ({
  type: 'scanned',
  lineId,
  code: '0123456789012',
  symbology: 'ean-13',
  sku,
  measure: { by: 'each', quantity },
});

/** A weighed item put on the scale and scanned. */
export const scanWeighed = (lineId: string, sku: string, netMg: number): Record<string, unknown> => ({
  type: 'scanned',
  lineId,
  code: '4011',
  symbology: 'keyed',
  sku,
  measure: { by: 'weight', netMg },
});

/** Cilantro at 1.29 each and bananas at 0.69/lb: no tax class with a rate, no promotion. */
export const DEMO_BASKET = [scanEach('l1', 'cilantro', 2), scanWeighed('l2', 'banana', 907_185)];
export const DEMO_BASKET_TOTAL = 2 * 129 + 138;

/** A new shopper paying with `method`, a trip started for them, and its log with DEMO_BASKET. */
export async function readyTrip(store: LaneStore, method: string = SANDBOX_METHODS.approve): Promise<{ tripId: string; shopperId: string; events: SessionEvent[] }> {
  const shopperId = await store.shopper(method);
  const tripId = await store.startTrip(shopperId);
  return { tripId, shopperId, events: tripLog(tripId, shopperId, DEMO_BASKET) };
}
