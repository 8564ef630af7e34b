import { err, ok, type Result } from '../../../domain/common/result.js';
import { int8, toHex, u16be, u32be } from './bytes.js';
import { BeaconFrameError } from './errors.js';

/** The Eddystone service UUID, as noble spells service data UUIDs. */
export const EDDYSTONE_SERVICE_UUID = 'feaa';

export interface EddystoneUid {
  readonly type: 'eddystone-uid';
  /** Calibrated TX power at 0 m, dBm. */
  readonly txPower: number;
  /** 10-byte namespace, hex. */
  readonly namespace: string;
  /** 6-byte instance, hex. */
  readonly instance: string;
}

export interface EddystoneUrl {
  readonly type: 'eddystone-url';
  readonly txPower: number;
  readonly url: string;
}

export interface EddystoneTlm {
  readonly type: 'eddystone-tlm';
  /** Battery in mV, or null where the beacon has none (USB powered). */
  readonly batteryMv: number | null;
  /** °C, or null where the beacon has no sensor (0x8000). */
  readonly temperatureC: number | null;
  /** Advertising PDUs sent since power-up. */
  readonly advertisementCount: number;
  /** Seconds since power-up (0.1 s resolution on the air). */
  readonly uptimeS: number;
}

export interface EddystoneEncryptedTlm {
  readonly type: 'eddystone-etlm';
  /** 12 encrypted bytes, salt and MIC, hex: only the beacon's owner can open them. */
  readonly encrypted: string;
  readonly salt: string;
  readonly mic: string;
}

export interface EddystoneEid {
  readonly type: 'eddystone-eid';
  readonly txPower: number;
  /** The 8-byte ephemeral id, hex; it rotates, so it means something only to its resolver. */
  readonly eid: string;
}

export type EddystoneFrame = EddystoneUid | EddystoneUrl | EddystoneTlm | EddystoneEncryptedTlm | EddystoneEid;

const FRAME_UID = 0x00;
const FRAME_URL = 0x10;
const FRAME_TLM = 0x20;
const FRAME_EID = 0x30;

export const URL_SCHEMES: readonly string[] = ['http://www.', 'https://www.', 'http://', 'https://'];
/** Bytes 0x00-0x0d stand for these common endings. */
export const URL_EXPANSIONS: readonly string[] = ['.com/', '.org/', '.edu/', '.net/', '.info/', '.biz/', '.gov/', '.com', '.org', '.edu', '.net', '.info', '.biz', '.gov'];

const fail = (kind: BeaconFrameError['kind'], detail: string) => err(new BeaconFrameError(kind, 'eddystone', detail));

function lengthIs(data: Uint8Array, frame: string, ...allowed: number[]): BeaconFrameError | undefined {
  if (allowed.includes(data.length)) return undefined;
  return new BeaconFrameError('bad-length', 'eddystone', `${frame} frame of ${data.length} bytes, expected ${allowed.join(' or ')}`);
}

/** Parses Eddystone service data (the bytes after the 0xFEAA UUID). */
export function parseEddystone(data: Uint8Array): Result<EddystoneFrame, BeaconFrameError> {
  if (data.length === 0) return fail('bad-length', 'empty service data');
  const frameType = data[0];
  switch (frameType) {
    case FRAME_UID: {
      // 18 bytes, plus 2 reserved bytes that many beacons leave out.
      const bad = lengthIs(data, 'UID', 18, 20);
      if (bad) return err(bad);
      return ok({ type: 'eddystone-uid', txPower: int8(data[1] ?? 0), namespace: toHex(data.subarray(2, 12)), instance: toHex(data.subarray(12, 18)) });
    }
    case FRAME_URL:
      return parseUrl(data);
    case FRAME_TLM:
      return parseTlm(data);
    case FRAME_EID: {
      const bad = lengthIs(data, 'EID', 10);
      if (bad) return err(bad);
      return ok({ type: 'eddystone-eid', txPower: int8(data[1] ?? 0), eid: toHex(data.subarray(2, 10)) });
    }
    default:
      return fail('unknown-frame-type', `frame type 0x${toHex(data.subarray(0, 1))}`);
  }
}

function parseUrl(data: Uint8Array): Result<EddystoneUrl, BeaconFrameError> {
  // Type, power, scheme, then 1-17 encoded URL bytes.
  if (data.length < 4 || data.length > 20) return fail('bad-length', `URL frame of ${data.length} bytes, expected 4-20`);
  const scheme = URL_SCHEMES[data[2] ?? 0xff];
  if (scheme === undefined) return fail('bad-url-scheme', `scheme byte 0x${toHex(data.subarray(2, 3))}`);
  let url = scheme;
  for (const b of data.subarray(3)) {
    const expansion = URL_EXPANSIONS[b];
    if (expansion !== undefined) url += expansion;
    else if (b > 0x20 && b < 0x7f) url += String.fromCharCode(b);
    else return fail('bad-url-byte', `URL byte 0x${b.toString(16).padStart(2, '0')} is reserved`);
  }
  return ok({ type: 'eddystone-url', txPower: int8(data[1] ?? 0), url });
}

function parseTlm(data: Uint8Array): Result<EddystoneTlm | EddystoneEncryptedTlm, BeaconFrameError> {
  const version = data[1];
  if (version === 0x00) {
    const bad = lengthIs(data, 'TLM', 14);
    if (bad) return err(bad);
    const mv = u16be(data, 2);
    const rawTemp = u16be(data, 4);
    return ok({
      type: 'eddystone-tlm',
      batteryMv: mv === 0 ? null : mv,
      // Signed 8.8 fixed point; 0x8000 (-128 °C) means "no sensor".
      temperatureC: rawTemp === 0x8000 ? null : ((rawTemp << 16) >> 16) / 256,
      advertisementCount: u32be(data, 6),
      uptimeS: u32be(data, 10) / 10,
    });
  }
  if (version === 0x01) {
    const bad = lengthIs(data, 'encrypted TLM', 18);
    if (bad) return err(bad);
    return ok({ type: 'eddystone-etlm', encrypted: toHex(data.subarray(2, 14)), salt: toHex(data.subarray(14, 16)), mic: toHex(data.subarray(16, 18)) });
  }
  return fail('unknown-version', version === undefined ? 'TLM frame without a version' : `TLM version 0x${version.toString(16).padStart(2, '0')}`);
}
