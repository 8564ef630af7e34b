import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { FaultCleared, HardwareFault } from '../../../../hardware/common/faults.js';
import { CART_PINS } from '../../../../hardware/common/pin-map.js';
import { LANE_STRIP_DEVICE, LaneStripSwitch } from '../../../../hardware/node/signals/lane-strip-switch.js';
import { VirtualContact } from '../../../../hardware/node/virtual-devices/contact.js';
import { readyCartBoard, run } from './cart-board.js';

/** The switch's driver on a virtual Uno, its hall switch on the mapped pin, and what it reported. */
async function stripOnBoard(options: { bounceMs: number; seed?: number }) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const { virtual, board } = await readyCartBoard(clock);
  const strip = new LaneStripSwitch({ board, clock });
  const hall = new VirtualContact({ board: virtual, clock, random: seededRandom(options.seed ?? 1), pin: CART_PINS.laneStrip, bounceMs: options.bounceMs });
  const crossed: number[] = [];
  const faults: HardwareFault[] = [];
  const cleared: FaultCleared[] = [];
  strip.on('crossed', (at) => crossed.push(at));
  strip.on('fault', (f) => faults.push(f));
  strip.on('fault-cleared', (c) => cleared.push(c));
  await run(clock, 50, 1);
  return { clock, virtual, strip, hall, crossed, faults, cleared };
}

/** Rolls the cart over a strip: the switch closed for `overMs`. */
async function rollOver(clock: SimulatedClock, hall: VirtualContact, overMs = 80): Promise<void> {
  hall.close();
  await run(clock, overMs, 1);
  hall.open();
  await run(clock, 50, 1);
}

describe('LaneStripSwitch over johnny-five on the virtual board', () => {
  it('reports a crossing with the time the switch closed, from the injected clock', async () => {
    const { clock, strip, hall, crossed, faults } = await stripOnBoard({ bounceMs: 0 });
    const t0 = clock.now();
    await rollOver(clock, hall);
    expect(crossed).toHaveLength(1);
    // Closed at t0, counted after the 10 ms debounce, and at most one wire tick later.
    expect((crossed[0] ?? 0) - t0).toBeGreaterThanOrEqual(10);
    expect((crossed[0] ?? 0) - t0).toBeLessThanOrEqual(12);
    expect(faults).toEqual([]);
    expect(strip.closed).toBe(false);
    strip.close();
  });

  it('hears a cart pushed briskly over the tape (closed for only 25 ms)', async () => {
    const { clock, strip, hall, crossed } = await stripOnBoard({ bounceMs: 2 });
    await rollOver(clock, hall, 25);
    expect(crossed).toHaveLength(1);
    strip.close();
  });

  it.each([1, 2, 3, 4, 5])('counts a flickering switch as one crossing per strip (seed %i)', async (seed) => {
    const { clock, strip, hall, crossed } = await stripOnBoard({ bounceMs: 6, seed });
    for (let i = 0; i < 4; i++) await rollOver(clock, hall, 60);
    expect(crossed).toHaveLength(4);
    strip.close();
  });

  it('ignores a glitch on the pin shorter than the debounce time', async () => {
    const { clock, virtual, strip, crossed } = await stripOnBoard({ bounceMs: 0 });
    virtual.setDigitalInput(CART_PINS.laneStrip, 0);
    await run(clock, 5, 1);
    virtual.setDigitalInput(CART_PINS.laneStrip, 1);
    await run(clock, 100, 1);
    expect(crossed).toEqual([]);
    strip.close();
  });

  it('turns a switch stuck closed into one stuck fault, reports nothing more while it stays closed, and clears it when it opens', async () => {
    const { clock, strip, hall, crossed, faults, cleared } = await stripOnBoard({ bounceMs: 3 });
    const t0 = clock.now();
    hall.close();
    await run(clock, 1900, 5);
    expect(faults).toEqual([]);
    await run(clock, 200, 5);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ device: LANE_STRIP_DEVICE, code: 'stuck' });
    expect((faults[0]?.at ?? 0) - t0).toBeGreaterThanOrEqual(2000);
    expect((faults[0]?.at ?? 0) - t0).toBeLessThanOrEqual(2010);
    expect(faults[0]?.message).toMatch(/closed for over 2 s/);
    expect(strip.faults.map((f) => f.code)).toEqual(['stuck']);
    // The close that began it was a crossing; ten more seconds closed are neither crossings nor more faults.
    await run(clock, 10_000, 20);
    expect(crossed).toHaveLength(1);
    expect(faults).toHaveLength(1);
    hall.open();
    await run(clock, 50, 1);
    expect(cleared).toEqual([{ device: LANE_STRIP_DEVICE, code: 'stuck', at: expect.any(Number) as number }]);
    expect(strip.faults).toEqual([]);
    await rollOver(clock, hall);
    expect(crossed).toHaveLength(2);
    expect(faults).toHaveLength(1);
    strip.close();
  });

  it('takes a slow roll-over (1.5 s, a cart eased over the tape) as a crossing, not a fault', async () => {
    const { clock, strip, hall, crossed, faults } = await stripOnBoard({ bounceMs: 3 });
    await rollOver(clock, hall, 1500);
    expect(crossed).toHaveLength(1);
    expect(faults).toEqual([]);
    strip.close();
  });

  it('still hears crossings after the board was unplugged and came back', async () => {
    const { clock, virtual, strip, hall, crossed } = await stripOnBoard({ bounceMs: 2 });
    virtual.disconnect();
    await run(clock, 500, 5);
    virtual.reconnect();
    await run(clock, 200, 5);
    expect(crossed).toEqual([]);
    await rollOver(clock, hall);
    expect(crossed).toHaveLength(1);
    strip.close();
  });

  it('clears a stuck fault when the switch opened while the board was unplugged', async () => {
    const { clock, virtual, strip, hall, crossed, faults, cleared } = await stripOnBoard({ bounceMs: 0 });
    hall.close();
    await run(clock, 2100, 5);
    expect(faults).toHaveLength(1);
    virtual.disconnect();
    hall.open();
    await run(clock, 500, 5);
    expect(cleared).toEqual([]);
    virtual.reconnect();
    await run(clock, 200, 5);
    expect(cleared).toHaveLength(1);
    await rollOver(clock, hall);
    expect(crossed).toHaveLength(2);
    strip.close();
  });

  it('reports nothing once closed', async () => {
    const { clock, strip, hall, crossed } = await stripOnBoard({ bounceMs: 0 });
    strip.close();
    await rollOver(clock, hall);
    expect(crossed).toEqual([]);
  });

  it('refuses a stuck time no longer than the debounce', async () => {
    const clock = new SimulatedClock();
    const { board } = await readyCartBoard(clock);
    expect(() => new LaneStripSwitch({ board, clock, debounceMs: 50, stuckAfterMs: 50 })).toThrow(RangeError);
  });
});

/** A2 read as digital pin 16: a free pin that is not PWM, where docs/cart-hardware.md wires the north switch. */
const NORTH_PIN = 16;

describe('LaneStripSwitch with a north-pole switch beside the south one', () => {
  async function twoSwitches() {
    const clock = new SimulatedClock(1_700_000_000_000);
    const { virtual, board } = await readyCartBoard(clock);
    const strip = new LaneStripSwitch({ board, clock, northPin: NORTH_PIN });
    const south = new VirtualContact({ board: virtual, clock, random: seededRandom(1), pin: CART_PINS.laneStrip, bounceMs: 2 });
    const north = new VirtualContact({ board: virtual, clock, random: seededRandom(2), pin: NORTH_PIN, bounceMs: 2 });
    const crossed: [number, string | undefined][] = [];
    const faults: HardwareFault[] = [];
    const cleared: FaultCleared[] = [];
    strip.on('crossed', (at, pole) => crossed.push([at, pole]));
    strip.on('fault', (f) => faults.push(f));
    strip.on('fault-cleared', (c) => cleared.push(c));
    await run(clock, 50, 1);
    return { clock, strip, south, north, crossed, faults, cleared };
  }

  it('says which pole each strip had', async () => {
    const { clock, strip, south, north, crossed } = await twoSwitches();
    await rollOver(clock, north);
    await rollOver(clock, south);
    await rollOver(clock, north);
    expect(crossed.map(([, pole]) => pole)).toEqual(['north', 'south', 'north']);
    expect(strip.closed).toBe(false);
    strip.close();
  });

  it('keeps the stuck fault until neither switch is held closed', async () => {
    const { clock, strip, south, north, crossed, faults, cleared } = await twoSwitches();
    south.close();
    north.close();
    await run(clock, 2_100, 5);
    expect(faults).toHaveLength(1);
    expect(faults[0]?.message).toMatch(/pole switch/);
    south.open();
    await run(clock, 100, 5);
    expect(cleared).toEqual([]);
    north.open();
    await run(clock, 100, 5);
    expect(cleared).toHaveLength(1);
    expect(crossed).toHaveLength(2);
    strip.close();
  });

  it('refuses a north switch on the south switch pin', async () => {
    const clock = new SimulatedClock();
    const { board } = await readyCartBoard(clock);
    expect(() => new LaneStripSwitch({ board, clock, northPin: CART_PINS.laneStrip })).toThrow(/pin of its own/);
  });
});
