import { z } from 'zod';
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { CameraError } from '../../common/camera/errors.js';
import type { FrameSource } from '../../common/camera/frame-source.js';
import { frameSettingsSchema } from '../../common/camera/settings.js';
import { ImageFrameSource } from './image-source.js';
import { V4l2FrameSource } from './v4l2-source.js';
import { VideoFileSource } from './video-file-source.js';

const common = { id: z.string().min(1).max(64), settings: frameSettingsSchema.prefault({}) };

/** One camera in a cart's config file: a USB camera, or recorded input for demos and tests. */
export const cameraConfigSchema = z.discriminatedUnion('source', [
  z.object({ ...common, source: z.literal('v4l2'), device: z.string().min(1), inputFormat: z.enum(['mjpeg', 'yuyv422']).optional() }),
  z.object({ ...common, source: z.literal('video'), path: z.string().min(1), loop: z.boolean().default(false) }),
  z.object({ ...common, source: z.literal('images'), path: z.string().min(1), loop: z.boolean().default(false) }),
]);

export type CameraConfig = z.output<typeof cameraConfigSchema>;

/** Builds the frame source a config entry describes; a bad entry is a `bad-settings` error. */
export function frameSourceFromConfig(input: unknown, clock: Clock): Result<FrameSource, CameraError> {
  const parsed = cameraConfigSchema.safeParse(input);
  if (!parsed.success) {
    const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '?';
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'camera'}: ${i.message}`).join('; ');
    return err(new CameraError('bad-settings', id, detail));
  }
  const c = parsed.data;
  const base = { cameraId: c.id, settings: c.settings, clock };
  switch (c.source) {
    case 'v4l2':
      return ok(new V4l2FrameSource({ ...base, device: c.device, ...(c.inputFormat ? { inputFormat: c.inputFormat } : {}) }));
    case 'video':
      return ok(new VideoFileSource({ ...base, path: c.path, loop: c.loop }));
    case 'images':
      return ok(new ImageFrameSource({ ...base, path: c.path, loop: c.loop }));
  }
}
