import { EventEmitter } from 'node:events';
import type { BleAdapterState } from '../../common/ble/scanner.js';
import type { NobleBindings } from '../ble/noble.js';

/** What noble's `discover` carries, as its HCI backend builds it. */
export interface DiscoveredAdvertisement {
  readonly address: string;
  readonly localName?: string;
  readonly manufacturerData?: Buffer;
  readonly serviceData: { uuid: string; data: Buffer }[];
  readonly serviceUuids: string[];
}

/**
 * A Bluetooth controller as noble sees it, driven by the virtual BLE world instead of a radio.
 * Emits exactly what noble's HCI bindings emit, in the same order, so the real scanner code runs.
 */
export class VirtualNobleBindings extends EventEmitter implements NobleBindings {
  #state: BleAdapterState = 'poweredOn';
  #scanning = false;
  #initialised = false;

  constructor(private readonly onScanning: (scanning: boolean) => void) {
    super();
  }

  get scanning(): boolean {
    return this.#scanning;
  }

  init(): void {
    this.#initialised = true;
    // Asynchronous, as from a real controller: noble subscribes to stateChange after init().
    process.nextTick(() => this.emit('stateChange', this.#state));
  }

  startScanning(_serviceUuids?: readonly string[], allowDuplicates?: boolean): void {
    if (this.#state !== 'poweredOn') return;
    this.#setScanning(true);
    this.emit('scanStart', !allowDuplicates);
  }

  stopScanning(): void {
    this.#setScanning(false);
    this.emit('scanStop');
  }

  setScanParameters(): void {
    this.emit('scanParametersSet');
  }

  reset(): void {
    this.#setScanning(false);
  }

  /** Switches the virtual adapter (a dongle pulled out, Bluetooth switched off, or back on). */
  setAdapterState(state: BleAdapterState): void {
    this.#state = state;
    if (state !== 'poweredOn') this.#setScanning(false);
    if (this.#initialised) this.emit('stateChange', state);
  }

  /** Delivers one received advertisement to noble. */
  deliver(ad: DiscoveredAdvertisement, rssi: number): void {
    if (!this.#scanning) return;
    const uuid = ad.address.replace(/:/g, '');
    const advertisement = { localName: ad.localName, txPowerLevel: undefined, manufacturerData: ad.manufacturerData, serviceData: ad.serviceData, serviceUuids: ad.serviceUuids, serviceSolicitationUuids: [] };
    // Beacons are non-connectable, non-scannable: noble reports every packet of theirs.
    this.emit('discover', uuid, ad.address, 'public', false, advertisement, rssi, false);
  }

  #setScanning(on: boolean): void {
    if (this.#scanning === on) return;
    this.#scanning = on;
    this.onScanning(on);
  }
}
