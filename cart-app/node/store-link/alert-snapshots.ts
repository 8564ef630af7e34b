// Evidence for the review queue: when the cart raises an alert, each camera's frame of that
// moment is taken, made a JPEG and handed to the store (POST /api/cart/trips/:id/snapshots), so a
// reviewer sees what the basket looked like beside the alert. None of this holds up the cart:
// the frame is copied at once and everything after runs in the background, one upload at a
// time, retried with backoff while the store is unreachable. What waits is bounded (a count of
// pictures, each at most 512 KiB): past the bound the oldest waiting picture is given up, and
// the cart says so. An upload that the store refuses for good (the trip is unknown, it already
// holds its 20 pictures, the picture is bad) is given up at once; a retry of one the store
// already has is answered as a duplicate, so a picture is stored once however often it is sent.
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { Result } from '../../../domain/common/result.js';
import type { SessionEvent } from '../../../domain/common/session/events.js';
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { CameraView } from '../runtime/latest-frame.js';
import type { StoreCallError, TripSnapshot } from '../store-client/store-client.js';
import { Backoff } from './backoff.js';
import { frameToJpeg } from './frame-jpeg.js';
import { Listeners } from './listeners.js';

/** The store keeps at most this many pictures a trip; more would only be refused. */
const PER_TRIP = 20;
/** Camera names as the store files them. */
const CAMERA_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export type SnapshotUpload = (tripId: string, snapshot: TripSnapshot) => Promise<Result<unknown, StoreCallError>>;

export type AlertSnapshotEvent =
  | { readonly type: 'uploaded'; readonly tripId: string; readonly snapshotId: string }
  /** Waiting for the store: the next try in `retryInMs`. */
  | { readonly type: 'retrying'; readonly snapshotId: string; readonly retryInMs: number; readonly reason: string }
  /** A picture given up (the queue was full, the store refused it for good, it could not be made). */
  | { readonly type: 'dropped'; readonly snapshotId: string; readonly reason: string };

export interface AlertSnapshotsOptions {
  /** The cart's events (the runtime's `onEvent`) and the trip they belong to now. */
  readonly cart: { readonly trip: { readonly tripId: string } | null; onEvent(listener: (event: SessionEvent) => void): () => void };
  /** The cameras whose frame each alert takes (the basket camera at least). */
  readonly cameras: readonly CameraView[];
  /** The store client's `uploadSnapshot`. */
  readonly upload: SnapshotUpload;
  readonly clock: Clock;
  readonly random?: Random;
  /** Pictures waiting at most (default 40, a trip and a half); each is at most 512 KiB. */
  readonly maxWaiting?: number;
  /** The first wait before trying the store again; doubles up to `maxRetryMs` (2 s, 60 s). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  readonly warn?: (message: string) => void;
}

interface Waiting {
  readonly tripId: string;
  readonly snapshot: Omit<TripSnapshot, 'image'>;
  /** Undefined while the JPEG is still being made. */
  image: Uint8Array | undefined;
}

/** Store refusals worth trying again: it was busy, down or unreachable. */
const retryable = (error: StoreCallError): boolean => error.status === null || error.status >= 500 || error.status === 408 || error.status === 429 || error.code === 'bad-answer';

export class AlertSnapshots {
  readonly #options: AlertSnapshotsOptions;
  readonly #listeners: Listeners<AlertSnapshotEvent>;
  readonly #backoff: Backoff;
  readonly #waiting: Waiting[] = [];
  readonly #stop: () => void;
  /** Pictures taken for the current trip (its id and count), so the store's cap is never passed. */
  #taken = { tripId: '', count: 0 };
  #sending = false;
  #retry: TimerHandle | undefined;
  #closed = false;

  constructor(options: AlertSnapshotsOptions) {
    for (const camera of options.cameras) {
      if (!CAMERA_NAME.test(camera.cameraId)) throw new RangeError(`camera "${camera.cameraId}" needs a name of lower-case letters, digits, _ or - (1-32)`);
    }
    this.#options = options;
    this.#listeners = new Listeners((error) => options.warn?.(`a snapshot listener failed: ${error instanceof Error ? error.message : String(error)}`));
    const first = options.firstRetryMs ?? 2_000;
    this.#backoff = new Backoff({ firstMs: first, maxMs: Math.max(first, options.maxRetryMs ?? 60_000), ...(options.random ? { random: options.random } : {}) });
    this.#stop = options.cart.onEvent((event) => {
      if (event.type === 'alertRaised') this.#take(event.alertId, event.seq);
    });
  }

  on(listener: (event: AlertSnapshotEvent) => void): () => void {
    return this.#listeners.add(listener);
  }

  /** Pictures not yet in the store. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Stops taking pictures and trying the store; what still waits is given up. */
  close(): void {
    this.#closed = true;
    this.#stop();
    if (this.#retry) this.#options.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#waiting.length = 0;
  }

  #take(alertId: string, seq: number): void {
    const tripId = this.#options.cart.trip?.tripId;
    if (!tripId) return;
    if (this.#taken.tripId !== tripId) this.#taken = { tripId, count: 0 };
    const takenAt = this.#options.clock.now();
    for (const camera of this.#options.cameras) {
      const frame = camera.latest();
      if (!frame) continue;
      const snapshotId = `alert-${seq}-${camera.cameraId}`.slice(0, 64);
      if (this.#taken.count >= PER_TRIP) {
        this.#emit({ type: 'dropped', snapshotId, reason: `trip ${tripId} already has ${PER_TRIP} pictures` });
        continue;
      }
      this.#taken.count += 1;
      // The camera goes on filling its buffers: the picture is this frame's own copy.
      const still: Frame = { ...frame, data: frame.data.slice() };
      const entry: Waiting = { tripId, snapshot: { snapshotId, alertId, eventSeq: seq, camera: camera.cameraId, takenAt }, image: undefined };
      this.#enqueue(entry);
      frameToJpeg(still).then(
        (jpeg) => {
          if (!this.#waiting.includes(entry)) return;
          if (jpeg.ok) {
            entry.image = jpeg.value;
            return this.#pump();
          }
          this.#give(entry, `the picture could not be made: ${jpeg.error.message}`);
        },
        (error: unknown) => this.#give(entry, `the picture could not be made: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }

  #enqueue(entry: Waiting): void {
    const max = this.#options.maxWaiting ?? 40;
    // The oldest waiting picture makes room, unless it is on its way to the store right now.
    while (this.#waiting.length >= max) {
      const oldest = this.#sending ? 1 : 0;
      const [dropped] = this.#waiting.splice(oldest, 1);
      if (!dropped) break;
      this.#emit({ type: 'dropped', snapshotId: dropped.snapshot.snapshotId, reason: `more than ${max} pictures were waiting for the store` });
    }
    this.#waiting.push(entry);
  }

  /** Gives up a waiting picture, saying why, and goes on with the next. */
  #give(entry: Waiting, reason: string): void {
    const at = this.#waiting.indexOf(entry);
    if (at < 0) return;
    this.#waiting.splice(at, 1);
    this.#emit({ type: 'dropped', snapshotId: entry.snapshot.snapshotId, reason });
    this.#pump();
  }

  /** Sends the oldest picture once it is made, unless one is on its way or a retry is waiting. */
  #pump(): void {
    if (this.#closed || this.#sending || this.#retry) return;
    const next = this.#waiting[0];
    if (!next?.image) return;
    this.#sending = true;
    const done = (result: Result<unknown, StoreCallError>): void => {
      this.#sending = false;
      if (this.#closed) return;
      const { snapshotId } = next.snapshot;
      if (result.ok) {
        this.#backoff.reset();
        this.#waiting.splice(this.#waiting.indexOf(next), 1);
        this.#emit({ type: 'uploaded', tripId: next.tripId, snapshotId });
        return this.#pump();
      }
      if (!retryable(result.error)) return this.#give(next, `the store refused it: ${result.error.code}: ${result.error.message}`);
      const retryInMs = this.#backoff.next();
      this.#emit({ type: 'retrying', snapshotId, retryInMs, reason: result.error.message });
      this.#retry = this.#options.clock.setTimeout(() => {
        this.#retry = undefined;
        this.#pump();
      }, retryInMs);
    };
    this.#options.upload(next.tripId, { ...next.snapshot, image: next.image }).then(done, (error: unknown) =>
      done({ ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error), status: null } }),
    );
  }

  #emit(event: AlertSnapshotEvent): void {
    if (event.type === 'dropped') this.#options.warn?.(`an alert picture (${event.snapshotId}) was given up: ${event.reason}`);
    this.#listeners.emit(event);
  }
}
