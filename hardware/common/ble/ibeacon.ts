import { err, ok, type Result } from '../../../domain/common/result.js';
import { fromHex, int8, toHex, u16be } from './bytes.js';
import { BeaconFrameError } from './errors.js';

/** Apple's Bluetooth SIG company identifier, little-endian on the air (4C 00). */
export const APPLE_COMPANY_ID = 0x004c;
const IBEACON_TYPE = 0x02;
const IBEACON_LENGTH = 0x15;
/** Company id (2) + type (1) + length (1) + UUID (16) + major (2) + minor (2) + power (1). */
const IBEACON_BYTES = 25;

export interface IBeacon {
  readonly type: 'ibeacon';
  /** Proximity UUID, canonical 8-4-4-4-12 lowercase form. */
  readonly uuid: string;
  readonly major: number;
  readonly minor: number;
  /** Calibrated RSSI at 1 m, dBm (signed). */
  readonly measuredPower: number;
}

const formatUuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** True when manufacturer data announces itself as an iBeacon (Apple, type 0x02). */
export const claimsIBeacon = (data: Uint8Array): boolean =>
  data.length >= 3 && data[0] === (APPLE_COMPANY_ID & 0xff) && data[1] === APPLE_COMPANY_ID >> 8 && data[2] === IBEACON_TYPE;

/**
 * Parses manufacturer-specific data (AD type 0xFF, as noble hands it over: company id first)
 * of an iBeacon. Call only for data where `claimsIBeacon` holds; other Apple data (AirDrop,
 * Handoff …) is not iBeacon and not an error.
 */
export function parseIBeacon(data: Uint8Array): Result<IBeacon, BeaconFrameError> {
  if (!claimsIBeacon(data)) return err(new BeaconFrameError('bad-field', 'ibeacon', 'not Apple manufacturer data of type 0x02'));
  if (data[3] !== IBEACON_LENGTH) return err(new BeaconFrameError('bad-length', 'ibeacon', `length byte is 0x${toHex(data.subarray(3, 4)) || '??'}, not 0x15`));
  if (data.length !== IBEACON_BYTES) return err(new BeaconFrameError('bad-length', 'ibeacon', `${data.length} bytes, expected ${IBEACON_BYTES}`));
  const measuredPower = int8(data[24] ?? 0);
  // Measured power is an RSSI at 1 m: positive values or the floor of the scale are not physical.
  if (measuredPower >= 0 || measuredPower < -120) return err(new BeaconFrameError('bad-field', 'ibeacon', `measured power ${measuredPower} dBm is not an RSSI at 1 m`));
  return ok({ type: 'ibeacon', uuid: formatUuid(toHex(data.subarray(4, 20))), major: u16be(data, 20), minor: u16be(data, 22), measuredPower });
}

/** Builds the manufacturer data an iBeacon transmits (for the virtual BLE world and tests). */
export function encodeIBeacon(b: Omit<IBeacon, 'type'>): Uint8Array {
  const uuid = fromHex(b.uuid);
  if (uuid.length !== 16) throw new RangeError(`iBeacon UUID must be 16 bytes: ${b.uuid}`);
  for (const [name, v] of [['major', b.major], ['minor', b.minor]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new RangeError(`iBeacon ${name} must be 0-65535, not ${v}`);
  }
  const out = new Uint8Array(IBEACON_BYTES);
  out.set([APPLE_COMPANY_ID & 0xff, APPLE_COMPANY_ID >> 8, IBEACON_TYPE, IBEACON_LENGTH]);
  out.set(uuid, 4);
  out.set([b.major >> 8, b.major & 0xff, b.minor >> 8, b.minor & 0xff, b.measuredPower & 0xff], 20);
  return out;
}
