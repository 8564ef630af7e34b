// Camera frames in, scan events out. Each frame is reduced to luminance, compared with the last
// frame decoded from that camera, and only the part that changed is sent to the decoding threads.
// Reads become scans through one PresentationTracker shared by all cameras, so a code seen by two
// cameras at once is one scan.
//
// A frame's decode has a time budget, so a hard code (tilted, blurred) may need more attempts
// than one frame allows. When a decode found nothing and stopped short of the end of the reader's
// plan, the camera's next still frames go on with the rest of the plan on the same part of the
// picture, instead of being skipped as unchanged: a code held still is worked on until the plan
// runs out, as a commercial scan engine does, while each frame stays within its budget.
import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { CameraError } from '../../../hardware/common/camera/errors.js';
import type { FrameSource, StallNotice } from '../../../hardware/common/camera/frame-source.js';
import { grayFromFrame, ImageError, type GrayImage } from '../../common/barcode/gray-image.js';
import type { BarcodeRead } from '../../common/barcode/judge.js';
import { PresentationTracker, type PresentationOptions, type ScanEvent } from '../../common/barcode/presentations.js';
import { crop, enclosing, ScanZone, type Rect, type ScanZoneOptions, type ZoneChange } from '../../common/barcode/scan-zone.js';
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
  /** Still frames decoded anyway, going on with the attempts an earlier frame had no time for. */
  readonly resumed: number;
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
  /** A camera sent nothing for a while; the others are served as before. */
  stalled: [StallNotice];
  resumed: [StallNotice];
  /** A camera is lost for good (unplugged, its process died); the others go on. */
  gone: [CameraError];
  /** A play-once source (a file, a folder) delivered its last frame. */
  ended: [{ readonly cameraId: string }];
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
  /** A part of the picture where a decode found nothing before its budget ran out. */
  unfinished: { readonly rect: Rect; readonly resumeAt: number } | undefined;
  /**
   * The attempt that found this camera's last code. A 1D code's confirming decode starts there:
   * restarting at the cheap pass would spend the frame's budget on attempts that already failed
   * on this very code, and a hard code would never be confirmed before it left the view.
   */
  foundBy: number;
  /** Counts committed changes: a resumed decode of an older picture is then out of date. */
  epoch: number;
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
  #stats = { frames: 0, unchanged: 0, resumed: 0, decoded: 0, superseded: 0, misreads: 0, scans: 0 };

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

  /**
   * Listens to a source's frames (start the source yourself); stop with detachAll(). Its stalls,
   * resumptions and end are passed on as this pipeline's events; a camera that is gone or ended
   * is forgotten, so if it comes back it starts from a fresh scan zone.
   */
  attach(source: FrameSource): void {
    const { cameraId } = source;
    const onFrame = (frame: Frame): void => this.push(frame);
    const onStalled = (n: StallNotice): void => void this.emit('stalled', n);
    const onResumed = (n: StallNotice): void => void this.emit('resumed', n);
    const onGone = (e: CameraError): void => {
      this.#cameras.delete(cameraId);
      this.emit('gone', e);
    };
    const onEnded = (): void => {
      this.#cameras.delete(cameraId);
      this.emit('ended', { cameraId });
    };
    source.on('frame', onFrame).on('stalled', onStalled).on('resumed', onResumed).on('gone', onGone).on('ended', onEnded);
    this.#detach.push(() => source.off('frame', onFrame).off('stalled', onStalled).off('resumed', onResumed).off('gone', onGone).off('ended', onEnded));
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
      camera = { zone: new ScanZone(this.#zoneOptions), reads: [], unfinished: undefined, foundBy: 0, epoch: 0 };
      this.#cameras.set(frame.cameraId, camera);
    }
    let gray;
    try {
      gray = grayFromFrame(frame);
    } catch (e) {
      this.emit('problem', e instanceof ImageError ? e : new ImageError('bad-buffer', String(e)));
      return;
    }
    // A code held still still needs its confirming frame, so the part of the picture around it is
    // decoded even when nothing moved.
    const awaiting = camera.reads.filter((r) => this.#tracker.awaitsConfirmation(r)).map((r) => boundingBox(r.position));
    const confirming = awaiting.length > 0;
    const change = camera.zone.changed(gray, confirming ? enclosing(awaiting) : undefined);
    if (!change) {
      // Nothing moved: what the camera saw is still there. No new evidence, but still in view.
      this.#emitScans(this.#tracker.observe(frame.cameraId, arrivedAt, camera.reads, false), arrivedAt);
      const unfinished = camera.unfinished;
      if (!unfinished) {
        this.#stats.unchanged++;
        return;
      }
      // One resumed decode at a time: the next still frame waits for this one's outcome.
      camera.unfinished = undefined;
      this.#stats.resumed++;
      this.#decode(frame.cameraId, camera, gray, arrivedAt, unfinished.rect, unfinished.resumeAt);
      return;
    }
    this.#decode(frame.cameraId, camera, gray, arrivedAt, change.rect, confirming ? camera.foundBy : 0, change);
  }

  /** Decodes `rect` of a camera's frame; `change` is the new picture to commit, absent when resuming. */
  #decode(cameraId: string, cam: Camera, gray: GrayImage, arrivedAt: number, rect: Rect, resumeAt: number, change?: ZoneChange): void {
    const epoch = cam.epoch;
    const job = this.#pool.decode(cameraId, crop(gray, rect), this.#budgetMs, resumeAt).then(
      (result) => {
        if (change) {
          cam.zone.commit(change, gray.width, gray.height);
          cam.epoch++;
        } else if (cam.epoch !== epoch) {
          return; // the picture moved while this still one was being worked on
        }
        this.#stats.decoded++;
        this.#stats.misreads += result.misreads;
        if (result.foundBy !== undefined) cam.foundBy = result.foundBy;
        cam.unfinished = result.reads.length === 0 && result.resumeAt !== undefined ? { rect, resumeAt: result.resumeAt } : undefined;
        const found = result.reads.map((r) => ({ ...r, position: mapQuad(r.position, (p) => ({ x: p.x + rect.x, y: p.y + rect.y })) }));
        // Codes outside the part decoded have not moved: they are still in view.
        const kept = cam.reads.filter((r) => !inside(rect, r));
        cam.reads = [...found, ...kept];
        const at = this.#clock.now();
        this.#emitScans(this.#tracker.observe(cameraId, arrivedAt, kept, false), arrivedAt, at);
        this.#emitScans(this.#tracker.observe(cameraId, arrivedAt, found, true), arrivedAt, at);
      },
      (e: unknown) => {
        if (e instanceof DecodePoolError && e.kind === 'superseded') this.#stats.superseded++;
        else if (e instanceof DecodePoolError) this.emit('problem', e);
        else this.emit('problem', new DecodePoolError('worker-failed', String(e)));
      },
    );
    this.#track(job);
  }

  /**
   * Resolves when every frame pushed so far has been decoded or dropped. It cannot hang: the pool
   * settles every job, failing one whose thread hangs or dies.
   */
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
