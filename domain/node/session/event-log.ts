// The session log on the cart's disk: a header, then one framed JSON record per event
// (record-frame.ts). An append returns only after the record is written and flushed to the disk,
// so a returned append is an acknowledgement that survives a crash or a power cut.
//
// Opening a log reads every record back. A crash can tear only the record being appended, so a
// damaged LAST record is cut away (it was never acknowledged) and reported as a warning; damage
// anywhere before it means acknowledged events are at stake, so the file is left untouched and
// opening fails with SessionLogCorrupted.
//
// The calls are synchronous on purpose: the ack is the return, appends cannot interleave, and a
// flush costs about the same either way (the bench measures it).
import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.js';
import { SessionLogCorrupted, SessionLogError } from './errors.js';
import { encodeFrame, findNextFrame, MAX_RECORD_BYTES, readFrame } from './record-frame.js';

/** The first bytes of every session log, readable by a person who opens the file. */
export const LOG_HEADER = Buffer.from('TALLY-SESSION-LOG/1\n', 'latin1');
const HEADER_STEM = LOG_HEADER.subarray(0, LOG_HEADER.indexOf('/') + 1);

export interface EventLogOptions {
  /**
   * `fsync` (the default) flushes each append to the disk before it returns. `none` leaves
   * flushing to the OS: acknowledged events can then be lost on power loss, so it is only for
   * the benchmark's reference figures and throwaway emulated carts.
   */
  readonly flush?: 'fsync' | 'none';
}

/** Something opening the log repaired, for the cart's own log and the staff dashboard. */
export interface LogWarning {
  readonly kind: 'torn-tail' | 'torn-header';
  readonly file: string;
  /** Where the file now ends. */
  readonly offset: number;
  readonly droppedBytes: number;
  readonly message: string;
}

/** One record read back: its parsed JSON and where it starts in the file. */
export interface LoggedRecord {
  readonly offset: number;
  readonly value: unknown;
}

export interface OpenedLog {
  readonly log: EventLog;
  /** Every intact record, oldest first. */
  readonly records: readonly LoggedRecord[];
  readonly warnings: readonly LogWarning[];
}

type Logged<T> = Result<T, SessionLogError>;

const ioError = (file: string, doing: string, cause: unknown): SessionLogError =>
  new SessionLogError('io-failed', file, `could not ${doing}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });

function readExisting(file: string): Logged<Buffer | undefined> {
  try {
    return ok(readFileSync(file));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return err(ioError(file, 'read the session log', cause));
  }
}

/** Flushes a directory, so a file just created or renamed in it survives a power cut. */
function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates the log with just its header, atomically: a crash leaves either no log or a whole header. */
function createLog(file: string): Logged<void> {
  const staging = `${file}.creating`;
  try {
    const fd = openSync(staging, 'w');
    try {
      writeSync(fd, LOG_HEADER);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(staging, file);
    fsyncDirectory(path.dirname(file));
    return ok(undefined);
  } catch (cause) {
    return err(ioError(file, 'create the session log', cause));
  }
}

/**
 * Checks the header. An empty file, or one holding only the start of our header, is a log whose
 * creation never finished (written in place by a tool or an older cart): it holds no events, so
 * it is started afresh. Anything else that does not start with our header is not ours to touch.
 */
function checkHeader(file: string, bytes: Buffer): Logged<'intact' | 'unfinished'> {
  if (bytes.length < LOG_HEADER.length && LOG_HEADER.subarray(0, bytes.length).equals(bytes)) return ok('unfinished');
  if (bytes.subarray(0, LOG_HEADER.length).equals(LOG_HEADER)) return ok('intact');
  if (bytes.subarray(0, HEADER_STEM.length).equals(HEADER_STEM)) {
    const version = bytes.subarray(0, Math.min(bytes.length, 40)).toString('latin1').split('\n')[0];
    return err(new SessionLogError('unsupported-version', file, `written by a newer or unknown format (${JSON.stringify(version)}); this cart reads ${JSON.stringify(LOG_HEADER.toString('latin1').trim())}`));
  }
  return err(new SessionLogError('not-a-session-log', file, 'the file is not a Tally session log (its first bytes are not the log header); it was left untouched'));
}

interface Scanned {
  readonly records: LoggedRecord[];
  /** Where the intact records end. */
  readonly end: number;
  /** The damaged last record, when there is one. */
  readonly tornReason?: string;
}

/** Reads every record after the header, telling a torn last record from damage in the middle. */
function scanRecords(file: string, bytes: Buffer): Result<Scanned, SessionLogCorrupted> {
  const records: LoggedRecord[] = [];
  let offset = LOG_HEADER.length;
  while (offset < bytes.length) {
    const frame = readFrame(bytes, offset);
    if (!frame.ok) {
      const next = findNextFrame(bytes, offset + 1);
      if (next !== undefined) return err(new SessionLogCorrupted(file, offset, records.length, `${frame.reason}, yet an intact record follows at byte ${next}`));
      return ok({ records, end: offset, tornReason: frame.reason });
    }
    try {
      records.push({ offset, value: JSON.parse(frame.payload.toString('utf8')) as unknown });
    } catch {
      // The checksum matched, so these are the bytes that were written: not a torn write but a bad one.
      return err(new SessionLogCorrupted(file, offset, records.length, 'a record with a valid checksum holds no valid JSON'));
    }
    offset = frame.end;
  }
  return ok({ records, end: offset });
}

export class EventLog {
  readonly #file: string;
  readonly #flush: 'fsync' | 'none';
  #fd: number | undefined;
  #end: number;
  /** Set when the log can take no more appends (closed, or a write failed halfway). */
  #stopped: SessionLogError | undefined;

  private constructor(file: string, fd: number, end: number, flush: 'fsync' | 'none') {
    this.#file = file;
    this.#fd = fd;
    this.#end = end;
    this.#flush = flush;
  }

  /** Opens (or creates) the log, reads back every record, and cuts away a torn last record. */
  static open(file: string, options: EventLogOptions = {}): Logged<OpenedLog> {
    const existing = readExisting(file);
    if (!existing.ok) return existing;
    const warnings: LogWarning[] = [];
    let bytes = existing.value;
    if (bytes) {
      const header = checkHeader(file, bytes);
      if (!header.ok) return header;
      if (header.value === 'unfinished') {
        if (bytes.length > 0) {
          warnings.push({ kind: 'torn-header', file, offset: 0, droppedBytes: bytes.length, message: `${file}: a log whose creation never finished (${bytes.length} byte(s) of header) was started afresh` });
        }
        bytes = undefined;
      }
    }
    if (!bytes) {
      const created = createLog(file);
      if (!created.ok) return created;
      bytes = LOG_HEADER;
    }

    const scanned = scanRecords(file, bytes);
    if (!scanned.ok) return scanned;
    const { records, end, tornReason } = scanned.value;

    let fd: number;
    try {
      fd = openSync(file, 'r+');
    } catch (cause) {
      return err(ioError(file, 'open the session log for writing', cause));
    }
    if (tornReason !== undefined) {
      try {
        ftruncateSync(fd, end);
        fsyncSync(fd);
      } catch (cause) {
        closeSync(fd);
        return err(ioError(file, 'cut away the torn last record', cause));
      }
      const dropped = bytes.length - end;
      warnings.push({
        kind: 'torn-tail',
        file,
        offset: end,
        droppedBytes: dropped,
        message: `${file}: the last record was torn (${tornReason}); ${dropped} byte(s) that were never acknowledged were cut away after ${records.length} intact event(s)`,
      });
    }
    return ok({ log: new EventLog(file, fd, end, options.flush ?? 'fsync'), records, warnings });
  }

  get file(): string {
    return this.#file;
  }

  /** Bytes in the log, header included. */
  get size(): number {
    return this.#end;
  }

  /**
   * Appends one record. When this returns ok, the record is on the disk (with `flush: 'fsync'`).
   * When it fails, the record is not acknowledged; the log tries to cut it away again, and if even
   * that fails it takes no more appends, because what is on the disk is no longer known.
   */
  append(payload: unknown): Logged<void> {
    const fd = this.#fd;
    if (this.#stopped || fd === undefined) return err(this.#stopped ?? new SessionLogError('closed', this.#file, 'the session log is closed'));
    const json = Buffer.from(JSON.stringify(payload), 'utf8');
    if (json.length > MAX_RECORD_BYTES) {
      return err(new SessionLogError('record-too-large', this.#file, `a record of ${json.length} bytes is over the ${MAX_RECORD_BYTES}-byte limit`));
    }
    const frame = encodeFrame(json);
    try {
      for (let written = 0; written < frame.length; ) {
        written += writeSync(fd, frame, written, frame.length - written, this.#end + written);
      }
      // fdatasync: the data and the file's new length, without unrelated metadata such as mtime.
      if (this.#flush === 'fsync') fdatasyncSync(fd);
    } catch (cause) {
      return err(this.#undoAppend(fd, cause));
    }
    this.#end += frame.length;
    return ok(undefined);
  }

  /** After a failed append: cut the file back to the last acknowledged record, or stop the log. */
  #undoAppend(fd: number, cause: unknown): SessionLogError {
    const failure = ioError(this.#file, 'append to the session log', cause);
    try {
      ftruncateSync(fd, this.#end);
      fsyncSync(fd);
    } catch {
      this.#stopped = new SessionLogError('closed', this.#file, 'an append failed and could not be undone; reopen the log to see what reached the disk', { cause });
    }
    return failure;
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}
