import path from 'node:path';
import type { PixelFormat } from '../../common/camera/frame.js';
import type { FrameSettings } from '../../common/camera/settings.js';

// Every run: no stdin (ffmpeg otherwise reads keystrokes), only real errors on stderr.
const QUIET = ['-nostdin', '-hide_banner', '-loglevel', 'error'];

const PIX_FMT: Record<PixelFormat, string> = { gray: 'gray', rgba: 'rgba' };

/** Raw frames of exactly the configured size and pixel layout on stdout. */
function rawOutput(s: FrameSettings, filters: readonly string[]): string[] {
  return ['-an', '-sn', '-vf', [...filters, `scale=${s.width}:${s.height}:flags=area`].join(','), '-pix_fmt', PIX_FMT[s.format], '-f', 'rawvideo', 'pipe:1'];
}

/**
 * Decodes a video file at the configured rate of *video time* (the fps filter drops or repeats
 * frames), so each frame stands for 1/fps s of the recording; the source paces delivery.
 * The `file:` prefix stops ffmpeg from treating a name such as "concat:a|b" or "http://…" as a
 * protocol.
 */
export function videoFileArgs(file: string, s: FrameSettings, loop: boolean): string[] {
  return [...QUIET, ...(loop ? ['-stream_loop', '-1'] : []), '-i', `file:${path.resolve(file)}`, ...rawOutput(s, [`fps=${s.fps}`])];
}

/** What a UVC camera is asked to send before ffmpeg converts it. */
export type V4l2InputFormat = 'mjpeg' | 'yuyv422';

/**
 * Captures from a V4L2 device. Most USB cameras only reach 30 fps at 720p or more in MJPEG, so
 * that is the default; `low_delay`/`nobuffer` keep ffmpeg from queueing frames (a cart wants
 * the shelf now). The camera is asked for the configured size; if it picks another, the scale
 * filter makes the output size right anyway.
 */
export function v4l2Args(device: string, s: FrameSettings, inputFormat: V4l2InputFormat = 'mjpeg'): string[] {
  return [
    ...QUIET,
    '-fflags', 'nobuffer',
    '-flags', 'low_delay',
    '-f', 'v4l2',
    '-input_format', inputFormat,
    '-framerate', String(s.fps),
    '-video_size', `${s.width}x${s.height}`,
    '-i', device,
    ...rawOutput(s, []),
  ];
}
