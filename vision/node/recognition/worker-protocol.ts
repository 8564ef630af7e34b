// Messages between WorkerRecognizer (UI thread) and recognition-worker (inference thread).
import type { RecognitionErrorKind } from '../../common/recognition/errors.js';
import type { Match } from '../../common/recognition/gallery.js';
import type { UnknownRule } from '../../common/recognition/verdict.js';
import type { PictureInput } from './preprocess.js';

export interface WorkerSetup {
  readonly specPath: string;
  readonly threads: number;
}

export type ToWorker =
  | { readonly type: 'rank'; readonly id: number; readonly picture: PictureInput }
  | { readonly type: 'teach'; readonly id: number; readonly label: string; readonly photos: readonly PictureInput[]; readonly product: boolean; readonly kind?: string };

export type FromWorker =
  | { readonly type: 'ready'; readonly labels: readonly string[]; readonly rule: UnknownRule; readonly loadMs: number }
  | { readonly type: 'ranked'; readonly id: number; readonly ranked: readonly Match[]; readonly ms: number }
  | { readonly type: 'taught'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number | null; readonly kind: RecognitionErrorKind; readonly message: string };
