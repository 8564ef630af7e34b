import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { CameraError } from '../../common/camera/errors.js';
import { channels } from '../../common/camera/frame.js';
import { frameBytes, type FrameSettings } from '../../common/camera/settings.js';
import { fsCameraError } from './fs-errors.js';
import { PacedFrameSource, type FrameReader, type RecordingOptions } from './paced-source.js';

/** The still-image formats a folder source plays; anything else in the folder is ignored. */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];

// A 100-megapixel cap refuses decompression bombs (a tiny PNG that claims 50000×50000) before
// libvips allocates for them; real photos are far smaller.
const MAX_INPUT_PIXELS = 100_000_000;

export interface ImageSourceOptions extends RecordingOptions {
  /** One image file, or a folder whose images play in name order. */
  readonly path: string;
}

/**
 * Stills as a camera: an image file or a folder of photos, each scaled to the configured size
 * (letterboxed in black so barcodes keep their proportions) and delivered at the configured rate.
 * A damaged image in a folder is skipped with a `skipped` event; a lone damaged file fails start.
 */
export class ImageFrameSource extends PacedFrameSource {
  readonly #path: string;
  readonly #loop: boolean;

  constructor(options: ImageSourceOptions) {
    super(options);
    this.#path = options.path;
    this.#loop = options.loop ?? false;
  }

  protected async open(): Promise<FrameReader> {
    const files = await this.#listImages();
    const single = files.length === 1;
    let next = 0;
    let goodThisPass = 0;
    return {
      read: async () => {
        for (;;) {
          if (next === files.length) {
            if (!this.#loop) return null;
            if (goodThisPass === 0) throw new CameraError('corrupt', this.cameraId, `none of the ${files.length} images in ${this.#path} can be decoded`);
            next = 0;
            goodThisPass = 0;
          }
          const file = files[next++] as string;
          try {
            const data = await decodeImage(file, this.settings, this.cameraId);
            goodThisPass++;
            return data;
          } catch (e) {
            const error = e instanceof CameraError ? e : new CameraError('corrupt', this.cameraId, String(e));
            if (single) throw error;
            this.emit('skipped', error);
          }
        }
      },
      close: () => Promise.resolve(),
    };
  }

  async #listImages(): Promise<string[]> {
    let info;
    try {
      info = await stat(this.#path);
    } catch (e) {
      throw fsCameraError(e, this.cameraId, this.#path);
    }
    if (!info.isDirectory()) return [this.#path];
    let names: string[];
    try {
      names = await readdir(this.#path);
    } catch (e) {
      throw fsCameraError(e, this.cameraId, this.#path);
    }
    const images = names
      .filter((n) => IMAGE_EXTENSIONS.includes(path.extname(n).toLowerCase()))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((n) => path.join(this.#path, n));
    if (images.length === 0) {
      throw new CameraError('empty', this.cameraId, `${this.#path} holds no ${IMAGE_EXTENSIONS.join('/')} images`);
    }
    return images;
  }
}

/** Decodes one image file to tightly packed gray or RGBA pixels at the configured size. */
export async function decodeImage(file: string, settings: FrameSettings, cameraId: string): Promise<Uint8Array> {
  const { width, height, format } = settings;
  try {
    const scaled = sharp(file, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate() // phone photos carry their orientation in EXIF
      .resize(width, height, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 1 } });
    const shaped = format === 'gray' ? scaled.removeAlpha().toColourspace('b-w') : scaled.ensureAlpha().toColourspace('srgb');
    const { data, info } = await shaped.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== channels(format) || data.length !== frameBytes(settings)) {
      throw new Error(`decoded to ${info.width}×${info.height}×${info.channels}, expected ${width}×${height}×${channels(format)}`);
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/missing|no such file/i.test(message)) throw new CameraError('not-found', cameraId, `${file} has gone`);
    throw new CameraError('corrupt', cameraId, `${file} cannot be decoded: ${message}`);
  }
}
