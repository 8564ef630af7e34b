// Decoding off the main thread. A cart's runtime also drives the scale, the UI and the network
// on its event loop; a 40 ms decode there would stall all of them 30 times a second. The pool
// runs one reader per worker thread and never queues more than one waiting frame per camera: a
// newer frame replaces an older one that has not started (the freshest picture is the useful one,
// and a backlog would only add latency).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { VariableMeasureLayout } from '../../../domain/common/catalog/schema.js';
import type { EngineName } from '../../common/barcode/engine.js';
import type { GrayImage } from '../../common/barcode/gray-image.js';
import type { BarcodeRead } from '../../common/barcode/judge.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';
import { DEFAULT_ENGINE } from './engines.js';

export interface PoolResult {
  readonly reads: BarcodeRead[];
  readonly misreads: number;
  readonly ms: number;
}

export class DecodePoolError extends Error {
  override readonly name = 'DecodePoolError';
  constructor(
    readonly kind: 'superseded' | 'closed' | 'worker-failed',
    message: string,
  ) {
    super(message);
  }
}

interface Job {
  readonly key: string;
  readonly image: GrayImage;
  readonly budgetMs: number;
  readonly resolve: (r: PoolResult) => void;
  readonly reject: (e: DecodePoolError) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: (Job & { id: number }) | undefined;
}

export interface DecodePoolOptions {
  readonly engine?: EngineName;
  /** The store's variable-measure layouts, for price and weight labels. */
  readonly layouts?: readonly VariableMeasureLayout[];
  /** Worker threads (default: one per core, at least 1). */
  readonly threads?: number;
}

/**
 * The worker beside this file. Built, it is decode-worker.js. From source (tsx, vitest) it is a
 * .ts file, which a fresh thread cannot load by itself: a small bootstrap registers tsx's loader
 * in that thread first (Node 20 ignores --import in a worker's execArgv).
 */
function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./decode-worker.js', import.meta.url), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./decode-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class DecodePool {
  readonly #slots: Slot[] = [];
  readonly #waiting: Job[] = [];
  #nextId = 1;
  #closed = false;
  #superseded = 0;

  constructor(options: DecodePoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new RangeError(`a decode pool needs 1 to 64 threads, not ${threads}`);
    for (let i = 0; i < threads; i++) {
      const worker = startWorker({ engine: options.engine ?? DEFAULT_ENGINE, layouts: options.layouts ?? [] });
      const slot: Slot = { worker, ready: false, job: undefined };
      worker.on('message', (m: DecodeReply | { ready: true }) => this.#onMessage(slot, m));
      worker.on('error', (e) => this.#onFailure(slot, e.message));
      worker.on('exit', (code) => {
        if (!this.#closed) this.#onFailure(slot, `decode thread exited with code ${code}`);
      });
      this.#slots.push(slot);
    }
  }

  /** Frames replaced by a newer one from the same camera before a thread was free for them. */
  get superseded(): number {
    return this.#superseded;
  }

  /** Frames waiting for a thread (at most one per key). */
  get backlog(): number {
    return this.#waiting.length;
  }

  /**
   * Decodes `image` on a free thread. `key` (a camera id) holds at most one waiting frame: a newer
   * submit rejects the older waiting one with kind 'superseded'.
   */
  decode(key: string, image: GrayImage, budgetMs: number): Promise<PoolResult> {
    if (this.#closed) return Promise.reject(new DecodePoolError('closed', 'the decode pool is closed'));
    return new Promise((resolve, reject) => {
      const older = this.#waiting.findIndex((j) => j.key === key);
      if (older >= 0) {
        const [dropped] = this.#waiting.splice(older, 1);
        this.#superseded++;
        dropped?.reject(new DecodePoolError('superseded', `a newer frame from ${key} replaced this one`));
      }
      this.#waiting.push({ key, image, budgetMs, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(new DecodePoolError('closed', 'the decode pool closed'));
    for (const slot of this.#slots) slot.job?.reject(new DecodePoolError('closed', 'the decode pool closed'));
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.#waiting.shift();
      if (!job) return;
      const id = this.#nextId++;
      slot.job = { ...job, id };
      // A copy the thread may own: the caller's frame buffer stays the caller's.
      const pixels = job.image.data.slice().buffer;
      const request: DecodeRequest = { id, width: job.image.width, height: job.image.height, pixels, budgetMs: job.budgetMs };
      slot.worker.postMessage(request, [pixels]);
    }
  }

  #onMessage(slot: Slot, m: DecodeReply | { ready: true }): void {
    if ('ready' in m) {
      slot.ready = true;
    } else if (slot.job && m.id === slot.job.id) {
      const job = slot.job;
      slot.job = undefined;
      if (m.ok) job.resolve({ reads: m.reads, misreads: m.misreads, ms: m.ms });
      else job.reject(new DecodePoolError('worker-failed', m.error));
    }
    this.#dispatch();
  }

  #onFailure(slot: Slot, message: string): void {
    const job = slot.job;
    slot.job = undefined;
    slot.ready = false;
    job?.reject(new DecodePoolError('worker-failed', message));
    if (this.#slots.every((s) => !s.ready)) for (const waiting of this.#waiting.splice(0)) waiting.reject(new DecodePoolError('worker-failed', message));
  }
}
