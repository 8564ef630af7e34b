import {
  BarcodeFormat as JsFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  MultiFormatReader,
  Exception as JsException,
  ResultMetadataType,
  RGBLuminanceSource,
  type Result as JsResult,
  type ResultPoint,
} from '@zxing/library';
import type { DecoderEngine, EngineCall } from '../../common/barcode/engine.js';
import { isBarcodeFormat, type BarcodeFormat } from '../../common/barcode/formats.js';
import type { GrayImage } from '../../common/barcode/gray-image.js';
import type { DecodedSymbol, Quad } from '../../common/barcode/symbol.js';

/**
 * ZXing's TypeScript port prints to the console from inside its readers: a stack trace for every
 * DataBar Expanded candidate that fails, and a warning that that reader "IS NOT ready for
 * production". A cart's log would fill at 30 frames a second, so the console is muted for the
 * length of one decode. decode() is synchronous, so nothing else runs while it is muted.
 */
function muted<T>(fn: () => T): T {
  const { log, warn } = console;
  console.log = () => {};
  console.warn = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/**
 * The port reports 2 points for a 1D code (both ends of the scan line that read it) and 3 or 4
 * for a 2D code (bottom-left, top-left, top-right finder centres, then maybe an alignment
 * pattern). Both become a quad; a 1D read is a line, so its quad has no height.
 */
function quadOf(points: readonly ResultPoint[]): Quad {
  const p = points.map((pt) => ({ x: pt.getX(), y: pt.getY() }));
  const origin = { x: 0, y: 0 };
  const [a = origin, b = a, c] = p;
  if (c === undefined) return { topLeft: a, topRight: b, bottomRight: b, bottomLeft: a };
  // a = bottom-left, b = top-left, c = top-right: the fourth corner completes the parallelogram.
  return { topLeft: b, topRight: c, bottomRight: { x: c.x + a.x - b.x, y: c.y + a.y - b.y }, bottomLeft: a };
}

const GS1_128 = ']C1';
const GS = '\u001d';

function symbolOf(result: JsResult, formats: readonly BarcodeFormat[]): DecodedSymbol | undefined {
  const format = JsFormat[result.getBarcodeFormat()];
  if (format === undefined || !isBarcodeFormat(format) || !formats.includes(format)) return undefined;
  const metadata = result.getResultMetadata();
  const extension = metadata?.get(ResultMetadataType.UPC_EAN_EXTENSION);
  // With ASSUME_GS1 the port announces GS1 data by a "]C1" in front of the text.
  const raw = result.getText();
  const gs1 = format === 'CODE_128' && raw.startsWith(GS1_128);
  return {
    format,
    // In plain Code 128 an FNC1 is no separator; ZXing Java (without the hint) and zxing-cpp drop it.
    text: gs1 ? raw.slice(GS1_128.length) : format === 'CODE_128' ? raw.replaceAll(GS, '') : raw,
    ...(gs1 ? { symbologyIdentifier: GS1_128 } : {}),
    position: quadOf(result.getResultPoints() ?? []),
    ...(typeof extension === 'string' && extension !== '' ? { addOn: extension } : {}),
  };
}

export class ZxingJsEngine implements DecoderEngine {
  readonly name = 'zxing-js';
  readonly #readers = new Map<string, MultiFormatReader>();

  /** Setting hints builds the sub-readers, so one reader per distinct call is kept and reused. */
  #reader(call: EngineCall): MultiFormatReader {
    const key = `${call.formats.join(',')}|${call.tryHarder}`;
    let reader = this.#readers.get(key);
    if (!reader) {
      reader = new MultiFormatReader();
      const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, call.formats.map((f) => JsFormat[f])]]);
      // The port tests TRY_HARDER for presence, not truth: set it only when wanted.
      if (call.tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
      // Without it the port drops a leading FNC1 silently, and GS1-128 reads as plain Code 128.
      hints.set(DecodeHintType.ASSUME_GS1, true);
      const configured = reader;
      muted(() => configured.setHints(hints));
      this.#readers.set(key, reader);
    }
    return reader;
  }

  decode(image: GrayImage, call: EngineCall): Promise<DecodedSymbol[]> {
    const luminance = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
    const source = new RGBLuminanceSource(luminance, image.width, image.height);
    const bitmap = new BinaryBitmap(call.binarizer === 'local' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source));
    const reader = this.#reader(call);
    try {
      const result = muted(() => reader.decodeWithState(bitmap));
      // The DataBar readers remember pairs from earlier images until reset, and would later
      // report a stale RSS_14 in a QR code or an empty frame.
      reader.reset();
      const symbol = symbolOf(result, call.formats);
      return Promise.resolve(symbol ? [symbol] : []);
    } catch (e) {
      reader.reset();
      // A miss is the port's NotFoundException; checksum and format exceptions (a symbol seen that
      // did not verify) and the index errors the port throws on odd geometry are misses too.
      if (e instanceof JsException) return Promise.resolve([]);
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
