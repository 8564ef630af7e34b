// The HCI command bytes a broadcaster sends, checked field by field against the Bluetooth Core
// Specification (vol 4 part E: 5.4.1 command packet; 7.8.5 parameters, 7.8.7 data, 7.8.9 enable;
// 7.7.14 Command Complete), so a wrong byte is found here and not at a lane with a real radio.
import { describe, expect, it } from 'vitest';
import {
  LE_SET_ADVERTISING_DATA,
  LE_SET_ADVERTISING_ENABLE,
  LE_SET_ADVERTISING_PARAMETERS,
  commandCompleteOf,
  setAdvertisingData,
  setAdvertisingEnable,
  setAdvertisingParameters,
} from '../../../../hardware/common/ble/hci-commands.js';
import { BleError } from '../../../../hardware/common/ble/scanner.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('HCI LE advertising commands', () => {
  it('uses the LE opcodes: OGF 0x08, OCF 0x0006 / 0x0008 / 0x000a, little-endian on the wire', () => {
    expect([LE_SET_ADVERTISING_PARAMETERS, LE_SET_ADVERTISING_DATA, LE_SET_ADVERTISING_ENABLE]).toEqual([0x2006, 0x2008, 0x200a]);
    expect(hex(setAdvertisingEnable(true))).toBe('010a200101');
    expect(hex(setAdvertisingEnable(false))).toBe('010a200100');
  });

  it('sets non-connectable advertising every 100 ms on all three channels', () => {
    // 100 ms = 160 units of 0.625 ms = 0x00a0, for both min and max
    expect(hex(setAdvertisingParameters(100))).toBe('0106200f' + 'a000' + 'a000' + '03' + '00' + '00' + '000000000000' + '07' + '00');
    expect(hex(setAdvertisingParameters(1000)).slice(8, 16)).toBe('4006' + '4006'); // 1600 units
    for (const bad of [99, 10_241, Number.NaN]) expect(() => setAdvertisingParameters(bad)).toThrow(BleError);
  });

  it('sends the data with its length, zero-padded to 31 bytes, and refuses more than 31', () => {
    const data = Uint8Array.from([0x02, 0x01, 0x06, 0x03, 0xff, 0xff, 0xff]);
    const packet = setAdvertisingData(data);
    expect(packet).toHaveLength(4 + 32);
    expect(hex(packet.subarray(0, 5))).toBe('0108202007');
    expect(hex(packet.subarray(5, 12))).toBe(hex(data));
    expect(packet.subarray(12).every((b) => b === 0)).toBe(true);
    expect(setAdvertisingData(new Uint8Array(31))).toHaveLength(36);
    let thrown: unknown;
    try {
      setAdvertisingData(new Uint8Array(32));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BleError);
    expect((thrown as BleError).kind).toBe('bad-data');
  });

  it('reads a Command Complete event and ignores every other packet', () => {
    expect(commandCompleteOf(Uint8Array.from([0x04, 0x0e, 0x04, 0x01, 0x08, 0x20, 0x00]))).toEqual({ opcode: 0x2008, status: 0 });
    expect(commandCompleteOf(Uint8Array.from([0x04, 0x0e, 0x04, 0x01, 0x0a, 0x20, 0x0c]))).toEqual({ opcode: 0x200a, status: 0x0c });
    expect(commandCompleteOf(Uint8Array.from([0x04, 0x0f, 0x04, 0x00, 0x01, 0x08, 0x20]))).toBeNull(); // Command Status
    expect(commandCompleteOf(Uint8Array.from([0x04, 0x0e, 0x09, 0x01, 0x08, 0x20, 0x00]))).toBeNull(); // claims more than it holds
    expect(commandCompleteOf(Uint8Array.from([0x04, 0x0e, 0x02, 0x01, 0x08, 0x20, 0x00]))).toBeNull(); // too short to hold a status
    expect(commandCompleteOf(Uint8Array.from([0x02, 0x0e]))).toBeNull();
    expect(commandCompleteOf(new Uint8Array(0))).toBeNull();
  });
});
