import { EDDYSTONE_SERVICE_UUID, parseEddystone, type EddystoneFrame } from './eddystone.js';
import type { BeaconFrameError } from './errors.js';
import { claimsIBeacon, parseIBeacon, type IBeacon } from './ibeacon.js';

export type BeaconFrame = IBeacon | EddystoneFrame;

/** One advertisement as the scanner reports it. */
export interface BleAdvertisement {
  /** The advertiser's address, lowercase aa:bb:cc:dd:ee:ff (random for many beacons). */
  readonly address: string;
  /** Received signal strength, dBm. */
  readonly rssi: number;
  /** When it was heard, epoch ms from the scanner's clock. */
  readonly timestamp: number;
  readonly localName?: string;
  /** TX power level AD field, dBm, where the advertiser sends one. */
  readonly txPowerLevel?: number;
  /** Beacon frames found in it (an advertisement may carry none, or several). */
  readonly frames: readonly BeaconFrame[];
  /** Frames that claimed a beacon format but were malformed (reported, never trusted). */
  readonly malformed: readonly BeaconFrameError[];
  /**
   * The packet's manufacturer-specific data (AD type 0xFF) as heard, company id first: for
   * consumers of frames this scanner does not decode (an exit lane's signed token), which parse
   * and check it themselves. A copy; absent where the packet has none or `manufacturerDataOf`
   * refuses it.
   */
  readonly manufacturerData?: Uint8Array;
}

/** A company id is two bytes. */
const MANUFACTURER_DATA_MIN_BYTES = 2;
/** An AD structure's one-byte length counts its type byte too, so its data is at most 254 bytes. */
const MANUFACTURER_DATA_MAX_BYTES = 254;

/**
 * The manufacturer data to pass on from what a radio stack reported: a copy of it, or undefined
 * where there is none or it cannot be one AD structure's (no whole company id, or longer than an
 * AD structure holds), which no controller receives from a well-formed packet.
 */
export function manufacturerDataOf(raw: Uint8Array | undefined): Uint8Array | undefined {
  if (!raw || raw.length < MANUFACTURER_DATA_MIN_BYTES || raw.length > MANUFACTURER_DATA_MAX_BYTES) return undefined;
  return Uint8Array.from(raw);
}

/** The raw payload fields a scanner extracts from advertising data. */
export interface RawAdvertisingData {
  /** AD type 0xFF, company id first. */
  readonly manufacturerData?: Uint8Array;
  /** AD type 0x16 entries: 16-bit service UUID (lowercase hex) and data. */
  readonly serviceData: readonly { readonly uuid: string; readonly data: Uint8Array }[];
}

/** Finds the iBeacon and Eddystone frames in an advertisement's payload. */
export function parseBeaconFrames(raw: RawAdvertisingData): { frames: BeaconFrame[]; malformed: BeaconFrameError[] } {
  const frames: BeaconFrame[] = [];
  const malformed: BeaconFrameError[] = [];
  if (raw.manufacturerData && claimsIBeacon(raw.manufacturerData)) {
    const r = parseIBeacon(raw.manufacturerData);
    if (r.ok) frames.push(r.value);
    else malformed.push(r.error);
  }
  for (const entry of raw.serviceData) {
    if (entry.uuid.toLowerCase() !== EDDYSTONE_SERVICE_UUID) continue;
    const r = parseEddystone(entry.data);
    if (r.ok) frames.push(r.value);
    else malformed.push(r.error);
  }
  return { frames, malformed };
}
