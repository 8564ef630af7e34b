import { channels, type Frame } from '../../../hardware/common/camera/frame.js';
import { MAX_FRAME_HEIGHT, MAX_FRAME_WIDTH } from '../../../hardware/common/camera/settings.js';

/**
 * An 8-bit luminance image, rows packed (stride = width). Both ZXing engines binarise luminance,
 * so every input (camera frame, image file) becomes one of these first, and every "harder"
 * attempt (image-ops.ts) transforms one into another.
 */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export type ImageErrorKind =
  /** Zero, negative, fractional or absurd width or height. */
  | 'bad-dimensions'
  /** The pixel buffer does not hold width × height × channels bytes. */
  | 'bad-buffer'
  /** The bytes are not an image we can decode (damaged, truncated, unknown format). */
  | 'corrupt'
  /** The file cannot be read (missing, a folder, no permission). */
  | 'unreadable';

export class ImageError extends Error {
  override readonly name = 'ImageError';
  constructor(
    readonly kind: ImageErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Same bound as cameras (8K): larger is a mistake or a decompression bomb, not a photo of a label. */
export const MAX_IMAGE_WIDTH = MAX_FRAME_WIDTH;
export const MAX_IMAGE_HEIGHT = MAX_FRAME_HEIGHT;

/** Says what is wrong with a width and height, or nothing when they are usable. */
export function dimensionProblem(width: number, height: number): ImageError | undefined {
  const fine = (n: number, max: number): boolean => Number.isInteger(n) && n >= 1 && n <= max;
  if (fine(width, MAX_IMAGE_WIDTH) && fine(height, MAX_IMAGE_HEIGHT)) return undefined;
  return new ImageError('bad-dimensions', `image is ${width}×${height}; width and height must be whole numbers from 1 to ${MAX_IMAGE_WIDTH}×${MAX_IMAGE_HEIGHT}`);
}

/** A camera frame as luminance: gray frames as they are, RGBA with the Rec. 601 weights ZXing uses. */
export function grayFromFrame(frame: Frame): GrayImage {
  const bad = dimensionProblem(frame.width, frame.height);
  if (bad) throw bad;
  const n = frame.width * frame.height;
  const expected = n * channels(frame.format);
  if (frame.data.length !== expected) {
    throw new ImageError('bad-buffer', `camera ${frame.cameraId} frame ${frame.seq}: ${frame.width}×${frame.height} ${frame.format} needs ${expected} bytes, got ${frame.data.length}`);
  }
  if (frame.format === 'gray') return { width: frame.width, height: frame.height, data: frame.data };
  const src = frame.data;
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    // Integer form of 0.299 R + 0.587 G + 0.114 B (weights sum to 1024).
    out[i] = (306 * (src[j] as number) + 601 * (src[j + 1] as number) + 117 * (src[j + 2] as number) + 512) >> 10;
  }
  return { width: frame.width, height: frame.height, data: out };
}
