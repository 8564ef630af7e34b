import { readFile } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { dimensionProblem, ImageError, MAX_IMAGE_HEIGHT, MAX_IMAGE_WIDTH, type GrayImage } from '../../common/barcode/gray-image.js';

/** Formats `tally decode` promises; sharp reads more, but these are what phones and renders give. */
const ACCEPTED = new Set(['png', 'jpeg', 'webp']);

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Decodes PNG, JPEG or WebP bytes to luminance. Transparent pixels are painted white first:
 * a render on a transparent background otherwise reads as black on black (two of ZXing's Data
 * Matrix test images only decode this way).
 */
export async function grayFromImageBytes(bytes: Uint8Array, label: string): Promise<GrayImage> {
  if (bytes.length === 0) throw new ImageError('corrupt', `${label}: the file is empty`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (e) {
    throw new ImageError('corrupt', `${label}: not a readable image (${describe(e)})`);
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) {
    throw new ImageError('corrupt', `${label}: ${meta.format ?? 'unknown'} images are not read; use PNG, JPEG or WebP`);
  }
  const bad = dimensionProblem(meta.width ?? 0, meta.height ?? 0);
  if (bad) throw new ImageError('bad-dimensions', `${label}: ${bad.message}`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_WIDTH * MAX_IMAGE_HEIGHT, failOn: 'error' })
      .rotate() // honour the EXIF orientation a phone writes
      .flatten({ background: '#ffffff' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 channel after grayscale, got ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    throw new ImageError('corrupt', `${label}: the image data is damaged or truncated (${describe(e)})`);
  }
}

export async function grayFromImageFile(file: string): Promise<GrayImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not an image' : code === 'EACCES' ? 'permission denied' : describe(e);
    throw new ImageError('unreadable', `${file}: ${why}`);
  }
  return grayFromImageBytes(bytes, file);
}
