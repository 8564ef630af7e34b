// The symbologies a cart reads, by ZXing's BarcodeFormat names: the names shoppers' receipts,
// store tools and ZXing's own test data use, whichever engine did the reading.
import type { Symbology } from '../../../domain/common/codes/interpret.js';

export const BARCODE_FORMATS = [
  'EAN_13',
  'UPC_A',
  'UPC_E',
  'EAN_8',
  'RSS_14',
  'RSS_EXPANDED',
  'CODE_128',
  'QR_CODE',
  'DATA_MATRIX',
] as const satisfies readonly Symbology[];

export type BarcodeFormat = (typeof BARCODE_FORMATS)[number];

const MATRIX: ReadonlySet<BarcodeFormat> = new Set(['QR_CODE', 'DATA_MATRIX']);

/**
 * Linear (1D) codes have no error correction, only a check digit at best, so a single frame's
 * read of one is not trusted until the next frames agree (see presentations.ts).
 */
export const isLinear = (format: BarcodeFormat): boolean => !MATRIX.has(format);

export const isBarcodeFormat = (name: string): name is BarcodeFormat => (BARCODE_FORMATS as readonly string[]).includes(name);
