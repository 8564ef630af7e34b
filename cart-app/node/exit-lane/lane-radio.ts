// The cart's ear for exit lanes: every advertisement noble reports that carries a lane frame
// (payments/common/lane/advertisement.ts), with the frame parsed and the RSSI it came in at.
// Lane frames are manufacturer data under the testing company id, which the cart's general
// beacon scanner (hardware/node/ble, iBeacon and Eddystone) does not decode, so the lane watch
// listens to noble itself: the platform's noble on a real cart, the virtual BLE world's bindings
// in the emulator and tests. Anything else noble hears is ignored; nothing noble hands over is
// trusted before it is checked.
import { z } from 'zod';
import type { Clock } from '../../../domain/common/clock.js';
import type { Noble, NoblePeripheral } from '../../../hardware/node/ble/noble.js';
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

// HCI reports 127 for "RSSI not available"; a receiver cannot hear more than 20 dBm.
const heard = z.object({
  address: z.string().min(1).max(64),
  rssi: z.int().min(-127).max(20),
  advertisement: z.object({ manufacturerData: z.instanceof(Uint8Array).optional() }),
});

/** The lane packet in what noble reported, or null for anything that is not one. */
export function lanePacketOf(peripheral: unknown, atMs: number): LanePacket | null {
  const parsed = heard.safeParse(peripheral);
  const data = parsed.success ? parsed.data.advertisement.manufacturerData : undefined;
  if (!parsed.success || !data) return null;
  const frame = parseLaneManufacturerData(data);
  if (!frame.ok) return null;
  return { address: parsed.data.address.toLowerCase(), rssi: parsed.data.rssi, atMs, frame: frame.value, frameHex: toHex(data) };
}

/** Lane packets from noble, scanning with duplicates on: presence needs every packet's RSSI. */
export class NobleLaneRadio implements LaneRadio {
  readonly #noble: Noble;
  readonly #clock: Clock;
  readonly #listeners = new Set<(packet: LanePacket) => void>();

  constructor(noble: Noble, clock: Clock) {
    this.#noble = noble;
    this.#clock = clock;
    noble.on('discover', (peripheral: NoblePeripheral) => {
      if (this.#listeners.size === 0) return;
      const packet = lanePacketOf(peripheral, this.#clock.now());
      if (packet) for (const listener of this.#listeners) listener(packet);
    });
  }

  /** Starts scanning once the adapter is on; rejects when it is not (no Bluetooth, switched off). */
  start(): Promise<void> {
    return this.#noble.startScanningAsync([], true);
  }

  stop(): Promise<void> {
    return this.#noble.stopScanningAsync();
  }

  listen(listener: (packet: LanePacket) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
