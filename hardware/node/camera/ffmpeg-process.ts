import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CameraError } from '../../common/camera/errors.js';

/** How an ffmpeg run ended. */
export interface FfmpegExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** The end of what ffmpeg wrote to stderr (its error messages). */
  readonly stderr: string;
  /** Set when ffmpeg could not be started at all (ENOENT: not installed). */
  readonly spawnError?: string;
}

/** A running ffmpeg writing raw frames to its stdout. */
export interface RawVideoProcess {
  readonly stdout: Readable;
  readonly exited: Promise<FfmpegExit>;
  kill(): void;
}

/** Starts ffmpeg with these arguments; injectable so tests can stand in for a camera. */
export type FfmpegLauncher = (args: readonly string[]) => RawVideoProcess;

const STDERR_KEEP = 4096;

/** Launches the ffmpeg on PATH (Debian: `apt-get install ffmpeg`) or at `ffmpegPath`. */
export function ffmpegLauncher(ffmpegPath = 'ffmpeg'): FfmpegLauncher {
  return (args) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_KEEP);
    });
    const exited = new Promise<FfmpegExit>((resolve) => {
      child.once('error', (e: NodeJS.ErrnoException) => resolve({ code: null, signal: null, stderr, spawnError: e.code ?? e.message }));
      child.once('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    return {
      stdout: child.stdout,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}

/**
 * Reads ffmpeg's last words into a CameraError a person can act on. The patterns are ffmpeg's
 * and the kernel's own messages (strerror text and libavformat's "Invalid data found").
 */
export function ffmpegExitError(exit: FfmpegExit, cameraId: string, input: string): CameraError {
  if (exit.spawnError === 'ENOENT') return new CameraError('ffmpeg-missing', cameraId, 'ffmpeg is not installed (Debian: apt-get install ffmpeg)');
  if (exit.spawnError) return new CameraError('ffmpeg-failed', cameraId, `ffmpeg cannot start: ${exit.spawnError}`);
  const said = exit.stderr;
  const last = said.trim().split('\n').pop()?.trim() ?? '';
  const detail = `${input}: ${last || `ffmpeg exited with ${exit.code ?? exit.signal}`}`;
  if (/No such file or directory|No such device/i.test(said)) return new CameraError('not-found', cameraId, detail);
  if (/Permission denied/i.test(said)) return new CameraError('permission', cameraId, detail);
  if (/Device or resource busy/i.test(said)) return new CameraError('busy', cameraId, detail);
  if (/Inappropriate ioctl|Not a video capture device/i.test(said)) return new CameraError('not-a-device', cameraId, detail);
  if (/VIDIOC_S_FMT|VIDIOC_S_PARM|not supported|Unsupported/i.test(said)) return new CameraError('unsupported', cameraId, detail);
  if (/Invalid data found|moov atom not found|could not find codec|Error while decoding|corrupt|truncat|End of file/i.test(said)) {
    return new CameraError('corrupt', cameraId, detail);
  }
  return new CameraError('ffmpeg-failed', cameraId, detail);
}
