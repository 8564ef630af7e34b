import { describe, expect, it } from 'vitest';
import type { StripSensorPort } from '../../../cart-app/node/exit-lane/exit-lane-watch.js';
import { seededRandom } from '../../../domain/common/random.js';
import type { HardwareFault } from '../../../hardware/common/faults.js';
import { cartPositionAt, type CartWaypoint, type FloorStrip } from '../../../hardware/node/virtual-ble/floor-plan.js';
import { VirtualStripSensor } from '../../../hardware/node/virtual-ble/strip-sensor.js';
import { rollOverStrips } from '../../../hardware/node/virtual-devices/lane-strip.js';
import { openVirtualCartHardware } from './fixtures/virtual-cart-hardware.js';
import { run } from './virtual-board/settle.js';

const mouth: FloorStrip = { id: 'lane-1-mouth', from: { x: 9.4, y: 4 }, to: { x: 10.6, y: 4 } };

describe('the lane-strip switch on the whole virtual cart', () => {
  it('is not there unless fitted', async () => {
    const { cart, hardware } = await openVirtualCartHardware(1);
    expect(hardware.laneStrip).toBeNull();
    hardware.close();
    cart.stop();
  });

  it('carries a crossing of the virtual floor over the Firmata wire to a strip sensor the exit-lane watch takes', async () => {
    const { clock, cart, hardware } = await openVirtualCartHardware(2, { laneStrip: 'one-switch' });
    const t0 = clock.now();
    // Into the lane at 1 m/s: over the strip 2 s from now.
    const path: CartWaypoint[] = [
      { atMs: t0, x: 10, y: 6 },
      { atMs: t0 + 2_000, x: 10, y: 4 },
      { atMs: t0 + 5_000, x: 10, y: 1 },
    ];
    const world = new VirtualStripSensor({ clock, random: seededRandom(3), strips: [mouth], position: () => cartPositionAt(path, clock.now()), missRate: 0 });
    const unfollow = rollOverStrips(world, cart.laneStrip, clock);
    const sensor = hardware.laneStrip;
    if (!sensor) throw new Error('the lane-strip switch was fitted');
    // Checked by the compiler: the driver is what the watch's `strip` option asks for.
    const port: StripSensorPort = sensor;
    const crossed: number[] = [];
    const faults: HardwareFault[] = [];
    port.on('crossed', (at) => crossed.push(at));
    sensor.on('fault', (f) => faults.push(f));
    world.start();
    await run(clock, 6_000, 5);
    expect(crossed).toHaveLength(1);
    // The world's 20 ms sample, the switch's flicker and the 10 ms debounce, over the wire.
    expect((crossed[0] ?? 0) - (t0 + 2_000)).toBeGreaterThanOrEqual(10);
    expect((crossed[0] ?? 0) - (t0 + 2_000)).toBeLessThanOrEqual(40);
    expect(faults).toEqual([]);
    // A strip fault is for staff, not the shopper's pole light.
    cart.laneStrip.close();
    await run(clock, 2_500, 5);
    expect(faults.map((f) => f.code)).toEqual(['stuck']);
    expect(hardware.signals.condition.faults).toEqual([]);
    world.stop();
    unfollow();
    expect(cart.laneStrip.closed).toBe(false);
    hardware.close();
    cart.stop();
  });

  /**
   * The cart fitted with `laneStrip`, pushed at 1 m/s from y = 5 to y = 2 over `strips` (at y = 4
   * and 3), its virtual switches following the floor: the pole of each crossing its driver reports.
   */
  async function polesFelt(seed: number, laneStrip: 'one-switch' | 'both-poles', strips: readonly FloorStrip[]): Promise<(string | undefined)[]> {
    const { clock, cart, hardware } = await openVirtualCartHardware(seed, { laneStrip });
    const t0 = clock.now();
    const path: CartWaypoint[] = [
      { atMs: t0, x: 10, y: 5 },
      { atMs: t0 + 3_000, x: 10, y: 2 },
    ];
    const world = new VirtualStripSensor({ clock, random: seededRandom(seed + 1), strips, position: () => cartPositionAt(path, clock.now()), missRate: 0 });
    const unfollow = rollOverStrips(world, laneStrip === 'both-poles' ? { south: cart.laneStrip, north: cart.laneStripNorth } : cart.laneStrip, clock);
    const poles: (string | undefined)[] = [];
    hardware.laneStrip?.on('crossed', (_at, pole) => poles.push(pole));
    world.start();
    await run(clock, 3_500, 5);
    world.stop();
    unfollow();
    hardware.close();
    cart.stop();
    return poles;
  }

  const twoPoles: FloorStrip[] = [
    { ...mouth, pole: 'north' },
    { id: 'south-up-tape', from: { x: 9.4, y: 3 }, to: { x: 10.6, y: 3 }, pole: 'south' },
  ];

  it('with a switch for each pole, says which pole each strip of the floor had', async () => {
    expect(await polesFelt(4, 'both-poles', twoPoles)).toEqual(['north', 'south']);
  });

  it('with one switch, feels strips of either pole but cannot say which', async () => {
    expect(await polesFelt(6, 'one-switch', twoPoles)).toEqual([undefined, undefined]);
  });
});
