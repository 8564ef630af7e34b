import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENCE_RULE, LANE_STRIP_PRESENCE_RULE, LanePresence, laneStripPole, PARITY_STRIP_PRESENCE_RULE, PresenceRuleError, type PresenceEvent, type PresenceRule } from '../../../../payments/common/lane/presence.js';

const rule: PresenceRule = { ...DEFAULT_PRESENCE_RULE, enterDbm: -60, leaveDbm: -75, marginDb: 6, dwellMs: 200, leaveMs: 1_000, windowMs: 500, smoothingMs: 0, riseDb: 8, riseWindowMs: 2_000 };
const beacons = new Map([
  ['a1', 1],
  ['a2', 1],
  ['b1', 2],
  ['b2', 2],
]);

/** Feeds every beacon a level every 100 ms from `fromMs` to `toMs`; returns the events. */
function feed(p: LanePresence, levels: Record<string, number>, fromMs: number, toMs: number): PresenceEvent[] {
  const events: PresenceEvent[] = [];
  for (let t = fromMs; t < toMs; t += 100) for (const [beaconId, rssi] of Object.entries(levels)) events.push(...p.observe({ beaconId, rssi, atMs: t }));
  return events;
}

describe('LanePresence', () => {
  it('enters a lane whose beacons are strong and clear of the others, after the dwell', () => {
    const p = new LanePresence(beacons, rule);
    const events = feed(p, { a1: -55, a2: -57, b1: -80, b2: -82 }, 0, 1_000);
    expect(events).toEqual([{ type: 'entered', laneId: 1, atMs: 200 }]);
    expect(p.lane).toBe(1);
  });

  it('never picks either of two lanes heard about equally (between neighbours)', () => {
    const p = new LanePresence(beacons, rule);
    expect(feed(p, { a1: -55, a2: -56, b1: -57, b2: -58 }, 0, 3_000)).toEqual([]);
    expect(p.lane).toBeNull();
  });

  it('ignores a lane that is strong for less than the dwell (walking past its mouth)', () => {
    const p = new LanePresence(beacons, rule);
    expect(feed(p, { a1: -55, a2: -55, b1: -90, b2: -90 }, 0, 100)).toEqual([]);
    expect(feed(p, { a1: -80, a2: -80, b1: -90, b2: -90 }, 100, 2_000)).toEqual([]);
  });

  it('averages a lane over its beacons, so one beacon in a lucky fade-up does not make a lane', () => {
    const p = new LanePresence(beacons, rule);
    expect(feed(p, { a1: -50, a2: -85, b1: -90, b2: -90 }, 0, 2_000)).toEqual([]);
  });

  it('enters a lane whose level has just climbed, not one that crept up (a cart standing in front of it)', () => {
    const p = new LanePresence(beacons, rule);
    const quiet = { b1: -90, b2: -90 };
    feed(p, { a1: -64, a2: -64, ...quiet }, 0, 3_000);
    // Creeping up 1 dB a second to well above enterDbm: never 8 dB within 2 s.
    const crept: PresenceEvent[] = [];
    for (let i = 0; i < 8; i++) crept.push(...feed(p, { a1: -63 + i, a2: -63 + i, ...quiet }, 3_000 + i * 1_000, 4_000 + i * 1_000));
    expect(crept).toEqual([]);
    expect(p.lane).toBeNull();
    // The same level reached by a climb, as a cart turning into the lane sees it.
    const q = new LanePresence(beacons, rule);
    feed(q, { a1: -70, a2: -70, ...quiet }, 0, 3_000);
    // The window's median turns at 3.2 s, then the dwell.
    expect(feed(q, { a1: -56, a2: -56, ...quiet }, 3_000, 4_000)).toEqual([{ type: 'entered', laneId: 1, atMs: 3_400 }]);
  });

  it('holds the lane through a dip (hysteresis), leaves when the level stays low', () => {
    const p = new LanePresence(beacons, rule);
    feed(p, { a1: -55, a2: -55 }, 0, 500);
    expect(p.lane).toBe(1);
    expect(feed(p, { a1: -70, a2: -70 }, 500, 2_500)).toEqual([]);
    const left = feed(p, { a1: -80, a2: -80 }, 2_500, 4_000);
    // The window's median turns at 2.7 s; the level must then stay low for leaveMs.
    expect(left).toEqual([{ type: 'left', laneId: 1, atMs: 3_700 }]);
  });

  it('notices silence on tick: a cart that has gone out of the door leaves the lane', () => {
    const p = new LanePresence(beacons, rule);
    feed(p, { a1: -55, a2: -55 }, 0, 500);
    expect(p.tick(900)).toEqual([]);
    const events = [...p.tick(1_000), ...p.tick(2_000)];
    expect(events).toEqual([{ type: 'left', laneId: 1, atMs: 2_000 }]);
  });

  it('moves to another lane only when that lane wins clearly for the dwell', () => {
    const p = new LanePresence(beacons, rule);
    feed(p, { a1: -55, a2: -55, b1: -80, b2: -80 }, 0, 500);
    const events = feed(p, { a1: -75, a2: -75, b1: -52, b2: -52 }, 500, 1_200);
    expect(events).toEqual([
      { type: 'left', laneId: 1, atMs: 900 },
      { type: 'entered', laneId: 2, atMs: 900 },
    ]);
  });

  it('ignores unknown beacons, non-finite readings and time running backwards', () => {
    const p = new LanePresence(beacons, rule);
    expect(feed(p, { stranger: -30 }, 0, 1_000)).toEqual([]);
    expect(p.observe({ beaconId: 'a1', rssi: Number.NaN, atMs: 1_000 })).toEqual([]);
    expect(p.observe({ beaconId: 'a1', rssi: -50, atMs: Number.POSITIVE_INFINITY })).toEqual([]);
    feed(p, { a1: -55, a2: -55 }, 1_000, 1_500);
    expect(p.lane).toBe(1);
    expect(p.observe({ beaconId: 'a1', rssi: -99, atMs: 0 })).toEqual([]);
    expect(p.tick(0)).toEqual([]);
  });

  describe('with a lane-strip crossing', () => {
    const strip: PresenceRule = { ...rule, crossing: { windowMs: 1_000, enterDbm: -72, marginDb: 4, clearMarginDb: 30 } };
    // At a lane's mouth: lane 1 clearly ahead, but neither high nor risen enough for the RSSI rule.
    const atMouth = { a1: -66, a2: -67, b1: -74, b2: -76 };

    it('enters the strongest lane at once, without rise or dwell, when the cart rolls over a strip', () => {
      const p = new LanePresence(beacons, strip);
      expect(feed(p, atMouth, 0, 2_000)).toEqual([]);
      expect(p.crossing(2_000)).toEqual([{ type: 'entered', laneId: 1, atMs: 2_000 }]);
      expect(p.lane).toBe(1);
    });

    it('ignores crossings under a rule without a crossing part (carts with no strip sensor)', () => {
      const p = new LanePresence(beacons, rule);
      feed(p, atMouth, 0, 2_000);
      expect(p.crossing(2_000)).toEqual([]);
      expect(feed(p, atMouth, 2_000, 3_000)).toEqual([]);
    });

    it('waits for the lanes to part within the window, and names none if they do not, saying so once', () => {
      const p = new LanePresence(beacons, strip);
      // Between lanes 1 and 2 at the crossing...
      feed(p, { a1: -66, a2: -66, b1: -68, b2: -68 }, 0, 1_000);
      expect(p.crossing(1_000)).toEqual([]);
      // ...then lane 1 pulls ahead as the cart goes in (once the window's median turns, at 1.2 s).
      expect(feed(p, atMouth, 1_000, 1_800)).toEqual([{ type: 'entered', laneId: 1, atMs: 1_200 }]);

      const q = new LanePresence(beacons, strip);
      feed(q, { a1: -66, a2: -66, b1: -68, b2: -68 }, 0, 1_000);
      q.crossing(1_000);
      feed(q, { a1: -66, a2: -66, b1: -68, b2: -68 }, 1_000, 2_100);
      // The crossing has expired: a clear lane afterwards does not enter by it; the cart hears once that no lane was named.
      expect(feed(q, atMouth, 2_100, 3_000)).toEqual([{ type: 'unnamed', atMs: 2_100 }]);
      expect(feed(q, atMouth, 3_000, 4_000)).toEqual([]);

      // A cart backing out of the lane it was in rolls over the strip too: that is no unnamed lane.
      const r = new LanePresence(beacons, strip);
      feed(r, atMouth, 0, 1_000);
      expect(r.crossing(1_000)).toEqual([{ type: 'entered', laneId: 1, atMs: 1_000 }]);
      feed(r, { a1: -70, a2: -70, b1: -70, b2: -70 }, 1_000, 5_000);
      expect(r.lane).toBe(1);
      const fading = { a1: -90, a2: -90, b1: -95, b2: -95 };
      feed(r, fading, 5_000, 5_300);
      // Over the strip on the way out, before the lane has faded: the crossing names nothing,
      // the cart leaves the lane, and the crossing's window closes after that.
      expect(r.crossing(5_300)).toEqual([]);
      expect(feed(r, fading, 5_300, 9_000)).toEqual([{ type: 'left', laneId: 1, atMs: expect.any(Number) as number }]);
    });

    it('names no lane when the strongest is too weak (a strip that is not at any lane)', () => {
      const p = new LanePresence(beacons, strip);
      feed(p, { a1: -80, a2: -80, b1: -95, b2: -95 }, 0, 1_000);
      expect(p.crossing(1_000)).toEqual([]);
      expect(feed(p, { a1: -80, a2: -80, b1: -95, b2: -95 }, 1_000, 3_000)).toEqual([{ type: 'unnamed', atMs: 2_100 }]);
    });

    it('names a lane heard weakly when no other lane is anywhere near it (its beacons shadowed)', () => {
      const clear: PresenceRule = { ...strip, crossing: { windowMs: 1_000, enterDbm: -62, marginDb: 4, clearMarginDb: 10 } };
      const p = new LanePresence(beacons, clear);
      feed(p, { a1: -70, a2: -70, b1: -82, b2: -82 }, 0, 1_000);
      expect(p.crossing(1_000)).toEqual([{ type: 'entered', laneId: 1, atMs: 1_000 }]);
      // Weak and only 6 dB ahead: could be a lucky neighbour, so not named.
      const q = new LanePresence(beacons, clear);
      feed(q, { a1: -70, a2: -70, b1: -76, b2: -76 }, 0, 1_000);
      expect(q.crossing(1_000)).toEqual([]);
    });

    it('counts a crossing reported after later packets from its own time, and ignores nonsense', () => {
      const p = new LanePresence(beacons, strip);
      feed(p, atMouth, 0, 2_000);
      expect(p.crossing(Number.NaN)).toEqual([]);
      expect(p.crossing(Number.POSITIVE_INFINITY)).toEqual([]);
      expect(p.lane).toBeNull();
      // Reported at 2.1 s, for a crossing at 1.5 s: still inside its window.
      expect(p.crossing(1_500)).toEqual([{ type: 'entered', laneId: 1, atMs: 1_900 }]);
      const q = new LanePresence(beacons, strip);
      feed(q, atMouth, 0, 3_000);
      // Too late: the crossing's window closed before the report came, and no lane was named.
      expect(q.crossing(1_500)).toEqual([{ type: 'unnamed', atMs: 2_900 }]);
    });

    it('names a lane from every lane it hears when its own is shadowed and a neighbour lucky (the profile)', () => {
      const front = new Map([1, 2, 3, 4].flatMap((lane) => [[`l${lane}a`, lane] as const, [`l${lane}b`, lane] as const]));
      // At lane 2's mouth: lane 1 as strong as lane 2, but lane 3 heard as a neighbour, lane 4 as two away.
      const heard = { l1a: -66, l1b: -67, l2a: -65, l2b: -67, l3a: -68, l3b: -70, l4a: -77, l4b: -79 };
      const withProfile = new LanePresence(front, LANE_STRIP_PRESENCE_RULE);
      expect(feed(withProfile, heard, 0, 2_000)).toEqual([]);
      expect(withProfile.crossing(2_000)).toEqual([{ type: 'entered', laneId: 2, atMs: 2_000 }]);
      // The rule before the profile (strongest lane, by a margin) could not tell lane 2 from lane 1.
      const without = new LanePresence(front, { ...LANE_STRIP_PRESENCE_RULE, crossing: { windowMs: 3_000, enterDbm: -62, marginDb: 4, clearMarginDb: 10 } });
      feed(without, heard, 0, 2_000);
      expect(without.crossing(2_000)).toEqual([]);
      expect(feed(without, heard, 2_000, 5_000)).toEqual([]);
    });

    it('fits the profile only while the cart is still near the mouth', () => {
      const front = new Map([1, 2, 3, 4].flatMap((lane) => [[`l${lane}a`, lane] as const, [`l${lane}b`, lane] as const]));
      const alike = { l1a: -70, l1b: -70, l2a: -70, l2b: -70, l3a: -70, l3b: -70, l4a: -70, l4b: -70 };
      const heard = { l1a: -66, l1b: -67, l2a: -65, l2b: -67, l3a: -68, l3b: -70, l4a: -77, l4b: -79 };
      const p = new LanePresence(front, LANE_STRIP_PRESENCE_RULE);
      feed(p, alike, 0, 2_000);
      expect(p.crossing(2_000)).toEqual([]);
      // Still inside the crossing's 3 s, but 1.1 s after it: the cart is past where the profile holds.
      expect(feed(p, alike, 2_000, 3_100)).toEqual([]);
      expect(feed(p, heard, 3_100, 4_500)).toEqual([]);
      const q = new LanePresence(front, LANE_STRIP_PRESENCE_RULE);
      feed(q, alike, 0, 2_000);
      q.crossing(2_000);
      expect(feed(q, heard, 2_000, 3_000)).toEqual([{ type: 'entered', laneId: 2, atMs: 2_200 }]);
    });

    it('does not name a lane again at the inner strip, a moment after the mouth\'s named one', () => {
      const front = new Map([1, 2, 3, 4].flatMap((lane) => [[`l${lane}a`, lane] as const, [`l${lane}b`, lane] as const]));
      const p = new LanePresence(front, LANE_STRIP_PRESENCE_RULE);
      // Queueing at lane 2's mouth, below the fallback's level: nothing until the strip.
      expect(feed(p, { l1a: -69, l1b: -69, l2a: -61, l2b: -62, l3a: -71, l3b: -71, l4a: -79, l4b: -79 }, 0, 3_000)).toEqual([]);
      expect(p.crossing(3_000)).toEqual([{ type: 'entered', laneId: 2, atMs: 3_000 }]);
      // 35 cm on, lane 1's beacons come in lucky for a moment (a body moves out of their way):
      // by the crossing rule alone, lane 1 would now be named; the fallback does not take it (too small a rise).
      const lucky = { l1a: -60, l1b: -60, l2a: -65, l2b: -65, l3a: -72, l3b: -72, l4a: -80, l4b: -80 };
      expect(feed(p, lucky, 3_000, 3_300)).toEqual([]);
      expect(p.crossing(3_300)).toEqual([]);
      expect(feed(p, lucky, 3_300, 4_000)).toEqual([]);
      expect(p.lane).toBe(2);
    });

    it('rules out the neighbouring lanes by the strip\'s pole in a store that lays them alternately (parity poles)', () => {
      const front = new Map([1, 2, 3, 4].flatMap((lane) => [[`l${lane}a`, lane] as const, [`l${lane}b`, lane] as const]));
      // At lane 2's mouth, its beacons shadowed and lane 1's lucky: lane 1 leads by 5 dB.
      const heard = { l1a: -61, l1b: -62, l2a: -66, l2b: -67, l3a: -72, l3b: -73, l4a: -80, l4b: -81 };
      const noPoles = new LanePresence(front, LANE_STRIP_PRESENCE_RULE);
      feed(noPoles, heard, 0, 1_000);
      expect(noPoles.crossing(1_000, 'south')).toEqual([{ type: 'entered', laneId: 1, atMs: 1_000 }]);
      const parity = new LanePresence(front, PARITY_STRIP_PRESENCE_RULE);
      feed(parity, heard, 0, 1_000);
      expect(parity.crossing(1_000, 'south')).toEqual([{ type: 'entered', laneId: 2, atMs: 1_000 }]);
      // A north strip under the same levels is lane 1's or 3's: lane 1.
      const north = new LanePresence(front, PARITY_STRIP_PRESENCE_RULE);
      feed(north, heard, 0, 1_000);
      expect(north.crossing(1_000, 'north')).toEqual([{ type: 'entered', laneId: 1, atMs: 1_000 }]);
      // A crossing with no pole (a cart with one switch) is named as without parity.
      const onePole = new LanePresence(front, PARITY_STRIP_PRESENCE_RULE);
      feed(onePole, heard, 0, 1_000);
      expect(onePole.crossing(1_000)).toEqual([{ type: 'entered', laneId: 1, atMs: 1_000 }]);
      expect([1, 2, 3, 0, 65535].map(laneStripPole)).toEqual(['north', 'south', 'north', 'south', 'north']);
    });

    it('makes the RSSI-only fallback stricter than the default rule', () => {
      expect(LANE_STRIP_PRESENCE_RULE.crossing).toBeDefined();
      expect(LANE_STRIP_PRESENCE_RULE.enterDbm).toBeGreaterThan(DEFAULT_PRESENCE_RULE.enterDbm);
      expect(LANE_STRIP_PRESENCE_RULE.riseDb).toBeGreaterThan(DEFAULT_PRESENCE_RULE.riseDb);
      expect(LANE_STRIP_PRESENCE_RULE.dwellMs).toBeGreaterThan(DEFAULT_PRESENCE_RULE.dwellMs);
      expect(() => new LanePresence(beacons, LANE_STRIP_PRESENCE_RULE)).not.toThrow();
    });
  });

  it('rejects rules that cannot work', () => {
    expect(() => new LanePresence(beacons, { ...rule, leaveDbm: -50 })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, windowMs: 0 })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, dwellMs: -1 })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, riseDb: -3 })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, riseWindowMs: Number.NaN })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, enterDbm: Number.NaN })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(new Map(), rule)).toThrow(PresenceRuleError);
    const crossing = { windowMs: 1_000, enterDbm: -72, marginDb: 4, clearMarginDb: 30 };
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, windowMs: 0 } })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, marginDb: -1 } })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, enterDbm: Number.NaN } })).toThrow(PresenceRuleError);
    const profile = { levelsDbm: [-61, -70], floorDbm: -85, sigmaDb: 2.5, minLogOdds: 8, windowMs: 1_000 };
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, profile: { ...profile, sigmaDb: -1 } } })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, profile: { ...profile, levelsDbm: [] } } })).toThrow(PresenceRuleError);
    expect(() => new LanePresence(beacons, { ...rule, crossing: { ...crossing, profile: { ...profile, windowMs: 0 } } })).toThrow(PresenceRuleError);
  });
});
