// The lane beacon's advertisement. Manufacturer-specific data (AD type 0xFF) under company id
// 0xFFFF, which the Bluetooth SIG reserves for testing and unregistered use, rather than a new
// frame type under Eddystone's 0xFEAA service UUID, which belongs to Google's frame registry.
//
// Manufacturer data, as scanners (noble) report it:
//   0-1   company id 0xFFFF (little-endian, as the Core spec orders it)
//   2     magic 0x54 ('T'): tells a lane frame from other users of the testing id
//   3     version (1)
//   4     measured power: RSSI at 1 m, int8 dBm (for the cart's distance estimate)
//   5     rotation exponent K
//   6-7   lane id, u16 big-endian
//   8-11  counter (Unix seconds >> K), u32 big-endian
//   12-23 MAC: HMAC-SHA-256 over laneMacMessage(), first 12 bytes
// The whole advertisement is flags (3 bytes) + this AD structure (2 + 24): 29 of 31 bytes.
import { err, ok, type Result } from '../../../domain/common/result.js';
import { LaneFrameError } from './errors.js';
import { isRotationExponent, LANE_MAC_BYTES, LANE_TOKEN_VERSION, type LaneToken } from './token.js';

export const LANE_COMPANY_ID = 0xffff;
const MAGIC = 0x54;
export const LANE_MANUFACTURER_DATA_BYTES = 12 + LANE_MAC_BYTES;
/** The legacy advertising PDU carries at most 31 bytes of AD structures. */
export const MAX_ADVERTISEMENT_BYTES = 31;
const AD_FLAGS = 0x01;
const AD_MANUFACTURER = 0xff;
/** LE General Discoverable, BR/EDR not supported: what a beacon advertises. */
const FLAGS_BEACON = 0x06;

/** A lane frame as heard: the token plus the beacon's calibration. */
export interface LaneBeaconFrame {
  readonly token: LaneToken;
  /** RSSI at 1 m the beacon was calibrated to, dBm. */
  readonly measuredPower: number;
}

const fail = (kind: LaneFrameError['kind'], detail: string) => err(new LaneFrameError(kind, detail));

/** The manufacturer-specific data bytes (company id first) for a frame. */
export function encodeLaneManufacturerData(frame: LaneBeaconFrame): Uint8Array {
  const { token, measuredPower } = frame;
  if (token.mac.length !== LANE_MAC_BYTES) throw new RangeError(`a lane MAC is ${LANE_MAC_BYTES} bytes, not ${token.mac.length}`);
  if (!Number.isInteger(measuredPower) || measuredPower < -128 || measuredPower > 127) throw new RangeError(`measured power ${measuredPower} dBm does not fit an int8`);
  const out = new Uint8Array(LANE_MANUFACTURER_DATA_BYTES);
  const view = new DataView(out.buffer);
  view.setUint16(0, LANE_COMPANY_ID, true);
  out[2] = MAGIC;
  out[3] = LANE_TOKEN_VERSION;
  view.setInt8(4, measuredPower);
  out[5] = token.rotationExponent;
  view.setUint16(6, token.laneId, false);
  view.setUint32(8, token.counter, false);
  out.set(token.mac, 12);
  return out;
}

/** Parses manufacturer-specific data (company id first) as a lane frame. */
export function parseLaneManufacturerData(data: Uint8Array): Result<LaneBeaconFrame, LaneFrameError> {
  if (data.length < 4) return fail('not-a-lane-frame', `${data.length} bytes of manufacturer data`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint16(0, true) !== LANE_COMPANY_ID || data[2] !== MAGIC) return fail('not-a-lane-frame', 'another company id or magic byte');
  if (data[3] !== LANE_TOKEN_VERSION) return fail('unknown-version', `version ${data[3]}`);
  if (data.length !== LANE_MANUFACTURER_DATA_BYTES) return fail('bad-length', `${data.length} bytes, version ${LANE_TOKEN_VERSION} has ${LANE_MANUFACTURER_DATA_BYTES}`);
  const rotationExponent = data[5] as number;
  if (!isRotationExponent(rotationExponent)) return fail('bad-field', `rotation exponent ${rotationExponent} is above 15`);
  return ok({
    measuredPower: view.getInt8(4),
    token: {
      rotationExponent,
      laneId: view.getUint16(6, false),
      counter: view.getUint32(8, false),
      // A copy: the caller's buffer (a scanner's reused Buffer) may change under us.
      mac: data.slice(12, 12 + LANE_MAC_BYTES),
    },
  });
}

/** The full advertising data a lane beacon sends: flags, then the manufacturer data. */
export function encodeLaneAdvertisement(frame: LaneBeaconFrame): Uint8Array {
  const manufacturer = encodeLaneManufacturerData(frame);
  const out = new Uint8Array(3 + 2 + manufacturer.length);
  out.set([2, AD_FLAGS, FLAGS_BEACON, manufacturer.length + 1, AD_MANUFACTURER], 0);
  out.set(manufacturer, 5);
  return out;
}

/**
 * Finds and parses the lane frame in raw advertising data (a sequence of length-type-value AD
 * structures). An advertisement with several manufacturer structures uses the first lane one.
 */
export function parseLaneAdvertisement(ad: Uint8Array): Result<LaneBeaconFrame, LaneFrameError> {
  if (ad.length > MAX_ADVERTISEMENT_BYTES) return fail('malformed-advertisement', `${ad.length} bytes; an advertisement carries at most ${MAX_ADVERTISEMENT_BYTES}`);
  let firstError: LaneFrameError | undefined;
  for (let i = 0; i < ad.length; ) {
    const length = ad[i] as number;
    // A zero length ends the significant part; the rest is padding (Core spec Vol 3, Part C, 11).
    if (length === 0) break;
    if (i + 1 + length > ad.length) return fail('malformed-advertisement', `AD structure at byte ${i} runs past the end`);
    if (ad[i + 1] === AD_MANUFACTURER) {
      const parsed = parseLaneManufacturerData(ad.subarray(i + 2, i + 1 + length));
      if (parsed.ok) return parsed;
      firstError ??= parsed.error;
    }
    i += 1 + length;
  }
  return err(firstError ?? new LaneFrameError('not-a-lane-frame', 'no manufacturer-specific data'));
}
