// A camera's newest frame, kept for whoever wants a picture of "now" (the evidence snapshot an
// alert takes) without holding up the camera or vision: one frame, replaced as each arrives.
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { FrameSourceEventMap } from '../../../hardware/common/camera/frame-source.js';

/** Anything that can say what a camera sees now. */
export interface CameraView {
  /** The camera's name as the store files it (`basket`, `top` …: lower-case letters, digits, _ or -). */
  readonly cameraId: string;
  /** Its newest frame, or undefined before the first. */
  latest(): Frame | undefined;
}

/** What the keeper needs of a frame source (hardware's FrameSource). */
export interface FrameEvents {
  readonly cameraId: string;
  on(event: 'frame', listener: (...args: FrameSourceEventMap['frame']) => void): unknown;
  off(event: 'frame', listener: (...args: FrameSourceEventMap['frame']) => void): unknown;
}

/** Keeps `source`'s newest frame; `close` stops listening. */
export function keepLatestFrame(source: FrameEvents): CameraView & { close(): void } {
  let newest: Frame | undefined;
  const onFrame = (frame: Frame): void => {
    newest = frame;
  };
  source.on('frame', onFrame);
  return {
    cameraId: source.cameraId,
    latest: () => newest,
    close: () => {
      source.off('frame', onFrame);
      newest = undefined;
    },
  };
}
