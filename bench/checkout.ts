// `npm run bench -- checkout [trips] [fleet] [walks]`: paying at the exit lane, from the cart forwarding
// the lane token it heard to the store's green answer, with the store under fleet load: `fleet`
// (default 200) other carts paired through the real pairing flow, each holding its live
// connection and sending a health report every 5 s (as the store bench's loaded phase does)
// for the whole measurement. The real store server on loopback (port 0), SQLite on disk, the
// sandbox gateway, signed cart requests over HTTP, a ten-line basket and a hold placed at trip
// start (so the lane pays with one capture). The load runs in this process beside the server,
// so it also takes CPU from it: the figures are, if anything, pessimistic. Reference in the same
// run: the cheapest signed cart request (`GET /api/cart/status`), the floor any lane answer sits on.
//
// Then, under the same fleet load, the whole figure: `walks` (default 50) carts on the virtual
// BLE world walking from the store floor into a lane, through the real exit-lane watch, to the
// store's green answer (bench/checkout-walk.ts: the radio and presence in simulated time, the
// store's answer in wall time, reported apart and summed). Its reference is the token-to-green
// figure above, from the same run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { demoCatalogPath } from '../cli/paths.js';
import { systemClock } from '../domain/common/clock.js';
import { loadCatalogFile } from '../domain/node/catalog/load.js';
import { cartAuthHeaders, generateCartKeys, type CartKeys } from '../domain/node/cart-auth/keys.js';
import { toHex } from '../payments/common/lane/hex.js';
import { SANDBOX_METHODS, SandboxGateway } from '../payments/node/gateway/sandbox.js';
import { LaneBeacon } from '../payments/node/lane/beacon.js';
import { addManager } from '../store/node/add-manager.js';
import { insertShopper } from '../store/node/records/shoppers.js';
import { cryptoRandom } from '../store/node/secure-random.js';
import { buildStoreServer } from '../store/node/server/build-server.js';
import { migrate } from '../store/node/storage/migrations.js';
import { storeMigrations } from '../store/node/storage/migrations/index.js';
import { SqliteDatabase } from '../store/node/storage/sqlite-database.js';
import type { Benchmark } from './benchmark.js';
import { walkThroughLane, type WalkTrip } from './checkout-walk.js';
import { summarize } from './stats.js';

/**
 * Trips here follow each other far faster than at a real exit (dozens a second), so they are
 * spread over 64 lanes: with the store's default of 8 trips per lane token and a token every
 * 4 s, that is room for 128 trips a second.
 */
const LANES = Array.from({ length: 64 }, (_, i) => ({ laneId: i + 1, secret: Uint8Array.from({ length: 32 }, (_, j) => (j * 53 + 7 * (i + 1)) & 0xff) }));
const MANAGER = { name: 'bench', password: 'benchmark password' };
const BASKET = ['cilantro', 'lettuce-romaine', 'corn-yellow', 'avocado-hass-large'];
const REPORT_EVERY_MS = 5_000;
/**
 * Each walking cart's virtual store front: four of the 64 lanes side by side, 2.5 m apart, the
 * next four for the next cart, so that (as for the trips above) no lane token serves more trips
 * than the store allows however fast the bench walks.
 */
const WALK_FRONT = 4;
const walkFront = (trip: number) => LANES.slice((trip * WALK_FRONT) % LANES.length, ((trip * WALK_FRONT) % LANES.length) + WALK_FRONT);
const WALK_SEED = 20261123;
/** Packaged goods the walking cart scans by barcode (the produce above is keyed and weighed on a cart). */
const WALK_BASKET = ['juice-bravo-apple', 'juice-bravo-orange', 'juice-bravo-apple'];

/** A fleet cart's live connection: a report every 5 s from a random phase, acks counted. */
function reportingCart(base: string, cart: { keys: CartKeys; id: string }, acks: { ok: number; failed: number }): Promise<() => void> {
  const url = '/api/cart/live';
  const headers = cartAuthHeaders(cart.keys, { cartId: cart.id, method: 'GET', path: url, body: '', timestamp: Date.now() });
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${url}`, { headers });
  ws.on('message', (data) => {
    const type = (JSON.parse(String(data)) as { type: string }).type;
    if (type === 'ack') acks.ok++;
    else if (type === 'error') acks.failed++;
  });
  const report = (): void => ws.send(JSON.stringify({ battery: 80, charging: false, docked: false, state: 'shopping', version: '0.1.0', faults: [] }));
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      let interval: NodeJS.Timeout | undefined;
      const first = setTimeout(() => {
        report();
        interval = setInterval(report, REPORT_EVERY_MS);
      }, Math.random() * REPORT_EVERY_MS);
      resolve(() => {
        clearTimeout(first);
        clearInterval(interval);
        ws.close();
      });
    });
    ws.once('error', reject);
  });
}

const bench: Benchmark = {
  summary: 'checkout at the exit lane: lane token to green over HTTP on loopback, against the cheapest signed cart request',
  async run(ctx) {
    const trips = Number(ctx.args[0] ?? 200);
    const fleet = Number(ctx.args[1] ?? 200);
    const walks = Number(ctx.args[2] ?? 50);
    if (!(trips > 0)) throw new RangeError(`trips must be a positive number, not ${ctx.args[0]}`);
    if (!(Number.isInteger(fleet) && fleet >= 0)) throw new RangeError(`fleet must be a whole number, not ${ctx.args[1]}`);
    if (!(Number.isInteger(walks) && walks >= 0)) throw new RangeError(`walks must be a whole number, not ${ctx.args[2]}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-bench-checkout-'));
    const db = new SqliteDatabase(path.join(dir, 'store.db'));
    const clock = systemClock;
    const stops: (() => void)[] = [];
    try {
      await migrate(db, storeMigrations, () => clock.now());
      const added = await addManager(db, MANAGER, { clock: clock, random: cryptoRandom, scrypt: { N: 1024, r: 8, p: 1 } });
      if (!added.ok) throw new Error(added.error);
      const app = await buildStoreServer({
        db,
        clock: clock,
        random: cryptoRandom,
        scrypt: { N: 1024, r: 8, p: 1 },
        checkout: { gateway: new SandboxGateway({ clock: clock }), laneSecrets: new Map(LANES.map((l) => [l.laneId, l.secret])) },
      });
      const imported = await app.storeCatalog.import(JSON.parse(readFileSync(demoCatalogPath, 'utf8')), null);
      if (!imported.ok) throw new Error(`demo catalog: ${imported.error.kind}`);
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const beacons = LANES.map((l) => new LaneBeacon({ laneId: l.laneId, secret: l.secret, clock, measuredPower: -59 }));
      const keys = generateCartKeys();
      let cartId = 'pairing';

      /** A staff request (bearer token), or a cart's signed request (the bench cart's unless `as` says another). */
      const call = async (method: 'GET' | 'POST', url: string, body?: unknown, staff?: string, as?: { keys: CartKeys; id: string }): Promise<{ status: number; json: Record<string, unknown> }> => {
        const payload = body === undefined ? '' : JSON.stringify(body);
        const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
        if (staff) headers.authorization = `Bearer ${staff}`;
        else Object.assign(headers, cartAuthHeaders(as?.keys ?? keys, { cartId: as?.id ?? cartId, method, path: url, body: payload, timestamp: clock.now() }));
        const res = await fetch(`${base}${url}`, { method, headers, ...(body === undefined ? {} : { body: payload }) });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const expect = (r: { status: number; json: unknown }, status: number, what: string): Record<string, unknown> => {
        if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
        return r.json as Record<string, unknown>;
      };

      const login = expect(await call('POST', '/api/staff/login', MANAGER), 200, 'login');
      const staff = String(login.token);
      const pair = async (cartKeys: CartKeys, name: string): Promise<string> => {
        const pairing = expect(await call('POST', '/api/pairing', { publicKey: cartKeys.publicKey }, undefined, { keys: cartKeys, id: 'pairing' }), 201, `pairing ${name}`);
        expect(await call('POST', '/api/pairings/approve', { code: pairing.code, name }, staff), 200, 'approve');
        return String(pairing.cartId);
      };
      cartId = await pair(keys, 'Bench cart');
      const acks = { ok: 0, failed: 0 };
      for (let n = 0; n < fleet; n++) {
        const fleetKeys = generateCartKeys();
        stops.push(await reportingCart(base, { keys: fleetKeys, id: await pair(fleetKeys, `Fleet cart ${n + 1}`) }, acks));
      }
      const shopperId = 'shopper_bench-shopper-0001';
      await insertShopper(db, { id: shopperId, name: 'Bench', email: 'bench@example.com', membership: 'none', paymentMethod: SANDBOX_METHODS.approve, at: clock.now() });

      const laneToGreen: number[] = [];
      const signedFloor: number[] = [];
      const started = performance.now();
      for (let i = 0; i < trips + 10; i++) {
        const signIn = expect(await call('POST', `/api/shoppers/${shopperId}/sign-in`, undefined, staff), 201, 'sign-in');
        const trip = expect(await call('POST', '/api/cart/trips', { signInToken: signIn.token }), 201, 'trip');
        const tripId = String(trip.tripId);
        expect(await call('POST', `/api/cart/trips/${tripId}/hold`), 200, 'hold');
        const at = clock.now() - 60_000;
        const events = [
          { type: 'signedIn', tripId, shopperId, member: false },
          ...Array.from({ length: 10 }, (_, n) => ({ type: 'scanned', lineId: `l${n}`, code: '0123456789012', symbology: 'ean-13', sku: BASKET[n % BASKET.length], measure: { by: 'each', quantity: 1 + (n % 3) } })),
        ].map((e, n) => ({ ...e, seq: n + 1, at: at + n }));
        let t0 = performance.now();
        expect(await call('GET', '/api/cart/status'), 200, 'status');
        const floor = performance.now() - t0;
        t0 = performance.now();
        const beacon = beacons[i % beacons.length] as LaneBeacon;
        const paid = expect(await call('POST', `/api/cart/trips/${tripId}/checkout`, { laneId: beacon.laneId, laneFrame: toHex(beacon.manufacturerData()), events }), 200, 'checkout');
        const green = performance.now() - t0;
        if (paid.state !== 'paid') throw new Error(`checkout: ${JSON.stringify(paid)}`);
        // The first trips warm the JIT and the connection pool.
        if (i >= 10) {
          laneToGreen.push(green);
          signedFloor.push(floor);
        }
      }

      // Entering the lane to green, whole, still under the fleet load.
      const catalog = await loadCatalogFile(demoCatalogPath);
      if (!catalog.ok) throw catalog.error;
      const walkOptions = {
        baseUrl: base,
        cart: { keys, id: cartId },
        catalog: catalog.value,
        basket: WALK_BASKET,
        signInCode: async () => String(expect(await call('POST', `/api/shoppers/${shopperId}/sign-in`, undefined, staff), 201, 'sign-in').token),
        seed: WALK_SEED,
      };
      const walked: WalkTrip[] = [];
      for (let i = 0; i < walks; i++) {
        const front = walkFront(i);
        // Into each lane of the front in turn: the cart starts in front of the middle, so some walks are longer than others.
        const lane = front[Math.floor(i / (LANES.length / WALK_FRONT)) % WALK_FRONT] as { laneId: number };
        walked.push(await walkThroughLane({ ...walkOptions, lanes: new Map(front.map((l) => [l.laneId, l.secret])) }, lane.laneId, i));
      }
      const seconds = (performance.now() - started) / 1000;
      for (const stop of stops.splice(0)) stop();
      await app.close();
      const s = summarize(laneToGreen);
      const f = summarize(signedFloor);
      ctx.log(`trips: ${trips} (10 lines each, hold at trip start, sandbox gateway, SQLite, HTTP on loopback)`);
      ctx.log(`fleet: ${fleet} carts reporting every 5 s over ${seconds.toFixed(0)} s: ${acks.ok} reports acknowledged, ${acks.failed} refused`);
      ctx.log(`lane token to green   p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms  max ${s.max.toFixed(2)} ms  (goal p95 <= 1500 ms)`);
      ctx.log(`signed status request p50 ${f.p50.toFixed(2)} ms  p95 ${f.p95.toFixed(2)} ms   checkout/status p50 ${(s.p50 / f.p50).toFixed(1)}x`);
      const whole = walked.length > 0 ? walkFigures(walked) : null;
      if (whole) {
        ctx.log(`walks: ${walks} carts on the virtual BLE world from the floor into one of four lanes side by side (two strips per lane parted by pole, PARITY_STRIP_PRESENCE_RULE), the real watch and store client`);
        ctx.log(`entering the lane to green  p50 ${whole.total.p50.toFixed(0)} ms  p95 ${whole.total.p95.toFixed(0)} ms  max ${whole.total.max.toFixed(0)} ms  (goal p95 <= 1500 ms)`);
        ctx.log(`  of which detection (simulated)  p50 ${whole.detected.p50.toFixed(0)} ms  p95 ${whole.detected.p95.toFixed(0)} ms; simulated in all p50 ${whole.simulated.p50.toFixed(0)} ms  p95 ${whole.simulated.p95.toFixed(0)} ms`);
        ctx.log(`  of which the store (wall)       p50 ${whole.store.p50.toFixed(1)} ms  p95 ${whole.store.p95.toFixed(1)} ms   against token to green p50 ${(whole.store.p50 / s.p50).toFixed(2)}x`);
      }
      return {
        trips,
        fleet,
        fleetReportsAcked: acks.ok,
        fleetReportsRefused: acks.failed,
        laneToGreenP50Ms: s.p50,
        laneToGreenP95Ms: s.p95,
        laneToGreenMaxMs: s.max,
        signedRequestP50Ms: f.p50,
        signedRequestP95Ms: f.p95,
        ratioP50: s.p50 / f.p50,
        walks,
        ...(whole && {
          enterToGreenP50Ms: whole.total.p50,
          enterToGreenP95Ms: whole.total.p95,
          enterToGreenMaxMs: whole.total.max,
          detectionSimulatedP50Ms: whole.detected.p50,
          detectionSimulatedP95Ms: whole.detected.p95,
          simulatedP95Ms: whole.simulated.p95,
          storeWallP50Ms: whole.store.p50,
          storeWallP95Ms: whole.store.p95,
        }),
      };
    } finally {
      for (const stop of stops) stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

/** The walking trips' figures, each part on its own clock and the sum. */
function walkFigures(walked: readonly WalkTrip[]) {
  return {
    total: summarize(walked.map((w) => w.totalMs)),
    detected: summarize(walked.map((w) => w.detectedMs)),
    simulated: summarize(walked.map((w) => w.simulatedMs)),
    store: summarize(walked.map((w) => w.storeMs)),
  };
}
