/** Why a frame source could not start, skipped an input, or stopped by itself. */
export type CameraErrorKind =
  /** Width, height, rate, format or buffer sizes are missing, zero or absurd. */
  | 'bad-settings'
  /** The file, folder or device path does not exist. */
  | 'not-found'
  /** The path exists but is not a video device (e.g. a regular file given as /dev/video0). */
  | 'not-a-device'
  /** The process may not open the file or device. */
  | 'permission'
  /** Another program holds the camera. */
  | 'busy'
  /** A folder with no images, or a video with no frames. */
  | 'empty'
  /** The bytes are not a decodable image or video (damaged, truncated, wrong format). */
  | 'corrupt'
  /** The camera cannot deliver the requested size, rate or pixel format. */
  | 'unsupported'
  /** The ffmpeg program is not installed (Debian: `apt-get install ffmpeg`). */
  | 'ffmpeg-missing'
  /** ffmpeg stopped for a reason not listed above; the message carries its last words. */
  | 'ffmpeg-failed'
  /** A live camera stopped delivering frames for good (unplugged, driver crash). */
  | 'gone';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(
    readonly kind: CameraErrorKind,
    /** The camera the problem belongs to. */
    readonly cameraId: string,
    detail: string,
  ) {
    super(`camera ${cameraId}: ${detail}`);
  }
}
