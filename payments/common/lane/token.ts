// A lane token: what a lane's beacon proves with each advertisement. In the spirit of
// Eddystone-EID (google/eddystone, eddystone-eid/eid-computation.md): a keyed function of a
// time counter quantised to 2^K seconds, so a recording stops working within seconds.
// What Tally keeps from EID: the shared per-beacon key the resolver (the store) also holds, the
// 2^K-second rotation with K in 0..15, and the counter with its low bits dropped.
// What it changes, and why:
//   - HMAC-SHA-256 instead of EID's two AES-128 steps (temporary key, then EID): HMAC takes a
//     message of any length, so the lane id, K and a domain tag go under the MAC directly.
//   - The lane id and counter travel in clear next to the MAC. EID hides the beacon's identity
//     for privacy and makes the resolver search every key and time step; an exit lane is a
//     public fixture, the cart must know which lane it is in to decide presence, and a store
//     can then check a token with one MAC instead of a search.
//   - The counter is Unix time, not a beacon-specific counter registered with the resolver:
//     lane beacons run on networked devices with NTP, and the verifier's window absorbs skew.
//   - 12 bytes of MAC instead of 8 (see LANE_MAC_BYTES).

/** Format version byte; a new layout or MAC input gets a new number. */
export const LANE_TOKEN_VERSION = 1;

/**
 * 96 bits of the HMAC-SHA-256 output. RFC 2104 advises keeping at least 80 bits and half the hash
 * for offline settings; a lane token can only be tried online against the store (which refuses
 * and logs each failure), so 96 bits leaves a forger a 2^-96 chance per attempt, as IPsec's
 * HMAC-SHA1-96 does, while the whole advertisement still fits in 31 bytes with room to spare.
 */
export const LANE_MAC_BYTES = 12;

/** Lane ids are 16-bit on the air: plenty for the lanes of one store. */
export const MAX_LANE_ID = 0xffff;

/** Default rotation exponent: a new token every 2^2 = 4 seconds. */
export const DEFAULT_ROTATION_EXPONENT = 2;

/** EID allows K from 0 (every second) to 15 (about 9 hours). */
export const MAX_ROTATION_EXPONENT = 15;

export interface LaneToken {
  readonly laneId: number;
  /** Rotation exponent K: the token changes every 2^K seconds. */
  readonly rotationExponent: number;
  /** Unix seconds >> K (a 32-bit count of rotation periods). */
  readonly counter: number;
  readonly mac: Uint8Array;
}

export const isLaneId = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= MAX_LANE_ID;
export const isRotationExponent = (k: number): boolean => Number.isInteger(k) && k >= 0 && k <= MAX_ROTATION_EXPONENT;

/** The rotation period that contains `nowMs` (epoch ms). */
export function rotationCounter(nowMs: number, rotationExponent: number): number {
  if (!isRotationExponent(rotationExponent)) throw new RangeError(`rotation exponent ${rotationExponent} is outside 0-${MAX_ROTATION_EXPONENT}`);
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError(`cannot take a rotation counter of time ${nowMs}`);
  return Math.floor(Math.floor(nowMs / 1000) / 2 ** rotationExponent) >>> 0;
}

/** Domain tag so a lane secret's MACs can never be mistaken for anything else signed with it. */
const TAG = [0x54, 0x4c, 0x41, 0x4e, 0x45]; // "TLANE"

/**
 * The bytes the MAC covers: tag, version, K, lane id (u16 BE), counter (u32 BE). Everything the
 * frame carries in clear is covered, so no field can be changed without breaking the MAC.
 */
export function laneMacMessage(laneId: number, rotationExponent: number, counter: number): Uint8Array {
  const m = new Uint8Array(TAG.length + 8);
  m.set(TAG, 0);
  let i = TAG.length;
  m[i++] = LANE_TOKEN_VERSION;
  m[i++] = rotationExponent;
  m[i++] = laneId >>> 8;
  m[i++] = laneId & 0xff;
  m[i++] = (counter >>> 24) & 0xff;
  m[i++] = (counter >>> 16) & 0xff;
  m[i++] = (counter >>> 8) & 0xff;
  m[i++] = counter & 0xff;
  return m;
}
