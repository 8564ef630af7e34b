import type { EddystoneEid, EddystoneTlm, EddystoneUid, EddystoneUrl } from '../../common/ble/eddystone.js';
import type { IBeacon } from '../../common/ble/ibeacon.js';
import type { StripPole } from '../signals/lane-strip-switch.js';

export type { StripPole } from '../signals/lane-strip-switch.js';

/** A point on the store floor, metres from the front-left corner; height above the floor. */
export interface FloorPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Manufacturer-specific data as it goes on the air (company id little-endian first): for frames
 * the world has no encoder of its own for, such as an exit lane's signed token.
 */
export interface ManufacturerDataFrame {
  readonly type: 'manufacturer-data';
  readonly data: Uint8Array;
}

/** A frame a virtual beacon transmits. */
export type TransmittedFrame = IBeacon | EddystoneUid | EddystoneUrl | EddystoneTlm | EddystoneEid | ManufacturerDataFrame;

export interface VirtualBeacon {
  readonly id: string;
  /** Its BLE address, aa:bb:cc:dd:ee:ff. */
  readonly address: string;
  readonly position: FloorPoint;
  /** Mounting height, m (ceiling or shelf-top beacons: 2-3 m). */
  readonly heightM?: number;
  /** RSSI a receiver sees at 1 m, dBm (what iBeacon calls measured power). */
  readonly powerAt1m: number;
  /** Advertising interval, ms (100 ms for a lane beacon, 1 s for a shelf beacon). */
  readonly intervalMs: number;
  /**
   * Frames sent in turn, one per advertising event (beacons interleave, e.g. UID then TLM),
   * or a function of time for frames that rotate (an exit lane's EID-style token).
   */
  readonly frames: readonly TransmittedFrame[] | ((nowMs: number) => readonly TransmittedFrame[]);
}

/**
 * A magnetic strip laid across the floor (an exit lane's mouth), from one end to the other. A
 * cart with a strip sensor feels it when it rolls over it (strip-sensor.ts).
 */
export interface FloorStrip {
  readonly id: string;
  readonly from: FloorPoint;
  readonly to: FloorPoint;
  /** Which pole of its magnet faces up; a cart with a switch for each pole feels which. */
  readonly pole?: StripPole;
}

export interface FloorPlan {
  readonly widthM: number;
  readonly depthM: number;
  readonly beacons: readonly VirtualBeacon[];
  readonly strips?: readonly FloorStrip[];
}

/** Where the cart is along a walk through the store: straight lines between timed waypoints. */
export interface CartWaypoint extends FloorPoint {
  readonly atMs: number;
}

/** The cart's position at a time: before the first waypoint it waits there, after the last it stays. */
export function cartPositionAt(path: readonly CartWaypoint[], nowMs: number): FloorPoint {
  const first = path[0];
  if (!first) throw new RangeError('a cart path needs at least one waypoint');
  if (nowMs <= first.atMs) return first;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as CartWaypoint;
    const b = path[i] as CartWaypoint;
    if (nowMs <= b.atMs) {
      const f = b.atMs === a.atMs ? 1 : (nowMs - a.atMs) / (b.atMs - a.atMs);
      return { x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y) };
    }
  }
  return path[path.length - 1] as CartWaypoint;
}

/** Checks a plan and a path before a world runs them; throws RangeError naming the problem. */
export function checkPlan(plan: FloorPlan, path: readonly CartWaypoint[]): void {
  if (!(plan.widthM > 0 && plan.depthM > 0)) throw new RangeError('the floor needs a positive width and depth');
  const inside = (p: FloorPoint) => p.x >= 0 && p.y >= 0 && p.x <= plan.widthM && p.y <= plan.depthM;
  const ids = new Set<string>();
  for (const b of plan.beacons) {
    if (ids.has(b.id)) throw new RangeError(`two beacons are called ${b.id}`);
    ids.add(b.id);
    if (!inside(b.position)) throw new RangeError(`beacon ${b.id} is outside the floor`);
    if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(b.address)) throw new RangeError(`beacon ${b.id} has a bad address ${b.address}`);
    // BLE allows advertising intervals of 20 ms to 10.24 s.
    if (!(b.intervalMs >= 20 && b.intervalMs <= 10_240)) throw new RangeError(`beacon ${b.id} advertises every ${b.intervalMs} ms; BLE allows 20-10240`);
  }
  const stripIds = new Set<string>();
  for (const s of plan.strips ?? []) {
    if (stripIds.has(s.id)) throw new RangeError(`two strips are called ${s.id}`);
    stripIds.add(s.id);
    if (!inside(s.from) || !inside(s.to)) throw new RangeError(`strip ${s.id} runs off the floor`);
    if (!(Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y) > 0)) throw new RangeError(`strip ${s.id} has no length`);
  }
  if (path.length === 0) throw new RangeError('a cart path needs at least one waypoint');
  path.forEach((w, i) => {
    if (!inside(w)) throw new RangeError(`waypoint ${i} is outside the floor`);
    if (i > 0 && w.atMs < (path[i - 1] as CartWaypoint).atMs) throw new RangeError(`waypoint ${i} is earlier than the one before`);
  });
}
