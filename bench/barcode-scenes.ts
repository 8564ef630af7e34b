// Synthetic camera frames for the barcode benchmarks and tests: a code rendered by bwip-js (the
// same PostScript barcode writer label printers use), laid on a 1280×720 basket-like background
// with the troubles a cart camera has: tilt, defocus, sensor noise and motion smear.
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import type { Random } from '../domain/common/random.js';
import type { GrayImage } from '../vision/common/barcode/gray-image.js';

export interface CodeSpec {
  /** bwip-js encoder name: ean13, upca, upce, ean8, databaromni, databarexpanded, gs1-128, qrcode, datamatrix. */
  readonly bcid: string;
  readonly text: string;
  /** Pixels per module. */
  readonly scale?: number;
}

export interface SceneOptions {
  readonly width?: number;
  readonly height?: number;
  /** Clockwise tilt of the code in degrees. */
  readonly angle?: number;
  /** Gaussian blur sigma in pixels (defocus); 0 for none. */
  readonly blur?: number;
  /** Horizontal motion smear length in pixels; 0 for none. */
  readonly motion?: number;
  /** Standard deviation of per-pixel sensor noise in grey levels. */
  readonly noise?: number;
  /** Where the code's centre goes, as fractions of the frame (default: the middle). */
  readonly at?: { readonly x: number; readonly y: number };
}

/** The code alone as a PNG with a quiet zone, like a printed label. */
export function renderCode(code: CodeSpec): Promise<Buffer> {
  const linear = !['qrcode', 'datamatrix', 'gs1datamatrix', 'gs1qrcode'].includes(code.bcid);
  // An add-on follows the main code after "main addon". bwip-js leaves a 12-module gap by
  // default, the very top of the 7-12 the standard allows, where zxing-cpp no longer pairs them;
  // printed labels sit mid-range.
  const addOn = code.text.includes(' ') ? { addongap: 9, permitaddon: true } : {};
  return bwipjs.toBuffer({
    ...addOn,
    bcid: code.bcid,
    text: code.text,
    scale: code.scale ?? 2,
    ...(linear ? { height: 14 } : {}),
    paddingwidth: 12,
    paddingheight: 8,
    backgroundcolor: 'FFFFFF',
  });
}

/** A plain code image as luminance (for tests that need a clean symbol). */
export async function codeImage(code: CodeSpec): Promise<GrayImage> {
  const { data, info } = await sharp(await renderCode(code)).flatten({ background: '#ffffff' }).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** A dim, mottled background: the basket floor and the shopper's hand, roughly. */
function background(width: number, height: number, random: Random): Uint8Array {
  const out = new Uint8Array(width * height);
  const cells = 40;
  const shade = Array.from({ length: cells * cells }, () => 60 + random.int(0, 80));
  for (let y = 0; y < height; y++) {
    const cy = Math.min(cells - 1, Math.floor((y / height) * cells));
    for (let x = 0; x < width; x++) out[y * width + x] = shade[cy * cells + Math.min(cells - 1, Math.floor((x / width) * cells))] as number;
  }
  return out;
}

/** One frame with one code in it, as a camera would deliver it. */
export async function sceneFrame(code: CodeSpec | Buffer, options: SceneOptions, random: Random): Promise<GrayImage> {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const png = Buffer.isBuffer(code) ? code : await renderCode(code);
  let label = sharp(png).flatten({ background: '#ffffff' }).grayscale();
  if (options.angle) label = sharp(await label.png().toBuffer()).rotate(options.angle, { background: { r: 90, g: 90, b: 90 } });
  const { data: labelPx, info } = await label.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const frame = background(width, height, random);
  const cx = Math.round((options.at?.x ?? 0.5) * width - info.width / 2);
  const cy = Math.round((options.at?.y ?? 0.5) * height - info.height / 2);
  for (let y = 0; y < info.height; y++) {
    const fy = cy + y;
    if (fy < 0 || fy >= height) continue;
    for (let x = 0; x < info.width; x++) {
      const fx = cx + x;
      if (fx >= 0 && fx < width) frame[fy * width + fx] = labelPx[(y * info.width + x) * info.channels] as number;
    }
  }
  let img = sharp(frame, { raw: { width, height, channels: 1 } });
  if (options.blur && options.blur >= 0.3) img = img.blur(options.blur); // sharp's smallest sigma
  if (options.motion && options.motion > 1) {
    // sharp wants odd kernel sides of at least 3: a horizontal line in the middle of n × 3.
    const n = Math.max(3, Math.round(options.motion) | 1);
    const kernel = [...new Array<number>(n).fill(0), ...new Array<number>(n).fill(1 / n), ...new Array<number>(n).fill(0)];
    img = img.convolve({ width: n, height: 3, kernel });
  }
  // Without b-w, sharp hands a one-channel input back as sRGB: three bytes a pixel.
  const { data } = await img.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(data.buffer, data.byteOffset, data.length).slice();
  if (options.noise) for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round((out[i] as number) + options.noise * random.normal())));
  return { width, height, data: out };
}
