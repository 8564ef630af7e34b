/** Pixel layouts a frame source can deliver. */
export type PixelFormat = 'gray' | 'rgba';

/**
 * One camera frame: tightly packed rows (stride = width × channels), top-left origin. Vision
 * reads frames; cameras, files and the emulator produce them.
 */
export interface Frame {
  /** Which camera (e.g. "basket", "scan-left"). */
  readonly cameraId: string;
  /** Increases by one per frame delivered by that source. */
  readonly seq: number;
  /** When the frame was captured, epoch ms from the source's clock. */
  readonly capturedAt: number;
  readonly width: number;
  readonly height: number;
  readonly format: PixelFormat;
  readonly data: Uint8Array;
}

export const channels = (format: PixelFormat): number => (format === 'gray' ? 1 : 4);
