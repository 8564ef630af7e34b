// A camera frame (raw gray or RGBA pixels) as a JPEG small enough for the store's evidence limit
// (512 KiB a picture). Big frames are scaled down first; a picture still over the limit is
// tried again smaller and rougher, and one that never fits is refused, never cut short.
import sharp from 'sharp';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { channels, type Frame } from '../../../hardware/common/camera/frame.js';

/** The store takes at most this much picture (docs/store-server.md, camera snapshots). */
export const MAX_SNAPSHOT_BYTES = 512 * 1024;

/** Each try: the longest side in pixels and the JPEG quality. A reviewer needs to see the item, not read fine print. */
const TRIES: readonly { readonly side: number; readonly quality: number }[] = [
  { side: 1280, quality: 80 },
  { side: 960, quality: 60 },
  { side: 640, quality: 45 },
];

export class FrameEncodeError extends Error {
  override readonly name = 'FrameEncodeError';
  constructor(
    readonly code: 'bad-frame' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** The frame as JPEG bytes, at most `MAX_SNAPSHOT_BYTES`. */
export async function frameToJpeg(frame: Frame, maxBytes = MAX_SNAPSHOT_BYTES): Promise<Result<Uint8Array, FrameEncodeError>> {
  const { width, height, format, data } = frame;
  const depth = channels(format);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length !== width * height * depth) {
    return err(new FrameEncodeError('bad-frame', `a ${width}×${height} ${format} frame cannot hold ${data.length} bytes`));
  }
  const raw = { width, height, channels: depth as 1 | 4 };
  for (const { side, quality } of TRIES) {
    let image = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw }).resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
    // JPEG has no transparency: an RGBA frame is laid on white.
    if (format === 'rgba') image = image.flatten({ background: '#ffffff' });
    const jpeg = await image.jpeg({ quality, mozjpeg: false }).toBuffer();
    if (jpeg.length <= maxBytes) return ok(new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length));
  }
  return err(new FrameEncodeError('too-large', `the ${width}×${height} frame is over ${Math.round(maxBytes / 1024)} KiB even at ${TRIES.at(-1)?.side ?? 0} px`));
}
