// A store front with exit lanes on the virtual BLE world: the one layout that the exit-lane
// presence thresholds were tuned on (docs/payments.md, "Lane presence"), shared by the presence
// tests and bench and by the emulated store, so the emulator walks the geometry that was tuned.
import type { FloorPlan, FloorStrip, StripPole, VirtualBeacon } from './floor-plan.js';

/** The lanes' mouths face the store floor along this line (metres from the doors at y = 0). */
export const LANE_MOUTH_Y = 4;
/** Centre line to centre line of neighbouring lanes. */
export const LANE_SPACING_M = 2.5;
/** The first lane's centre line, metres from the floor's left wall. */
const FIRST_LANE_X = 10;
/** From the doors to the back of the floor. */
const FLOOR_DEPTH_M = 20;
/** Half a strip's length: it spans the lane between the pay stations' beacons (1.2 m). */
const STRIP_HALF_M = 0.6;
/**
 * Each lane has two strips, one across its mouth and one this far further in (m): the cart's
 * switch feels each on its own, so a crossing it misses on one (worn tape, a dirty or lifted patch,
 * a pass too brisk for the switch) it still feels on the other, a third of a second later at a
 * walking pace. Far enough apart that the switch has opened between them (80 mm over a strip),
 * near enough that the second is still in the lane's mouth, where the lane profile holds.
 */
export const INNER_STRIP_M = 0.35;
/**
 * Which pole of a lane's strips faces up: north at odd lane ids, south at even ones, so that
 * neighbouring lanes never share a pole and a cart with a switch for each pole knows which of
 * every other lane it crossed into (the presence rule's `parityPoles`,
 * payments/common/lane/presence.ts, which reads lane ids the same way).
 */
export function stripPoleOf(laneId: number): StripPole {
  return laneId % 2 === 1 ? 'north' : 'south';
}
/** Calibrated RSSI of a lane beacon at 1 m, dBm. */
export const LANE_BEACON_POWER_AT_1M = -59;
/** Lane beacons advertise fast so presence has many RSSI samples per second. */
const LANE_BEACON_INTERVAL_MS = 100;
/**
 * Each lane's beacons, on its pay stations on both sides of the lane, 0.6 m and 1.4 m inside its
 * mouth, at cart-antenna height: a cart that has entered is within a metre of them.
 * dx across the lane from its centre line, dy into the lane from its mouth.
 */
const PAY_STATION_BEACONS = [
  { dx: 0.65, dy: 0.6 },
  { dx: 0.65, dy: 1.4 },
  { dx: -0.65, dy: 0.6 },
  { dx: -0.65, dy: 1.4 },
] as const;
const BEACON_HEIGHT_M = 1;
/** The lane id goes into two bytes of each beacon's address. */
const MAX_LANE_ID = 0xffff;

/** What a lane's beacon transmits; `address` is that beacon's own. */
export type LaneFrames = (laneId: number, address: string) => VirtualBeacon['frames'];

/**
 * A beacon that is heard but not read: presence needs only its address and RSSI. An Eddystone-UID
 * under a made-up namespace, with the address as its instance.
 */
export const placeholderLaneFrames: LaneFrames = (_laneId, address) => [
  { type: 'eddystone-uid', txPower: LANE_BEACON_POWER_AT_1M - 41, namespace: '7a11e00000000000000e', instance: address.replace(/:/g, '').slice(-12) },
];

export interface StoreFrontOptions {
  /** The store's lane ids, left to right along the store front. */
  readonly lanes: readonly number[];
  /** What each lane's beacons transmit (default: `placeholderLaneFrames`). */
  readonly frames?: LaneFrames;
}

export interface StoreFront {
  readonly plan: FloorPlan;
  /** Which lane each beacon belongs to, by its address (lower case). */
  readonly beaconLanes: ReadonlyMap<string, number>;
  /** The lanes, left to right. */
  readonly lanes: readonly number[];
  /** A lane's centre line, metres from the left wall; throws RangeError for a lane not here. */
  laneX(laneId: number): number;
}

/** Beacon `index` of lane `laneId`: c0:ff:ee, the lane id in two bytes, the beacon's index. */
function beaconAddress(laneId: number, index: number): string {
  const hex = laneId.toString(16).padStart(4, '0');
  return `c0:ff:ee:${hex.slice(0, 2)}:${hex.slice(2)}:${index.toString(16).padStart(2, '0')}`;
}

/**
 * The store front: the lanes side by side, LANE_SPACING_M apart, each with its four pay-station
 * beacons (advertising every 100 ms) and two magnetic strips, across its mouth and INNER_STRIP_M
 * further in, with the pole `stripPoleOf` gives it facing up; the store floor
 * reaches FLOOR_DEPTH_M back from the doors. Throws RangeError for no lanes, a repeated lane or
 * a lane id that is not an integer 0-65535.
 */
export function storeFront(options: StoreFrontOptions): StoreFront {
  const { lanes } = options;
  const frames = options.frames ?? placeholderLaneFrames;
  if (lanes.length === 0) throw new RangeError('a store front needs at least one lane');
  if (new Set(lanes).size !== lanes.length) throw new RangeError(`a lane appears twice in ${lanes.join(', ')}`);
  for (const laneId of lanes) {
    if (!Number.isInteger(laneId) || laneId < 0 || laneId > MAX_LANE_ID) throw new RangeError(`lane id ${laneId} is not an integer 0-${MAX_LANE_ID}`);
  }
  const xOf = new Map(lanes.map((laneId, index) => [laneId, FIRST_LANE_X + index * LANE_SPACING_M]));
  const laneX = (laneId: number): number => {
    const x = xOf.get(laneId);
    if (x === undefined) throw new RangeError(`there is no lane ${laneId}; the lanes are ${lanes.join(', ')}`);
    return x;
  };
  const beacons: VirtualBeacon[] = [];
  const beaconLanes = new Map<string, number>();
  for (const laneId of lanes) {
    PAY_STATION_BEACONS.forEach((b, i) => {
      const address = beaconAddress(laneId, i);
      beaconLanes.set(address, laneId);
      beacons.push({
        id: `lane-${laneId}-${i}`,
        address,
        position: { x: laneX(laneId) + b.dx, y: LANE_MOUTH_Y - b.dy },
        heightM: BEACON_HEIGHT_M,
        powerAt1m: LANE_BEACON_POWER_AT_1M,
        intervalMs: LANE_BEACON_INTERVAL_MS,
        frames: frames(laneId, address),
      });
    });
  }
  const strips: FloorStrip[] = lanes.flatMap((laneId) =>
    [
      { name: 'mouth', y: LANE_MOUTH_Y },
      { name: 'inner', y: LANE_MOUTH_Y - INNER_STRIP_M },
    ].map(({ name, y }) => ({ id: `lane-${laneId}-${name}`, from: { x: laneX(laneId) - STRIP_HALF_M, y }, to: { x: laneX(laneId) + STRIP_HALF_M, y }, pole: stripPoleOf(laneId) })),
  );
  // As much floor to the right of the last lane as to the left of the first, plus a lane's width.
  const widthM = 2 * FIRST_LANE_X + lanes.length * LANE_SPACING_M;
  return { plan: { widthM, depthM: FLOOR_DEPTH_M, beacons, strips }, beaconLanes, lanes: [...lanes], laneX };
}
