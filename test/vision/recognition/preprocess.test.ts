import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { RecognitionError } from '../../../vision/common/recognition/errors.js';
import { toModelInput } from '../../../vision/node/recognition/preprocess.js';

const input = { size: 4, layout: 'NCHW', channels: 'RGB', scale: 1, crop: 'centre-square', mirrorToo: false } as const;

async function solid(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

describe('toModelInput', () => {
  it('writes planes in R, G, B order, scaled', async () => {
    const out = await toModelInput(await solid(10, 10, [200, 100, 50]), { ...input, scale: 0.5 });
    expect(out).toHaveLength(3 * 16);
    expect([...out.subarray(0, 16)].every((v) => v === 100)).toBe(true);
    expect([...out.subarray(16, 32)].every((v) => v === 50)).toBe(true);
    expect([...out.subarray(32, 48)].every((v) => v === 25)).toBe(true);
  });

  it('keeps the middle square of a tall picture (the margins do not reach the model)', async () => {
    // 8 wide, 24 tall: a red top third, green middle, blue bottom third
    const raw = Buffer.alloc(8 * 24 * 3);
    for (let y = 0; y < 24; y++) for (let x = 0; x < 8; x++) raw[(y * 8 + x) * 3 + (y < 8 ? 0 : y < 16 ? 1 : 2)] = 255;
    const png = await sharp(raw, { raw: { width: 8, height: 24, channels: 3 } }).png().toBuffer();
    const out = await toModelInput(png, input);
    expect(Math.max(...out.subarray(0, 16))).toBeLessThan(40); // hardly any red
    expect(Math.min(...out.subarray(16, 32))).toBeGreaterThan(215); // green everywhere
  });

  it('drops an alpha channel and takes grey pictures as RGB', async () => {
    const rgba = await sharp({ create: { width: 6, height: 6, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer();
    expect(await toModelInput(rgba, input)).toHaveLength(48);
    const grey = await sharp(Buffer.alloc(36, 77), { raw: { width: 6, height: 6, channels: 1 } }).png().toBuffer();
    const out = await toModelInput(grey, input);
    expect(out[0]).toBe(77);
    expect(out[47]).toBe(77);
  });

  it('takes a camera crop as packed RGB, and refuses one whose size and bytes disagree', async () => {
    const data = new Uint8Array(6 * 6 * 3);
    for (let i = 0; i < data.length; i += 3) data.set([9, 99, 199], i);
    const out = await toModelInput({ width: 6, height: 6, data }, input);
    expect([out[0], out[16], out[32]]).toEqual([9, 99, 199]);
    const kind = await toModelInput({ width: 6, height: 7, data }, input).then(
      () => 'read',
      (e: unknown) => (e instanceof RecognitionError ? e.kind : 'other'),
    );
    expect(kind).toBe('unreadable-image');
  });

  it('reports unreadable pictures as RecognitionError', async () => {
    const kinds = await Promise.all(
      [Buffer.from('not a picture'), new Uint8Array(0), path.join('/nonexistent', 'photo.jpg'), (await solid(10, 10, [1, 2, 3])).subarray(0, 40)].map((p) =>
        toModelInput(p, input).then(
          () => 'read',
          (e: unknown) => (e instanceof RecognitionError ? e.kind : 'other'),
        ),
      ),
    );
    expect(kinds).toEqual(['unreadable-image', 'unreadable-image', 'unreadable-image', 'unreadable-image']);
  });
});
