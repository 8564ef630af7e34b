import type { BleAdvertisement } from './advertisement.js';

/** Adapter states as BlueZ/noble report them. */
export type BleAdapterState = 'unknown' | 'resetting' | 'unsupported' | 'unauthorized' | 'poweredOff' | 'poweredOn';

export interface BleScannerEventMap {
  advertisement: [BleAdvertisement];
  /** The adapter changed state; scanning resumes by itself when it is back on. */
  state: [BleAdapterState];
}

export type BleScannerEvent = keyof BleScannerEventMap;

/**
 * Listens for advertisements (lane beacons, shelf beacons). `start()` resolves once scanning,
 * or rejects with a BleError (no adapter, adapter off, no permission).
 */
export interface BleScanner {
  readonly scanning: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  on<E extends BleScannerEvent>(event: E, listener: (...args: BleScannerEventMap[E]) => void): this;
  off<E extends BleScannerEvent>(event: E, listener: (...args: BleScannerEventMap[E]) => void): this;
}

export type BleErrorKind =
  /** The BLE library cannot load or reach a controller (no Bluetooth sockets, no HCI device). */
  | 'unavailable'
  /** The controller reported a state other than poweredOn. */
  | 'adapter-off'
  /** The controller never reported its state. */
  | 'timeout'
  /** The controller refused a command (its HCI status is in the message). */
  | 'command-failed'
  /** Advertising data that does not fit a legacy advertisement (31 bytes). */
  | 'bad-data';

export class BleError extends Error {
  override readonly name = 'BleError';
  constructor(
    readonly kind: BleErrorKind,
    detail: string,
  ) {
    super(`bluetooth: ${detail}`);
  }
}
