// Camera frames in, scan events out. Each frame is reduced to luminance, compared with the last
// frame decoded from that camera, and only the part that changed is sent to the decoding threads.
// Reads become scans through one PresentationTracker shared by all cameras, so a code seen by two
// cameras at once is one scan.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { CameraError } from '../../../hardware/common/camera/errors.js';
import type { FrameSource, StallNotice } from '../../../hardware/common/camera/frame-source.js';
import { grayFromFrame, ImageError } from '../../common/barcode/gray-image.js';
import type { BarcodeRead } from '../../common/barcode/judge.js';
import { PresentationTracker, type PresentationOptions, type ScanEvent } from '../../common/barcode/presentations.js';
import { crop, ScanZone, type Rect, type ScanZoneOptions } from '../../common/barcode/scan-zone.js';
import { boundingBox, mapQuad } from '../../common/barcode/symbol.js';
import { DecodePoolError, type DecodePool } from './worker-pool.js';

export interface TimedScan extends ScanEvent {
  /** From the arrival of the frame that completed the scan to the scan event, by the clock. */
  readonly latencyMs: number;
}

export interface PipelineStats {
  readonly frames: number;
  /** Frames not decoded because their scan zone had not changed. */
  readonly unchanged: number;
  readonly decoded: number;
  /** Frames dropped for a newer frame from the same camera before a thread was free. */
  readonly superseded: number;
  /** Symbols refused on content (check digit, GS1 syntax): counted, never scanned. */
  readonly misreads: number;
  readonly scans: number;
}

export interface ScanPipelineEvents {
  scan: [TimedScan];
  /** A frame that could not be used (bad size, short buffer) or a decoding thread that failed. */
  problem: [ImageError | DecodePoolError];
  stalled: [StallNotice];
  gone: [CameraError];
}

export interface ScanPipelineOptions {
  readonly pool: DecodePool;
  readonly clock: Clock;
  /** Time the decoder may spend on harder attempts per frame (default 30 ms: one frame at 30 fps). */
  readonly budgetMs?: number;
  readonly presentation?: Partial<PresentationOptions>;
  readonly zone?: Partial<ScanZoneOptions>;
}

interface Camera {
  readonly zone: ScanZone;
  /** What the last decoded frame held, in frame coordinates. */
  reads: BarcodeRead[];
}

const inside = (r: Rect, read: BarcodeRead): boolean => {
  const b = boundingBox(read.position);
  return b.x < r.x + r.width && b.x + b.width > r.x && b.y < r.y + r.height && b.y + b.height > r.y;
};

export class ScanPipeline extends EventEmitter<ScanPipelineEvents> {
  readonly #pool: DecodePool;
  readonly #clock: Clock;
  readonly #budgetMs: number;
  readonly #tracker: PresentationTracker;
  readonly #zoneOptions: Partial<ScanZoneOptions>;
  readonly #cameras = new Map<string, Camera>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #detach: (() => void)[] = [];
  #stats = { frames: 0, unchanged: 0, decoded: 0, superseded: 0, misreads: 0, scans: 0 };

  constructor(options: ScanPipelineOptions) {
    super();
    this.#pool = options.pool;
    this.#clock = options.clock;
    this.#budgetMs = options.budgetMs ?? 30;
    this.#tracker = new PresentationTracker(options.presentation);
    this.#zoneOptions = options.zone ?? {};
  }

  get stats(): PipelineStats {
    return { ...this.#stats };
  }

  /** Listens to a source's frames (start the source yourself); stop with detachAll(). */
  attach(source: FrameSource): void {
    const onFrame = (frame: Frame): void => this.push(frame);
    const onStalled = (n: StallNotice): void => void this.emit('stalled', n);
    const onGone = (e: CameraError): void => void this.emit('gone', e);
    source.on('frame', onFrame).on('stalled', onStalled).on('gone', onGone);
    this.#detach.push(() => source.off('frame', onFrame).off('stalled', onStalled).off('gone', onGone));
  }

  detachAll(): void {
    for (const detach of this.#detach.splice(0)) detach();
  }

  /** One frame from one camera. Returns at once; its scans follow as 'scan' events. */
  push(frame: Frame): void {
    const arrivedAt = this.#clock.now();
    this.#stats.frames++;
    let camera = this.#cameras.get(frame.cameraId);
    if (!camera) {
      camera = { zone: new ScanZone(this.#zoneOptions), reads: [] };
      this.#cameras.set(frame.cameraId, camera);
    }
    let gray;
    try {
      gray = grayFromFrame(frame);
    } catch (e) {
      this.emit('problem', e instanceof ImageError ? e : new ImageError('bad-buffer', String(e)));
      return;
    }
    // A code held still still needs its confirming frame, so such a camera decodes in full.
    const change = camera.zone.changed(gray, camera.reads.some((r) => this.#tracker.awaitsConfirmation(r)));
    if (!change) {
      // Nothing moved: what the camera saw is still there. No new evidence, but still in view.
      this.#stats.unchanged++;
      this.#emitScans(this.#tracker.observe(frame.cameraId, arrivedAt, camera.reads, false), arrivedAt);
      return;
    }
    const cam = camera;
    const { rect } = change;
    const job = this.#pool.decode(frame.cameraId, crop(gray, rect), this.#budgetMs).then(
      (result) => {
        cam.zone.commit(change, gray.width, gray.height);
        this.#stats.decoded++;
        this.#stats.misreads += result.misreads;
        const found = result.reads.map((r) => ({ ...r, position: mapQuad(r.position, (p) => ({ x: p.x + rect.x, y: p.y + rect.y })) }));
        // Codes outside the part decoded have not moved: they are still in view.
        const kept = cam.reads.filter((r) => !inside(rect, r));
        cam.reads = [...found, ...kept];
        const at = this.#clock.now();
        this.#emitScans(this.#tracker.observe(frame.cameraId, arrivedAt, kept, false), arrivedAt, at);
        this.#emitScans(this.#tracker.observe(frame.cameraId, arrivedAt, found, true), arrivedAt, at);
      },
      (e: unknown) => {
        if (e instanceof DecodePoolError && e.kind === 'superseded') this.#stats.superseded++;
        else if (e instanceof DecodePoolError) this.emit('problem', e);
        else this.emit('problem', new DecodePoolError('worker-failed', String(e)));
      },
    );
    this.#track(job);
  }

  /** Resolves when every frame pushed so far has been decoded or dropped. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  #track(job: Promise<void>): void {
    this.#inFlight.add(job);
    void job.finally(() => this.#inFlight.delete(job));
  }

  #emitScans(scans: readonly ScanEvent[], arrivedAt: number, now = this.#clock.now()): void {
    for (const scan of scans) {
      this.#stats.scans++;
      this.emit('scan', { ...scan, latencyMs: now - arrivedAt });
    }
  }
}
