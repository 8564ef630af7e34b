// The emulated cart's barcode camera: a label is printed (rendered by bwip-js, the PostScript
// barcode writer label printers use), held up to the camera, and read by the cart's real barcode
// reader (ZXing through vision/). What comes back is what a real camera pipeline hands the
// runtime: the text as the reader decoded it, with ZXing's name for the symbology. The last label
// held up is also what the camera sees now (`latest`), the frame an alert's evidence picture takes.
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { performance } from 'node:perf_hooks';
import type { VariableMeasureLayout } from '../../../domain/common/catalog/schema.js';
import type { Frame } from '../../../hardware/common/camera/frame.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { BarcodeReader } from '../../../vision/common/barcode/reader.js';
import type { BarcodeFormat } from '../../../vision/common/barcode/formats.js';
import type { GrayImage } from '../../../vision/common/barcode/gray-image.js';
import { createEngine } from '../../../vision/node/barcode/engines.js';
import type { CameraView } from '../runtime/latest-frame.js';

/** The label printers a scenario may name (bwip-js encoders). */
export const LABEL_KINDS = ['ean13', 'upca', 'upce', 'ean8', 'gs1-128', 'databaromni', 'databarexpanded', 'qrcode', 'datamatrix'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export interface Label {
  readonly text: string;
  /** How it is printed; chosen from the text when absent (see `labelKindFor`). */
  readonly kind?: LabelKind;
}

export interface CameraRead {
  readonly text: string;
  readonly format: BarcodeFormat;
  /** Time the reader took, ms (wall clock: not part of a deterministic trip report). */
  readonly decodeMs: number;
}

export class CameraReadError extends Error {
  override readonly name = 'CameraReadError';
  constructor(
    readonly code: 'cannot-print' | 'not-read',
    message: string,
  ) {
    super(message);
  }
}

/** GTINs by their length, a GS1 element string as GS1-128, anything else (a coupon, a sign-in code) as a QR. */
export function labelKindFor(text: string): LabelKind {
  if (/^\d{13}$/.test(text)) return 'ean13';
  if (/^\d{12}$/.test(text)) return 'upca';
  if (/^\d{8}$/.test(text)) return 'ean8';
  if (/^\(\d{2,4}\)/.test(text)) return 'gs1-128';
  return 'qrcode';
}

/** AIM identifiers that say "GS1 data" (GS1-128, DataBar, GS1 DataMatrix, GS1 QR). */
const GS1_IDENTIFIERS: ReadonlySet<string> = new Set([']C1', ']e0', ']d2', ']Q3']);
const MATRIX: ReadonlySet<LabelKind> = new Set(['qrcode', 'datamatrix']);
/** Generous: a clean printed label reads on the first, cheapest attempt in a few milliseconds. */
const READ_BUDGET_MS = 2000;

async function print(label: Label): Promise<Result<GrayImage, CameraReadError>> {
  const bcid = label.kind ?? labelKindFor(label.text);
  let png: Buffer;
  try {
    // A 14-digit GTIN is printed as a DataBar with its AI, as on a case or a fresh-food pack.
    const text = bcid === 'databaromni' && /^\d{14}$/.test(label.text) ? `(01)${label.text}` : label.text;
    png = await bwipjs.toBuffer({ bcid, text, scale: 3, ...(MATRIX.has(bcid) ? {} : { height: 14 }), paddingwidth: 12, paddingheight: 8, backgroundcolor: 'FFFFFF' });
  } catch (error) {
    return err(new CameraReadError('cannot-print', `a ${bcid} label cannot say "${label.text}": ${error instanceof Error ? error.message : String(error)}`));
  }
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).grayscale().raw().toBuffer({ resolveWithObject: true });
  return ok({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
}

export class BarcodeCamera implements CameraView {
  /** The emulated cart has one camera, looking into the basket. */
  readonly cameraId = 'basket';
  readonly #reader: BarcodeReader;
  /** The cart's clock, for when a frame was seen. */
  readonly #now: () => number;
  #latest: Frame | undefined;

  private constructor(reader: BarcodeReader, now: () => number) {
    this.#reader = reader;
    this.#now = now;
  }

  /** Loads the default decoding engine; `layouts` are the store's variable-measure label layouts, `now` the cart's clock. */
  static async create(layouts: readonly VariableMeasureLayout[], now: () => number = Date.now): Promise<BarcodeCamera> {
    return new BarcodeCamera(new BarcodeReader(await createEngine(), { layouts, now: () => performance.now() }), now);
  }

  /** The last label held up, as the camera's frame; undefined before the first. */
  latest(): Frame | undefined {
    return this.#latest;
  }

  /** Prints `label`, shows it to the camera and reads it; a label the reader refuses is an error. */
  async show(label: Label): Promise<Result<CameraRead, CameraReadError>> {
    const image = await print(label);
    if (!image.ok) return image;
    const { width, height, data } = image.value;
    this.#latest = { cameraId: this.cameraId, seq: (this.#latest?.seq ?? 0) + 1, capturedAt: this.#now(), width, height, format: 'gray', data };
    const outcome = await this.#reader.read(image.value, READ_BUDGET_MS);
    const read = outcome.reads[0];
    if (!read) {
      const misread = outcome.misreads[0];
      return err(new CameraReadError('not-read', misread ? `the camera refused "${misread.symbol.text}": ${misread.error.message}` : `the camera could not read the label "${label.text}"`));
    }
    // As a scanner sends it: GS1 data keeps its symbology identifier (the FNC1 is otherwise lost), an add-on follows a space.
    const gs1 = read.symbologyIdentifier !== undefined && GS1_IDENTIFIERS.has(read.symbologyIdentifier) ? read.symbologyIdentifier : '';
    const text = `${gs1}${read.text}${read.addOn === undefined ? '' : ` ${read.addOn}`}`;
    return ok({ text, format: read.format, decodeMs: outcome.ms });
  }
}
