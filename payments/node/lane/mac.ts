import { createHmac, timingSafeEqual } from 'node:crypto';
import { LaneConfigError } from '../../common/lane/errors.js';
import { LANE_MAC_BYTES, laneMacMessage } from '../../common/lane/token.js';

/** Lane secrets are 16-64 random bytes: at least AES-128's strength, at most one SHA-256 block. */
export const MIN_LANE_SECRET_BYTES = 16;
export const MAX_LANE_SECRET_BYTES = 64;

export function checkLaneSecret(laneId: number, secret: Uint8Array): void {
  if (secret.length < MIN_LANE_SECRET_BYTES || secret.length > MAX_LANE_SECRET_BYTES) {
    throw new LaneConfigError(`lane ${laneId}'s secret is ${secret.length} bytes; it must be ${MIN_LANE_SECRET_BYTES}-${MAX_LANE_SECRET_BYTES}`);
  }
}

/** The truncated HMAC-SHA-256 a lane beacon sends for one rotation period. */
export function laneMac(secret: Uint8Array, laneId: number, rotationExponent: number, counter: number): Uint8Array {
  const full = createHmac('sha256', secret).update(laneMacMessage(laneId, rotationExponent, counter)).digest();
  return new Uint8Array(full.subarray(0, LANE_MAC_BYTES));
}

/** Compares MACs in time that does not depend on where they first differ. */
export function macsEqual(a: Uint8Array, b: Uint8Array): boolean {
  // timingSafeEqual throws on unequal lengths; a length is not secret, so say no at once.
  return a.length === b.length && timingSafeEqual(a, b);
}
