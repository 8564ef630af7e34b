// Decoding off the main thread. A cart's runtime also drives the scale, the UI and the network
// on its event loop; a 40 ms decode there would stall all of them 30 times a second. The pool
// runs one reader per worker thread and never queues more than one waiting frame per camera: a
// newer frame replaces an older one that has not started (the freshest picture is the useful one,
// and a backlog would only add latency).
//
// A thread that hangs (a pathological image, an engine bug) or dies must not take the lane down:
// a job past its deadline fails with kind 'timeout' and its thread is terminated and replaced; a
// thread that exits or throws is replaced and its job fails with kind 'worker-failed'. Every job
// therefore settles, so a caller waiting on its frames never waits forever.
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
  /** Where a later decode of the same picture should go on in the plan; undefined: nothing left. */
  readonly resumeAt: number | undefined;
  /** The attempt of the plan that found the codes; undefined when none did. */
  readonly foundBy: number | undefined;
}

export class DecodePoolError extends Error {
  override readonly name = 'DecodePoolError';
  constructor(
    readonly kind: 'superseded' | 'closed' | 'worker-failed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

interface Job {
  readonly key: string;
  readonly image: GrayImage;
  readonly budgetMs: number;
  readonly resumeAt: number;
  readonly resolve: (r: PoolResult) => void;
  readonly reject: (e: DecodePoolError) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: (Job & { id: number }) | undefined;
  /** Fires when the thread overstays: starting up, or on its current job. */
  watchdog: ReturnType<typeof setTimeout> | undefined;
}

export interface DecodePoolOptions {
  readonly engine?: EngineName;
  /** The store's variable-measure layouts, for price and weight labels. */
  readonly layouts?: readonly VariableMeasureLayout[];
  /** Worker threads (default: one per core, at least 1). */
  readonly threads?: number;
  /**
   * How long one decode may take before its thread is presumed stuck (default 2000 ms: a frame's
   * budget is tens of ms, so this is far past anything a healthy reader does).
   */
  readonly jobTimeoutMs?: number;
  /** How long a thread may take to load its engine (default 20 000 ms: WebAssembly compiles on a slow cart). */
  readonly startTimeoutMs?: number;
  /** The thread's script (default: decode-worker beside this file). Tests pass a faulty one. */
  readonly script?: URL;
}

const defaultScript = (): URL => new URL(import.meta.url.endsWith('.ts') ? './decode-worker.ts' : './decode-worker.js', import.meta.url);

/**
 * Built, the worker is a .js file. From source (tsx, vitest) it is a .ts file, which a fresh
 * thread cannot load by itself: a small bootstrap registers tsx's loader in that thread first
 * (Node 20 ignores --import in a worker's execArgv).
 */
function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.href.endsWith('.ts')) return new Worker(script, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

const positive = (name: string, value: number): number => {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number of ms, not ${value}`);
  return value;
};

export class DecodePool {
  readonly #slots: Slot[] = [];
  readonly #waiting: Job[] = [];
  readonly #script: URL;
  readonly #workerData: unknown;
  readonly #jobTimeoutMs: number;
  readonly #startTimeoutMs: number;
  #nextId = 1;
  #closed = false;
  #superseded = 0;
  #replaced = 0;

  constructor(options: DecodePoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new RangeError(`a decode pool needs 1 to 64 threads, not ${threads}`);
    this.#jobTimeoutMs = positive('jobTimeoutMs', options.jobTimeoutMs ?? 2_000);
    this.#startTimeoutMs = positive('startTimeoutMs', options.startTimeoutMs ?? 20_000);
    this.#script = options.script ?? defaultScript();
    this.#workerData = { engine: options.engine ?? DEFAULT_ENGINE, layouts: options.layouts ?? [] };
    for (let i = 0; i < threads; i++) this.#slots.push(this.#spawn());
  }

  /** Frames replaced by a newer one from the same camera before a thread was free for them. */
  get superseded(): number {
    return this.#superseded;
  }

  /** Threads terminated or lost and started afresh (hung on a job, crashed). */
  get replaced(): number {
    return this.#replaced;
  }

  /** Frames waiting for a thread (at most one per key). */
  get backlog(): number {
    return this.#waiting.length;
  }

  /**
   * Decodes `image` on a free thread. `key` (a camera id) holds at most one waiting frame: a newer
   * submit rejects the older waiting one with kind 'superseded'. `resumeAt` goes on in the
   * reader's plan where an earlier decode of the same picture stopped.
   */
  decode(key: string, image: GrayImage, budgetMs: number, resumeAt = 0): Promise<PoolResult> {
    if (this.#closed) return Promise.reject(new DecodePoolError('closed', 'the decode pool is closed'));
    if (this.#slots.length === 0) return Promise.reject(new DecodePoolError('worker-failed', 'no decode thread could be started'));
    return new Promise((resolve, reject) => {
      const older = this.#waiting.findIndex((j) => j.key === key);
      if (older >= 0) {
        const [dropped] = this.#waiting.splice(older, 1);
        this.#superseded++;
        dropped?.reject(new DecodePoolError('superseded', `a newer frame from ${key} replaced this one`));
      }
      this.#waiting.push({ key, image, budgetMs, resumeAt, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(new DecodePoolError('closed', 'the decode pool closed'));
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.watchdog);
      slot.job?.reject(new DecodePoolError('closed', 'the decode pool closed'));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = startWorker(this.#script, this.#workerData);
    const slot: Slot = { worker, ready: false, job: undefined, watchdog: undefined };
    this.#arm(slot, this.#startTimeoutMs, () => this.#lose(slot, 'timeout', `a decode thread did not start within ${this.#startTimeoutMs} ms`));
    worker.on('message', (m: DecodeReply | { ready: true }) => this.#onMessage(slot, m));
    worker.on('error', (e) => this.#lose(slot, 'worker-failed', `a decode thread failed: ${e.message}`));
    worker.on('exit', (code) => this.#lose(slot, 'worker-failed', `a decode thread exited with code ${code}`));
    return slot;
  }

  #arm(slot: Slot, ms: number, fire: () => void): void {
    clearTimeout(slot.watchdog);
    slot.watchdog = setTimeout(fire, ms);
    // A watchdog alone must not keep the process alive.
    slot.watchdog.unref();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.#waiting.shift();
      if (!job) return;
      const id = this.#nextId++;
      slot.job = { ...job, id };
      this.#arm(slot, this.#jobTimeoutMs, () => this.#lose(slot, 'timeout', `a decode took longer than ${this.#jobTimeoutMs} ms; its thread was replaced`));
      // A copy the thread may own: the caller's frame buffer stays the caller's.
      const pixels = job.image.data.slice().buffer;
      const request: DecodeRequest = { id, width: job.image.width, height: job.image.height, pixels, budgetMs: job.budgetMs, resumeAt: job.resumeAt };
      slot.worker.postMessage(request, [pixels]);
    }
  }

  #onMessage(slot: Slot, m: DecodeReply | { ready: true }): void {
    if (!this.#slots.includes(slot)) return;
    if ('ready' in m) {
      slot.ready = true;
      clearTimeout(slot.watchdog);
    } else if (slot.job && m.id === slot.job.id) {
      const job = slot.job;
      slot.job = undefined;
      clearTimeout(slot.watchdog);
      if (m.ok) job.resolve({ reads: m.reads, misreads: m.misreads, ms: m.ms, resumeAt: m.resumeAt, foundBy: m.foundBy });
      else job.reject(new DecodePoolError('worker-failed', m.error));
    }
    this.#dispatch();
  }

  /**
   * A thread that hung or died: its job fails, the thread is terminated, and a fresh one takes its
   * place. A thread that never got ready (the engine cannot load) is not replaced, since its
   * successor would fail the same way; once no thread is left, waiting frames fail too.
   */
  #lose(slot: Slot, kind: 'timeout' | 'worker-failed', message: string): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return; // already lost, or the pool closed
    clearTimeout(slot.watchdog);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined); // late errors of a thread being torn down
    void slot.worker.terminate();
    slot.job?.reject(new DecodePoolError(kind, message));
    if (slot.ready) {
      this.#slots[at] = this.#spawn();
      this.#replaced++;
    } else {
      this.#slots.splice(at, 1);
    }
    if (this.#slots.length === 0) for (const waiting of this.#waiting.splice(0)) waiting.reject(new DecodePoolError('worker-failed', message));
    this.#dispatch();
  }
}
