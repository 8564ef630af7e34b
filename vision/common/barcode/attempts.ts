// The plan for one frame: a cheap engine call first and, only when it finds nothing valid,
// harder tries in order of what they bought on ZXing's test photos per millisecond spent
// (bench/decode.ts prints that table). reader.ts walks the plan within a time budget.
import type { EngineCall } from './engine.js';
import type { GrayImage } from './gray-image.js';
import { normalizeLocal, rescale, rotate, sharpen, stretchContrast, type Transformed } from './image-ops.js';

export interface Attempt {
  readonly name: string;
  readonly call: Omit<EngineCall, 'formats'>;
  /** The image this attempt decodes instead of the input; absent: the input itself. */
  readonly transform?: (image: GrayImage) => Transformed;
  /** Whether the attempt can help this image at all (enlarging a big photo never does). */
  readonly applies?: (image: GrayImage) => boolean;
}

const FAST = { tryHarder: false, binarizer: 'local' } as const;
const HARD = { tryHarder: true, binarizer: 'local' } as const;
const shortSide = (image: GrayImage): number => Math.min(image.width, image.height);

export const DEFAULT_PLAN: readonly Attempt[] = [
  { name: 'fast', call: FAST },
  { name: 'try-harder', call: HARD },
  // Glare on cans and bottles: bars a few grey levels apart on a bright sweep.
  { name: 'normalize-local', call: HARD, transform: (i) => normalizeLocal(i, 12) },
  // Engines scan rows and columns, and zxing-cpp turns the image by 90° itself; a 1D code tilted
  // up to about 28° either way still reads. Turning by 45° brings the rest (28-62°) within reach;
  // on a cart a code held at a slant is common, so this comes early.
  { name: 'rotate-45', call: HARD, transform: (i) => rotate(i, 45) },
  // Slight defocus or motion blur: restore some edge contrast.
  { name: 'sharpen', call: HARD, transform: (i) => sharpen(i, 1.5) },
  // Thin bars on a small or distant code: more pixels per module for the binariser.
  { name: 'upscale-2x', call: HARD, transform: (i) => rescale(i, 2), applies: (i) => shortSide(i) <= 480 },
  // Averaging 2×2 removes sensor noise and halftone grain that breaks bars into specks.
  { name: 'downscale-half', call: HARD, transform: (i) => rescale(i, 0.5), applies: (i) => shortSide(i) >= 320 },
  // One threshold per row copes with blur and low contrast where local blocks see only noise.
  { name: 'global-binarizer', call: { tryHarder: true, binarizer: 'global' } },
  { name: 'contrast-stretch', call: HARD, transform: (i) => stretchContrast(i) },
];
