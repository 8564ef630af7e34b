// What can go wrong with the session log on the cart's disk. Each is a fault that stops the cart
// with a message staff can act on; none is ever "fixed" by dropping events, except a torn last
// record, which was never acknowledged and comes back as a warning instead (see event-log.ts).

export type SessionLogErrorCode =
  /** Damage before the last record: events after it would be lost if the file were cut there. */
  | 'corrupted'
  /** The file exists but is not a Tally session log. */
  | 'not-a-session-log'
  /** A session log from a newer (or unknown) version of the format. */
  | 'unsupported-version'
  /** The disk refused a read, a write or a flush. */
  | 'io-failed'
  /** An event too large to be one record. */
  | 'record-too-large'
  /** The log was closed, or an earlier write failed and left its durability unknown. */
  | 'closed';

export class SessionLogError extends Error {
  override readonly name: string = 'SessionLogError';
  constructor(
    readonly code: SessionLogErrorCode,
    /** The log file. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}

/**
 * The log is damaged somewhere other than its last record. The file is left exactly as found so
 * staff (or a support engineer) can recover it; the cart must not start a trip on top of it.
 */
export class SessionLogCorrupted extends SessionLogError {
  override readonly name = 'SessionLogCorrupted';
  override readonly code = 'corrupted';
  constructor(
    file: string,
    /** Byte offset of the first damaged record. */
    readonly offset: number,
    /** How many records before it read back intact. */
    readonly intactRecords: number,
    /** What is wrong there, for a person. */
    readonly reason: string,
  ) {
    super('corrupted', file, `session log damaged at byte ${offset}, after ${intactRecords} intact event(s): ${reason}. The file is kept untouched for staff; the cart cannot continue on it`);
  }
}
