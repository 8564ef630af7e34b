// Test and bench support: a store front with exit lanes in the virtual BLE world
// (hardware/node/virtual-ble), and carts that walk into a lane or along the lanes' end. The
// cart listens through the virtual controller's `discover` events, exactly what noble reports.
import { SimulatedClock } from '../../../../domain/common/clock.js';
import type { Random } from '../../../../domain/common/random.js';
import type { CartWaypoint } from '../../../../hardware/node/virtual-ble/floor-plan.js';
import { LANE_MOUTH_Y, storeFront } from '../../../../hardware/node/virtual-ble/store-front.js';
import { VirtualStripSensor } from '../../../../hardware/node/virtual-ble/strip-sensor.js';
import { VirtualBleWorld } from '../../../../hardware/node/virtual-ble/world.js';
import { LanePresence, type PresenceEvent, type PresenceRule } from '../../../../payments/common/lane/presence.js';

/**
 * The store front the presence rule was tuned on (hardware/node/virtual-ble/store-front.ts):
 * lanes 1-4 run from the store floor (y = LANE_MOUTH_Y, the lane's mouth) to the doors (y = 0).
 * Its beacons send a placeholder frame: presence goes by address and RSSI, and the token is the
 * store's to check.
 */
const FRONT = storeFront({ lanes: [1, 2, 3, 4] });
const LANES = FRONT.lanes;
const laneX = FRONT.laneX;

export interface Trip {
  readonly path: readonly CartWaypoint[];
  /** For a trip through a lane: which, and when the cart crosses its mouth. */
  readonly enters?: { readonly laneId: number; readonly atMs: number };
  readonly endMs: number;
}

function walk(points: readonly { x: number; y: number; pauseMs?: number }[], speed: number, startMs: number): CartWaypoint[] {
  const out: CartWaypoint[] = [];
  let t = startMs;
  points.forEach((p, i) => {
    if (i > 0) {
      const prev = points[i - 1] as { x: number; y: number };
      t += (Math.hypot(p.x - prev.x, p.y - prev.y) / speed) * 1000;
    }
    out.push({ atMs: t, x: p.x, y: p.y });
    if (p.pauseMs) out.push({ atMs: (t += p.pauseMs), x: p.x, y: p.y });
  });
  return out;
}

/** A cart that comes from the aisles, lines up at a lane's mouth and goes through it. */
export function tripThroughLane(random: Random, startMs: number): Trip {
  const laneId = LANES[random.int(0, LANES.length - 1)] as number;
  const speed = 0.7 + random.next() * 0.6;
  const x = laneX(laneId);
  const path = walk(
    [
      { x: 2 + random.next() * 26, y: 11 + random.next() * 4 },
      { x, y: LANE_MOUTH_Y + 2.5, pauseMs: random.int(0, 3_000) }, // waiting behind the shopper ahead
      { x, y: LANE_MOUTH_Y },
      { x, y: 0.3 },
    ],
    speed,
    startMs,
  );
  const mouth = path[path.length - 2] as CartWaypoint;
  return { path, enters: { laneId, atMs: mouth.atMs }, endMs: mouth.atMs + 4_000 };
}

/**
 * A cart that walks along the lanes' end without going through: 1.5-3 m from the mouths, either
 * way, sometimes stopping in front of a lane (the impulse shelves) for up to 5 s.
 */
export function tripAlongLanes(random: Random, startMs: number): Trip {
  const speed = 0.6 + random.next() * 0.8;
  const y = LANE_MOUTH_Y + 1.5 + random.next() * 1.5;
  const leftToRight = random.next() < 0.5;
  const [from, to] = leftToRight ? [3, 27] : [27, 3];
  const stops = random.next() < 0.5 ? [] : [{ x: laneX(random.int(1, LANES.length)) + (random.next() - 0.5) * 2, y, pauseMs: random.int(1_000, 5_000) }];
  if (stops.length && !leftToRight) stops.reverse();
  const path = walk([{ x: from, y }, ...stops, { x: to, y }], speed, startMs);
  return { path, endMs: (path[path.length - 1] as CartWaypoint).atMs };
}

export interface TripResult {
  readonly events: readonly PresenceEvent[];
  /** How many strip crossings the cart's switch reported (carts with a strip sensor). */
  readonly crossings?: number;
}

/** A cart with a strip sensor: the rules to try on it (each on the same packets and crossings), and the sensor's own randomness (its misses). */
export interface StripCart {
  readonly rules: readonly PresenceRule[];
  readonly random: Random;
  readonly missRate?: number;
}

/**
 * Runs one trip in a fresh world: every lane beacon advertises every 100 ms, and the cart's
 * rule sees each packet the radio model lets through. `naive` gets the same packets, and so
 * does each of `strip`'s rules, which also hear the cart's strip sensor (each crossing with the
 * strip's pole). The sensor draws from its own generator, so adding it does not change the
 * packets.
 */
export function runTrip(trip: Trip, random: Random, rules: { presence: PresenceRule; naive?: NaiveRule; strip?: StripCart }): { presence: TripResult; naive: TripResult; strips: TripResult[] } {
  const clock = new SimulatedClock(trip.path[0]?.atMs ?? 0);
  const { plan, beaconLanes } = FRONT;
  const world = new VirtualBleWorld({ clock, random, plan, path: trip.path });
  const detector = (rule: PresenceRule) => ({ presence: new LanePresence(beaconLanes, rule), events: [] as PresenceEvent[] });
  const plain = detector(rules.presence);
  const strips = (rules.strip?.rules ?? []).map(detector);
  const detectors = [plain, ...strips];
  const naive = rules.naive ? new NaivePresence(beaconLanes, rules.naive) : undefined;
  const naiveEvents: PresenceEvent[] = [];
  world.bindings.on('discover', (_uuid: string, address: string, _type: string, _connectable: boolean, _ad: unknown, rssi: number) => {
    const s = { beaconId: address, rssi, atMs: clock.now() };
    for (const d of detectors) d.events.push(...d.presence.observe(s));
    if (naive) naiveEvents.push(...naive.observe(s));
  });
  const sensor = rules.strip ? new VirtualStripSensor({ clock, random: rules.strip.random, strips: plan.strips ?? [], position: () => world.cartPosition(), ...(rules.strip.missRate === undefined ? {} : { missRate: rules.strip.missRate }) }) : undefined;
  let crossings = 0;
  sensor?.on('crossed', (atMs, pole) => {
    crossings++;
    for (const strip of strips) strip.events.push(...strip.presence.crossing(atMs, pole));
  });
  world.bindings.startScanning([], true);
  sensor?.start();
  while (clock.now() < trip.endMs) {
    clock.advance(100);
    for (const d of detectors) d.events.push(...d.presence.tick(clock.now()));
  }
  sensor?.stop();
  world.bindings.stopScanning();
  return { presence: { events: plain.events }, naive: { events: naiveEvents }, strips: strips.map((s) => ({ events: s.events, crossings })) };
}

/** The rule a first attempt would use: the strongest beacon's last packet above a threshold. */
export interface NaiveRule {
  readonly thresholdDbm: number;
}

export class NaivePresence {
  #lane: number | null = null;
  constructor(
    private readonly beaconLanes: ReadonlyMap<string, number>,
    private readonly rule: NaiveRule,
  ) {}

  observe(s: { beaconId: string; rssi: number; atMs: number }): PresenceEvent[] {
    const laneId = this.beaconLanes.get(s.beaconId);
    if (laneId === undefined || s.rssi < this.rule.thresholdDbm || this.#lane === laneId) return [];
    this.#lane = laneId;
    return [{ type: 'entered', laneId, atMs: s.atMs }];
  }
}

/** How a trip went for one rule: detection delay for a lane trip, a false exit for a pass-by. */
export function judge(trip: Trip, result: TripResult): { detectedAfterMs?: number; wrongLane: boolean; falseExit: boolean } {
  const entered = result.events.filter((e) => e.type === 'entered');
  if (!trip.enters) return { wrongLane: false, falseExit: entered.length > 0 };
  const { laneId, atMs } = trip.enters;
  const wrongLane = entered.some((e) => e.laneId !== laneId);
  const first = entered.find((e) => e.laneId === laneId && e.atMs >= atMs - 1_000);
  return { ...(first ? { detectedAfterMs: first.atMs - atMs } : {}), wrongLane, falseExit: entered.some((e) => e.atMs < atMs - 1_000) };
}
