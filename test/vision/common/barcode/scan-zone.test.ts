import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../vision/common/barcode/gray-image.js';
import { crop, enclosing, ScanZone } from '../../../../vision/common/barcode/scan-zone.js';

const flat = (w: number, h: number, v: number): GrayImage => ({ width: w, height: h, data: new Uint8Array(w * h).fill(v) });
function withPatch(base: GrayImage, x0: number, y0: number, size: number, v: number): GrayImage {
  const data = base.data.slice();
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) data[y * base.width + x] = v;
  return { ...base, data };
}

describe('ScanZone', () => {
  it('decodes the first frame whole, then only where something moved', () => {
    const zone = new ScanZone({ cell: 32, threshold: 6, margin: 16 });
    const empty = flat(320, 240, 120);
    const first = zone.changed(empty);
    expect(first?.rect).toEqual({ x: 0, y: 0, width: 320, height: 240 });
    zone.commit(first!, 320, 240);
    expect(zone.changed(empty)).toBeUndefined();
    const moved = zone.changed(withPatch(empty, 200, 100, 40, 250));
    // Cells 192-256 × 96-160 changed, plus the 16 px margin.
    expect(moved?.rect).toEqual({ x: 176, y: 80, width: 96, height: 96 });
  });

  it('keeps the last decoded frame as the baseline until a frame is committed', () => {
    const zone = new ScanZone({ cell: 32, threshold: 6, margin: 0 });
    const empty = flat(128, 128, 100);
    zone.commit(zone.changed(empty)!, 128, 128);
    const withCode = withPatch(empty, 0, 0, 32, 250);
    expect(zone.changed(withCode)).toBeDefined(); // dropped for a newer frame: not committed
    expect(zone.changed(withCode)?.rect).toEqual({ x: 0, y: 0, width: 32, height: 32 });
  });

  it('ignores sensor noise, decodes a part on request, and the whole after a size change', () => {
    const zone = new ScanZone();
    const a = flat(256, 256, 100);
    zone.commit(zone.changed(a)!, 256, 256);
    const noisy = { ...a, data: a.data.map((v, i) => v + ((i * 7919) % 5) - 2) };
    expect(zone.changed(noisy)).toBeUndefined();
    // A code awaiting confirmation at 100-110 × 200-210, with the 64 px margin, clipped to the frame.
    expect(zone.changed(noisy, { x: 100, y: 200, width: 10, height: 10 })?.rect).toEqual({ x: 36, y: 136, width: 138, height: 120 });
    // A part outside the frame (a stale position) still gives a usable rectangle.
    expect(zone.changed(noisy, { x: 900, y: 900, width: 10, height: 10 })?.rect).toEqual({ x: 255, y: 255, width: 1, height: 1 });
    expect(zone.changed(flat(128, 64, 100))?.rect).toEqual({ x: 0, y: 0, width: 128, height: 64 });
  });

  it('encloses several rectangles in one', () => {
    expect(enclosing([{ x: 10, y: 20, width: 5, height: 5 }, { x: 2, y: 30, width: 4, height: 10 }])).toEqual({ x: 2, y: 20, width: 13, height: 20 });
    expect(enclosing([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('crops a rectangle out of an image', () => {
    const img = { width: 4, height: 3, data: Uint8Array.from({ length: 12 }, (_, i) => i) };
    expect([...crop(img, { x: 1, y: 1, width: 2, height: 2 }).data]).toEqual([5, 6, 9, 10]);
    expect(crop(img, { x: 0, y: 0, width: 4, height: 3 })).toBe(img);
  });
});
