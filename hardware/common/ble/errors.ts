/** What is wrong with a beacon frame that claims to be iBeacon or Eddystone. */
export type BeaconFrameErrorKind =
  /** Fewer or more bytes than the frame type defines. */
  | 'bad-length'
  /** An Eddystone frame type byte this parser does not know (0x40 and up are reserved). */
  | 'unknown-frame-type'
  /** A TLM version other than 0x00 (plain) or 0x01 (encrypted). */
  | 'unknown-version'
  /** A URL scheme byte other than 0x00-0x03. */
  | 'bad-url-scheme'
  /** A URL byte the Eddystone-URL encoding reserves (0x0e-0x20, 0x7f-0xff). */
  | 'bad-url-byte'
  /** A field holds a value its specification rules out. */
  | 'bad-field';

/**
 * A malformed beacon frame. Advertisements are radio input anyone can send, so a bad frame is
 * reported and dropped, never trusted and never a crash.
 */
export class BeaconFrameError extends Error {
  override readonly name = 'BeaconFrameError';
  constructor(
    readonly kind: BeaconFrameErrorKind,
    /** Which format the frame claimed to be. */
    readonly format: 'ibeacon' | 'eddystone',
    detail: string,
  ) {
    super(`${format} frame: ${detail}`);
  }
}
