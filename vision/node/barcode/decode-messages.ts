import type { BarcodeRead } from '../../common/barcode/judge.js';

/** Main thread → decoding thread. `pixels` is transferred, so the sender loses it. */
export interface DecodeRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
  readonly budgetMs: number;
  /** The attempt of the reader's plan to start at (see BarcodeReader.read). */
  readonly resumeAt: number;
}

/** Decoding thread → main thread. */
export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly reads: BarcodeRead[]; readonly misreads: number; readonly ms: number; readonly resumeAt: number | undefined; readonly foundBy: number | undefined }
  | { readonly id: number; readonly ok: false; readonly error: string };
