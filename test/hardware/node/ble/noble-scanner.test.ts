import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import type { BleAdvertisement } from '../../../../hardware/common/ble/advertisement.js';
import { fromHex } from '../../../../hardware/common/ble/bytes.js';
import { loadNoble } from '../../../../hardware/node/ble/noble.js';
import { NobleBleScanner } from '../../../../hardware/node/ble/noble-scanner.js';
import { VirtualNobleBindings } from '../../../../hardware/node/virtual-ble/bindings.js';

const eafnosupport = () => {
  throw Object.assign(new Error('socket: Address family not supported by protocol'), { code: 'EAFNOSUPPORT' });
};

async function started() {
  const clock = new SimulatedClock(7000);
  const bindings = new VirtualNobleBindings(() => {});
  const scanner = new NobleBleScanner({ clock, bindings });
  const heard: BleAdvertisement[] = [];
  scanner.on('advertisement', (a) => heard.push(a));
  await scanner.start();
  return { clock, bindings, scanner, heard };
}

/** What noble's HCI backend emits for one received packet. */
const discover = (b: VirtualNobleBindings, advertisement: object, rssi: unknown, address: unknown = 'AA:BB:CC:DD:EE:FF') =>
  b.emit('discover', 'aabbccddeeff', address, 'random', false, advertisement, rssi, false);

describe('loadNoble', () => {
  it('turns a machine without Bluetooth sockets into an unavailable error, not a crash', () => {
    const r = loadNoble(undefined, eafnosupport);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ name: 'BleError', kind: 'unavailable', message: expect.stringContaining('EAFNOSUPPORT') });
  });

  it('loads noble with custom bindings without touching the HCI backend', () => {
    expect(loadNoble(new VirtualNobleBindings(() => {})).ok).toBe(true);
  });
});

describe('NobleBleScanner', () => {
  it('rejects start with unavailable where noble cannot load', async () => {
    const scanner = new NobleBleScanner({ clock: new SimulatedClock(), load: eafnosupport });
    await expect(scanner.start()).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('opens with noble loaded at once, or tells at once that it cannot', () => {
    const none = NobleBleScanner.open({ clock: new SimulatedClock(), load: eafnosupport });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatchObject({ name: 'BleError', kind: 'unavailable' });
    expect(NobleBleScanner.open({ clock: new SimulatedClock(), bindings: new VirtualNobleBindings(() => {}) }).ok).toBe(true);
  });

  it('gives up with timeout when the adapter never says whether it is on', async () => {
    const clock = new SimulatedClock();
    const bindings = new VirtualNobleBindings(() => {});
    bindings.setAdapterState('unknown');
    const scanner = new NobleBleScanner({ clock, bindings, stateTimeoutMs: 3000 });
    const starting = scanner.start();
    await new Promise<void>((r) => setImmediate(r));
    clock.advance(3000);
    await expect(starting).rejects.toMatchObject({ kind: 'timeout' });
    expect(scanner.scanning).toBe(false);
  });

  it('reports address, rssi, clock time and parsed frames', async () => {
    const { bindings, heard } = await started();
    discover(bindings, { localName: 'lane-3', txPowerLevel: -4, manufacturerData: Buffer.from(fromHex('4c000215b9407f30f5f8466eaff925556b57fe6d00010002c5')), serviceData: [] }, -67);
    expect(heard).toEqual([
      {
        address: 'aa:bb:cc:dd:ee:ff',
        rssi: -67,
        timestamp: 7000,
        localName: 'lane-3',
        txPowerLevel: -4,
        frames: [{ type: 'ibeacon', uuid: 'b9407f30-f5f8-466e-aff9-25556b57fe6d', major: 1, minor: 2, measuredPower: -59 }],
        malformed: [],
        manufacturerData: fromHex('4c000215b9407f30f5f8466eaff925556b57fe6d00010002c5'),
      },
    ]);
  });

  it('passes manufacturer data it does not decode on as it came, in a copy of its own', async () => {
    const { bindings, heard } = await started();
    // Manufacturer data under the testing company id (0xffff): no beacon frame of the scanner's.
    const sent = Buffer.from('ffff5401020304', 'hex');
    discover(bindings, { manufacturerData: sent, serviceData: [] }, -61);
    sent[2] = 0;
    expect(heard[0]?.frames).toEqual([]);
    expect(heard[0]?.malformed).toEqual([]);
    expect(heard[0]?.manufacturerData).toEqual(fromHex('ffff5401020304'));
    expect(heard[0]?.manufacturerData).not.toBeInstanceOf(Buffer);
  });

  it.each([
    ['no manufacturer data', {}],
    ['empty manufacturer data', { manufacturerData: Buffer.alloc(0) }],
    ['half a company id', { manufacturerData: Buffer.from([0xff]) }],
    ['more than one AD structure holds (255 bytes)', { manufacturerData: Buffer.alloc(255, 0xff) }],
    ['a kilobyte', { manufacturerData: Buffer.alloc(1024, 0xff) }],
  ])('reports the advertisement without manufacturer data for %s', async (_what, advertisement) => {
    const { bindings, heard, scanner } = await started();
    discover(bindings, { ...advertisement, serviceData: [{ uuid: 'feaa', data: Buffer.from('10ee0373746f7265', 'hex') }] }, -60);
    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toHaveProperty('manufacturerData');
    expect(heard[0]?.frames.map((f) => f.type)).toEqual(['eddystone-url']);
    expect(scanner.rejected).toBe(0);
  });

  it('passes on the most manufacturer data one AD structure holds (254 bytes)', async () => {
    const { bindings, heard } = await started();
    discover(bindings, { manufacturerData: Buffer.alloc(254, 0xab) }, -60);
    expect(heard[0]?.manufacturerData).toEqual(new Uint8Array(254).fill(0xab));
  });

  it('passes malformed beacon frames on as such, never as frames', async () => {
    const { bindings, heard } = await started();
    discover(bindings, { serviceData: [{ uuid: 'feaa', data: Buffer.from('10ee030e', 'hex') }] }, -70);
    expect(heard[0]?.frames).toEqual([]);
    expect(heard[0]?.malformed.map((e) => e.kind)).toEqual(['bad-url-byte']);
  });

  it.each([
    ['RSSI 127 (not available)', {}, 127],
    ['a fractional RSSI', {}, -60.5],
    ['a string RSSI', {}, '-60'],
    ['manufacturer data as text', { manufacturerData: 'hello' }, -60],
    ['service data without bytes', { serviceData: [{ uuid: 'feaa' }] }, -60],
  ])('drops and counts a peripheral with %s', async (_what, advertisement, rssi) => {
    const { bindings, heard, scanner } = await started();
    discover(bindings, advertisement, rssi);
    expect(heard).toEqual([]);
    expect(scanner.rejected).toBe(1);
  });

  it('hears nothing after stop', async () => {
    const { bindings, heard, scanner } = await started();
    await scanner.stop();
    discover(bindings, {}, -60);
    expect(heard).toEqual([]);
    expect(scanner.scanning).toBe(false);
  });
});
