// Hearing lanes: packets parsed from what the BLE scanner reports (anything else ignored), beacons learnt
// from their frames, presence unchanged by learning them one by one, a beacon that changes its
// story not believed, and the newest frame kept per lane.
import { describe, expect, it } from 'vitest';
import { LaneHearing } from '../../../../cart-app/node/exit-lane/lane-hearing.js';
import { lanePacketOf, type LanePacket } from '../../../../cart-app/node/exit-lane/lane-radio.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { LANE_STRIP_PRESENCE_RULE, LanePresence, type PresenceEvent } from '../../../../payments/common/lane/presence.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';

const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 12));
const secret = new Uint8Array(32).fill(7);
const beacons = new Map([3, 4].map((laneId) => [laneId, new LaneBeacon({ laneId, secret, clock, measuredPower: -59 })]));

function packet(laneId: number, address: string, rssi: number, atMs: number): LanePacket {
  const data = beacons.get(laneId)?.manufacturerData();
  const p = lanePacketOf({ address, rssi, timestamp: atMs, ...(data ? { manufacturerData: data } : {}) });
  if (!p) throw new Error('not a lane packet');
  return p;
}

describe('lane packets from the scanner', () => {
  it('takes a lane frame and ignores any other manufacturer data', () => {
    const data = beacons.get(3)?.manufacturerData() ?? new Uint8Array();
    expect(lanePacketOf({ address: 'aa:bb:cc:dd:ee:ff', rssi: -60, timestamp: 5, manufacturerData: data })).toMatchObject({ address: 'aa:bb:cc:dd:ee:ff', rssi: -60, atMs: 5, frame: { token: { laneId: 3 } } });
    const nasty: (Uint8Array | undefined)[] = [
      undefined,
      new Uint8Array(0),
      Uint8Array.from([0x4c, 0x00, 0x02, 0x15]),
      data.slice(0, 20),
      Uint8Array.from([...data, 0]),
      new Uint8Array(254).fill(0xff),
    ];
    for (const manufacturerData of nasty) expect(lanePacketOf({ address: 'a', rssi: -60, timestamp: 0, ...(manufacturerData ? { manufacturerData } : {}) }), String(manufacturerData?.length)).toBeNull();
  });
});

describe('LaneHearing', () => {
  /** Four beacons of lane 3 rising from -88 to -52 dBm over 2 s, then 1 s at -52. */
  const walkIn = (start: number): LanePacket[] => {
    const out: LanePacket[] = [];
    for (let t = 0; t <= 3_000; t += 100) for (let b = 0; b < 4; b++) out.push(packet(3, `c0:ff:ee:00:03:0${b}`, Math.round(Math.min(-52, -88 + (36 * t) / 2_000)), start + t));
    return out;
  };

  it('says how loud the loudest lane is: the mean of each lane\'s packets over the last window, not one lucky packet', () => {
    const hearing = new LaneHearing();
    expect(hearing.loudest(1_000)).toBeNull();
    // Lane 3's four beacons at -80 with one lucky packet at -60; lane 4 steady at -78.
    for (let t = 0; t < 500; t += 100) {
      for (let b = 0; b < 4; b++) hearing.hear(packet(3, `c0:ff:ee:00:03:0${b}`, b === 0 && t === 200 ? -60 : -80, 1_000 + t));
      hearing.hear(packet(4, 'c0:ff:ee:00:04:00', -78, 1_000 + t));
    }
    // Lane 3: (19 x -80 - 60) / 20 = -79; lane 4: -78.
    expect(hearing.loudest(1_400)).toBe(-78);
    // Only the rule's window (500 ms) counts, and a moment with nothing heard is no level at all.
    hearing.hear(packet(3, 'c0:ff:ee:00:03:00', -70, 1_800));
    expect(hearing.loudest(1_950)).toBe(-70);
    expect(hearing.loudest(2_400)).toBeNull();
  });

  it('finds the lane as a detector told every beacon up front does, though it learns them as it hears them', () => {
    const hearing = new LaneHearing();
    const told = new LanePresence(new Map([0, 1, 2, 3].map((b) => [`c0:ff:ee:00:03:0${b}`, 3])));
    const heard: PresenceEvent[] = [];
    const expected: PresenceEvent[] = [];
    for (const p of walkIn(1_000)) {
      heard.push(...hearing.hear(p));
      expected.push(...told.observe({ beaconId: p.address, rssi: p.rssi, atMs: p.atMs }));
    }
    expect(heard).toEqual(expected);
    expect(heard).toEqual([expect.objectContaining({ type: 'entered', laneId: 3 })]);
    expect(hearing.lane).toBe(3);
    expect(hearing.levels(4_000)).toEqual([{ laneId: 3, rssi: -52 }]);
    expect(hearing.levels(10_000)).toEqual([]);
    // Silence for longer than the rule's leave time: the cart has left the lane.
    expect(hearing.tick(5_000)).toEqual([]);
    expect(hearing.tick(7_000)).toEqual([expect.objectContaining({ type: 'left', laneId: 3 })]);
  });

  it('keeps the newest frame per lane, and does not believe a beacon that names another lane', () => {
    const hearing = new LaneHearing();
    hearing.hear(packet(3, 'c0:ff:ee:00:03:00', -70, 100));
    hearing.hear(packet(4, 'c0:ff:ee:00:04:00', -70, 150));
    expect(hearing.latestFrame(3)).toMatchObject({ laneId: 3, heardAt: 100 });
    expect(hearing.hear(packet(4, 'c0:ff:ee:00:03:00', -40, 200))).toEqual([]);
    expect(hearing.contradicted).toBe(1);
    expect(hearing.latestFrame(4)).toMatchObject({ heardAt: 150 });
    // A late packet never replaces a newer frame.
    hearing.hear(packet(3, 'c0:ff:ee:00:03:01', -70, 90));
    expect(hearing.latestFrame(3)).toMatchObject({ heardAt: 100 });
    expect(hearing.latestFrame(9)).toBeUndefined();
  });

  it('enters on a strip crossing the RSSI alone would not, also when the crossing came before a new beacon was heard', () => {
    // Standing at a steady -66 dBm: no rise, under the strip rule's RSSI-only threshold.
    const steady = (h: LaneHearing, from: number, to: number, beacons: number): PresenceEvent[] => {
      const events: PresenceEvent[] = [];
      for (let t = from; t <= to; t += 100) for (let b = 0; b < beacons; b++) events.push(...h.hear(packet(3, `c0:ff:ee:00:03:0${b}`, -66, t)));
      return events;
    };
    const without = new LaneHearing(LANE_STRIP_PRESENCE_RULE);
    expect(steady(without, 0, 5_000, 4)).toEqual([]);
    const crossed = new LaneHearing(LANE_STRIP_PRESENCE_RULE);
    steady(crossed, 0, 2_000, 4);
    expect([...crossed.crossing(2_050), ...steady(crossed, 2_100, 2_600, 4)]).toEqual([expect.objectContaining({ type: 'entered', laneId: 3 })]);
    // The crossing felt before any lane beacon was heard: the detector built for them still has it.
    const early = new LaneHearing(LANE_STRIP_PRESENCE_RULE);
    expect(early.crossing(1_000)).toEqual([]);
    expect(steady(early, 1_100, 1_600, 4)).toEqual([expect.objectContaining({ type: 'entered', laneId: 3 })]);
    // Nonsense from the sensor changes nothing.
    expect(new LaneHearing(LANE_STRIP_PRESENCE_RULE).crossing(Number.NaN)).toEqual([]);
  });
});
