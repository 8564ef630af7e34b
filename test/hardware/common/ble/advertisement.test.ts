import { describe, expect, it } from 'vitest';
import { manufacturerDataOf, parseBeaconFrames } from '../../../../hardware/common/ble/advertisement.js';
import { fromHex } from '../../../../hardware/common/ble/bytes.js';

const IBEACON = fromHex('4c000215b9407f30f5f8466eaff925556b57fe6d00010002c5');

describe('parseBeaconFrames', () => {
  it('finds an iBeacon and several Eddystone frames in one advertisement', () => {
    const r = parseBeaconFrames({
      manufacturerData: IBEACON,
      serviceData: [
        { uuid: 'FEAA', data: fromHex('30f10123456789abcdef') },
        { uuid: 'feaa', data: fromHex('20000bb8168000000400' + '00002710') },
      ],
    });
    expect(r.frames.map((f) => f.type)).toEqual(['ibeacon', 'eddystone-eid', 'eddystone-tlm']);
    expect(r.malformed).toEqual([]);
  });

  it('ignores what is not a beacon: other companies, other Apple types, other services', () => {
    const r = parseBeaconFrames({
      manufacturerData: fromHex('4c001005031c2a6b5e'),
      serviceData: [{ uuid: '180f', data: fromHex('64') }],
    });
    expect(r).toEqual({ frames: [], malformed: [] });
    expect(parseBeaconFrames({ manufacturerData: fromHex('590002150000'), serviceData: [] })).toEqual({ frames: [], malformed: [] });
  });

  it('reports frames that claim a format but break it, and keeps the good ones', () => {
    const r = parseBeaconFrames({ manufacturerData: IBEACON.subarray(0, 20), serviceData: [{ uuid: 'feaa', data: fromHex('40') }, { uuid: 'feaa', data: fromHex('30f10123456789abcdef') }] });
    expect(r.frames.map((f) => f.type)).toEqual(['eddystone-eid']);
    expect(r.malformed.map((e) => `${e.format} ${e.kind}`)).toEqual(['ibeacon bad-length', 'eddystone unknown-frame-type']);
  });
});

describe('manufacturerDataOf', () => {
  it('copies manufacturer data of 2 to 254 bytes', () => {
    for (const length of [2, 27, 254]) {
      const raw = new Uint8Array(length).fill(0x5a);
      const out = manufacturerDataOf(raw);
      expect(out).toEqual(raw);
      expect(out).not.toBe(raw);
    }
  });

  it('refuses none, less than a company id, and more than an AD structure holds', () => {
    for (const raw of [undefined, new Uint8Array(0), new Uint8Array(1), new Uint8Array(255), new Uint8Array(65_536)]) expect(manufacturerDataOf(raw), String(raw?.length)).toBeUndefined();
  });
});
