import { CameraError } from '../../common/camera/errors.js';

/** Turns a failed stat/open of a camera's file, folder or device into a CameraError. */
export function fsCameraError(cause: unknown, cameraId: string, target: string): CameraError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CameraError('not-found', cameraId, `${target} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new CameraError('permission', cameraId, `no permission to open ${target}`);
  return new CameraError('not-found', cameraId, `${target} cannot be opened (${code ?? String(cause)})`);
}
