// The store's exit lanes on the virtual BLE world (hardware/node/virtual-ble), for the emulated
// store and scripted trips: the store front the presence thresholds were tuned on
// (hardware/node/virtual-ble/store-front.ts; docs/payments.md, "Lane presence") with the store's
// lanes, and the cart walking about the floor. Each lane beacon sends its lane's real frame (its
// LaneBeacon's manufacturer data, on the cart's clock); the cart hears them through its BLE scanner
// on real noble on the world's bindings, so the lane watch runs exactly as on a real cart.
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { Random } from '../../../domain/common/random.js';
import type { BleError } from '../../../hardware/common/ble/scanner.js';
import { NobleBleScanner } from '../../../hardware/node/ble/noble-scanner.js';
import type { CartWaypoint, FloorPoint } from '../../../hardware/node/virtual-ble/floor-plan.js';
import { LANE_BEACON_POWER_AT_1M, LANE_MOUTH_Y, storeFront, type StoreFront } from '../../../hardware/node/virtual-ble/store-front.js';
import { VirtualStripSensor } from '../../../hardware/node/virtual-ble/strip-sensor.js';
import { VirtualBleWorld } from '../../../hardware/node/virtual-ble/world.js';
import { LaneBeacon } from '../../../payments/node/lane/beacon.js';
import { ScannerLaneRadio } from '../exit-lane/lane-radio.js';

/** Where the cart shops: well back from the lanes, where they are heard only faintly. */
const FLOOR_Y = 12;
/** Walking pace while pushing a loaded cart. */
const WALK_M_PER_S = 1;

export interface VirtualLanesOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** The store's lanes. */
  readonly lanes: readonly number[];
  /** What lane `laneId`'s beacon advertises now (manufacturer data): its LaneBeacon's frame. */
  readonly frameOf: (laneId: number) => Uint8Array;
}

/** Lane beacons made from the store's lane secrets, on `clock`: the lanes and each one's current frame. */
export function laneBeacons(secrets: ReadonlyMap<number, Uint8Array>, clock: Clock, rotationExponent?: number): Pick<VirtualLanesOptions, 'lanes' | 'frameOf'> {
  const beacons = new Map([...secrets].map(([laneId, secret]) => [laneId, new LaneBeacon({ laneId, secret, clock, measuredPower: LANE_BEACON_POWER_AT_1M, ...(rotationExponent === undefined ? {} : { rotationExponent }) })]));
  return { lanes: [...beacons.keys()], frameOf: (laneId) => (beacons.get(laneId) as LaneBeacon).manufacturerData() };
}

export class VirtualLanes {
  readonly radio: ScannerLaneRadio;
  /** The cart's lane-strip sensor: it feels each lane strip the cart rolls over, and the strip's pole. */
  readonly strip: VirtualStripSensor;
  /** The lanes, in floor order. */
  readonly lanes: readonly number[];
  readonly #world: VirtualBleWorld;
  readonly #front: StoreFront;
  readonly #clock: Clock;
  #walkingTo: number | null = null;
  #mouthAt: number | null = null;

  private constructor(world: VirtualBleWorld, front: StoreFront, radio: ScannerLaneRadio, strip: VirtualStripSensor, clock: Clock) {
    this.#world = world;
    this.#front = front;
    this.radio = radio;
    this.strip = strip;
    this.lanes = front.lanes;
    this.#clock = clock;
  }

  /** The world with the cart on the store floor in front of the middle lane, and noble on it. */
  static open(options: VirtualLanesOptions): Result<VirtualLanes, BleError> {
    const lanes = [...new Set(options.lanes)].sort((a, b) => a - b);
    const front = storeFront({ lanes, frames: (laneId) => () => [{ type: 'manufacturer-data', data: options.frameOf(laneId) }] });
    const middleX = (front.laneX(lanes[0] as number) + front.laneX(lanes[lanes.length - 1] as number)) / 2;
    const start = { atMs: options.clock.now(), x: middleX, y: FLOOR_Y };
    // The world jitters each advertising interval by a fraction of a millisecond; on the cart's
    // clock that would leave time standing between whole milliseconds, and every event, token
    // time and signed request of the cart is stamped in whole milliseconds. Its timers are
    // rounded up to the next one.
    const clock = options.clock;
    const wholeMs: Clock = { now: () => clock.now(), setTimeout: (fn, ms) => clock.setTimeout(fn, Math.ceil(ms)), clearTimeout: (handle) => clock.clearTimeout(handle) };
    const world = new VirtualBleWorld({ clock: wholeMs, random: options.random, plan: front.plan, path: [start] });
    const strip = new VirtualStripSensor({ clock: wholeMs, random: options.random.fork(), strips: front.plan.strips ?? [], position: () => world.cartPosition() });
    const scanner = NobleBleScanner.open({ clock: options.clock, bindings: world.bindings });
    if (!scanner.ok) return err(scanner.error);
    return ok(new VirtualLanes(world, front, new ScannerLaneRadio(scanner.value), strip, options.clock));
  }

  /** Where the cart is on the floor now. */
  position(): FloorPoint {
    return this.#world.cartPosition();
  }

  /** The lane the cart was last sent through, or null once sent back to the floor. */
  get walkingTo(): number | null {
    return this.#walkingTo;
  }

  /**
   * When the walk under way crosses its lane's mouth, epoch ms on the cart's clock: the moment the
   * cart enters the lane, which detection and the checkout bench measure from. Null when walking
   * back onto the floor.
   */
  get mouthAt(): number | null {
    return this.#mouthAt;
  }

  /**
   * Walks the cart from where it is to lane `laneId`'s queue, through its mouth and on to the
   * pay station (it stays there); with null, back out onto the store floor. Returns how long the
   * walk takes, ms.
   */
  walkTo(laneId: number | null): number {
    const from = this.position();
    const x = laneId === null ? from.x : this.#front.laneX(laneId);
    const points = laneId === null ? [from, { x, y: LANE_MOUTH_Y + 1 }, { x, y: FLOOR_Y }] : [from, { x, y: LANE_MOUTH_Y + 2.5 }, { x, y: LANE_MOUTH_Y }, { x, y: LANE_MOUTH_Y - 1 }];
    let at = this.#clock.now();
    const path: CartWaypoint[] = points.map((p, i) => {
      const prev = points[i - 1];
      if (prev) at += (Math.hypot(p.x - prev.x, p.y - prev.y) / WALK_M_PER_S) * 1000;
      return { atMs: at, x: p.x, y: p.y };
    });
    this.#world.setPath(path);
    this.#walkingTo = laneId;
    // The third point of a walk into a lane is its mouth.
    this.#mouthAt = laneId === null ? null : (path[2]?.atMs ?? null);
    return at - this.#clock.now();
  }

  /** Starts the radio scanning and the strip sensor sampling. */
  start(): Promise<void> {
    this.strip.start();
    return this.radio.start();
  }

  close(): Promise<void> {
    this.strip.stop();
    return this.radio.stop();
  }
}
