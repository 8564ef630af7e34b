// The four HCI commands a broadcaster needs, as the bytes a raw HCI socket takes (Bluetooth Core
// Specification, vol 4 part E 5.4.1 for the packet, 7.8.5-7.8.9 for the LE commands), and the
// controller's Command Complete answer (7.7.14). Pure: the advertiser and its tests share them.
import { BleError } from './scanner.js';

/** HCI packet indicators (UART transport, also what Linux's raw HCI socket expects first). */
const COMMAND_PACKET = 0x01;
const EVENT_PACKET = 0x04;
const COMMAND_COMPLETE = 0x0e;
/** LE Controller commands: OGF 0x08. */
const leOpcode = (ocf: number): number => (0x08 << 10) | ocf;
export const LE_SET_ADVERTISING_PARAMETERS = leOpcode(0x0006);
export const LE_SET_ADVERTISING_DATA = leOpcode(0x0008);
export const LE_SET_ADVERTISING_ENABLE = leOpcode(0x000a);

/** A legacy advertisement carries at most 31 bytes of AD structures. */
export const MAX_ADVERTISING_DATA = 31;

function command(opcode: number, parameters: readonly number[]): Uint8Array {
  return Uint8Array.from([COMMAND_PACKET, opcode & 0xff, opcode >> 8, parameters.length, ...parameters]);
}

/**
 * Non-connectable undirected advertising (ADV_NONCONN_IND: a beacon takes no connections) on all
 * three advertising channels, every `intervalMs` (0.625 ms units; at least 100 ms for this type
 * before Bluetooth 5, so that is the floor here too).
 */
export function setAdvertisingParameters(intervalMs: number): Uint8Array {
  if (!(intervalMs >= 100 && intervalMs <= 10_240)) throw new BleError('bad-data', `an advertising interval of ${intervalMs} ms is outside 100-10240 ms`);
  const units = Math.round(intervalMs / 0.625);
  const le16 = [units & 0xff, units >> 8];
  return command(LE_SET_ADVERTISING_PARAMETERS, [
    ...le16, // interval min
    ...le16, // interval max
    0x03, // ADV_NONCONN_IND
    0x00, // own address: public
    0x00, // peer address type (unused when undirected)
    0, 0, 0, 0, 0, 0, // peer address (unused)
    0x07, // channels 37, 38 and 39
    0x00, // no filter: anyone may scan
  ]);
}

/** The advertising data (AD structures), zero-padded to the command's fixed 31 bytes. */
export function setAdvertisingData(data: Uint8Array): Uint8Array {
  if (data.length > MAX_ADVERTISING_DATA) throw new BleError('bad-data', `${data.length} bytes of advertising data; a legacy advertisement holds ${MAX_ADVERTISING_DATA}`);
  const padded = new Array<number>(MAX_ADVERTISING_DATA).fill(0);
  data.forEach((b, i) => (padded[i] = b));
  return command(LE_SET_ADVERTISING_DATA, [data.length, ...padded]);
}

export function setAdvertisingEnable(on: boolean): Uint8Array {
  return command(LE_SET_ADVERTISING_ENABLE, [on ? 0x01 : 0x00]);
}

/** A Command Complete event: which command it answers and its status (0 = success). */
export interface CommandComplete {
  readonly opcode: number;
  readonly status: number;
}

/** The Command Complete event in a packet read from the socket; null for any other packet. */
export function commandCompleteOf(packet: Uint8Array): CommandComplete | null {
  // indicator, event code, parameter length, Num_HCI_Command_Packets, opcode (2), status
  if (packet.length < 7 || packet[0] !== EVENT_PACKET || packet[1] !== COMMAND_COMPLETE) return null;
  if ((packet[2] as number) + 3 > packet.length || (packet[2] as number) < 4) return null;
  return { opcode: (packet[4] as number) | ((packet[5] as number) << 8), status: packet[6] as number };
}
