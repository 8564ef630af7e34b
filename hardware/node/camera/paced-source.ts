import { CameraError, type CameraErrorKind } from '../../common/camera/errors.js';
import { frameIntervalMs } from '../../common/camera/settings.js';
import { Ticker } from '../../common/camera/ticker.js';
import { FrameSourceBase, type FrameSourceBaseOptions } from './frame-source-base.js';

/** Pulls decoded frames, in order, from a file, a folder or a decoder process. */
export interface FrameReader {
  /** The next frame's pixels, or null at the end of the input. Throws CameraError when it cannot go on. */
  read(): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export interface PacedSourceOptions extends FrameSourceBaseOptions {
  /** Frames decoded ahead of time so a slow decode does not make playback stutter (default 4). */
  readonly prefetch?: number;
}

/** A recording played as a camera: a file or folder, once or in a loop. */
export interface RecordingOptions extends PacedSourceOptions {
  readonly path: string;
  /** Start again from the beginning after the end (default: play once). */
  readonly loop?: boolean;
}

/**
 * Plays recorded input (images, video files) at the configured rate on the injected clock.
 * Decoding runs ahead into a small buffer; if it falls behind, a tick passes without a frame
 * (playback slows, nothing is skipped). Consumers slower than the rate lose frames in their
 * own iterator buffers, which is where drops are counted.
 */
export abstract class PacedFrameSource extends FrameSourceBase {
  readonly #prefetch: number;
  readonly #ticker: Ticker;
  #reader: FrameReader | undefined;
  #ahead: Uint8Array[] = [];
  #inputEnded = false;
  #filling: Promise<void> | undefined;
  #running = false;

  protected constructor(options: PacedSourceOptions) {
    super(options);
    this.#prefetch = options.prefetch ?? 4;
    if (!Number.isInteger(this.#prefetch) || this.#prefetch < 1 || this.#prefetch > 256) {
      throw new CameraError('bad-settings', options.cameraId, `prefetch must be 1-256 frames, not ${options.prefetch}`);
    }
    this.#ticker = new Ticker(this.clock, frameIntervalMs(this.settings), () => this.#tick());
  }

  /** Opens the input; throws CameraError when it is missing or unreadable. */
  protected abstract open(): Promise<FrameReader>;

  /** Decoded frames waiting for their tick. */
  get buffered(): number {
    return this.#ahead.length;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#reader = await this.open();
    this.#running = true;
    this.#ahead = [];
    this.#inputEnded = false;
    try {
      await this.#fill();
    } catch (e) {
      await this.stop();
      throw e;
    }
    if (this.#ahead.length === 0) {
      await this.stop();
      throw new CameraError('empty', this.cameraId, 'the input holds no frames');
    }
    this.#ticker.start();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#ticker.stop();
    const reader = this.#reader;
    this.#reader = undefined;
    this.#ahead = [];
    this.closeIterators();
    // Close first: a read waiting on a decoder process only returns once the process is gone.
    await reader?.close();
    await this.#filling?.catch(() => undefined);
  }

  #tick(): void {
    const data = this.#ahead.shift();
    if (data) this.deliver(data);
    if (this.#ahead.length === 0 && this.#inputEnded) {
      void this.stop().then(() => this.emit('ended'));
      return;
    }
    this.#fill().catch((e: unknown) => {
      void this.stop().then(() => this.gone(asCameraError(e, this.cameraId, 'corrupt')));
    });
  }

  /** Reads ahead until the buffer is full or the input ends; one fill at a time. */
  #fill(): Promise<void> {
    this.#filling ??= (async () => {
      try {
        while (this.#running && this.#reader && !this.#inputEnded && this.#ahead.length < this.#prefetch) {
          const data = await this.#reader.read();
          if (!this.#running) return;
          if (data === null) this.#inputEnded = true;
          else this.#ahead.push(data);
        }
      } finally {
        this.#filling = undefined;
      }
    })();
    return this.#filling;
  }
}

/** Readers throw CameraError; anything else is wrapped with the kind that fits the source. */
export function asCameraError(e: unknown, cameraId: string, kind: CameraErrorKind): CameraError {
  if (e instanceof CameraError) return e;
  return new CameraError(kind, cameraId, e instanceof Error ? e.message : String(e));
}
