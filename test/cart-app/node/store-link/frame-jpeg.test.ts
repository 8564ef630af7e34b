// Camera frames made into evidence JPEGs: gray and RGBA frames, a frame too big for the store's
// limit made smaller until it fits (or refused), and frames whose pixels do not add up.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { frameToJpeg } from '../../../../cart-app/node/store-link/frame-jpeg.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';

const noise = (width: number, height: number, format: Frame['format']): Frame => {
  const random = seededRandom(7);
  const data = new Uint8Array(width * height * (format === 'gray' ? 1 : 4));
  for (let i = 0; i < data.length; i++) data[i] = random.int(0, 255);
  return { cameraId: 'basket', seq: 1, capturedAt: 0, width, height, format, data };
};

describe('a frame as an evidence JPEG', () => {
  it('encodes gray and RGBA frames at their own size when small', async () => {
    for (const format of ['gray', 'rgba'] as const) {
      const jpeg = await frameToJpeg(noise(64, 48, format));
      if (!jpeg.ok) throw jpeg.error;
      expect(await sharp(jpeg.value).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    }
  });

  it('scales a big frame down, and shrinks a noisy one further until it fits the limit', async () => {
    const big = await frameToJpeg(noise(1920, 1080, 'gray'));
    if (!big.ok) throw big.error;
    expect(big.value.length).toBeLessThanOrEqual(512 * 1024);
    const meta = await sharp(big.value).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThan(1920);
    const tight = await frameToJpeg(noise(400, 300, 'gray'), 20_000);
    expect(tight).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('refuses a frame whose pixels do not match its size', async () => {
    const frame = noise(10, 10, 'rgba');
    for (const bad of [{ ...frame, width: 11 }, { ...frame, height: 0 }, { ...frame, width: 2.5 }, { ...frame, format: 'gray' as const }]) {
      expect(await frameToJpeg(bad)).toMatchObject({ ok: false, error: { code: 'bad-frame' } });
    }
  });
});
