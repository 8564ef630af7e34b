import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../../hardware/common/ble/bytes.js';
import { parseEddystone } from '../../../../hardware/common/ble/eddystone.js';
import { encodeEddystone } from '../../../../hardware/common/ble/eddystone-encode.js';

const parse = (hex: string) => parseEddystone(fromHex(hex));
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');

describe('Eddystone frames laid out by the specification', () => {
  it('UID: type 00, power, 10-byte namespace, 6-byte instance, 2 reserved bytes', () => {
    const uid = '00' + 'ee' + '00112233445566778899' + 'aabbccddeeff' + '0000';
    const value = { type: 'eddystone-uid', txPower: -18, namespace: '00112233445566778899', instance: 'aabbccddeeff' };
    expect(parse(uid)).toEqual({ ok: true, value });
    // The reserved bytes are often left off.
    expect(parse(uid.slice(0, -4))).toEqual({ ok: true, value });
  });

  it('URL: scheme byte and expansion codes', () => {
    expect(parse('10' + '12' + '03' + ascii('goo.gl/Aq18zF'))).toEqual({ ok: true, value: { type: 'eddystone-url', txPower: 18, url: 'https://goo.gl/Aq18zF' } });
    expect(parse('10' + 'f6' + '00' + ascii('tally') + '07' + ascii('lane3'))).toEqual({
      ok: true,
      value: { type: 'eddystone-url', txPower: -10, url: 'http://www.tally.com' + 'lane3' },
    });
    expect(parse('10' + 'f6' + '01' + ascii('shop') + '00')).toMatchObject({ value: { url: 'https://www.shop.com/' } });
  });

  it('TLM: big-endian battery mV, 8.8 temperature, counters; 0 and 0x8000 mean not present', () => {
    const tlm = '20' + '00' + '0bb8' + '1680' + '00000400' + '00002710';
    expect(parse(tlm)).toEqual({ ok: true, value: { type: 'eddystone-tlm', batteryMv: 3000, temperatureC: 22.5, advertisementCount: 1024, uptimeS: 1000 } });
    expect(parse('20' + '00' + '0000' + '8000' + 'ffffffff' + '00000001')).toEqual({
      ok: true,
      value: { type: 'eddystone-tlm', batteryMv: null, temperatureC: null, advertisementCount: 4294967295, uptimeS: 0.1 },
    });
    expect(parse('20' + '00' + '0bb8' + 'fb00' + '00000000' + '00000000')).toMatchObject({ value: { temperatureC: -5 } });
  });

  it('encrypted TLM: version 01, 12 sealed bytes, salt, MIC', () => {
    expect(parse('2001' + 'ab'.repeat(12) + '1234' + '5678')).toEqual({ ok: true, value: { type: 'eddystone-etlm', encrypted: 'ab'.repeat(12), salt: '1234', mic: '5678' } });
  });

  it('EID: type 30, power, 8-byte ephemeral id', () => {
    expect(parse('30' + 'f1' + '0123456789abcdef')).toEqual({ ok: true, value: { type: 'eddystone-eid', txPower: -15, eid: '0123456789abcdef' } });
  });
});

describe('malformed Eddystone frames', () => {
  it.each([
    ['empty service data', '', 'bad-length'],
    ['a UID cut short', '00ee' + '00'.repeat(10), 'bad-length'],
    ['a UID of 19 bytes', '00ee' + '00'.repeat(17), 'bad-length'],
    ['a URL with no URL bytes', '10ee03', 'bad-length'],
    ['a URL of 21 bytes', '10ee03' + ascii('a'.repeat(18)), 'bad-length'],
    ['a URL scheme 04', '10ee04' + ascii('x'), 'bad-url-scheme'],
    ['a space in a URL', '10ee03' + ascii('a b'), 'bad-url-byte'],
    ['a reserved URL byte 0x0e', '10ee030e', 'bad-url-byte'],
    ['a URL byte 0xff', '10ee03ff', 'bad-url-byte'],
    ['a TLM of 13 bytes', '2000' + '00'.repeat(11), 'bad-length'],
    ['a TLM version 02', '2002' + '00'.repeat(12), 'unknown-version'],
    ['a TLM with no version', '20', 'unknown-version'],
    ['an encrypted TLM cut short', '2001' + '00'.repeat(10), 'bad-length'],
    ['an EID of 9 bytes', '30ee' + '00'.repeat(7), 'bad-length'],
    ['reserved frame type 0x40', '40' + '00'.repeat(10), 'unknown-frame-type'],
  ])('refuses %s', (_what, hex, kind) => {
    const r = parse(hex);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ name: 'BeaconFrameError', kind, format: 'eddystone' });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 32 }), (b) => void parseEddystone(b)));
  });
});

describe('encodeEddystone', () => {
  it('round-trips the frames a store sends', () => {
    const frames = [
      { type: 'eddystone-uid', txPower: -20, namespace: 'edd1ebeac04e5defa017', instance: '0000000000a3' },
      { type: 'eddystone-url', txPower: -10, url: 'https://www.tally.org/lane/3' },
      { type: 'eddystone-url', txPower: -10, url: 'http://x.gov' },
      { type: 'eddystone-tlm', batteryMv: 2950, temperatureC: -3.5, advertisementCount: 12345, uptimeS: 360.5 },
      { type: 'eddystone-eid', txPower: -4, eid: 'fedcba9876543210' },
    ] as const;
    for (const f of frames) expect(parseEddystone(encodeEddystone(f))).toEqual({ ok: true, value: f });
  });

  it('compresses with expansion codes', () => {
    expect(encodeEddystone({ type: 'eddystone-url', txPower: 0, url: 'https://www.tally.com/' })).toEqual(fromHex('1000' + '01' + ascii('tally') + '00'));
  });

  it.each(['ftp://x.com', 'https://a-name-that-is-far-too-long.example', 'https://a b.com'])('refuses to encode %s', (url) => {
    expect(() => encodeEddystone({ type: 'eddystone-url', txPower: 0, url })).toThrow(RangeError);
  });
});
