// Broadcasting over BLE from Linux through a raw HCI socket: what an exit lane's beacon needs
// (`tally lane --ble`) on a small computer at the lane with a Bluetooth controller. The socket
// comes from @abandonware/bluetooth-hci-socket, the native module noble itself uses, loaded only
// when advertising starts: machines without Bluetooth sockets (containers, CI) or without the
// module built report BLE unavailable instead of crashing. One tiny binding, so the tests drive
// the advertiser with a fake controller and the real one is the same few calls.
import { createRequire } from 'node:module';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { BleError } from '../../common/ble/scanner.js';
import {
  LE_SET_ADVERTISING_DATA,
  LE_SET_ADVERTISING_ENABLE,
  LE_SET_ADVERTISING_PARAMETERS,
  commandCompleteOf,
  setAdvertisingData,
  setAdvertisingEnable,
  setAdvertisingParameters,
} from '../../common/ble/hci-commands.js';
import type { ModuleLoader } from './noble.js';

/** What the advertiser needs of an HCI socket bound to one controller. */
export interface HciSocketBinding {
  write(packet: Uint8Array): void;
  /** Packets from the controller (events), and socket errors. */
  onPacket(listener: (packet: Uint8Array) => void): void;
  onError(listener: (error: Error) => void): void;
  close(): void;
}

/** The part of bluetooth-hci-socket's class used here (see its index.d.ts). */
interface NativeHciSocket {
  bindRaw(devId: number): number;
  isDevUp(): boolean;
  setFilter(filter: Buffer): void;
  start(): void;
  stop(): void;
  write(data: Buffer): void;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Only Command Complete events (type 0x04, event 0x0e) reach this socket. */
function eventFilter(): Buffer {
  const filter = Buffer.alloc(16);
  filter.writeUInt32LE(1 << 0x04, 0); // packet types: events
  filter.writeUInt32LE(1 << 0x0e, 4); // events 0-31: Command Complete
  filter.writeUInt32LE(0, 8); // events 32-63: none
  filter.writeUInt16LE(0, 12); // any opcode
  return filter;
}

/** Opens controller `devId` (hci0 = 0) through bluetooth-hci-socket. */
export function openHciSocket(devId = 0, load: ModuleLoader = createRequire(import.meta.url)): Result<HciSocketBinding, BleError> {
  let socket: NativeHciSocket;
  try {
    const Socket = load('@abandonware/bluetooth-hci-socket') as new () => NativeHciSocket;
    socket = new Socket();
    socket.bindRaw(devId);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'EAFNOSUPPORT'
        ? 'this machine has no Bluetooth sockets (EAFNOSUPPORT)'
        : code === 'MODULE_NOT_FOUND'
          ? 'the HCI socket module is not built here (npm rebuild @abandonware/bluetooth-hci-socket)'
          : code === 'EPERM' || code === 'EACCES'
            ? 'no permission for raw HCI sockets (run with CAP_NET_RAW or as root)'
            : cause instanceof Error
              ? cause.message
              : String(cause);
    return err(new BleError('unavailable', `cannot open hci${devId}: ${why}`));
  }
  if (!socket.isDevUp()) return err(new BleError('adapter-off', `hci${devId} is down (hciconfig hci${devId} up)`));
  socket.setFilter(eventFilter());
  socket.start();
  return ok({
    write: (packet) => socket.write(Buffer.from(packet)),
    onPacket: (listener) => void socket.on('data', (data) => listener(new Uint8Array(data))),
    onError: (listener) => void socket.on('error', listener),
    close: () => socket.stop(),
  });
}

const NAMES = new Map([
  [LE_SET_ADVERTISING_PARAMETERS, 'LE Set Advertising Parameters'],
  [LE_SET_ADVERTISING_DATA, 'LE Set Advertising Data'],
  [LE_SET_ADVERTISING_ENABLE, 'LE Set Advertising Enable'],
]);

/**
 * Advertises raw AD bytes, non-connectable, every `intervalMs`. `advertise` again replaces the
 * data in place: the Core spec lets the host change advertising data while advertising, so a
 * rotating token never leaves the air. A command the controller refuses becomes a BleError
 * ('command-failed') for `onError`; status 0x0c on the disable at start (already disabled) is
 * expected and ignored.
 */
export class HciAdvertiser {
  readonly #socket: HciSocketBinding;
  readonly #intervalMs: number;
  #enabled = false;
  #starting = true;
  #onError: (error: BleError) => void = () => undefined;

  constructor(socket: HciSocketBinding, options: { readonly intervalMs?: number } = {}) {
    this.#socket = socket;
    this.#intervalMs = options.intervalMs ?? 100;
    socket.onPacket((packet) => this.#answer(packet));
    socket.onError((error) => this.#onError(new BleError('unavailable', `HCI socket: ${error.message}`)));
  }

  onError(listener: (error: BleError) => void): void {
    this.#onError = listener;
  }

  /** Starts advertising `data` (AD structures, at most 31 bytes), or changes what is advertised. */
  advertise(data: Uint8Array): void {
    const packet = setAdvertisingData(data); // throws BleError('bad-data') before anything is sent
    if (!this.#enabled) {
      // Parameters may only change while advertising is off.
      this.#socket.write(setAdvertisingEnable(false));
      this.#socket.write(setAdvertisingParameters(this.#intervalMs));
    }
    this.#socket.write(packet);
    if (!this.#enabled) {
      this.#socket.write(setAdvertisingEnable(true));
      this.#enabled = true;
    }
  }

  /** Stops advertising and closes the socket. */
  stop(): void {
    if (this.#enabled) this.#socket.write(setAdvertisingEnable(false));
    this.#enabled = false;
    this.#socket.close();
  }

  #answer(packet: Uint8Array): void {
    const done = commandCompleteOf(packet);
    if (!done || done.status === 0) {
      if (done?.opcode === LE_SET_ADVERTISING_ENABLE) this.#starting = false;
      return;
    }
    // 0x0c, Command Disallowed: disabling advertising that was not on, at start.
    if (this.#starting && done.opcode === LE_SET_ADVERTISING_ENABLE && done.status === 0x0c) return;
    const name = NAMES.get(done.opcode) ?? `command 0x${done.opcode.toString(16)}`;
    this.#onError(new BleError('command-failed', `the controller refused ${name} (HCI status 0x${done.status.toString(16).padStart(2, '0')})`));
  }
}
