import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeLaneAdvertisement,
  encodeLaneManufacturerData,
  MAX_ADVERTISEMENT_BYTES,
  parseLaneAdvertisement,
  parseLaneManufacturerData,
  type LaneBeaconFrame,
} from '../../../../payments/common/lane/advertisement.js';
import { LaneFrameError } from '../../../../payments/common/lane/errors.js';
import { fromHex, laneFrameHexSchema, toHex } from '../../../../payments/common/lane/hex.js';
import { laneMacMessage, LANE_MAC_BYTES, rotationCounter } from '../../../../payments/common/lane/token.js';

const frame: LaneBeaconFrame = {
  measuredPower: -59,
  token: { laneId: 0x0102, rotationExponent: 2, counter: 0xdeadbeef, mac: Uint8Array.from({ length: LANE_MAC_BYTES }, (_, i) => i + 1) },
};

function errorOf<T>(r: { ok: true; value: T } | { ok: false; error: LaneFrameError }): LaneFrameError {
  if (r.ok) throw new Error('expected a LaneFrameError');
  return r.error;
}

describe('lane advertisement', () => {
  it('lays the fields out where the format says', () => {
    expect(toHex(encodeLaneManufacturerData(frame))).toBe('ffff5401c50201' + '02deadbeef' + '0102030405060708090a0b0c');
  });

  it('round-trips through manufacturer data and through a whole advertisement', () => {
    const ad = encodeLaneAdvertisement(frame);
    expect(ad.length).toBe(29);
    expect(ad.length).toBeLessThanOrEqual(MAX_ADVERTISEMENT_BYTES);
    expect(parseLaneAdvertisement(ad)).toEqual({ ok: true, value: frame });
    expect(parseLaneManufacturerData(encodeLaneManufacturerData(frame))).toEqual({ ok: true, value: frame });
  });

  it('round-trips any valid frame', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -128, max: 127 }),
        fc.uint8Array({ minLength: LANE_MAC_BYTES, maxLength: LANE_MAC_BYTES }),
        (laneId, rotationExponent, counter, measuredPower, mac) => {
          const f: LaneBeaconFrame = { measuredPower, token: { laneId, rotationExponent, counter, mac } };
          expect(parseLaneAdvertisement(encodeLaneAdvertisement(f))).toEqual({ ok: true, value: f });
        },
      ),
    );
  });

  it('never throws on arbitrary radio bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const a = parseLaneAdvertisement(bytes);
        const m = parseLaneManufacturerData(bytes);
        if (!a.ok) expect(a.error).toBeInstanceOf(LaneFrameError);
        if (!m.ok) expect(m.error).toBeInstanceOf(LaneFrameError);
      }),
    );
  });

  it('names what is wrong with a bad frame', () => {
    const good = encodeLaneManufacturerData(frame);
    expect(errorOf(parseLaneManufacturerData(good.subarray(0, 3))).kind).toBe('not-a-lane-frame');
    expect(errorOf(parseLaneManufacturerData(Uint8Array.from([0x4c, 0x00, 0x02, 0x15, 0, 0]))).kind).toBe('not-a-lane-frame'); // Apple iBeacon
    const v2 = Uint8Array.from(good);
    v2[3] = 2;
    expect(errorOf(parseLaneManufacturerData(v2)).kind).toBe('unknown-version');
    expect(errorOf(parseLaneManufacturerData(good.subarray(0, good.length - 1))).kind).toBe('bad-length');
    expect(errorOf(parseLaneManufacturerData(Uint8Array.from([...good, 0]))).kind).toBe('bad-length');
    const k16 = Uint8Array.from(good);
    k16[5] = 16;
    expect(errorOf(parseLaneManufacturerData(k16)).kind).toBe('bad-field');
  });

  it('refuses advertisements that are too long or whose structures overrun', () => {
    const ad = encodeLaneAdvertisement(frame);
    expect(errorOf(parseLaneAdvertisement(Uint8Array.from([...ad, 3, 0xff, 0, 0]))).kind).toBe('malformed-advertisement');
    const overrun = Uint8Array.from(ad);
    overrun[3] = 40;
    expect(errorOf(parseLaneAdvertisement(overrun)).kind).toBe('malformed-advertisement');
    expect(errorOf(parseLaneAdvertisement(Uint8Array.from([2, 1, 6]))).kind).toBe('not-a-lane-frame');
    expect(errorOf(parseLaneAdvertisement(new Uint8Array(0))).kind).toBe('not-a-lane-frame');
  });

  it('skips other manufacturer data and stops at zero padding', () => {
    const lane = encodeLaneManufacturerData(frame);
    const other = [3, 0xff, 0x4c, 0x00];
    const withPadding = Uint8Array.from([...other, lane.length + 1, 0xff, ...lane]);
    expect(parseLaneAdvertisement(withPadding).ok).toBe(true);
    expect(parseLaneAdvertisement(Uint8Array.from([2, 1, 6, 0, ...other])).ok).toBe(false);
  });

  it('refuses to encode what cannot be sent', () => {
    expect(() => encodeLaneManufacturerData({ ...frame, token: { ...frame.token, mac: new Uint8Array(8) } })).toThrow(RangeError);
    expect(() => encodeLaneManufacturerData({ ...frame, measuredPower: -129 })).toThrow(RangeError);
  });
});

describe('lane token basics', () => {
  it('quantises time to 2^K-second periods', () => {
    expect(rotationCounter(0, 2)).toBe(0);
    expect(rotationCounter(3_999, 2)).toBe(0);
    expect(rotationCounter(4_000, 2)).toBe(1);
    expect(rotationCounter(1_700_000_000_123, 0)).toBe(1_700_000_000);
    expect(() => rotationCounter(0, 16)).toThrow(RangeError);
    expect(() => rotationCounter(Number.NaN, 2)).toThrow(RangeError);
    expect(() => rotationCounter(-1, 2)).toThrow(RangeError);
  });

  it('covers every clear field with the MAC input', () => {
    const base = toHex(laneMacMessage(1, 2, 3));
    expect(toHex(laneMacMessage(2, 2, 3))).not.toBe(base);
    expect(toHex(laneMacMessage(1, 3, 3))).not.toBe(base);
    expect(toHex(laneMacMessage(1, 2, 4))).not.toBe(base);
  });

  it('validates forwarded hex before decoding it', () => {
    expect(laneFrameHexSchema.safeParse('ffff').success).toBe(true);
    expect(laneFrameHexSchema.safeParse('fff').success).toBe(false);
    expect(laneFrameHexSchema.safeParse('zz').success).toBe(false);
    expect(laneFrameHexSchema.safeParse('').success).toBe(false);
    expect(laneFrameHexSchema.safeParse('00'.repeat(32)).success).toBe(false);
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
  });
});
