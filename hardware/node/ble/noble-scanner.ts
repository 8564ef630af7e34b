import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { manufacturerDataOf, parseBeaconFrames, type BleAdvertisement } from '../../common/ble/advertisement.js';
import { BleError, type BleAdapterState, type BleScanner, type BleScannerEvent, type BleScannerEventMap } from '../../common/ble/scanner.js';
import { loadNoble, type ModuleLoader, type Noble, type NobleBindings } from './noble.js';

export interface NobleScannerOptions {
  readonly clock: Clock;
  /** Custom noble bindings (the virtual BLE world); the platform's own when absent. */
  readonly bindings?: NobleBindings;
  /** The adapter must report poweredOn within this time (default 5 s). */
  readonly stateTimeoutMs?: number;
  readonly load?: ModuleLoader;
}

const bytes = z.instanceof(Uint8Array);
// What a peripheral must look like before the cart believes it. HCI reports 127 for "RSSI not
// available", and a radio cannot hear more than it sends, so RSSI is -127..20 dBm.
const peripheralSchema = z.object({
  id: z.string(),
  address: z.string(),
  rssi: z.number().int().min(-127).max(20),
  advertisement: z.object({
    localName: z.string().optional(),
    txPowerLevel: z.number().int().min(-127).max(127).optional(),
    manufacturerData: bytes.optional(),
    serviceData: z.array(z.object({ uuid: z.string(), data: bytes })).optional(),
  }),
});

const STATES: readonly BleAdapterState[] = ['unknown', 'resetting', 'unsupported', 'unauthorized', 'poweredOff', 'poweredOn'];

/**
 * Scans with noble and reports every advertisement (duplicates on: presence detection needs the
 * RSSI stream, not just the first sighting) with its beacon frames parsed and its raw
 * manufacturer data for frames decoded elsewhere. Peripherals noble
 * hands over are validated first; ones that fail are counted in `rejected` and dropped.
 */
export class NobleBleScanner implements BleScanner {
  readonly #options: NobleScannerOptions;
  readonly #events = new EventEmitter<BleScannerEventMap>();
  #noble: Noble | undefined;
  #adapter: BleAdapterState = 'unknown';
  #stateWaiters = new Set<(state: BleAdapterState) => boolean>();
  #scanning = false;
  #wanted = false;
  #starting = false;
  #rejected = 0;

  constructor(options: NobleScannerOptions) {
    this.#options = options;
  }

  /**
   * A scanner with noble loaded at once, for callers that want to know now rather than at
   * `start()` that this machine has no Bluetooth to scan with.
   */
  static open(options: NobleScannerOptions): Result<NobleBleScanner, BleError> {
    const scanner = new NobleBleScanner(options);
    const loaded = scanner.#load();
    return loaded.ok ? ok(scanner) : err(loaded.error);
  }

  get scanning(): boolean {
    return this.#scanning;
  }

  /** Advertisements dropped because noble handed over something malformed. */
  get rejected(): number {
    return this.#rejected;
  }

  async start(): Promise<void> {
    if (this.#wanted) return;
    const loaded = this.#noble ? ok(this.#noble) : this.#load();
    if (!loaded.ok) throw loaded.error;
    const noble = loaded.value;
    this.#wanted = true;
    this.#starting = true;
    try {
      await this.#withTimeout(this.#poweredOn());
      await this.#withTimeout(noble.startScanningAsync([], true));
      this.#scanning = true;
    } catch (cause) {
      this.#wanted = false;
      if (cause instanceof BleError) throw cause;
      throw new BleError('adapter-off', cause instanceof Error ? cause.message : String(cause));
    } finally {
      this.#starting = false;
      this.#stateWaiters.clear();
    }
  }

  /** Resolves when the adapter is on; rejects when it reports a state that will not change by itself. */
  #poweredOn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settled = (state: BleAdapterState): boolean => {
        if (state === 'poweredOn') resolve();
        else if (state === 'poweredOff' || state === 'unsupported' || state === 'unauthorized') reject(new BleError('adapter-off', `the adapter is ${state}`));
        else return false; // unknown, resetting: wait
        return true;
      };
      if (!settled(this.#adapter)) this.#stateWaiters.add(settled);
    });
  }

  async stop(): Promise<void> {
    this.#wanted = false;
    if (!this.#noble || !this.#scanning) return;
    this.#scanning = false;
    await this.#noble.stopScanningAsync();
  }

  on<E extends BleScannerEvent>(event: E, listener: (...args: BleScannerEventMap[E]) => void): this {
    (this.#events.on as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  off<E extends BleScannerEvent>(event: E, listener: (...args: BleScannerEventMap[E]) => void): this {
    (this.#events.off as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  #emit<E extends BleScannerEvent>(event: E, ...args: BleScannerEventMap[E]): void {
    (this.#events.emit as (e: E, ...a: BleScannerEventMap[E]) => boolean)(event, ...args);
  }

  #load(): Result<Noble, BleError> {
    const loaded = loadNoble(this.#options.bindings, this.#options.load);
    if (!loaded.ok) return loaded;
    const noble = loaded.value;
    this.#noble = noble;
    noble.on('warning', () => {}); // noble prints warnings to the console when nobody listens
    noble.on('discover', (p) => this.#discovered(p));
    noble.on('stateChange', (raw) => {
      const state = STATES.find((s) => s === raw) ?? 'unknown';
      this.#adapter = state;
      if (state !== 'poweredOn') this.#scanning = false;
      for (const waiter of this.#stateWaiters) if (waiter(state)) this.#stateWaiters.delete(waiter);
      this.#emit('state', state);
      // Adapter back (a USB dongle re-plugged, bluetoothd restarted): resume if still wanted.
      if (state === 'poweredOn' && this.#wanted && !this.#scanning && !this.#starting) {
        noble.startScanning([], true, (error) => {
          if (!error) this.#scanning = true;
        });
      }
    });
    return ok(noble);
  }

  #discovered(raw: unknown): void {
    if (!this.#wanted) return;
    const parsed = peripheralSchema.safeParse(raw);
    if (!parsed.success) {
      this.#rejected++;
      return;
    }
    const p = parsed.data;
    const ad = p.advertisement;
    const { frames, malformed } = parseBeaconFrames({ manufacturerData: ad.manufacturerData, serviceData: ad.serviceData ?? [] });
    const manufacturerData = manufacturerDataOf(ad.manufacturerData);
    const advertisement: BleAdvertisement = {
      // macOS hides addresses; noble's id is then the only stable name.
      address: (p.address || p.id).toLowerCase(),
      rssi: p.rssi,
      timestamp: this.#options.clock.now(),
      ...(ad.localName !== undefined ? { localName: ad.localName } : {}),
      ...(ad.txPowerLevel !== undefined ? { txPowerLevel: ad.txPowerLevel } : {}),
      frames,
      malformed,
      ...(manufacturerData ? { manufacturerData } : {}),
    };
    this.#emit('advertisement', advertisement);
  }

  #withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.#options.stateTimeoutMs ?? 5000;
    const { clock } = this.#options;
    return new Promise<T>((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new BleError('timeout', `the adapter reported no usable state within ${ms} ms`)), ms);
      work.then(
        (v) => {
          clock.clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clock.clearTimeout(timer);
          reject(e);
        },
      );
    });
  }
}
