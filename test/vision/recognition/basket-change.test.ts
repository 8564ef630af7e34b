import { describe, expect, it } from 'vitest';
import type { Frame, PixelFormat } from '../../../hardware/common/camera/frame.js';
import { changedRegion, cropRgb } from '../../../vision/common/recognition/basket-change.js';

/** A w×h frame of one grey level with an optional filled rectangle. */
function frame(w: number, h: number, level: number, box?: { x: number; y: number; w: number; h: number; rgb: [number, number, number] }, format: PixelFormat = 'rgba'): Frame {
  const c = format === 'gray' ? 1 : 4;
  const data = new Uint8Array(w * h * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inBox = box && x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      const rgb = inBox ? box.rgb : [level, level, level];
      const i = (y * w + x) * c;
      if (c === 1) data[i] = Math.round((rgb[0]! + rgb[1]! + rgb[2]!) / 3);
      else data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], i);
    }
  }
  return { cameraId: 'basket', seq: 0, capturedAt: 0, width: w, height: h, format, data };
}

describe('changedRegion', () => {
  it('finds a new item as a square around it, inside the frame', () => {
    const before = frame(160, 120, 90);
    const after = frame(160, 120, 90, { x: 40, y: 30, w: 48, h: 24, rgb: [230, 200, 40] });
    const r = changedRegion(before, after);
    expect(r).not.toBeNull();
    expect(r!.width).toBe(r!.height);
    expect(r!.x).toBeLessThanOrEqual(40);
    expect(r!.x + r!.width).toBeGreaterThanOrEqual(88);
    expect(r!.y).toBeLessThanOrEqual(30);
    expect(r!.y + r!.height).toBeGreaterThanOrEqual(54);
  });

  it('keeps the square inside the frame for an item at the edge', () => {
    // wider than the frame is tall: the square is as tall as the frame, centred on the item
    const r = changedRegion(frame(100, 60, 50), frame(100, 60, 50, { x: 0, y: 0, w: 90, h: 20, rgb: [255, 255, 0] }));
    expect(r).toMatchObject({ y: 0, width: 60, height: 60 });
    expect(r!.x).toBeGreaterThanOrEqual(0);
    expect(r!.x + r!.width).toBeLessThanOrEqual(100);
    expect(r!.x).toBeLessThanOrEqual(45);
    expect(r!.x + r!.width).toBeGreaterThanOrEqual(45);
  });

  it('ignores noise, changes outside the basket, and frames that cannot be compared', () => {
    const before = frame(64, 64, 100);
    expect(changedRegion(before, frame(64, 64, 110))).toBeNull(); // a slight brightness drift
    expect(changedRegion(before, frame(64, 64, 100, { x: 0, y: 0, w: 4, h: 4, rgb: [0, 0, 0] }))).toBeNull(); // one cell
    const outside = frame(64, 64, 100, { x: 40, y: 40, w: 24, h: 24, rgb: [0, 0, 0] });
    expect(changedRegion(before, outside, { basket: { x: 0, y: 0, width: 32, height: 32 } })).toBeNull();
    expect(changedRegion(before, frame(32, 64, 100))).toBeNull();
    expect(changedRegion(before, frame(64, 64, 100, undefined, 'gray'))).toBeNull();
    expect(changedRegion(before, outside, { basket: { x: 500, y: 500, width: 10, height: 10 } })).toBeNull();
  });

  it('works on grey frames too', () => {
    const r = changedRegion(frame(64, 64, 30, undefined, 'gray'), frame(64, 64, 30, { x: 16, y: 16, w: 32, h: 32, rgb: [200, 200, 200] }, 'gray'));
    expect(r).toEqual({ x: 16, y: 16, width: 32, height: 32 });
  });
});

describe('cropRgb', () => {
  it('copies the region as packed RGB, dropping alpha and repeating grey', () => {
    const f = frame(8, 8, 10, { x: 2, y: 2, w: 2, h: 2, rgb: [1, 2, 3] });
    const crop = cropRgb(f, { x: 2, y: 2, width: 2, height: 2 });
    expect(crop).toEqual({ width: 2, height: 2, data: Uint8Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]) });
    const grey = cropRgb(frame(4, 4, 77, undefined, 'gray'), { x: 3, y: 3, width: 5, height: 5 }); // clipped to the frame
    expect(grey).toEqual({ width: 1, height: 1, data: Uint8Array.from([77, 77, 77]) });
  });
});
