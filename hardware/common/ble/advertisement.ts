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
