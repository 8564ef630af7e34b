import { stat } from 'node:fs/promises';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { CameraError } from '../../common/camera/errors.js';
import { RawFrameSplitter } from '../../common/camera/raw-frame-splitter.js';
import { frameBytes, frameIntervalMs, type FrameSettings } from '../../common/camera/settings.js';
import { StallWatchdog } from '../../common/camera/stall-watchdog.js';
import { v4l2Args, type V4l2InputFormat } from './ffmpeg-args.js';
import { ffmpegExitError, ffmpegLauncher, type FfmpegLauncher, type RawVideoProcess } from './ffmpeg-process.js';
import { FrameSourceBase } from './frame-source-base.js';
import { fsCameraError } from './fs-errors.js';

export interface V4l2SourceOptions {
  readonly cameraId: string;
  readonly settings: FrameSettings;
  readonly clock: Clock;
  /** e.g. /dev/video0, or better a stable /dev/v4l/by-id/usb-… link that survives re-plugging. */
  readonly device: string;
  readonly inputFormat?: V4l2InputFormat;
  /** The first frame must arrive within this time or start fails (default 5 s). */
  readonly openTimeoutMs?: number;
  /** Silence before `stalled` (default: 5 frame intervals, at least 1 s). */
  readonly stallAfterMs?: number;
  /** Silence before `gone` and ffmpeg is stopped (default 10 s). */
  readonly goneAfterMs?: number;
  readonly launch?: FfmpegLauncher;
  /** Checks the device node; injectable so tests need no /dev/video*. */
  readonly statDevice?: (device: string) => Promise<{ isCharacterDevice(): boolean }>;
}

/**
 * A USB (UVC) camera through ffmpeg's V4L2 input. Frames are delivered as they arrive, stamped
 * with the clock's time. A camera that goes quiet is reported `stalled`, and `gone` when it stays
 * quiet or ffmpeg exits (unplugged: ENODEV); the owner may start it again when it is back.
 */
export class V4l2FrameSource extends FrameSourceBase {
  readonly #options: V4l2SourceOptions;
  readonly #launch: FfmpegLauncher;
  #proc: RawVideoProcess | undefined;
  #watchdog: StallWatchdog | undefined;
  #stopping = false;

  constructor(options: V4l2SourceOptions) {
    super(options);
    this.#options = options;
    this.#launch = options.launch ?? ffmpegLauncher();
  }

  get running(): boolean {
    return this.#proc !== undefined;
  }

  async start(): Promise<void> {
    if (this.#proc) return;
    const { device, cameraId } = this.#options;
    const statDevice = this.#options.statDevice ?? stat;
    let info;
    try {
      info = await statDevice(device);
    } catch (e) {
      throw fsCameraError(e, cameraId, device);
    }
    if (!info.isCharacterDevice()) throw new CameraError('not-a-device', cameraId, `${device} is not a video device`);

    this.#stopping = false;
    const proc = this.#launch(v4l2Args(device, this.settings, this.#options.inputFormat));
    this.#proc = proc;
    const splitter = new RawFrameSplitter(frameBytes(this.settings));
    const interval = frameIntervalMs(this.settings);
    const watchdog = new StallWatchdog(this.clock, {
      stallAfterMs: this.#options.stallAfterMs ?? Math.max(1000, 5 * interval),
      goneAfterMs: this.#options.goneAfterMs ?? 10_000,
      onStalled: (silentForMs) => this.emit('stalled', { cameraId, silentForMs }),
      onResumed: (silentForMs) => this.emit('resumed', { cameraId, silentForMs }),
      onGone: (silentForMs) => this.#lost(new CameraError('gone', cameraId, `${device} sent no frame for ${Math.round(silentForMs)} ms`)),
    });
    this.#watchdog = watchdog;

    await new Promise<void>((resolve, reject) => {
      let opened = false;
      let timer: TimerHandle | undefined = this.clock.setTimeout(() => {
        timer = undefined;
        reject(new CameraError('gone', cameraId, `${device} sent no frame within ${this.#options.openTimeoutMs ?? 5000} ms`));
        this.#shutDown();
      }, this.#options.openTimeoutMs ?? 5000);
      const opening = (): void => {
        if (timer) this.clock.clearTimeout(timer);
        timer = undefined;
      };
      proc.stdout.on('data', (chunk: Buffer) => {
        for (const data of splitter.push(chunk)) {
          if (this.#proc !== proc) return;
          if (!opened) {
            opened = true;
            opening();
            watchdog.start();
            resolve();
          }
          watchdog.feed();
          this.deliver(data);
        }
      });
      void proc.exited.then((exit) => {
        if (this.#proc !== proc) return;
        const error = ffmpegExitError(exit, cameraId, device);
        if (!opened) {
          opening();
          this.#shutDown();
          reject(error);
        } else if (!this.#stopping) {
          this.#lost(error.kind === 'ffmpeg-failed' ? new CameraError('gone', cameraId, error.message) : error);
        }
      });
    });
  }

  async stop(): Promise<void> {
    const proc = this.#proc;
    this.#stopping = true;
    this.#shutDown();
    this.closeIterators();
    await proc?.exited;
  }

  #shutDown(): void {
    this.#watchdog?.stop();
    this.#watchdog = undefined;
    this.#proc?.kill();
    this.#proc = undefined;
  }

  #lost(error: CameraError): void {
    this.#shutDown();
    this.gone(error);
  }
}
