import { describe, expect, it } from 'vitest';
import { parseBeaconFrames } from '../../../../hardware/common/ble/advertisement.js';
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
