import type { BarcodeFormat } from './formats.js';
import type { GrayImage } from './gray-image.js';
import type { DecodedSymbol } from './symbol.js';

/** The selectable decoders: ZXing's C++ core compiled to WebAssembly, and ZXing's TypeScript port. */
export const ENGINE_NAMES = ['zxing-wasm', 'zxing-js'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export const isEngineName = (name: string): name is EngineName => (ENGINE_NAMES as readonly string[]).includes(name);

/** How one engine call should look; the attempt plan (attempts.ts) varies these between tries. */
export interface EngineCall {
  readonly formats: readonly BarcodeFormat[];
  /**
   * ZXing's TRY_HARDER: more scan lines, both orientations of 1D codes, more candidates. Costs
   * several times the fast path, so the plan uses it only after a fast miss.
   */
  readonly tryHarder: boolean;
  /**
   * 'local': ZXing's HybridBinarizer (a threshold per 8×8 block; copes with shadows and glare).
   * 'global': GlobalHistogramBinarizer (one threshold per row; better on blur and low contrast).
   */
  readonly binarizer: 'local' | 'global';
}

/** One ZXing engine behind one interface, so the reader and the benchmarks can swap them. */
export interface DecoderEngine {
  readonly name: EngineName;
  /** Every symbol found, in ZXing's conventions (symbol.ts); an empty list when nothing was found. */
  decode(image: GrayImage, call: EngineCall): Promise<DecodedSymbol[]>;
}
