// The recognizer the cart uses: the model runs in a worker thread, so decoding and inference
// never block the UI thread's event loop.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RecognitionError } from '../../common/recognition/errors.js';
import type { Match } from '../../common/recognition/gallery.js';
import type { UnknownRule } from '../../common/recognition/verdict.js';
import type { PictureInput } from './preprocess.js';
import type { Ranking } from './recognizer.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

export interface WorkerRecognizerOptions {
  /** ONNX Runtime threads inside the worker (default 1). */
  readonly threads?: number;
}

/** A request before it gets its id (Omit over each member of the union, not the union). */
type Request = ToWorker extends infer T ? (T extends ToWorker ? Omit<T, 'id'> : never) : never;

interface Pending {
  resolve(value: FromWorker): void;
  reject(error: RecognitionError): void;
}

/** tsx's ESM loader API (its `import` export; require() would give the CommonJS twin). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = exportsMap['./esm/api']?.import.default;
  if (!api) throw new RecognitionError('worker-gone', 'tsx has no ./esm/api export: build the project (npm run build) to run from dist/');
  return path.join(path.dirname(manifest), api);
}

/**
 * Compiled, the worker is a .js beside this file. Run from sources (tsx, vitest) it is the .ts,
 * and the worker first registers tsx's loader itself: loader flags in a worker's execArgv do not
 * reach its entry module on Node 20.
 */
function workerEntry(): { entry: URL | string; evaluate: boolean } {
  const js = new URL('./recognition-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { entry: js, evaluate: false };
  const ts = new URL('./recognition-worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(tsxEsmApi()).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(ts)}); });`, evaluate: true };
}

export class WorkerRecognizer {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #gone: RecognitionError | null = null;

  private constructor(
    private readonly worker: Worker,
    /** The products the gallery knew at start. */
    readonly labels: readonly string[],
    /** The spec's rule for answering "unknown" (not a catalog item). */
    readonly rule: UnknownRule,
    /** How long the worker took to load the model, in milliseconds. */
    readonly loadMs: number,
  ) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready' || message.id === null) return;
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.type === 'failed') pending.reject(new RecognitionError(message.kind, message.message));
      else pending.resolve(message);
    });
    const stop = (why: string): void => {
      this.#gone ??= new RecognitionError('worker-gone', why);
      for (const p of this.#pending.values()) p.reject(this.#gone);
      this.#pending.clear();
    };
    worker.on('error', (error) => stop(`the recognition worker failed: ${error.message}`));
    worker.on('exit', (code) => stop(`the recognition worker stopped (exit code ${code})`));
  }

  /** Starts the worker and waits until it has loaded the model. */
  static async start(specPath: string, options: WorkerRecognizerOptions = {}): Promise<WorkerRecognizer> {
    const { entry, evaluate } = workerEntry();
    const setup: WorkerSetup = { specPath, threads: options.threads ?? 1 };
    // ONNX Runtime walks the model graph recursively while loading it; a worker's default 4 MB
    // stack overflowed (SIGSEGV) on this model when the process had many arguments.
    const worker = new Worker(entry, { eval: evaluate, workerData: setup, resourceLimits: { stackSizeMb: 64 } });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (message.type === 'ready') resolve(new WorkerRecognizer(worker, message.labels, message.rule, message.loadMs));
        else {
          const kind = message.type === 'failed' ? message.kind : 'bad-model';
          const text = message.type === 'failed' ? message.message : `unexpected first message '${message.type}'`;
          void worker.terminate();
          reject(new RecognitionError(kind, text));
        }
      };
      const onError = (error: Error): void => {
        worker.off('message', onMessage);
        reject(new RecognitionError('worker-gone', `the recognition worker failed to start: ${error.message}`));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
  }

  #ask(message: Request): Promise<FromWorker> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id } as ToWorker);
    });
  }

  /** Ranks the whole gallery against a picture; `ms` is the worker's own time for it. */
  async rank(picture: PictureInput): Promise<Ranking> {
    const answer = await this.#ask({ type: 'rank', picture });
    if (answer.type !== 'ranked') throw new RecognitionError('worker-gone', `unexpected answer '${answer.type}'`);
    return { ranked: answer.ranked as Match[], ms: answer.ms };
  }

  /** Adds a product (or, with `product: false`, a thing not for sale) to the worker's gallery; `kind` as Recognizer.teach. */
  async teach(label: string, photos: readonly PictureInput[], product = true, kind?: string): Promise<void> {
    await this.#ask(kind === undefined ? { type: 'teach', label, photos, product } : { type: 'teach', label, photos, product, kind });
  }

  async close(): Promise<void> {
    this.#gone ??= new RecognitionError('worker-gone', 'the recognizer was closed');
    await this.worker.terminate();
  }
}
