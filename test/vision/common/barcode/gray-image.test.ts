import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import { dimensionProblem, grayFromFrame, ImageError } from '../../../../vision/common/barcode/gray-image.js';

const frame = (over: Partial<Frame>): Frame => ({ cameraId: 'scan-left', seq: 1, capturedAt: 0, width: 2, height: 1, format: 'rgba', data: new Uint8Array(8), ...over });

describe('gray images', () => {
  it('turns RGBA into luminance with weights that keep grey grey', () => {
    const g = grayFromFrame(frame({ data: new Uint8Array([255, 255, 255, 255, 255, 0, 0, 255]) }));
    expect([...g.data]).toEqual([255, 76]);
  });

  it('passes gray frames through without a copy', () => {
    const data = new Uint8Array([1, 2]);
    expect(grayFromFrame(frame({ format: 'gray', data })).data).toBe(data);
  });

  it('refuses short buffers and absurd sizes with a typed error', () => {
    expect(() => grayFromFrame(frame({ data: new Uint8Array(7) }))).toThrow(/needs 8 bytes, got 7/);
    for (const [w, h] of [[0, 10], [10, -1], [1.5, 2], [100_000, 10], [Number.NaN, 1]] as const) {
      expect(dimensionProblem(w, h)).toBeInstanceOf(ImageError);
      expect(dimensionProblem(w, h)?.kind).toBe('bad-dimensions');
      expect(() => grayFromFrame(frame({ width: w, height: h }))).toThrow(ImageError);
    }
    expect(dimensionProblem(1280, 720)).toBeUndefined();
  });
});
