import { z } from 'zod';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { CameraError } from './errors.js';
import { channels, type PixelFormat } from './frame.js';

/**
 * What a frame source delivers. Sizes are bounded because a typo such as 64000×48000 would
 * otherwise ask for gigabytes per frame; 8K is more than any cart camera will ever send.
 */
export interface FrameSettings {
  readonly width: number;
  readonly height: number;
  readonly format: PixelFormat;
  /** Frames per second delivered to consumers. */
  readonly fps: number;
}

export const MAX_FRAME_WIDTH = 7680;
export const MAX_FRAME_HEIGHT = 4320;
export const MAX_FPS = 120;

export const frameSettingsSchema = z.object({
  width: z.number().int().min(1).max(MAX_FRAME_WIDTH).default(640),
  height: z.number().int().min(1).max(MAX_FRAME_HEIGHT).default(480),
  format: z.enum(['gray', 'rgba']).default('gray'),
  // Below one frame a minute a camera is of no use to a cart; it is almost surely a unit mix-up.
  fps: z.number().min(1 / 60).max(MAX_FPS).default(15),
});

export type FrameSettingsInput = z.input<typeof frameSettingsSchema>;

/** Checks settings from config or a command line; a bad value becomes a `bad-settings` error. */
export function parseFrameSettings(cameraId: string, input: unknown): Result<FrameSettings, CameraError> {
  const parsed = frameSettingsSchema.safeParse(input ?? {});
  if (parsed.success) return ok(parsed.data);
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  return err(new CameraError('bad-settings', cameraId, detail));
}

/** Bytes in one tightly packed frame. */
export const frameBytes = (s: FrameSettings): number => s.width * s.height * channels(s.format);

/** Milliseconds between frames. */
export const frameIntervalMs = (s: FrameSettings): number => 1000 / s.fps;
