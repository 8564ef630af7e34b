import { describe, expect, it } from 'vitest';
import { checkPlan, type TransmittedFrame } from '../../../../hardware/node/virtual-ble/floor-plan.js';
import { INNER_STRIP_M, LANE_BEACON_POWER_AT_1M, LANE_MOUTH_Y, LANE_SPACING_M, storeFront, stripPoleOf } from '../../../../hardware/node/virtual-ble/store-front.js';

describe('storeFront', () => {
  it('lays out the installation the presence rule was tuned on: four beacons per lane, 0.6 m and 1.4 m inside its mouth on both sides', () => {
    const front = storeFront({ lanes: [1, 2, 3, 4] });
    expect(front.plan.beacons).toHaveLength(16);
    expect(front.lanes).toEqual([1, 2, 3, 4]);
    for (const laneId of front.lanes) {
      const x = front.laneX(laneId);
      const beacons = front.plan.beacons.filter((b) => front.beaconLanes.get(b.address) === laneId);
      expect(beacons.map((b) => [Number((b.position.x - x).toFixed(2)), Number((LANE_MOUTH_Y - b.position.y).toFixed(2))])).toEqual([
        [0.65, 0.6],
        [0.65, 1.4],
        [-0.65, 0.6],
        [-0.65, 1.4],
      ]);
      for (const b of beacons) expect(b).toMatchObject({ heightM: 1, powerAt1m: -59, intervalMs: 100 });
    }
    expect(LANE_BEACON_POWER_AT_1M).toBe(-59);
    expect([2, 3, 4].map((id) => front.laneX(id) - front.laneX(id - 1))).toEqual([LANE_SPACING_M, LANE_SPACING_M, LANE_SPACING_M]);
    expect(new Set(front.plan.beacons.map((b) => b.address)).size).toBe(16);
    expect(() => checkPlan(front.plan, [{ atMs: 0, x: 28, y: 15 }])).not.toThrow();
  });

  it('lays two 1.2 m strips across each lane, at its mouth and 35 cm in, that stop well short of the neighbouring lane', () => {
    const front = storeFront({ lanes: [1, 2] });
    const strips = front.plan.strips ?? [];
    expect(strips.map((s) => s.id)).toEqual(['lane-1-mouth', 'lane-1-inner', 'lane-2-mouth', 'lane-2-inner']);
    const [mouth, inner, next] = strips;
    expect(mouth).toEqual({ id: 'lane-1-mouth', from: { x: front.laneX(1) - 0.6, y: LANE_MOUTH_Y }, to: { x: front.laneX(1) + 0.6, y: LANE_MOUTH_Y }, pole: 'north' });
    expect(inner).toEqual({ id: 'lane-1-inner', from: { x: front.laneX(1) - 0.6, y: LANE_MOUTH_Y - INNER_STRIP_M }, to: { x: front.laneX(1) + 0.6, y: LANE_MOUTH_Y - INNER_STRIP_M }, pole: 'north' });
    expect(INNER_STRIP_M).toBeGreaterThanOrEqual(0.3);
    // Short of the first beacons (0.6 m in), and well past the switch's 80 mm over a strip.
    expect(INNER_STRIP_M).toBeLessThan(0.6);
    // A cart going down lane 1's centre line never touches lane 2's strips, nor between the lanes.
    expect((next?.from.x ?? 0) - (mouth?.to.x ?? 0)).toBeCloseTo(LANE_SPACING_M - 1.2, 9);
  });

  it('lays odd lanes\' strips north up and even lanes\' south up, so neighbours never share a pole', () => {
    const front = storeFront({ lanes: [7, 8, 9, 12] });
    expect((front.plan.strips ?? []).map((s) => `${s.id} ${s.pole}`)).toEqual([
      'lane-7-mouth north',
      'lane-7-inner north',
      'lane-8-mouth south',
      'lane-8-inner south',
      'lane-9-mouth north',
      'lane-9-inner north',
      'lane-12-mouth south',
      'lane-12-inner south',
    ]);
    expect([0, 1, 2, 65535].map(stripPoleOf)).toEqual(['south', 'north', 'south', 'north']);
  });

  it('places lanes by their order, whatever their ids, and puts the id in two bytes of each address', () => {
    const small = storeFront({ lanes: [1, 2] });
    const front = storeFront({ lanes: [7, 0x1234] });
    expect(front.laneX(7)).toBe(small.laneX(1));
    expect(front.laneX(0x1234)).toBe(small.laneX(2));
    expect(front.beaconLanes.get('c0:ff:ee:12:34:03')).toBe(0x1234);
    expect(front.beaconLanes.get('c0:ff:ee:00:07:00')).toBe(7);
    expect(storeFront({ lanes: [0, 0xffff] }).beaconLanes.get('c0:ff:ee:ff:ff:01')).toBe(0xffff);
  });

  it('gives each lane beacon the frames asked for, and a placeholder that presence does not read by default', () => {
    const token = (laneId: number): TransmittedFrame[] => [{ type: 'manufacturer-data', data: new Uint8Array([0xff, 0xff, laneId]) }];
    const front = storeFront({ lanes: [3, 5], frames: (laneId) => () => token(laneId) });
    const lane5 = front.plan.beacons.find((b) => b.id === 'lane-5-2');
    expect(typeof lane5?.frames === 'function' ? lane5.frames(0) : undefined).toEqual(token(5));
    const plain = storeFront({ lanes: [3] }).plan.beacons[1];
    expect(plain?.frames).toEqual([{ type: 'eddystone-uid', txPower: -100, namespace: '7a11e00000000000000e', instance: 'c0ffee000301' }]);
  });

  it('refuses no lanes, a lane twice, and lane ids that do not fit two bytes', () => {
    for (const lanes of [[], [1, 1], [-1], [1.5], [0x10000], [Number.NaN]]) expect(() => storeFront({ lanes }), String(lanes)).toThrow(RangeError);
    expect(() => storeFront({ lanes: [1] }).laneX(2)).toThrow(/no lane 2/);
  });
});
