import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { cartPositionAt, type CartWaypoint, type FloorStrip } from '../../../../hardware/node/virtual-ble/floor-plan.js';
import { crosses, VirtualStripSensor } from '../../../../hardware/node/virtual-ble/strip-sensor.js';

const strip: FloorStrip = { id: 'mouth', from: { x: 9.4, y: 4 }, to: { x: 10.6, y: 4 } };

describe('crosses', () => {
  it('is a move from one side of the strip to the other, between its ends, either way', () => {
    expect(crosses({ x: 10, y: 5 }, { x: 10, y: 3 }, strip)).toBe(true);
    expect(crosses({ x: 10, y: 3 }, { x: 10.2, y: 5 }, strip)).toBe(true);
    expect(crosses({ x: 9, y: 5 }, { x: 11, y: 3 }, strip)).toBe(true);
  });

  it('is not a move that stays on one side, runs alongside, or passes beyond an end', () => {
    expect(crosses({ x: 3, y: 5.5 }, { x: 27, y: 5.5 }, strip)).toBe(false);
    expect(crosses({ x: 10, y: 5 }, { x: 10, y: 4.01 }, strip)).toBe(false);
    expect(crosses({ x: 11, y: 5 }, { x: 11, y: 3 }, strip)).toBe(false);
    expect(crosses({ x: 8, y: 4.5 }, { x: 9.3, y: 3.5 }, strip)).toBe(false);
  });

  it('counts stopping on the strip and going on once, not twice', () => {
    const onIt = { x: 10, y: 4 };
    expect(Number(crosses({ x: 10, y: 5 }, onIt, strip)) + Number(crosses(onIt, { x: 10, y: 3 }, strip))).toBe(1);
    expect(Number(crosses({ x: 10, y: 3 }, onIt, strip)) + Number(crosses(onIt, { x: 10, y: 5 }, strip))).toBe(1);
  });
});

function drive(path: readonly CartWaypoint[], { seed = 1, ...options }: { missRate?: number; seed?: number; sampleMs?: number } = {}) {
  const clock = new SimulatedClock(0);
  const sensor = new VirtualStripSensor({ clock, random: seededRandom(seed), strips: [strip], position: () => cartPositionAt(path, clock.now()), ...options });
  const crossed: number[] = [];
  sensor.on('crossed', (at) => crossed.push(at));
  sensor.start();
  return { clock, sensor, crossed };
}

// Into the lane at 1 m/s: over the strip at 2 s, then out of the far end.
const through: CartWaypoint[] = [
  { atMs: 0, x: 10, y: 6 },
  { atMs: 2_000, x: 10, y: 4 },
  { atMs: 5_000, x: 10, y: 1 },
];

describe('VirtualStripSensor', () => {
  it('reports one crossing, within a board sample of the cart rolling over the strip', () => {
    const { clock, crossed } = drive(through, { missRate: 0 });
    clock.advance(6_000);
    expect(crossed).toHaveLength(1);
    expect(crossed[0]).toBeGreaterThanOrEqual(2_000);
    expect(crossed[0]).toBeLessThanOrEqual(2_020);
  });

  it('reports nothing for a cart that walks along the lanes, or stands on the strip', () => {
    const along = drive(
      [
        { atMs: 0, x: 3, y: 5.5 },
        { atMs: 20_000, x: 27, y: 5.5 },
      ],
      { missRate: 0 },
    );
    along.clock.advance(21_000);
    expect(along.crossed).toEqual([]);
    const parked = drive([{ atMs: 0, x: 10, y: 4 }], { missRate: 0 });
    parked.clock.advance(5_000);
    expect(parked.crossed).toEqual([]);
  });

  it('misses about its miss rate of crossings', () => {
    let felt = 0;
    for (let seed = 0; seed < 400; seed++) {
      const { clock, crossed } = drive(through, { missRate: 0.25, seed, sampleMs: 100 });
      clock.advance(3_000);
      felt += crossed.length;
    }
    expect(felt / 400).toBeGreaterThan(0.68);
    expect(felt / 400).toBeLessThan(0.82);
  });

  it('reads nothing once stopped, and leaves no timer behind', () => {
    const { clock, sensor, crossed } = drive(through, { missRate: 0 });
    clock.advance(1_000);
    sensor.stop();
    expect(clock.pending).toBe(0);
    clock.advance(5_000);
    expect(crossed).toEqual([]);
  });

  it('refuses a miss rate outside 0-1 and a sample interval of 0', () => {
    const base = { clock: new SimulatedClock(), random: seededRandom(1), strips: [strip], position: () => ({ x: 0, y: 0 }) };
    expect(() => new VirtualStripSensor({ ...base, missRate: 1.5 })).toThrow(RangeError);
    expect(() => new VirtualStripSensor({ ...base, missRate: Number.NaN })).toThrow(RangeError);
    expect(() => new VirtualStripSensor({ ...base, sampleMs: 0 })).toThrow(RangeError);
  });
});
