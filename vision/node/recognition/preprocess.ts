import sharp, { type Sharp } from 'sharp';
import { RecognitionError } from '../../common/recognition/errors.js';
import type { RgbPicture } from '../../common/recognition/basket-change.js';
import type { RecognizerSpec } from '../../common/recognition/recognizer-spec.js';

/** A picture as a file path, encoded bytes (JPEG, PNG, WebP, ...) or a camera crop (packed RGB). */
export type PictureInput = string | Uint8Array | RgbPicture;

function open(picture: PictureInput): Sharp {
  if (typeof picture === 'string' || picture instanceof Uint8Array) return sharp(picture, { failOn: 'error' });
  if (picture.width < 1 || picture.height < 1 || picture.data.length !== picture.width * picture.height * 3) {
    throw new RecognitionError('unreadable-image', `a ${picture.width}x${picture.height} RGB picture needs ${picture.width * picture.height * 3} bytes, got ${picture.data.length}`);
  }
  return sharp(picture.data, { raw: { width: picture.width, height: picture.height, channels: 3 } });
}

function describe(picture: PictureInput): string {
  if (typeof picture === 'string') return picture;
  return picture instanceof Uint8Array ? `${picture.byteLength} bytes` : `${picture.width}x${picture.height} RGB`;
}

/**
 * Decodes a picture and turns its middle square into the model's input: size × size RGB,
 * planar (NCHW), pixel values × scale. Matches the training script's centre-square crop.
 */
export async function toModelInput(picture: PictureInput, input: RecognizerSpec['input']): Promise<Float32Array> {
  let rgb: Buffer;
  try {
    rgb = await open(picture)
      .rotate() // honour EXIF orientation: a phone photo held sideways is still upright for the model
      .removeAlpha()
      .toColourspace('srgb')
      .resize(input.size, input.size, { fit: 'cover', position: 'centre', kernel: 'linear' })
      .raw()
      .toBuffer();
  } catch (cause) {
    if (cause instanceof RecognitionError) throw cause;
    throw new RecognitionError('unreadable-image', `cannot read the picture (${describe(picture)}): ${(cause as Error).message}`);
  }
  const plane = input.size * input.size;
  if (rgb.length !== plane * 3) throw new RecognitionError('unreadable-image', `decoded ${rgb.length} bytes, expected ${plane * 3}`);
  const out = new Float32Array(plane * 3);
  for (let p = 0, i = 0; p < plane; p++, i += 3) {
    out[p] = (rgb[i] as number) * input.scale;
    out[plane + p] = (rgb[i + 1] as number) * input.scale;
    out[2 * plane + p] = (rgb[i + 2] as number) * input.scale;
  }
  return out;
}
