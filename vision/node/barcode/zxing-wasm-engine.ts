import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  BINARIZERS,
  CHARACTER_SETS,
  defaultReaderOptions,
  EAN_ADD_ON_SYMBOLS,
  prepareZXingModule,
  TEXT_MODES,
  type TextMode,
  type ZXingReaderModule,
  type ZXingReaderOptions,
  type ZXingReadResult,
} from 'zxing-wasm/reader';
import { CPP_FORMATS, fromCpp, needsHri } from '../../common/barcode/cpp-conventions.js';
import type { DecoderEngine, EngineCall } from '../../common/barcode/engine.js';
import type { BarcodeFormat } from '../../common/barcode/formats.js';
import type { GrayImage } from '../../common/barcode/gray-image.js';
import type { DecodedSymbol } from '../../common/barcode/symbol.js';

/** The Emscripten heap calls every module has (typed by @types/emscripten, not installed here). */
interface WasmHeap {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  readonly HEAPU8: Uint8Array;
}
type ReaderModule = ZXingReaderModule & WasmHeap;

/**
 * zxing-wasm fetches its .wasm from a CDN unless told otherwise, which fails on a cart without
 * network; the binary ships in node_modules, so hand it over directly. Loaded once per thread.
 */
async function loadModule(): Promise<ReaderModule> {
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = await readFile(wasmPath);
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return (await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true })) as ReaderModule;
}

function zxingOptions(formats: readonly BarcodeFormat[], call: EngineCall, textMode: TextMode): ZXingReaderOptions {
  return {
    ...defaultReaderOptions,
    formats: formats.flatMap((f) => CPP_FORMATS[f]).join(','),
    tryHarder: call.tryHarder,
    // Rotations and inversion are cheap inside zxing-cpp compared with doing them outside.
    tryRotate: call.tryHarder,
    tryInvert: call.tryHarder,
    binarizer: BINARIZERS.indexOf(call.binarizer === 'local' ? 'LocalAverage' : 'GlobalHistogram'),
    eanAddOnSymbol: EAN_ADD_ON_SYMBOLS.indexOf('Read'),
    // Plain: the text as encoded. The default (HRI) escapes control characters in QR payloads
    // ("<GS>") and would no longer match what was printed.
    textMode: TEXT_MODES.indexOf(textMode),
    characterSet: CHARACTER_SETS.indexOf('Unknown'),
    maxNumberOfSymbols: 8,
  };
}

const bytesKey = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/**
 * ZXing's C++ core through zxing-wasm. Its public readBarcodes() takes RGBA and converts it to
 * luminance in JavaScript; a camera frame is luminance already, so the engine calls the module's
 * pixmap reader directly with the gray bytes (two full-frame passes saved, about half the time
 * of a fast read of a 1280×720 frame).
 */
export class ZxingWasmEngine implements DecoderEngine {
  readonly name = 'zxing-wasm';

  static async create(): Promise<ZxingWasmEngine> {
    return new ZxingWasmEngine(await loadModule());
  }

  private constructor(private readonly module: ReaderModule) {}

  #read(image: GrayImage, options: ZXingReaderOptions): ZXingReadResult[] {
    const m = this.module;
    const ptr = m._malloc(image.data.length);
    if (!ptr) throw new Error(`zxing-wasm could not allocate ${image.data.length} bytes`);
    try {
      m.HEAPU8.set(image.data, ptr);
      const found = m.readBarcodesFromPixmap(ptr, image.width, image.height, options);
      const reads: ZXingReadResult[] = [];
      for (let i = 0; i < found.size(); i++) {
        const read = found.get(i);
        if (read?.isValid) reads.push(read);
      }
      return reads;
    } finally {
      m._free(ptr);
    }
  }

  decode(image: GrayImage, call: EngineCall): Promise<DecodedSymbol[]> {
    const reads = this.#read(image, zxingOptions(call.formats, call, 'Plain'));
    const symbols = reads.map((read) => fromCpp(read, call.formats));
    if (!symbols.some((s) => s !== undefined && needsHri(s))) return Promise.resolve(symbols.filter((s): s is DecodedSymbol => s !== undefined));
    // Rare (an AI the domain's table lacks): read DataBar Expanded again for zxing-cpp's own
    // bracketed text, matched to the first pass by the symbol's raw bytes.
    const hri = new Map(this.#read(image, zxingOptions(['RSS_EXPANDED'], call, 'HRI')).map((r) => [bytesKey(r.bytes), r.text]));
    return Promise.resolve(
      reads.flatMap((read, i) => {
        const symbol = symbols[i];
        if (symbol === undefined) return [];
        return needsHri(symbol) ? (fromCpp(read, call.formats, hri.get(bytesKey(read.bytes))) ?? []) : [symbol];
      }),
    );
  }
}
