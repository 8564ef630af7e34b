import { fromHex } from './bytes.js';
import type { EddystoneEid, EddystoneTlm, EddystoneUid, EddystoneUrl } from './eddystone.js';
import { URL_EXPANSIONS, URL_SCHEMES } from './eddystone.js';

/**
 * Builds Eddystone service data the way a beacon transmits it, for the virtual BLE world and
 * tests. The inverse of parseEddystone for the frames a store's beacons send.
 */
export function encodeEddystone(frame: EddystoneUid | EddystoneUrl | EddystoneTlm | EddystoneEid): Uint8Array {
  switch (frame.type) {
    case 'eddystone-uid':
      return bytes([0x00, frame.txPower & 0xff], fixedHex(frame.namespace, 10), fixedHex(frame.instance, 6), [0, 0]);
    case 'eddystone-url':
      return bytes([0x10, frame.txPower & 0xff], encodeUrl(frame.url));
    case 'eddystone-tlm': {
      const temp = frame.temperatureC === null ? 0x8000 : Math.round(frame.temperatureC * 256) & 0xffff;
      return bytes([0x20, 0x00], be(frame.batteryMv ?? 0, 2), be(temp, 2), be(frame.advertisementCount, 4), be(Math.round(frame.uptimeS * 10), 4));
    }
    case 'eddystone-eid':
      return bytes([0x30, frame.txPower & 0xff], fixedHex(frame.eid, 8));
  }
}

function encodeUrl(url: string): number[] {
  // The "www." schemes first, so "https://www.x" costs one scheme byte rather than five bytes.
  const scheme = [1, 0, 3, 2].find((i) => url.startsWith(URL_SCHEMES[i] ?? '\0'));
  if (scheme === undefined) throw new RangeError(`Eddystone-URL needs an http(s) URL: ${url}`);
  const out = [scheme];
  let rest = url.slice((URL_SCHEMES[scheme] ?? '').length);
  while (rest.length > 0) {
    // Prefer ".com/" over ".com" so the slash rides along for free.
    const code = URL_EXPANSIONS.findIndex((e) => rest.startsWith(e));
    if (code >= 0) {
      out.push(code);
      rest = rest.slice((URL_EXPANSIONS[code] ?? '').length);
    } else {
      const c = rest.charCodeAt(0);
      if (c <= 0x20 || c >= 0x7f) throw new RangeError(`Eddystone-URL cannot carry ${JSON.stringify(rest[0])}`);
      out.push(c);
      rest = rest.slice(1);
    }
  }
  if (out.length > 18) throw new RangeError(`${url} encodes to ${out.length - 1} bytes; Eddystone-URL allows 17`);
  return out;
}

function fixedHex(hex: string, length: number): Uint8Array {
  const b = fromHex(hex);
  if (b.length !== length) throw new RangeError(`expected ${length} bytes of hex, got ${hex}`);
  return b;
}

function be(value: number, length: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * length)) throw new RangeError(`${value} does not fit ${length} bytes`);
  return Array.from({ length }, (_, i) => Math.floor(value / 2 ** (8 * (length - 1 - i))) & 0xff);
}

const bytes = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
