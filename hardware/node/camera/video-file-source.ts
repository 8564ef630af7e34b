import { stat } from 'node:fs/promises';
import { CameraError } from '../../common/camera/errors.js';
import { RawFrameSplitter } from '../../common/camera/raw-frame-splitter.js';
import { frameBytes } from '../../common/camera/settings.js';
import { videoFileArgs } from './ffmpeg-args.js';
import { ffmpegExitError, ffmpegLauncher, type FfmpegLauncher, type RawVideoProcess } from './ffmpeg-process.js';
import { fsCameraError } from './fs-errors.js';
import { PacedFrameSource, type FrameReader, type RecordingOptions } from './paced-source.js';

export interface VideoFileSourceOptions extends RecordingOptions {
  readonly launch?: FfmpegLauncher;
}

/**
 * A recorded video as a camera: ffmpeg decodes it (any container and codec Debian's ffmpeg
 * reads) to raw frames, played at the configured rate on the injected clock. A file damaged
 * part-way plays up to the damage and then ends with a `skipped` event saying so.
 */
export class VideoFileSource extends PacedFrameSource {
  readonly #path: string;
  readonly #loop: boolean;
  readonly #launch: FfmpegLauncher;
  readonly #prefetch: number;

  constructor(options: VideoFileSourceOptions) {
    super(options);
    this.#path = options.path;
    this.#loop = options.loop ?? false;
    this.#launch = options.launch ?? ffmpegLauncher();
    this.#prefetch = options.prefetch ?? 4;
  }

  protected async open(): Promise<FrameReader> {
    let info;
    try {
      info = await stat(this.#path);
    } catch (e) {
      throw fsCameraError(e, this.cameraId, this.#path);
    }
    if (!info.isFile()) throw new CameraError('not-found', this.cameraId, `${this.#path} is not a file`);
    if (info.size === 0) throw new CameraError('empty', this.cameraId, `${this.#path} is empty`);
    const proc = this.#launch(videoFileArgs(this.#path, this.settings, this.#loop));
    return ffmpegFrameReader(proc, {
      frameBytes: frameBytes(this.settings),
      highWater: this.#prefetch,
      describe: (exit) => ffmpegExitError(exit, this.cameraId, this.#path),
      onDamage: (error) => this.emit('skipped', error),
    });
  }
}

interface ReaderOptions {
  readonly frameBytes: number;
  /** Frames held before ffmpeg is paused (backpressure through the pipe). */
  readonly highWater: number;
  readonly describe: (exit: Parameters<typeof ffmpegExitError>[0]) => CameraError;
  /** ffmpeg failed after some frames: what played was good, the rest is lost. */
  readonly onDamage: (error: CameraError) => void;
}

/** Frames from an ffmpeg process, read on demand; ffmpeg waits while nobody reads. */
export function ffmpegFrameReader(proc: RawVideoProcess, options: ReaderOptions): FrameReader {
  const splitter = new RawFrameSplitter(options.frameBytes);
  const ready: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: CameraError | undefined;
  let closing = false;
  let frameCount = 0;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  proc.stdout.on('data', (chunk: Buffer) => {
    for (const frame of splitter.push(chunk)) ready.push(frame);
    if (ready.length >= options.highWater) proc.stdout.pause();
    poke();
  });
  void proc.exited.then((exit) => {
    finished = true;
    if (!closing) {
      const clean = exit.code === 0 && splitter.pendingBytes === 0;
      if (!clean) {
        const error = options.describe(exit);
        if (frameCount + ready.length === 0) failure = error;
        else options.onDamage(error);
      }
    }
    poke();
  });

  return {
    async read() {
      for (;;) {
        const frame = ready.shift();
        if (frame) {
          frameCount++;
          if (ready.length < options.highWater) proc.stdout.resume();
          return frame;
        }
        if (failure) throw failure;
        if (finished || closing) return null;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async close() {
      closing = true;
      proc.kill();
      poke();
      await proc.exited;
    },
  };
}
