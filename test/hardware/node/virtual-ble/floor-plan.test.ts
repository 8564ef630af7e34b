import { describe, expect, it } from 'vitest';
import { cartPositionAt, checkPlan, type FloorPlan } from '../../../../hardware/node/virtual-ble/floor-plan.js';

const path = [
  { atMs: 1000, x: 0, y: 0 },
  { atMs: 3000, x: 10, y: 0 },
  { atMs: 3000, x: 10, y: 5 },
  { atMs: 5000, x: 10, y: 15 },
];

const beacon = { id: 'lane-1', address: 'c0:ff:ee:00:00:01', position: { x: 5, y: 5 }, powerAt1m: -59, intervalMs: 100, frames: [] };

describe('cart path', () => {
  it('waits at the start, moves in straight lines, jumps at equal times, stays at the end', () => {
    expect(cartPositionAt(path, 0)).toMatchObject({ x: 0, y: 0 });
    expect(cartPositionAt(path, 2000)).toEqual({ x: 5, y: 0 });
    expect(cartPositionAt(path, 3000)).toEqual({ x: 10, y: 0 });
    expect(cartPositionAt(path, 4000)).toEqual({ x: 10, y: 10 });
    expect(cartPositionAt(path, 1e9)).toMatchObject({ x: 10, y: 15 });
  });

  it('needs a waypoint', () => {
    expect(() => cartPositionAt([], 0)).toThrow(RangeError);
  });
});

describe('checkPlan', () => {
  const plan: FloorPlan = { widthM: 20, depthM: 20, beacons: [beacon] };
  it('accepts a sound plan', () => {
    expect(() => checkPlan(plan, path)).not.toThrow();
  });

  it.each([
    ['a floor of no size', { ...plan, widthM: 0 }, path, 'width'],
    ['a beacon off the floor', { ...plan, beacons: [{ ...beacon, position: { x: 30, y: 1 } }] }, path, 'outside'],
    ['two beacons with one name', { ...plan, beacons: [beacon, beacon] }, path, 'two beacons'],
    ['a bad address', { ...plan, beacons: [{ ...beacon, address: 'nope' }] }, path, 'address'],
    ['a 5 ms interval', { ...plan, beacons: [{ ...beacon, intervalMs: 5 }] }, path, '20-10240'],
    ['a waypoint off the floor', plan, [{ atMs: 0, x: -1, y: 0 }], 'outside'],
    ['time running backwards', plan, [{ atMs: 10, x: 0, y: 0 }, { atMs: 5, x: 1, y: 1 }], 'earlier'],
    ['no path', plan, [], 'waypoint'],
    ['a strip off the floor', { ...plan, strips: [{ id: 's', from: { x: 1, y: 1 }, to: { x: 21, y: 1 } }] }, path, 'runs off the floor'],
    ['a strip of no length', { ...plan, strips: [{ id: 's', from: { x: 1, y: 1 }, to: { x: 1, y: 1 } }] }, path, 'no length'],
    ['two strips with one name', { ...plan, strips: [{ id: 's', from: { x: 1, y: 1 }, to: { x: 2, y: 1 } }, { id: 's', from: { x: 3, y: 1 }, to: { x: 4, y: 1 } }] }, path, 'two strips'],
  ])('refuses %s', (_what, p, w, message) => {
    expect(() => checkPlan(p as FloorPlan, w)).toThrow(message);
  });
});
