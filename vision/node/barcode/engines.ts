import type { DecoderEngine, EngineName } from '../../common/barcode/engine.js';
import { ZxingJsEngine } from './zxing-js-engine.js';
import { ZxingWasmEngine } from './zxing-wasm-engine.js';

/**
 * The engine a cart uses unless told otherwise. zxing-wasm (ZXing's C++ core) reads more of
 * ZXing's own test photos than the TypeScript port, reads every format the cart needs (the port
 * misses UPC-E, rectangular Data Matrix and most DataBar Expanded labels) and is several times
 * faster per frame; bench/decode.ts measures both side by side.
 */
export const DEFAULT_ENGINE: EngineName = 'zxing-wasm';

export async function createEngine(name: EngineName = DEFAULT_ENGINE): Promise<DecoderEngine> {
  switch (name) {
    case 'zxing-wasm':
      return ZxingWasmEngine.create();
    case 'zxing-js':
      return new ZxingJsEngine();
  }
}
