// The presence rule on the virtual BLE world (hardware/node/virtual-ble): a small seeded sample
// here; `npm run bench -- lane` runs the 1000-trip figures.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { DEFAULT_PRESENCE_RULE, LANE_STRIP_PRESENCE_RULE, PARITY_STRIP_PRESENCE_RULE } from '../../../../payments/common/lane/presence.js';
import { judge, runTrip, tripAlongLanes, tripThroughLane } from './lane-world.js';

describe('lane presence on the virtual BLE world', () => {
  it('finds the right lane soon after a cart enters it, and never another lane', () => {
    const random = seededRandom(61);
    const delays: number[] = [];
    for (let i = 0; i < 30; i++) {
      const trip = tripThroughLane(random, 1_000);
      const j = judge(trip, runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE }).presence);
      expect(j.wrongLane).toBe(false);
      expect(j.falseExit).toBe(false);
      if (j.detectedAfterMs !== undefined) delays.push(j.detectedAfterMs);
    }
    // Not every trip: carts with deep shadowing on their lane's beacons are found late or not
    // at all (about 2 % in the bench); the cart needs another way to start checkout for them.
    expect(delays.length).toBeGreaterThanOrEqual(28);
    delays.sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(1_000);
  });

  it('with the lane strips, finds every cart within a second of the mouth, and no cart that does not cross them', () => {
    const random = seededRandom(63);
    const sensors = seededRandom(64);
    for (let i = 0; i < 30; i++) {
      const trip = i % 2 ? tripThroughLane(random, 1_000) : tripAlongLanes(random, 1_000);
      const { strips } = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, strip: { rules: [LANE_STRIP_PRESENCE_RULE, PARITY_STRIP_PRESENCE_RULE], random: sensors.fork(), missRate: 0 } });
      for (const result of strips) {
        const j = judge(trip, result);
        expect(j.wrongLane).toBe(false);
        expect(j.falseExit).toBe(false);
        if (trip.enters) expect(j.detectedAfterMs).toBeLessThanOrEqual(1_000);
      }
    }
  });

  it('with the strips parted by pole, names the lane whose own beacons are shadowed where the plain strip rule cannot', () => {
    // Seed 20261123's trip 251 of the lane bench: lane 1, whose four beacons read 7 dB low while
    // lane 2's read 4 dB high, so that for the first second the two are heard within 1 dB.
    const random = seededRandom(20261123);
    const sensors = seededRandom(20261123 ^ 0x5717);
    for (let i = 0; i < 251; i++) {
      tripThroughLane(random, 0);
      random.fork();
      sensors.fork();
    }
    const trip = tripThroughLane(random, 0);
    expect(trip.enters?.laneId).toBe(1);
    const [plain, parity] = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, strip: { rules: [LANE_STRIP_PRESENCE_RULE, PARITY_STRIP_PRESENCE_RULE], random: sensors.fork() } }).strips.map((r) => judge(trip, r));
    expect(plain?.detectedAfterMs).toBeGreaterThan(1_000);
    expect(parity?.detectedAfterMs).toBeLessThanOrEqual(1_000);
    expect(parity?.wrongLane).toBe(false);
  });

  it('does not take a walk along the lanes, or a stop in front of one, for an exit, where the naive rule does', () => {
    const random = seededRandom(62);
    let naiveFalse = 0;
    for (let i = 0; i < 30; i++) {
      const trip = tripAlongLanes(random, 1_000);
      const result = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, naive: { thresholdDbm: -65 } });
      expect(judge(trip, result.presence).falseExit).toBe(false);
      if (judge(trip, result.naive).falseExit) naiveFalse++;
    }
    expect(naiveFalse).toBeGreaterThan(0);
  });
});
