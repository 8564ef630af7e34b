import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../vision/common/barcode/gray-image.js';
import { normalizeLocal, rescale, rotate, sharpen, stretchContrast } from '../../../../vision/common/barcode/image-ops.js';

const image = (width: number, height: number, f: (x: number, y: number) => number): GrayImage => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, data };
};
const at = (i: GrayImage, x: number, y: number): number => i.data[y * i.width + x] as number;

describe('image ops', () => {
  it('rescales both ways and maps points back to the input', () => {
    const src = image(10, 6, (x) => x * 20);
    const up = rescale(src, 2);
    expect([up.image.width, up.image.height]).toEqual([20, 12]);
    expect(up.toInput({ x: 10, y: 6 })).toEqual({ x: 5, y: 3 });
    const down = rescale(src, 0.5);
    expect([down.image.width, down.image.height]).toEqual([5, 3]);
    expect(at(down.image, 0, 0)).toBe(10); // mean of 0 and 20
    expect(() => rescale(src, 0)).toThrow(RangeError);
  });

  it('rotates onto a canvas that holds the whole input and maps points back', () => {
    const src = image(40, 20, (x, y) => (x < 5 && y < 5 ? 0 : 200));
    const turned = rotate(src, 90);
    expect([turned.image.width, turned.image.height]).toEqual([20, 40]);
    // Clockwise: the dark top-left corner lands top-right.
    expect(at(turned.image, 17, 2)).toBeLessThan(50);
    const back = turned.toInput({ x: 17.5, y: 2.5 });
    expect(back.x).toBeCloseTo(2.5, 5);
    expect(back.y).toBeCloseTo(2.5, 5);
    expect(at(rotate(src, 45).image, 0, 0)).toBe(255); // corners filled white
  });

  it('stretches contrast to the full range and leaves a flat image alone', () => {
    const dull = image(50, 2, (x) => 100 + x);
    const out = stretchContrast(dull, 0).image;
    expect(Math.min(...out.data)).toBe(0);
    expect(Math.max(...out.data)).toBe(255);
    expect([...stretchContrast(image(4, 4, () => 77)).image.data]).toEqual(new Array(16).fill(77));
  });

  it('sharpening keeps flat areas and steepens an edge', () => {
    const edge = image(10, 3, (x) => (x < 5 ? 100 : 150));
    const out = sharpen(edge, 1).image;
    expect(at(out, 1, 1)).toBe(100);
    expect(at(out, 4, 1)).toBeLessThan(100);
    expect(at(out, 5, 1)).toBeGreaterThan(150);
  });

  it('local normalisation turns faint bars on a bright sweep into strong ones', () => {
    // Bars 6 grey levels deep on a ramp from 150 to 250: a glare patch on a can.
    const faint = image(120, 10, (x) => Math.round(150 + (100 * x) / 119 - ((x >> 2) % 2 === 0 ? 6 : 0)));
    const out = normalizeLocal(faint, 6).image;
    const row = [...out.data.subarray(5 * 120 + 20, 5 * 120 + 100)];
    expect(Math.max(...row) - Math.min(...row)).toBeGreaterThan(50); // from 6 grey levels
  });
});
