import type { CameraError } from './errors.js';
import type { Frame } from './frame.js';
import type { FrameSettings } from './settings.js';

/** Counters a source keeps from `start()` on. */
export interface FrameSourceStats {
  /** Frames handed to consumers (listeners and iterators). */
  readonly delivered: number;
  /**
   * Frames lost because a consumer was slower than the rate: an iterator's buffer was full and
   * its oldest frame made room for the newest (vision wants the freshest frame, not a backlog).
   */
  readonly dropped: number;
}

export interface StallNotice {
  readonly cameraId: string;
  /** How long no frame has arrived, by the source's clock. */
  readonly silentForMs: number;
}

/** Events as Node's typed EventEmitter spells them: name → listener arguments. */
export interface FrameSourceEventMap {
  frame: [Frame];
  /** One input was bad and was passed over (a damaged image in a folder); the source goes on. */
  skipped: [CameraError];
  /** A live camera has sent nothing for a while; it may still come back. */
  stalled: [StallNotice];
  /** Frames flow again after `stalled`. */
  resumed: [StallNotice];
  /** The source stopped by itself and will send nothing more (camera unplugged, ffmpeg died). */
  gone: [CameraError];
  /** A play-once file or folder has delivered its last frame. */
  ended: [];
}

export type FrameSourceEvent = keyof FrameSourceEventMap;

export interface FrameIteratorOptions {
  /** Frames an iterator holds for a slow consumer before dropping the oldest (default 2). */
  readonly buffer?: number;
}

/**
 * Anything that produces camera frames: a USB camera, a video file, a folder of photos, the
 * emulator. `start()` resolves once the first frame can be delivered, or rejects with a
 * CameraError saying why not; `stop()` releases the camera and ends every iterator.
 */
export interface FrameSource {
  readonly cameraId: string;
  readonly settings: FrameSettings;
  readonly stats: FrameSourceStats;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Frames from now on; ends when the source stops, ends or is gone. */
  frames(options?: FrameIteratorOptions): AsyncIterableIterator<Frame>;
  on<E extends FrameSourceEvent>(event: E, listener: (...args: FrameSourceEventMap[E]) => void): this;
  off<E extends FrameSourceEvent>(event: E, listener: (...args: FrameSourceEventMap[E]) => void): this;
}
