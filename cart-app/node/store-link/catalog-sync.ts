// Keeps the cart's catalog in step with its store (docs/store-server.md, "Catalog"): the copy
// on disk first, so the cart sells at once and while the store is down; then the whole catalog
// when the cart has none, else only what changed since its version, every few seconds on the
// injected clock, backing off while the store does not answer. Every answer is checked and
// imported whole before the cart uses it; a bad one is refused and the last good copy stays.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Random } from '../../../domain/common/random.js';
import type { TimerHandle } from '../../../domain/common/clock.js';
import { applyCatalogDelta } from './apply-delta.js';
import { Backoff } from './backoff.js';
import { catalogDeltaSchema, storeErrorSchema } from './catalog-answers.js';
import { readCatalogCopy, writeCatalogCopy } from './catalog-copy.js';
import { importDocument, type CatalogCopy } from './import-document.js';
import { Listeners } from './listeners.js';
import { signedGet, type CartIdentity, type StoreAnswer, type Unreachable } from './signed-get.js';

export type CatalogSource = 'disk' | 'full' | 'delta';

export type CatalogSyncProblemKind =
  /** The copy on disk was damaged or does not import; it was set aside and the store asked instead. */
  | 'damaged-copy'
  /** The store answered something the cart will not use (wrong shape, a catalog that does not import, too big). */
  | 'bad-answer'
  /** The store refused the cart (unpaired, unknown, no catalog yet): its code is in the message. */
  | 'refused'
  /** The new copy is in use but could not be written to disk. */
  | 'not-saved';

export class CatalogSyncProblem extends Error {
  override readonly name = 'CatalogSyncProblem';
  constructor(
    readonly kind: CatalogSyncProblemKind,
    message: string,
    /** The store's error code, for `refused`. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export type CatalogSyncEvent =
  | { readonly type: 'catalog'; readonly catalog: Catalog; readonly version: number; readonly source: CatalogSource }
  /** The store stopped answering; the cart sells from its copy (if it has one) until it is back. */
  | { readonly type: 'offline'; readonly since: number; readonly reason: string }
  | { readonly type: 'online'; readonly at: number }
  | { readonly type: 'problem'; readonly problem: CatalogSyncProblem };

/** What one round of sync came to. */
export type SyncOutcome = 'updated' | 'current' | 'offline' | 'refused' | 'bad-answer';

export interface CatalogSyncOptions extends CartIdentity {
  /** The cart's copy of the catalog (its folder must exist). */
  readonly file: string;
  /** Between rounds while the store answers; 5 s. */
  readonly pollMs?: number;
  /** The longest wait between tries while the store does not answer; 60 s. */
  readonly maxBackoffMs?: number;
  /** Spreads the retries of many carts (see Backoff). */
  readonly random?: Random;
  /** The largest answer the cart reads; 64 MiB, the store's own limit on a catalog. */
  readonly maxBytes?: number;
  /** How long one request may take before the store counts as unreachable; 30 s. */
  readonly timeoutMs?: number;
  /** Where a listener's exception goes; the sync itself never throws into its caller. */
  readonly warn?: (message: string) => void;
}

export class CatalogSync {
  readonly #options: CatalogSyncOptions;
  readonly #listeners: Listeners<CatalogSyncEvent>;
  readonly #backoff: Backoff;
  #copy: CatalogCopy | undefined;
  #offlineSince: number | null = null;
  #round: Promise<SyncOutcome> | undefined;
  #timer: TimerHandle | undefined;
  #running = false;

  constructor(options: CatalogSyncOptions) {
    this.#options = options;
    this.#listeners = new Listeners((error) => options.warn?.(`a catalog listener failed: ${error instanceof Error ? error.message : String(error)}`));
    const pollMs = options.pollMs ?? 5_000;
    this.#backoff = new Backoff({ firstMs: pollMs, maxMs: Math.max(pollMs, options.maxBackoffMs ?? 60_000), ...(options.random ? { random: options.random } : {}) });
  }

  /** Hears every event until the returned function is called. */
  on(listener: (event: CatalogSyncEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** The catalog the cart sells from; undefined until a copy was loaded or fetched. */
  get catalog(): Catalog | undefined {
    return this.#copy?.catalog;
  }

  get version(): number | undefined {
    return this.#copy?.document.version;
  }

  /** When the store stopped answering; null while it answers. */
  get offlineSince(): number | null {
    return this.#offlineSince;
  }

  /** Loads the disk copy, syncs once, then keeps polling until stop(). */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const disk = await readCatalogCopy(this.#options.file);
    if (!disk.ok) this.#problem('damaged-copy', `${disk.error.message}; the cart asks the store for the whole catalog`);
    else if (disk.value && !this.#copy) this.#use(disk.value, 'disk');
    await this.#poll();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** One round now (a staff "refresh", or a test); joins the round under way if there is one. */
  syncNow(): Promise<SyncOutcome> {
    this.#round ??= this.#syncRound().finally(() => {
      this.#round = undefined;
    });
    return this.#round;
  }

  async #poll(): Promise<void> {
    const outcome = await this.syncNow();
    if (!this.#running) return;
    if (outcome === 'updated' || outcome === 'current') this.#backoff.reset();
    const wait = outcome === 'updated' || outcome === 'current' ? (this.#options.pollMs ?? 5_000) : this.#backoff.next();
    if (this.#timer) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, wait);
  }

  async #syncRound(): Promise<SyncOutcome> {
    const held = this.#copy;
    if (held) {
      const answer = await this.#get(`/api/catalog?since=${held.document.version}`);
      if (!answer.ok) return answer.error;
      const { status, json } = answer.value;
      // 409 (the cart is ahead: the store was restored) and 410 (too old) both mean: start over.
      if (status !== 200 && status !== 409 && status !== 410) return this.#refused(answer.value);
      if (status === 200) {
        const delta = catalogDeltaSchema.safeParse(json);
        if (!delta.success) return this.#badAnswer(`the store's catalog changes are not in the expected form (${delta.error.issues[0]?.message ?? 'unknown'})`);
        const nothingNew = delta.data.since === held.document.version && delta.data.version === held.document.version && delta.data.changed.length === 0 && delta.data.removed.length === 0;
        if (nothingNew) return 'current';
        const applied = applyCatalogDelta(held.document, delta.data);
        if (!applied.ok && applied.error.kind === 'contradiction') return this.#badAnswer(`the store's catalog changes name SKU ${applied.error.sku} twice`);
        if (applied.ok) {
          const imported = importDocument(applied.value);
          if (imported.ok) return this.#adopt(imported.value, 'delta');
          this.#problem('bad-answer', `the catalog after the store's changes does not import (${imported.error}); fetching the whole catalog`);
        }
      }
    }
    const answer = await this.#get('/api/catalog');
    if (!answer.ok) return answer.error;
    if (answer.value.status !== 200) return this.#refused(answer.value);
    const imported = importDocument(answer.value.json);
    return imported.ok ? this.#adopt(imported.value, 'full') : this.#badAnswer(`the store's catalog does not import: ${imported.error}`);
  }

  /** A signed GET; silence from the store (or a gateway's 5xx) marks the cart offline. */
  async #get(path: string): Promise<{ ok: true; value: StoreAnswer } | { ok: false; error: 'offline' | 'bad-answer' }> {
    const answer = await signedGet(this.#options, path, { maxBytes: this.#options.maxBytes ?? 64 * 1024 * 1024, timeoutMs: this.#options.timeoutMs ?? 30_000 });
    if (!answer.ok) return { ok: false, error: answer.error.code === 'too-large' ? this.#badAnswer(answer.error.message) : this.#unreachable(answer.error) };
    if (answer.value.status >= 500) return { ok: false, error: this.#unreachable({ code: 'network', message: `the store answered ${answer.value.status}` }) };
    if (this.#offlineSince !== null) {
      this.#offlineSince = null;
      this.#listeners.emit({ type: 'online', at: this.#options.clock.now() });
    }
    return answer;
  }

  #unreachable(error: Unreachable): 'offline' {
    if (this.#offlineSince === null) {
      this.#offlineSince = this.#options.clock.now();
      this.#listeners.emit({ type: 'offline', since: this.#offlineSince, reason: error.message });
    }
    return 'offline';
  }

  #refused(answer: StoreAnswer): 'refused' {
    const said = storeErrorSchema.safeParse(answer.json);
    const code = said.success ? said.data.error : `http-${answer.status}`;
    this.#problem('refused', `the store refused the catalog (${answer.status} ${code}${said.success ? `: ${said.data.message}` : ''})`, code);
    return 'refused';
  }

  #badAnswer(message: string): 'bad-answer' {
    this.#problem('bad-answer', `${message}; the cart keeps ${this.#copy ? `version ${this.#copy.document.version}` : 'no catalog'}`);
    return 'bad-answer';
  }

  async #adopt(copy: CatalogCopy, source: 'full' | 'delta'): Promise<'updated'> {
    // On disk before anyone hears of it, so a cart restarted after the event starts from it.
    const saved = await writeCatalogCopy(this.#options.file, copy.document);
    if (!saved.ok) this.#problem('not-saved', saved.error.message);
    this.#use(copy, source);
    return 'updated';
  }

  #use(copy: CatalogCopy, source: CatalogSource): void {
    this.#copy = copy;
    this.#listeners.emit({ type: 'catalog', catalog: copy.catalog, version: copy.document.version, source });
  }

  #problem(kind: CatalogSyncProblemKind, message: string, code?: string): void {
    this.#listeners.emit({ type: 'problem', problem: new CatalogSyncProblem(kind, message, code) });
  }
}
