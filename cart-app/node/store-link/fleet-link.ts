// The cart's place on the store's fleet board (docs/store-server.md, "Live connections"): a
// live WebSocket, a health report every few seconds and as soon as something in it changes,
// a reconnect with backoff on the injected clock when the connection drops, and what the store
// says back (acks, refusals, lock and unlock, unpairing) as events. Nothing here throws into
// the runtime: a store that is down is a state the cart shows, not an error it dies of.
import type { RawData, WebSocket } from 'ws';
import type { TimerHandle } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import { Backoff } from './backoff.js';
import type { CartReport } from '../../../domain/common/fleet/cart-report.js';
import { liveMessageSchema } from './live-messages.js';
import { Listeners } from './listeners.js';
import type { CartIdentity } from './signed-get.js';
import { openSignedSocket, type UpgradeRefusal } from './signed-socket.js';

/** The store drops reports closer than this (Fleet's minReportIntervalMs). */
const STORE_REPORT_FLOOR_MS = 1_000;
/** The store closes a connection with this code when it hangs up on the cart. */
const HANG_UP_CODE = 4003;
/** Refusals that no retry can cure: the cart must be paired again. */
const FINAL_REFUSALS = new Set(['cart-unpaired', 'unknown-cart']);

export type FleetLinkEvent =
  | { readonly type: 'connected'; readonly at: number }
  /** The connection is gone; `retryInMs` is null when the link gave up (unpaired) or was stopped. */
  | { readonly type: 'disconnected'; readonly at: number; readonly reason: string; readonly retryInMs: number | null }
  | { readonly type: 'ack'; readonly at: number }
  /** The store did not take a report (`invalid-report` with its problems, `too-frequent`, `internal`). */
  | { readonly type: 'report-refused'; readonly error: string; readonly issues: readonly { readonly path: string; readonly message: string }[] }
  /** The store would not open the connection (bad signature, clock off, not paired yet …). */
  | { readonly type: 'refused'; readonly refusal: UpgradeRefusal }
  | { readonly type: 'locked'; readonly reason: string }
  | { readonly type: 'unlocked' }
  /** Staff unpaired the cart: its key is retired and the link stops; pair again with a new key. */
  | { readonly type: 'unpaired' }
  /** Something on the cart's side went wrong (the report could not be read, a message made no sense). */
  | { readonly type: 'problem'; readonly message: string };

export interface FleetLinkOptions extends CartIdentity {
  /** Reads the cart's health now; called often, so it should be cheap. */
  readonly report: () => CartReport;
  /** A report at least this often even when nothing changed; 5 s. */
  readonly reportEveryMs?: number;
  /** How often the report is read to catch a change; 1 s (the store's floor, and never below it). */
  readonly checkEveryMs?: number;
  /** The first wait before reconnecting; doubles to `maxRetryMs` (30 s). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  readonly random?: Random;
  /** A report the store has not answered for this long means the connection is dead; 15 s. */
  readonly answerTimeoutMs?: number;
  /** Where a listener's exception goes. */
  readonly warn?: (message: string) => void;
}

export class FleetLink {
  readonly #options: FleetLinkOptions;
  readonly #listeners: Listeners<FleetLinkEvent>;
  readonly #backoff: Backoff;
  #ws: WebSocket | undefined;
  #open = false;
  #running = false;
  #gaveUp = false;
  #refusal: UpgradeRefusal | undefined;
  #tick: TimerHandle | undefined;
  #retry: TimerHandle | undefined;
  #lastSent: { readonly json: string; readonly at: number } | undefined;
  /** When the oldest unanswered report went out; undefined when the store has answered them all. */
  #awaitingSince: number | undefined;
  #lastAckAt: number | null = null;
  #lock: { readonly reason: string } | null = null;

  constructor(options: FleetLinkOptions) {
    this.#options = options;
    this.#listeners = new Listeners((error) => options.warn?.(`a fleet listener failed: ${error instanceof Error ? error.message : String(error)}`));
    const first = options.firstRetryMs ?? 1_000;
    this.#backoff = new Backoff({ firstMs: first, maxMs: Math.max(first, options.maxRetryMs ?? 30_000), ...(options.random ? { random: options.random } : {}) });
  }

  on(listener: (event: FleetLinkEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  get connected(): boolean {
    return this.#open;
  }

  /** The store's time of its last ack; null before the first. */
  get lastAckAt(): number | null {
    return this.#lastAckAt;
  }

  /** The lock staff put on the cart, as last heard on this connection. */
  get lock(): { readonly reason: string } | null {
    return this.#lock;
  }

  start(): void {
    if (this.#running || this.#gaveUp) return;
    this.#running = true;
    this.#connect();
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.#running = false;
    this.#clearTimers();
    const ws = this.#ws;
    this.#ws = undefined;
    this.#open = false;
    ws?.terminate();
  }

  #connect(): void {
    this.#refusal = undefined;
    let ws: WebSocket;
    try {
      ws = openSignedSocket(this.#options, (refusal) => {
        this.#refusal = refusal;
        this.#emit({ type: 'refused', refusal });
      });
    } catch (error) {
      // A malformed base URL: nothing to retry against, but the runtime hears why.
      this.#emit({ type: 'problem', message: `cannot open the live connection: ${error instanceof Error ? error.message : String(error)}` });
      this.#scheduleRetry('the store address is not usable');
      return;
    }
    this.#ws = ws;
    let lastError = '';
    ws.on('error', (error) => {
      lastError = error.message;
    });
    ws.on('open', () => this.#opened(ws));
    ws.on('message', (data, isBinary) => this.#heard(ws, data, isBinary));
    ws.on('close', (code, reason) => this.#closed(ws, code, reason.toString('utf8') || lastError || `closed (${code})`));
  }

  #opened(ws: WebSocket): void {
    if (ws !== this.#ws) return;
    this.#open = true;
    this.#backoff.reset();
    this.#lastSent = undefined;
    this.#awaitingSince = undefined;
    this.#emit({ type: 'connected', at: this.#options.clock.now() });
    this.#check();
  }

  /** Reads the report; sends it when it changed or is due; hangs up on a store that went quiet. */
  #check(): void {
    const ws = this.#ws;
    if (!ws || !this.#open) return;
    const now = this.#options.clock.now();
    if (this.#awaitingSince !== undefined && now - this.#awaitingSince >= (this.#options.answerTimeoutMs ?? 15_000)) {
      // A store that vanished without closing (power cut, cable) is only found by its silence.
      ws.terminate();
      return;
    }
    const json = this.#readReport();
    if (json !== undefined) {
      const changed = json !== this.#lastSent?.json;
      const due = this.#lastSent === undefined || now - this.#lastSent.at >= (this.#options.reportEveryMs ?? 5_000);
      if (changed || due) this.#send(ws, json, now);
    }
    this.#tick = this.#options.clock.setTimeout(() => this.#check(), Math.max(STORE_REPORT_FLOOR_MS, this.#options.checkEveryMs ?? STORE_REPORT_FLOOR_MS));
  }

  #readReport(): string | undefined {
    try {
      return JSON.stringify(this.#options.report());
    } catch (error) {
      this.#emit({ type: 'problem', message: `the cart's health could not be read: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  }

  #send(ws: WebSocket, json: string, now: number): void {
    this.#lastSent = { json, at: now };
    this.#awaitingSince ??= now;
    // A failed send is followed by 'close', which reconnects.
    ws.send(json, () => undefined);
  }

  #heard(ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (ws !== this.#ws) return;
    this.#awaitingSince = undefined;
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : (JSON.parse(data.toString()) as unknown);
    } catch {
      parsed = undefined;
    }
    const message = liveMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.#emit({ type: 'problem', message: 'the store sent a message the cart does not understand; ignored' });
      return;
    }
    const m = message.data;
    if (m.type === 'ack') {
      this.#lastAckAt = m.at;
      this.#emit({ type: 'ack', at: m.at });
    } else if (m.type === 'error') {
      // Not recorded, so send it again at the next check instead of waiting for the period.
      this.#lastSent = undefined;
      this.#emit({ type: 'report-refused', error: m.error, issues: m.issues ?? [] });
    } else if (m.type === 'locked') {
      this.#lock = { reason: m.reason };
      this.#emit({ type: 'locked', reason: m.reason });
    } else {
      this.#lock = null;
      this.#emit({ type: 'unlocked' });
    }
  }

  #closed(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.#ws) return;
    this.#ws = undefined;
    this.#open = false;
    this.#clearTimers();
    const unpaired = (code === HANG_UP_CODE && reason === 'unpaired') || (this.#refusal !== undefined && FINAL_REFUSALS.has(this.#refusal.code));
    if (unpaired) {
      this.#running = false;
      this.#gaveUp = true;
      this.#emit({ type: 'disconnected', at: this.#options.clock.now(), reason, retryInMs: null });
      this.#emit({ type: 'unpaired' });
      return;
    }
    this.#scheduleRetry(this.#refusal ? `${this.#refusal.code}: ${this.#refusal.message}` : reason);
  }

  #scheduleRetry(reason: string): void {
    if (!this.#running) return;
    const wait = this.#backoff.next();
    this.#emit({ type: 'disconnected', at: this.#options.clock.now(), reason, retryInMs: wait });
    this.#retry = this.#options.clock.setTimeout(() => {
      this.#retry = undefined;
      if (this.#running) this.#connect();
    }, wait);
  }

  #clearTimers(): void {
    if (this.#tick) this.#options.clock.clearTimeout(this.#tick);
    if (this.#retry) this.#options.clock.clearTimeout(this.#retry);
    this.#tick = undefined;
    this.#retry = undefined;
  }

  #emit(event: FleetLinkEvent): void {
    this.#listeners.emit(event);
  }
}
