import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { BleAdvertisement } from '../../../../hardware/common/ble/advertisement.js';
import { NobleBleScanner } from '../../../../hardware/node/ble/noble-scanner.js';
import type { FloorPlan } from '../../../../hardware/node/virtual-ble/floor-plan.js';
import { advertisementOf, VirtualBleWorld } from '../../../../hardware/node/virtual-ble/world.js';

const LANE_UUID = 'f7826da6-4fa2-4e98-8024-bc5b71e0893e';
const plan: FloorPlan = {
  widthM: 40,
  depthM: 30,
  beacons: [
    { id: 'exit-lane', address: 'c0:ff:ee:00:00:01', position: { x: 2, y: 1 }, powerAt1m: -59, intervalMs: 100, frames: [{ type: 'ibeacon', uuid: LANE_UUID, major: 1, minor: 7, measuredPower: -59 }] },
    {
      id: 'dairy',
      address: 'c0:ff:ee:00:00:02',
      position: { x: 35, y: 25 },
      powerAt1m: -65,
      intervalMs: 1000,
      frames: [
        { type: 'eddystone-uid', txPower: -24, namespace: 'edd1ebeac04e5defa017', instance: '0000000000d1' },
        { type: 'eddystone-tlm', batteryMv: 2900, temperatureC: 4.5, advertisementCount: 10, uptimeS: 100 },
      ],
    },
    {
      id: 'rotating-token',
      address: 'c0:ff:ee:00:00:03',
      position: { x: 3, y: 1 },
      powerAt1m: -59,
      intervalMs: 250,
      // A new 8-byte token every 10 s (what an exit lane's keyed token looks like on the air).
      frames: (now) => [{ type: 'eddystone-eid', txPower: -20, eid: Math.floor(now / 10_000).toString(16).padStart(16, '0') }],
    },
  ],
};

// The cart walks from the back of the store (near dairy) to the exit lane in 40 s.
const path = [
  { atMs: 0, x: 34, y: 24 },
  { atMs: 40_000, x: 2, y: 2 },
];

const flush = () => new Promise<void>((r) => setImmediate(r));

async function scanWorld(seed: number) {
  const clock = new SimulatedClock(0);
  const world = new VirtualBleWorld({ clock, random: seededRandom(seed), plan, path });
  const scanner = new NobleBleScanner({ clock, bindings: world.bindings });
  const heard: BleAdvertisement[] = [];
  scanner.on('advertisement', (a) => heard.push(a));
  await scanner.start();
  return { clock, world, scanner, heard };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('virtual BLE world through noble', () => {
  it('delivers each beacon’s frames through the real noble and scanner code', async () => {
    const { clock, heard, scanner } = await scanWorld(1);
    expect(scanner.scanning).toBe(true);
    clock.advance(40_000);
    const byAddress = (a: string) => heard.filter((h) => h.address === a);
    const lane = byAddress('c0:ff:ee:00:00:01');
    expect(lane[0]?.frames).toEqual([{ type: 'ibeacon', uuid: LANE_UUID, major: 1, minor: 7, measuredPower: -59 }]);
    const dairy = byAddress('c0:ff:ee:00:00:02').flatMap((h) => h.frames.map((f) => f.type));
    expect(dairy).toContain('eddystone-uid');
    expect(dairy).toContain('eddystone-tlm');
    const tokens = new Set(byAddress('c0:ff:ee:00:00:03').flatMap((h) => h.frames.map((f) => (f.type === 'eddystone-eid' ? f.eid : ''))));
    expect(tokens.size).toBeGreaterThanOrEqual(3);
    expect(heard.every((h) => h.malformed.length === 0)).toBe(true);
    expect(heard.every((h, i) => i === 0 || h.timestamp >= (heard[i - 1] as BleAdvertisement).timestamp)).toBe(true);
    await scanner.stop();
  });

  it('makes the lane beacon louder as the cart approaches, with metres of noise', async () => {
    const { clock, heard } = await scanWorld(2);
    clock.advance(40_000);
    const lane = heard.filter((h) => h.address === 'c0:ff:ee:00:00:01');
    const within = (from: number, to: number) => lane.filter((h) => h.timestamp >= from && h.timestamp < to).map((h) => h.rssi);
    // 40 m away, behind the shelves, the lane is at the edge of hearing: a packet now and then.
    expect(within(0, 5000).length).toBeLessThan(10);
    const middle = within(20_000, 30_000);
    const late = within(35_000, 40_000);
    expect(middle.length).toBeGreaterThan(10);
    expect(mean(late) - mean(middle)).toBeGreaterThan(8);
    // Near the lane a 100 ms beacon is heard most of the time (10% packet loss).
    expect(late.length).toBeGreaterThan(35);
    // ...but single readings scatter: presence needs filtering.
    expect(Math.max(...late) - Math.min(...late)).toBeGreaterThan(5);
  });

  it('is the same run for the same seed, and a different one for another', async () => {
    const a = await scanWorld(42);
    const b = await scanWorld(42);
    const c = await scanWorld(43);
    for (const w of [a, b, c]) w.clock.advance(5000);
    const trace = (h: BleAdvertisement[]) => h.map((x) => `${x.timestamp.toFixed(3)} ${x.address} ${x.rssi}`);
    expect(trace(a.heard)).toEqual(trace(b.heard));
    expect(trace(a.heard)).not.toEqual(trace(c.heard));
  });

  it('stops advertising timers when scanning stops', async () => {
    const { clock, heard, scanner } = await scanWorld(5);
    clock.advance(1000);
    await scanner.stop();
    const count = heard.length;
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(heard.length).toBe(count);
  });

  it('reports the adapter going off, and resumes scanning when it is back', async () => {
    const { clock, heard, scanner, world } = await scanWorld(6);
    const states: string[] = [];
    scanner.on('state', (s) => states.push(s));
    world.bindings.setAdapterState('poweredOff');
    expect(scanner.scanning).toBe(false);
    clock.advance(5000);
    const during = heard.length;
    world.bindings.setAdapterState('poweredOn');
    await flush();
    clock.advance(5000);
    expect(states).toEqual(['poweredOff', 'poweredOn']);
    expect(scanner.scanning).toBe(true);
    expect(heard.length).toBeGreaterThan(during);
  });

  it('fails start with adapter-off when Bluetooth is switched off', async () => {
    const clock = new SimulatedClock();
    const world = new VirtualBleWorld({ clock, random: seededRandom(1), plan, path });
    world.bindings.setAdapterState('poweredOff');
    const scanner = new NobleBleScanner({ clock, bindings: world.bindings });
    await expect(scanner.start()).rejects.toMatchObject({ name: 'BleError', kind: 'adapter-off' });
    expect(scanner.scanning).toBe(false);
  });

  it('refuses a plan with a beacon outside the store', () => {
    const bad: FloorPlan = { ...plan, beacons: [{ ...(plan.beacons[0] as FloorPlan['beacons'][number]), position: { x: 99, y: 0 } }] };
    expect(() => new VirtualBleWorld({ clock: new SimulatedClock(), random: seededRandom(1), plan: bad, path })).toThrow(RangeError);
  });
});

describe('advertisementOf', () => {
  const beacon = plan.beacons[0] as FloorPlan['beacons'][number];

  it('sends a manufacturer-data frame’s bytes as the packet’s manufacturer data, as they are', () => {
    const data = new Uint8Array([0xff, 0xff, 0x01, 0x02, 0x03]);
    const ad = advertisementOf(beacon, { type: 'manufacturer-data', data });
    expect(ad).toEqual({ address: beacon.address, manufacturerData: Buffer.from(data), serviceData: [], serviceUuids: [] });
    // A copy: the beacon changing its buffer later does not change a packet already sent.
    data[2] = 9;
    expect(ad.manufacturerData?.[2]).toBe(1);
  });
});
