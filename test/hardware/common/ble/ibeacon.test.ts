import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../../hardware/common/ble/bytes.js';
import { encodeIBeacon, parseIBeacon } from '../../../../hardware/common/ble/ibeacon.js';

// Written byte by byte from Apple's iBeacon layout: company 4C 00, type 02, length 15,
// UUID (Estimote's default), major 0x0001, minor 0x0002, measured power 0xC5 = -59 dBm.
const ESTIMOTE = '4c00' + '0215' + 'b9407f30f5f8466eaff925556b57fe6d' + '0001' + '0002' + 'c5';

describe('iBeacon', () => {
  it('parses a frame laid out by the specification', () => {
    expect(parseIBeacon(fromHex(ESTIMOTE))).toEqual({
      ok: true,
      value: { type: 'ibeacon', uuid: 'b9407f30-f5f8-466e-aff9-25556b57fe6d', major: 1, minor: 2, measuredPower: -59 },
    });
  });

  it('reads major and minor big-endian', () => {
    const r = parseIBeacon(fromHex(ESTIMOTE.slice(0, 40) + 'fffe' + '1234' + 'b5'));
    expect(r.ok && r.value).toMatchObject({ major: 65534, minor: 0x1234, measuredPower: -75 });
  });

  it('round-trips any valid beacon through encode and parse', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: -120, max: -1 }), (uuid, major, minor, measuredPower) => {
        const r = parseIBeacon(encodeIBeacon({ uuid, major, minor, measuredPower }));
        expect(r).toEqual({ ok: true, value: { type: 'ibeacon', uuid, major, minor, measuredPower } });
      }),
    );
  });

  it.each([
    ['one byte short', ESTIMOTE.slice(0, -2), 'bad-length'],
    ['one byte long', ESTIMOTE + '00', 'bad-length'],
    ['a wrong length byte', '4c000216' + ESTIMOTE.slice(8), 'bad-length'],
    ['only the header', '4c0002', 'bad-length'],
    ['a positive measured power', ESTIMOTE.slice(0, -2) + '05', 'bad-field'],
    ['measured power 0', ESTIMOTE.slice(0, -2) + '00', 'bad-field'],
    ['another company', '5900' + ESTIMOTE.slice(4), 'bad-field'],
    ['another Apple type', '4c001005' + '00'.repeat(5), 'bad-field'],
  ])('refuses %s', (_what, hex, kind) => {
    const r = parseIBeacon(fromHex(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ name: 'BeaconFrameError', kind, format: 'ibeacon' });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (b) => void parseIBeacon(Uint8Array.from([0x4c, 0, 2, ...b]))));
  });

  it('refuses to build an impossible beacon', () => {
    expect(() => encodeIBeacon({ uuid: 'abcd', major: 1, minor: 1, measuredPower: -59 })).toThrow(RangeError);
    expect(() => encodeIBeacon({ uuid: 'b9407f30-f5f8-466e-aff9-25556b57fe6d', major: 70000, minor: 1, measuredPower: -59 })).toThrow(RangeError);
  });
});
