import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import { encodeEddystone } from '../../common/ble/eddystone-encode.js';
import { EDDYSTONE_SERVICE_UUID } from '../../common/ble/eddystone.js';
import { encodeIBeacon } from '../../common/ble/ibeacon.js';
import { VirtualNobleBindings, type DiscoveredAdvertisement } from './bindings.js';
import { cartPositionAt, checkPlan, type CartWaypoint, type FloorPlan, type FloorPoint, type TransmittedFrame, type VirtualBeacon } from './floor-plan.js';
import { RadioLink, STORE_RADIO, type RadioModel } from './radio.js';

export interface VirtualBleWorldOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly plan: FloorPlan;
  /** The cart's walk; a single waypoint parks it. */
  readonly path: readonly CartWaypoint[];
  readonly radio?: RadioModel;
  /** Height of the cart's BLE antenna, m (default 1 m: the pole or handle). */
  readonly cartAntennaHeightM?: number;
}

/** BLE advertising adds 0-10 ms of random delay to each interval so beacons do not lock in step. */
const ADV_DELAY_MAX_MS = 10;

/**
 * A store's beacons and a cart moving past them. While noble scans through `bindings`, every
 * beacon advertises on the clock; each packet's RSSI comes from the radio model at the cart's
 * position at that moment. Same seed, same clock steps: the same packets.
 */
export class VirtualBleWorld {
  readonly bindings: VirtualNobleBindings;
  readonly #options: VirtualBleWorldOptions;
  readonly #links = new Map<string, RadioLink>();
  readonly #rotation = new Map<string, number>();
  readonly #timers = new Map<string, TimerHandle>();
  #path: readonly CartWaypoint[];

  constructor(options: VirtualBleWorldOptions) {
    checkPlan(options.plan, options.path);
    this.#options = options;
    this.#path = options.path;
    const radio = options.radio ?? STORE_RADIO;
    for (const b of options.plan.beacons) this.#links.set(b.id, new RadioLink(radio, options.random.fork()));
    this.bindings = new VirtualNobleBindings((scanning) => (scanning ? this.#startAdvertising() : this.#stopAdvertising()));
  }

  /** Where the cart is now. */
  cartPosition(): FloorPoint {
    return cartPositionAt(this.#path, this.#options.clock.now());
  }

  /** Replaces the cart's walk (the emulator steering the cart). */
  setPath(path: readonly CartWaypoint[]): void {
    checkPlan(this.#options.plan, path);
    this.#path = path;
  }

  #startAdvertising(): void {
    for (const beacon of this.#options.plan.beacons) this.#schedule(beacon);
  }

  #stopAdvertising(): void {
    for (const t of this.#timers.values()) this.#options.clock.clearTimeout(t);
    this.#timers.clear();
  }

  #schedule(beacon: VirtualBeacon): void {
    const { clock, random } = this.#options;
    const delay = beacon.intervalMs + random.next() * ADV_DELAY_MAX_MS;
    this.#timers.set(
      beacon.id,
      clock.setTimeout(() => {
        this.#schedule(beacon);
        this.#advertise(beacon);
      }, delay),
    );
  }

  #advertise(beacon: VirtualBeacon): void {
    const now = this.#options.clock.now();
    const frames = typeof beacon.frames === 'function' ? beacon.frames(now) : beacon.frames;
    if (frames.length === 0) return;
    const turn = this.#rotation.get(beacon.id) ?? 0;
    this.#rotation.set(beacon.id, turn + 1);
    const frame = frames[turn % frames.length] as TransmittedFrame;
    const cart = this.cartPosition();
    const link = this.#links.get(beacon.id) as RadioLink;
    const rssi = link.receive([beacon.position.x, beacon.position.y, beacon.heightM ?? 2.5], [cart.x, cart.y, this.#options.cartAntennaHeightM ?? 1], beacon.powerAt1m);
    if (rssi !== null) this.bindings.deliver(advertisementOf(beacon, frame), rssi);
  }
}

/** The advertising payload a beacon sends for one frame. */
export function advertisementOf(beacon: VirtualBeacon, frame: TransmittedFrame): DiscoveredAdvertisement {
  if (frame.type === 'ibeacon') {
    return { address: beacon.address, manufacturerData: Buffer.from(encodeIBeacon(frame)), serviceData: [], serviceUuids: [] };
  }
  if (frame.type === 'manufacturer-data') return { address: beacon.address, manufacturerData: Buffer.from(frame.data), serviceData: [], serviceUuids: [] };
  return { address: beacon.address, serviceData: [{ uuid: EDDYSTONE_SERVICE_UUID, data: Buffer.from(encodeEddystone(frame)) }], serviceUuids: [EDDYSTONE_SERVICE_UUID] };
}
