// The store's exit lanes on the virtual BLE world (hardware/node/virtual-ble), for the emulated
// store and scripted trips: a store front with one lane per store lane, each with four beacons at the pay station where
// the presence thresholds were tuned (docs/payments.md, "Lane presence"), and the cart walking
// about the floor. The cart hears them through real noble on the world's bindings, so the lane
// watch runs exactly as on a real cart.
//
// The world's beacons send iBeacon and Eddystone frames only. Each lane beacon there sends an
// Eddystone-UID placeholder, and the bindings the cart's noble sees put that beacon's real lane
// frame (its LaneBeacon, on the cart's clock) in its place: timing, loss and RSSI are
// the world's radio model, the payload is the lane's rotating token.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { Random } from '../../../domain/common/random.js';
import type { BleError } from '../../../hardware/common/ble/scanner.js';
import { loadNoble, type NobleBindings } from '../../../hardware/node/ble/noble.js';
import type { CartWaypoint, FloorPlan, FloorPoint, FloorStrip, VirtualBeacon } from '../../../hardware/node/virtual-ble/floor-plan.js';
import { VirtualStripSensor } from '../../../hardware/node/virtual-ble/strip-sensor.js';
import { VirtualBleWorld } from '../../../hardware/node/virtual-ble/world.js';
import { LaneBeacon } from '../../../payments/node/lane/beacon.js';
import { NobleLaneRadio } from '../exit-lane/lane-radio.js';

/** The lanes' mouths face the store floor along this line (metres from the doors). */
const MOUTH_Y = 4;
const LANE_SPACING_M = 2.5;
const FIRST_LANE_X = 4;
/** Where the cart shops: well back from the lanes, where they are heard only faintly. */
const FLOOR_Y = 12;
/** Walking pace while pushing a loaded cart. */
const WALK_M_PER_S = 1;
/** Beacons on both sides of the lane, 0.6 m and 1.4 m inside its mouth, at antenna height. */
const PAY_STATION = [
  { dx: 0.65, dy: 0.6 },
  { dx: 0.65, dy: 1.4 },
  { dx: -0.65, dy: 0.6 },
  { dx: -0.65, dy: 1.4 },
] as const;
/** Calibrated RSSI at 1 m. */
const MEASURED_POWER = -59;

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
  const beacons = new Map([...secrets].map(([laneId, secret]) => [laneId, new LaneBeacon({ laneId, secret, clock, measuredPower: MEASURED_POWER, ...(rotationExponent === undefined ? {} : { rotationExponent }) })]));
  return { lanes: [...beacons.keys()], frameOf: (laneId) => (beacons.get(laneId) as LaneBeacon).manufacturerData() };
}

/** Noble bindings that pass the world's packets on with each lane beacon's real frame. */
class LaneFrameBindings extends EventEmitter implements NobleBindings {
  constructor(
    private readonly inner: NobleBindings,
    frames: ReadonlyMap<string, () => Uint8Array>,
  ) {
    super();
    for (const event of ['stateChange', 'scanStart', 'scanStop', 'scanParametersSet']) inner.on(event, (...args: unknown[]) => this.emit(event, ...args));
    inner.on('discover', (uuid: string, address: string, type: string, connectable: boolean, advertisement: Record<string, unknown>, rssi: number, scannable: boolean) => {
      const frame = frames.get(address);
      const ad = frame ? { ...advertisement, manufacturerData: Buffer.from(frame()), serviceData: [], serviceUuids: [] } : advertisement;
      this.emit('discover', uuid, address, type, connectable, ad, rssi, scannable);
    });
  }
  init(): void {
    this.inner.init();
  }
  startScanning(serviceUuids?: readonly string[], allowDuplicates?: boolean): void {
    this.inner.startScanning(serviceUuids, allowDuplicates);
  }
  stopScanning(): void {
    this.inner.stopScanning();
  }
  setScanParameters(interval: number, window: number): void {
    this.inner.setScanParameters(interval, window);
  }
  reset(): void {
    this.inner.reset();
  }
}

export const laneX = (index: number): number => FIRST_LANE_X + index * LANE_SPACING_M;

/** The store front: the lanes side by side, four beacons each and a strip across each mouth. */
export function storeFront(laneIds: readonly number[]): { plan: FloorPlan; addresses: Map<string, number> } {
  const beacons: VirtualBeacon[] = [];
  const addresses = new Map<string, number>();
  laneIds.forEach((laneId, index) => {
    PAY_STATION.forEach((b, i) => {
      const hex = (laneId & 0xffff).toString(16).padStart(4, '0');
      const address = `c0:ff:ee:${hex.slice(0, 2)}:${hex.slice(2)}:0${i}`;
      addresses.set(address, laneId);
      const placeholder = { type: 'eddystone-uid', txPower: MEASURED_POWER - 41, namespace: '7a11e00000000000000e', instance: address.replace(/:/g, '').slice(-12) } as const;
      beacons.push({ id: `lane-${laneId}-${i}`, address, position: { x: laneX(index) + b.dx, y: MOUTH_Y - b.dy }, heightM: 1, powerAt1m: MEASURED_POWER, intervalMs: 100, frames: [placeholder] });
    });
  });
  // A magnetic strip across each lane's mouth, for carts with a strip sensor.
  const strips: FloorStrip[] = laneIds.map((laneId, index) => ({ id: `lane-${laneId}-mouth`, from: { x: laneX(index) - LANE_SPACING_M / 2 + 0.1, y: MOUTH_Y }, to: { x: laneX(index) + LANE_SPACING_M / 2 - 0.1, y: MOUTH_Y } }));
  return { plan: { widthM: laneX(laneIds.length) + FIRST_LANE_X, depthM: FLOOR_Y + 8, beacons, strips }, addresses };
}

export class VirtualLanes {
  readonly radio: NobleLaneRadio;
  /** The cart's lane-strip sensor: it feels each lane's mouth strip the cart rolls over. */
  readonly strip: VirtualStripSensor;
  /** The lanes, in floor order. */
  readonly lanes: readonly number[];
  readonly #world: VirtualBleWorld;
  readonly #clock: Clock;
  #walkingTo: number | null = null;
  #mouthAt: number | null = null;

  private constructor(world: VirtualBleWorld, radio: NobleLaneRadio, strip: VirtualStripSensor, lanes: readonly number[], clock: Clock) {
    this.#world = world;
    this.radio = radio;
    this.strip = strip;
    this.lanes = lanes;
    this.#clock = clock;
  }

  /** The world with the cart on the store floor in front of the middle lane, and noble on it. */
  static open(options: VirtualLanesOptions): Result<VirtualLanes, BleError> {
    const lanes = [...new Set(options.lanes)].sort((a, b) => a - b);
    const { plan, addresses } = storeFront(lanes);
    const start = { atMs: options.clock.now(), x: laneX((lanes.length - 1) / 2), y: FLOOR_Y };
    // The world jitters each advertising interval by a fraction of a millisecond; on the cart's
    // clock that would leave time standing between whole milliseconds, and every event, token
    // time and signed request of the cart is stamped in whole milliseconds. Its timers are
    // rounded up to the next one.
    const clock = options.clock;
    const wholeMs: Clock = { now: () => clock.now(), setTimeout: (fn, ms) => clock.setTimeout(fn, Math.ceil(ms)), clearTimeout: (handle) => clock.clearTimeout(handle) };
    const world = new VirtualBleWorld({ clock: wholeMs, random: options.random, plan, path: [start] });
    const frames = new Map([...addresses].map(([address, laneId]) => [address, () => options.frameOf(laneId)]));
    const noble = loadNoble(new LaneFrameBindings(world.bindings, frames));
    if (!noble.ok) return err(noble.error);
    const strip = new VirtualStripSensor({ clock: wholeMs, random: options.random.fork(), strips: plan.strips ?? [], position: () => world.cartPosition() });
    return ok(new VirtualLanes(world, new NobleLaneRadio(noble.value, options.clock), strip, lanes, options.clock));
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
    const index = laneId === null ? -1 : this.lanes.indexOf(laneId);
    if (laneId !== null && index < 0) throw new RangeError(`there is no lane ${laneId}; the lanes are ${this.lanes.join(', ')}`);
    const from = this.position();
    const x = laneId === null ? from.x : laneX(index);
    const points = laneId === null ? [from, { x, y: MOUTH_Y + 1 }, { x, y: FLOOR_Y }] : [from, { x, y: MOUTH_Y + 2.5 }, { x, y: MOUTH_Y }, { x, y: MOUTH_Y - 1 }];
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
