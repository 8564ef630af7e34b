// The checkout bench's whole-lane figure: a cart on the virtual BLE world walks from the store
// floor into an exit lane, its real ExitLaneWatch (noble on the world's bindings, the lane-strip
// sensor with a switch for each pole and PARITY_STRIP_PRESENCE_RULE: the store front lays its two
// strips per lane north up at odd lanes and south up at even ones) decides it is in the lane and
// checks out with the real store client against the bench's store, until the store says paid.
//
// Two clocks, kept apart honestly. The radio, presence and the watch's timers run on a simulated
// clock (the world is a model of radio time, not something to wait for); the store is real and
// answers in wall time. The simulated clock moves in small steps and stands still while a request
// is on the wire, so a trip's figure is the simulated time from the cart crossing the lane's mouth
// to the paid answer (detection, plus at most one step) plus the wall time the store took.
// Each trip gets a fresh world and clock that start 10 s behind the wall clock, so the cart
// crosses the mouth about when the store's clock says it does: the lane token the cart hears is
// checked by the store against its own clock, as at a real lane.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExitLaneWatch } from '../cart-app/node/exit-lane/exit-lane-watch.js';
import type { CheckoutPort } from '../cart-app/node/exit-lane/store-answer.js';
import { laneBeacons, VirtualLanes } from '../cart-app/node/emulated/virtual-lanes.js';
import { CartRuntime } from '../cart-app/node/runtime/cart-runtime.js';
import { StoreClient } from '../cart-app/node/store-client/store-client.js';
import type { Catalog } from '../domain/common/catalog/catalog.js';
import { SimulatedClock, systemClock } from '../domain/common/clock.js';
import { seededRandom } from '../domain/common/random.js';
import type { CartKeys } from '../domain/node/cart-auth/keys.js';
import { PARITY_STRIP_PRESENCE_RULE } from '../payments/common/lane/presence.js';

export interface WalkOptions {
  readonly baseUrl: string;
  readonly cart: { readonly keys: CartKeys; readonly id: string };
  readonly catalog: Catalog;
  /** The store front's lanes and their secrets (the store knows them too). */
  readonly lanes: ReadonlyMap<number, Uint8Array>;
  /** SKUs scanned into each trip's basket. */
  readonly basket: readonly string[];
  /** A fresh sign-in code for the bench's shopper. */
  readonly signInCode: () => Promise<string>;
  readonly seed: number;
}

/** One trip through a lane, ms. */
export interface WalkTrip {
  /** Simulated: the mouth crossed to the watch saying "in lane N". */
  readonly detectedMs: number;
  /** Simulated: the mouth crossed to the paid answer, the store's wall time left out (detection plus at most one step). */
  readonly simulatedMs: number;
  /** Wall: the store answering the watch's checkout requests. */
  readonly storeMs: number;
  /** simulatedMs + storeMs: entering the lane to green. */
  readonly totalMs: number;
}

/** The clock steps far from the lane, and near it (what one request's figure can be over by). */
const FAR_STEP_MS = 200;
const NEAR_STEP_MS = 10;
/** Each trip's clock starts this far behind the wall clock: longer than any walk to a mouth here. */
const LEAD_MS = 10_000;
/** A trip not paid this long (simulated) after crossing the mouth is an error, not a slow figure. */
const GIVE_UP_MS = 30_000;

export async function walkThroughLane(options: WalkOptions, laneId: number, trip: number): Promise<WalkTrip> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-bench-walk-'));
  const clock = new SimulatedClock(Date.now() - LEAD_MS);
  // Signed with the wall clock: the store checks a request's time against its own.
  const client = new StoreClient({ baseUrl: options.baseUrl, keys: options.cart.keys, clock: systemClock, cartId: options.cart.id });
  let storeMs = 0;
  /** The watch's checkout requests, each timed on the wall clock. */
  const timed: CheckoutPort = {
    async checkout(tripId, body) {
      const t0 = performance.now();
      try {
        return await client.checkout(tripId, body);
      } finally {
        storeMs += performance.now() - t0;
      }
    },
  };
  const opened = CartRuntime.open({ catalog: options.catalog, sessionFile: path.join(dir, 'session.log'), clock, cartId: options.cart.id, shopperId: 'nobody', member: false, signInAtOpen: false });
  if (!opened.ok) throw opened.error;
  const runtime = opened.value.runtime;
  const virtual = VirtualLanes.open({ clock, random: seededRandom(options.seed + trip), ...laneBeacons(options.lanes, clock) });
  if (!virtual.ok) throw new Error(`virtual lanes: ${virtual.error.message}`);
  const lanes = virtual.value;
  const watch = ExitLaneWatch.open({ runtime, store: timed, radio: lanes.radio, strip: lanes.strip, rule: PARITY_STRIP_PRESENCE_RULE, clock, owedFile: path.join(dir, 'owed-checkouts.json') });
  if (!watch.ok) throw watch.error;
  // Noble answers a stop only once it has started scanning.
  let scanning = false;
  try {
    const started = await client.startTrip(await options.signInCode());
    if (!started.ok) throw new Error(`sign-in: ${started.error.message}`);
    const { tripId } = started.value;
    const signed = runtime.signIn({ tripId, shopperId: started.value.shopper?.id ?? 'shopper', member: false });
    if (!signed.ok) throw new Error(`sign-in on the cart: ${signed.error.message}`);
    for (const sku of options.basket) {
      const scanned = runtime.dispatch({ type: 'scan', code: options.catalog.bySku(sku)?.gtins[0] ?? '' });
      if (!scanned.ok) throw new Error(`scan ${sku}: ${scanned.error.message}`);
    }
    const held = await client.hold(tripId);
    if (!held.ok) throw new Error(`hold: ${held.error.message}`);

    await lanes.start();
    scanning = true;
    let detectedAt: number | null = null;
    let paidAt: number | null = null;
    let refused: string | null = null;
    watch.value.on((o) => {
      if (o.type === 'entered' && o.laneId === laneId) detectedAt ??= clock.now();
      else if (o.type === 'paid') paidAt = clock.now();
      else if (o.type === 'refused' || o.type === 'store-unreachable' || o.type === 'blocked') refused = JSON.stringify(o);
    });
    lanes.walkTo(laneId);
    const mouthAt = lanes.mouthAt;
    if (mouthAt === null) throw new Error('the walk crosses no mouth');
    while (paidAt === null) {
      if (refused !== null) throw new Error(`trip ${trip}: ${refused}`);
      if (clock.now() - mouthAt > GIVE_UP_MS) throw new Error(`trip ${trip}: not paid ${GIVE_UP_MS} ms after entering lane ${laneId}`);
      clock.advance(clock.now() < mouthAt - 1_000 ? FAR_STEP_MS : NEAR_STEP_MS);
      // Simulated time stands still while the store answers.
      await watch.value.quiet();
    }
    if (detectedAt === null) throw new Error(`trip ${trip}: paid without entering lane ${laneId}`);
    const simulatedMs = (paidAt as number) - mouthAt;
    return { detectedMs: detectedAt - mouthAt, simulatedMs, storeMs, totalMs: simulatedMs + storeMs };
  } finally {
    watch.value.close();
    if (scanning) await lanes.close();
    runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
