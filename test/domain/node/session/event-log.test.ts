import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionLogCorrupted, SessionLogError } from '../../../../domain/node/session/errors.js';
import { EventLog, LOG_HEADER, type OpenedLog } from '../../../../domain/node/session/event-log.js';
import { encodeFrame, MAX_RECORD_BYTES } from '../../../../domain/node/session/record-frame.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tally-event-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const newFile = (): string => path.join(dir, `log-${++fileNo}.log`);

function opened(file: string): OpenedLog {
  const result = EventLog.open(file);
  if (!result.ok) throw result.error;
  return result.value;
}

function failure(file: string): SessionLogError {
  const result = EventLog.open(file);
  if (result.ok) {
    result.value.log.close();
    throw new Error('expected opening to fail');
  }
  expect(result.error).toBeInstanceOf(SessionLogError);
  return result.error;
}

const record = (i: number) => ({ seq: i, note: `record ${i}`, text: 'ü€'.repeat(i % 5) });

/** A log holding records 1..n; returns its bytes and where each record starts. */
function logOf(n: number): { file: string; bytes: Buffer; offsets: number[] } {
  const file = newFile();
  const { log } = opened(file);
  const offsets: number[] = [];
  for (let i = 1; i <= n; i++) {
    offsets.push(log.size);
    const appended = log.append(record(i));
    expect(appended.ok).toBe(true);
  }
  log.close();
  return { file, bytes: readFileSync(file), offsets };
}

describe('creating and appending', () => {
  it('creates a log holding only its header, with no leftovers', () => {
    const file = newFile();
    const { log, records, warnings } = opened(file);
    log.close();
    expect(records).toEqual([]);
    expect(warnings).toEqual([]);
    expect(readFileSync(file)).toEqual(LOG_HEADER);
    expect(existsSync(`${file}.creating`)).toBe(false);
  });

  it('frames each record as length, CRC-32 over length and payload, then JSON', () => {
    const { bytes, offsets } = logOf(2);
    const at = offsets[1] as number;
    const length = bytes.readUInt32LE(at);
    const payload = bytes.subarray(at + 8, at + 8 + length);
    expect(JSON.parse(payload.toString('utf8'))).toEqual(record(2));
    expect(bytes.readUInt32LE(at + 4)).toBe(crc32(Buffer.concat([bytes.subarray(at, at + 4), payload])));
    expect(at + 8 + length).toBe(bytes.length);
  });

  it('reads every record back in order, and keeps appending after the last', () => {
    const { file, offsets } = logOf(20);
    const first = opened(file);
    expect(first.records.map((r) => r.value)).toEqual(Array.from({ length: 20 }, (_, i) => record(i + 1)));
    expect(first.records.map((r) => r.offset)).toEqual(offsets);
    expect(first.log.append(record(21)).ok).toBe(true);
    first.log.close();
    expect(opened(file).records).toHaveLength(21);
  });

  it('appends without flushing when asked (the benchmark reference), in the same format', () => {
    const file = newFile();
    const result = EventLog.open(file, { flush: 'none' });
    if (!result.ok) throw result.error;
    result.value.log.append(record(1));
    result.value.log.close();
    expect(opened(file).records.map((r) => r.value)).toEqual([record(1)]);
  });

  it('refuses a record over the size limit and writes nothing', () => {
    const file = newFile();
    const { log } = opened(file);
    const appended = log.append({ blob: 'x'.repeat(MAX_RECORD_BYTES) });
    expect(!appended.ok && appended.error.code).toBe('record-too-large');
    log.close();
    expect(statSync(file).size).toBe(LOG_HEADER.length);
  });

  it('refuses appends once closed', () => {
    const { log } = opened(newFile());
    log.close();
    const appended = log.append(record(1));
    expect(!appended.ok && appended.error.code).toBe('closed');
  });
});

describe('a torn last record is cut away with a warning', () => {
  const { bytes, offsets } = logOf(4);
  const lastStart = offsets[3] as number;

  it('at every byte offset of the last record', () => {
    for (let cut = lastStart + 1; cut < bytes.length; cut++) {
      const file = newFile();
      writeFileSync(file, bytes.subarray(0, cut));
      const { log, records, warnings } = opened(file);
      expect(records.map((r) => r.value), `cut at ${cut}`).toEqual([record(1), record(2), record(3)]);
      expect(warnings).toMatchObject([{ kind: 'torn-tail', offset: lastStart, droppedBytes: cut - lastStart }]);
      expect(statSync(file).size).toBe(lastStart);
      // The log carries on from the cut: the next append lands where the torn one began.
      expect(log.append(record(9)).ok).toBe(true);
      log.close();
      const reopened = opened(file);
      reopened.log.close();
      expect(reopened.records.map((r) => r.value)).toEqual([record(1), record(2), record(3), record(9)]);
      expect(reopened.warnings).toEqual([]);
    }
  });

  it('when any byte of the last record is damaged (a bad CRC at the tail)', () => {
    for (let at = lastStart; at < bytes.length; at++) {
      const file = newFile();
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] as number) ^ 0x40;
      writeFileSync(file, damaged);
      const { log, records, warnings } = opened(file);
      log.close();
      expect(records, `byte ${at}`).toHaveLength(3);
      expect(warnings[0]?.kind).toBe('torn-tail');
    }
  });

  it('when the file ends in zeros or garbage after the last whole record', () => {
    for (const tail of [Buffer.alloc(4096), Buffer.from('\u0005\u0000\u0000\u0000garbage'), Buffer.from([0xff])]) {
      const file = newFile();
      writeFileSync(file, Buffer.concat([bytes, tail]));
      const { log, records, warnings } = opened(file);
      log.close();
      expect(records).toHaveLength(4);
      expect(warnings).toMatchObject([{ kind: 'torn-tail', offset: bytes.length, droppedBytes: tail.length }]);
    }
  });
});

describe('damage before the last record keeps the file and fails with SessionLogCorrupted', () => {
  const { bytes, offsets } = logOf(5);

  function expectCorrupted(damaged: Buffer, offset: number, intact: number): void {
    const file = newFile();
    writeFileSync(file, damaged);
    const error = failure(file);
    expect(error).toBeInstanceOf(SessionLogCorrupted);
    expect(error).toMatchObject({ code: 'corrupted', offset, intactRecords: intact });
    expect(error.message).toContain(`byte ${offset}`);
    expect(readFileSync(file)).toEqual(damaged);
  }

  it('for a flipped bit in any byte of a middle record', () => {
    const start = offsets[2] as number;
    const end = offsets[3] as number;
    for (let at = start; at < end; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] as number) ^ 0x01;
      expectCorrupted(damaged, start, 2);
    }
  });

  it('for a length that claims the rest of the file', () => {
    const damaged = Buffer.from(bytes);
    damaged.writeUInt32LE(bytes.length, offsets[1] as number);
    expectCorrupted(damaged, offsets[1] as number, 1);
  });

  it('for garbage spliced in between records', () => {
    const at = offsets[2] as number;
    expectCorrupted(Buffer.concat([bytes.subarray(0, at), Buffer.from('garbage\n'), bytes.subarray(at)]), at, 2);
  });

  it('for a whole missing stretch of zeros in the middle', () => {
    const damaged = Buffer.from(bytes);
    damaged.fill(0, offsets[1] as number, offsets[3] as number);
    expectCorrupted(damaged, offsets[1] as number, 1);
  });

  it('for a record with a valid checksum that holds no JSON', () => {
    const at = offsets[1] as number;
    const bad = encodeFrame(Buffer.from('{"seq":2,', 'utf8'));
    expectCorrupted(Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(offsets[2] as number)]), at, 1);
  });
});

describe('files that are not a usable log', () => {
  it('starts an empty file afresh', () => {
    const file = newFile();
    writeFileSync(file, '');
    const { log, records, warnings } = opened(file);
    log.close();
    expect(records).toEqual([]);
    expect(warnings).toEqual([]);
    expect(readFileSync(file)).toEqual(LOG_HEADER);
  });

  it('starts afresh, with a warning, a log whose header was never finished', () => {
    const file = newFile();
    writeFileSync(file, LOG_HEADER.subarray(0, 7));
    const { log, warnings } = opened(file);
    log.close();
    expect(warnings).toMatchObject([{ kind: 'torn-header', droppedBytes: 7 }]);
    expect(readFileSync(file)).toEqual(LOG_HEADER);
  });

  it.each([
    ['a JSON file', '{"events": []}'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['our header in the wrong case', 'tally-session-log/1\n'],
    ['a single other byte', 'x'],
  ])('leaves %s untouched: not a session log', (_name, content) => {
    const file = newFile();
    writeFileSync(file, content);
    const before = readFileSync(file);
    expect(failure(file).code).toBe('not-a-session-log');
    expect(readFileSync(file)).toEqual(before);
  });

  it('refuses a log from a newer format version', () => {
    const file = newFile();
    writeFileSync(file, 'TALLY-SESSION-LOG/2\n');
    const error = failure(file);
    expect(error.code).toBe('unsupported-version');
    expect(error.message).toContain('TALLY-SESSION-LOG/2');
  });

  it('says when the path is a folder or its folder is missing', () => {
    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    expect(failure(folder).code).toBe('io-failed');
    expect(failure(path.join(dir, 'no-such-folder', 'cart.log')).code).toBe('io-failed');
  });

  it('keeps a log cut exactly at a record boundary whole', () => {
    const { file, offsets } = logOf(3);
    truncateSync(file, offsets[2] as number);
    const { log, records, warnings } = opened(file);
    log.close();
    expect(records).toHaveLength(2);
    expect(warnings).toEqual([]);
  });
});
