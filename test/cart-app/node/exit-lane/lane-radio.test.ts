// The lane radio on the cart's BLE scanner: what noble hands the scanner comes out as lane packets
// when, and only when, its manufacturer data is a lane frame.
import { describe, expect, it } from 'vitest';
import { ScannerLaneRadio, type LanePacket } from '../../../../cart-app/node/exit-lane/lane-radio.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { NobleBleScanner } from '../../../../hardware/node/ble/noble-scanner.js';
import { VirtualNobleBindings } from '../../../../hardware/node/virtual-ble/bindings.js';
import { toHex } from '../../../../payments/common/lane/hex.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';

const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 17));
const beacon = new LaneBeacon({ laneId: 3, secret: new Uint8Array(32).fill(3), clock, measuredPower: -59 });

async function radioOnNoble() {
  const bindings = new VirtualNobleBindings(() => {});
  const scanner = new NobleBleScanner({ clock, bindings });
  const radio = new ScannerLaneRadio(scanner);
  const heard: LanePacket[] = [];
  const unlisten = radio.listen((p) => heard.push(p));
  await radio.start();
  /** What noble's HCI backend emits for one received packet. */
  const discover = (address: string, advertisement: object, rssi: unknown) => bindings.emit('discover', address.replace(/:/g, ''), address, 'random', false, advertisement, rssi, false);
  return { radio, scanner, heard, unlisten, discover };
}

describe('ScannerLaneRadio', () => {
  it('hears a lane frame through the scanner, with its address, RSSI, time and bytes', async () => {
    const { radio, heard, discover } = await radioOnNoble();
    const data = beacon.manufacturerData();
    discover('C0:FF:EE:00:03:01', { manufacturerData: Buffer.from(data), serviceData: [] }, -64);
    expect(heard).toEqual([{ address: 'c0:ff:ee:00:03:01', rssi: -64, atMs: clock.now(), frame: expect.objectContaining({ token: expect.objectContaining({ laneId: 3 }) }), frameHex: toHex(data) }]);
    await radio.stop();
  });

  it('ignores shelf beacons, other manufacturer data, broken lane frames and whatever the scanner refuses', async () => {
    const { heard, scanner, discover } = await radioOnNoble();
    const data = beacon.manufacturerData();
    discover('aa:bb:cc:dd:ee:01', { manufacturerData: Buffer.from('4c000215b9407f30f5f8466eaff925556b57fe6d00010002c5', 'hex'), serviceData: [] }, -60);
    discover('aa:bb:cc:dd:ee:02', { manufacturerData: Buffer.from(data.slice(0, data.length - 1)), serviceData: [] }, -60);
    discover('aa:bb:cc:dd:ee:03', { manufacturerData: Buffer.alloc(600, 0xff), serviceData: [] }, -60);
    discover('aa:bb:cc:dd:ee:04', { manufacturerData: Buffer.from(data), serviceData: [] }, 127);
    discover('aa:bb:cc:dd:ee:05', { manufacturerData: 'ffff', serviceData: [] }, -60);
    discover('aa:bb:cc:dd:ee:06', {}, -60);
    expect(heard).toEqual([]);
    expect(scanner.rejected).toBe(2);
  });

  it('tells nobody once they stop listening, and nothing after stop', async () => {
    const { radio, heard, unlisten, discover } = await radioOnNoble();
    const ad = { manufacturerData: Buffer.from(beacon.manufacturerData()), serviceData: [] };
    discover('c0:ff:ee:00:03:00', ad, -60);
    unlisten();
    discover('c0:ff:ee:00:03:00', ad, -60);
    expect(heard).toHaveLength(1);
    const later: LanePacket[] = [];
    radio.listen((p) => later.push(p));
    await radio.stop();
    discover('c0:ff:ee:00:03:00', ad, -60);
    expect(later).toEqual([]);
  });

  it('rejects start with the scanner’s error when Bluetooth is off', async () => {
    const bindings = new VirtualNobleBindings(() => {});
    bindings.setAdapterState('poweredOff');
    await expect(new ScannerLaneRadio(new NobleBleScanner({ clock, bindings })).start()).rejects.toMatchObject({ name: 'BleError', kind: 'adapter-off' });
  });
});
