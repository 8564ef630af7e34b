// What can go wrong on the cart's side of the exit lane, in words for a person.
export type ExitLaneErrorKind =
  /** The file of owed checkouts cannot be read or written. */
  | 'owed-file';

export class ExitLaneError extends Error {
  override readonly name = 'ExitLaneError';
  constructor(
    readonly kind: ExitLaneErrorKind,
    message: string,
  ) {
    super(message);
  }
}
