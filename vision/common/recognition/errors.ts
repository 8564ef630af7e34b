export type RecognitionErrorKind =
  /** The model's description file is missing, not JSON, or not a `tally-recognizer/1` spec. */
  | 'bad-spec'
  /** The ONNX model cannot be loaded, or its output does not match the spec. */
  | 'bad-model'
  /** The picture cannot be read or decoded. */
  | 'unreadable-image'
  /** A gallery change that cannot be made (no photos, wrong embedding length). */
  | 'bad-gallery'
  /** The recognition worker stopped or was closed before it answered. */
  | 'worker-gone';

/** Why recognition could not run; `kind` says which part failed, the message says it to a person. */
export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';
  constructor(
    readonly kind: RecognitionErrorKind,
    message: string,
  ) {
    super(message);
  }
}
