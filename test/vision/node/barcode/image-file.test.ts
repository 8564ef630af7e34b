import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCode } from '../../../../bench/barcode-scenes.js';
import { ImageError } from '../../../../vision/common/barcode/gray-image.js';
import { grayFromImageBytes, grayFromImageFile } from '../../../../vision/node/barcode/image-file.js';

let dir: string;
let png: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tally-image-'));
  png = await renderCode({ bcid: 'ean13', text: '5901234123457' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    expect(e).toBeInstanceOf(ImageError);
    return (e as ImageError).kind;
  }
}

/** A PNG header that claims the given size, followed by nothing useful. */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.from(png.subarray(0, 33));
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

describe('image files', () => {
  it('reads PNG, JPEG and WebP to luminance, transparent pixels as white', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const bytes = await sharp(png).toFormat(format).toBuffer();
      const img = await grayFromImageBytes(bytes, `code.${format}`);
      expect(img.data.length).toBe(img.width * img.height);
    }
    const clear = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect([...(await grayFromImageBytes(clear, 'clear.png')).data]).toEqual(new Array(16).fill(255));
  });

  it('says clearly what is wrong with a bad file', async () => {
    await writeFile(path.join(dir, 'empty.png'), Buffer.alloc(0));
    await writeFile(path.join(dir, 'text.png'), 'not an image');
    await writeFile(path.join(dir, 'truncated.png'), png.subarray(0, Math.floor(png.length / 2)));
    await writeFile(path.join(dir, 'huge.png'), pngClaiming(100_000, 100_000));
    await writeFile(path.join(dir, 'zero.png'), pngClaiming(0, 10));
    await writeFile(path.join(dir, 'code.gif'), await sharp(png).gif().toBuffer());
    expect(await kindOf(grayFromImageFile(path.join(dir, 'missing.png')))).toBe('unreadable');
    expect(await kindOf(grayFromImageFile(dir))).toBe('unreadable');
    expect(await kindOf(grayFromImageFile(path.join(dir, 'empty.png')))).toBe('corrupt');
    expect(await kindOf(grayFromImageFile(path.join(dir, 'text.png')))).toBe('corrupt');
    expect(await kindOf(grayFromImageFile(path.join(dir, 'truncated.png')))).toBe('corrupt');
    expect(['bad-dimensions', 'corrupt']).toContain(await kindOf(grayFromImageFile(path.join(dir, 'huge.png'))));
    expect(await kindOf(grayFromImageFile(path.join(dir, 'zero.png')))).toBe('corrupt');
    expect(await kindOf(grayFromImageFile(path.join(dir, 'code.gif')))).toBe('corrupt');
  });
});
