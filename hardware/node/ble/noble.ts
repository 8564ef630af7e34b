// A small typed face for @abandonware/noble, loaded only when a scanner starts: loading the
// package opens an HCI socket at once, which throws EAFNOSUPPORT on machines without Bluetooth
// sockets (containers, CI), and a cart must still boot there with BLE reported unavailable.
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { BleError } from '../../common/ble/scanner.js';

/** Advertising data as noble decodes it (see noble's lib/hci-socket/gap.js). */
export interface NobleAdvertisement {
  readonly localName?: string;
  readonly txPowerLevel?: number;
  /** AD type 0xFF, company id first. */
  readonly manufacturerData?: Uint8Array;
  readonly serviceData?: readonly { readonly uuid: string; readonly data: Uint8Array }[];
  readonly serviceUuids?: readonly string[];
}

export interface NoblePeripheral {
  readonly id: string;
  readonly address: string;
  readonly rssi: number;
  readonly advertisement: NobleAdvertisement;
}

/** The part of noble's API the scanner uses. */
export interface Noble {
  readonly state: string;
  on(event: 'stateChange', listener: (state: string) => void): unknown;
  on(event: 'discover', listener: (peripheral: NoblePeripheral) => void): unknown;
  on(event: 'warning', listener: (message: string) => void): unknown;
  removeAllListeners(event?: string): unknown;
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  startScanning(serviceUuids?: string[], allowDuplicates?: boolean, callback?: (error?: Error) => void): void;
  stopScanningAsync(): Promise<void>;
}

/**
 * What noble asks of a bindings object (the HCI, macOS and Windows backends are such objects):
 * an EventEmitter that emits `stateChange`, `scanStart`, `scanStop` and
 * `discover(uuid, address, addressType, connectable, advertisement, rssi, scannable)`.
 */
export interface NobleBindings extends EventEmitter {
  init(): void;
  startScanning(serviceUuids?: readonly string[], allowDuplicates?: boolean): void;
  stopScanning(): void;
  setScanParameters(interval: number, window: number): void;
  reset(): void;
}

/** Loads a module by name; injectable so tests can fail the load on purpose. */
export type ModuleLoader = (id: string) => unknown;

const requireFromHere: ModuleLoader = createRequire(import.meta.url);

/**
 * noble with the given bindings (the virtual BLE world, or any custom backend), or with the
 * platform's own (HCI socket on Linux) when none are given.
 */
export function loadNoble(bindings?: NobleBindings, load: ModuleLoader = requireFromHere): Result<Noble, BleError> {
  try {
    if (bindings) {
      const withBindings = load('@abandonware/noble/with-bindings') as (b: NobleBindings) => Noble;
      return ok(withBindings(bindings));
    }
    return ok(load('@abandonware/noble') as Noble);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'EAFNOSUPPORT' ? 'this machine has no Bluetooth sockets (EAFNOSUPPORT)' : cause instanceof Error ? cause.message : String(cause);
    return err(new BleError('unavailable', `cannot load noble: ${why}`));
  }
}
