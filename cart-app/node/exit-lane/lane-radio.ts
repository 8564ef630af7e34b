// The cart's ear for exit lanes: every advertisement the cart's BLE scanner reports
// (hardware/common/ble/scanner.ts) whose manufacturer data is a lane frame
// (payments/common/lane/advertisement.ts), with the frame parsed and the RSSI it came in at. The
// scanner checks what the radio stack hands over and passes manufacturer data it does not decode
// itself on raw; the platform's noble on a real cart, the virtual BLE world's bindings in the
// emulator and tests. Anything else it hears is ignored; no lane frame is trusted before it is
// parsed here and its token checked by the store.
import type { BleAdvertisement } from '../../../hardware/common/ble/advertisement.js';
import type { BleScanner } from '../../../hardware/common/ble/scanner.js';
import { parseLaneManufacturerData, type LaneBeaconFrame } from '../../../payments/common/lane/advertisement.js';
import { toHex } from '../../../payments/common/lane/hex.js';

/** One lane beacon's advertisement as the cart heard it. */
export interface LanePacket {
  /** The beacon's address (lower case): presence tells a lane's beacons apart by it. */
  readonly address: string;
  /** dBm. */
  readonly rssi: number;
  /** When it was heard, epoch ms on the cart's clock. */
  readonly atMs: number;
  readonly frame: LaneBeaconFrame;
  /** The manufacturer data as hex: what the cart forwards to the store at checkout. */
  readonly frameHex: string;
}

/** Where lane packets come from; returns the way to stop listening. */
export interface LaneRadio {
  listen(listener: (packet: LanePacket) => void): () => void;
}

/** The lane packet in what the scanner reported, or null for an advertisement without a lane frame. */
export function lanePacketOf(ad: Pick<BleAdvertisement, 'address' | 'rssi' | 'timestamp' | 'manufacturerData'>): LanePacket | null {
  if (!ad.manufacturerData) return null;
  const frame = parseLaneManufacturerData(ad.manufacturerData);
  if (!frame.ok) return null;
  return { address: ad.address, rssi: ad.rssi, atMs: ad.timestamp, frame: frame.value, frameHex: toHex(ad.manufacturerData) };
}

/** Lane packets from the cart's BLE scanner, which scans with duplicates on: presence needs every packet's RSSI. */
export class ScannerLaneRadio implements LaneRadio {
  readonly #scanner: BleScanner;
  readonly #listeners = new Set<(packet: LanePacket) => void>();

  constructor(scanner: BleScanner) {
    this.#scanner = scanner;
    scanner.on('advertisement', (ad) => {
      if (this.#listeners.size === 0) return;
      const packet = lanePacketOf(ad);
      if (packet) for (const listener of this.#listeners) listener(packet);
    });
  }

  /** Starts scanning once the adapter is on; rejects with a BleError when it cannot (no Bluetooth, switched off). */
  start(): Promise<void> {
    return this.#scanner.start();
  }

  stop(): Promise<void> {
    return this.#scanner.stop();
  }

  listen(listener: (packet: LanePacket) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
