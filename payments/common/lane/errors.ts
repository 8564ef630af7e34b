/** What is wrong with bytes that should be a Tally lane-beacon frame. */
export type LaneFrameErrorKind =
  /** Not a Tally lane frame at all (another company's data, another beacon format). */
  | 'not-a-lane-frame'
  /** A Tally lane frame of a version this code does not know. */
  | 'unknown-version'
  /** Fewer or more bytes than the version defines. */
  | 'bad-length'
  /** A field outside its range (rotation exponent above 15, a lane id too big). */
  | 'bad-field'
  /** An advertisement whose AD structures run past its end, or longer than 31 bytes. */
  | 'malformed-advertisement';

/**
 * A malformed lane frame. Advertisements are radio input anyone can send: a bad one is reported
 * and dropped, never trusted.
 */
export class LaneFrameError extends Error {
  override readonly name = 'LaneFrameError';
  constructor(
    readonly kind: LaneFrameErrorKind,
    detail: string,
  ) {
    super(`lane frame: ${detail}`);
  }
}

/** Why the store refused a lane token a cart forwarded. */
export type LaneTokenRefusalKind =
  /** The bytes are not a lane frame (see `frameError`). */
  | 'malformed'
  /** The store has no secret for the lane the token names. */
  | 'unknown-lane'
  /** A good token, but from another lane than the one the checkout is for. */
  | 'wrong-lane'
  /** The beacon rotates at another rate than the store expects (a misconfigured beacon). */
  | 'wrong-rotation'
  /** The MAC does not match: made up, altered, or signed with another secret. */
  | 'forged'
  /** Older than the window: a recording, or a cart that left the lane long ago. */
  | 'stale'
  /** Newer than the window allows: a beacon (or forger) with a clock far ahead. */
  | 'from-the-future'
  /** Already used for another trip's checkout. */
  | 'replayed';

export class LaneTokenRefusal extends Error {
  override readonly name = 'LaneTokenRefusal';
  constructor(
    readonly kind: LaneTokenRefusalKind,
    detail: string,
    readonly frameError?: LaneFrameError,
  ) {
    super(`lane token refused (${kind}): ${detail}`);
  }
}

/** Bad configuration of a lane beacon or verifier: found at start-up, not at the lane. */
export class LaneConfigError extends Error {
  override readonly name = 'LaneConfigError';
  readonly kind = 'bad-lane-config';
  constructor(detail: string) {
    super(`lane configuration: ${detail}`);
  }
}
