// How one record sits in the session log:
//
//   u32 LE  payload length in bytes (1 .. MAX_RECORD_BYTES)
//   u32 LE  CRC-32 (zlib polynomial) of the four length bytes, then the payload
//   payload UTF-8 JSON
//
// The checksum covers the length too, so a flipped bit in a length is caught rather than read as
// a different record boundary. JSON text never contains a 0x00 byte while a plausible length
// always has a 0x00 top byte, and a candidate must also pass the checksum, so the bytes of a torn
// record pass for a whole record only by a one-in-four-billion coincidence: that is what lets the
// reader tell a torn last record from damage in the middle (see findNextFrame).
import { crc32 } from 'node:zlib';

export const FRAME_HEADER_BYTES = 8;
/** Events are a few hundred bytes; anything near this is damage, not an event. */
export const MAX_RECORD_BYTES = 1 << 20;

export function encodeFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  payload.copy(frame, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(payload, crc32(frame.subarray(0, 4))), 4);
  return frame;
}

export type FrameAt =
  | { readonly ok: true; readonly payload: Buffer; readonly end: number }
  | { readonly ok: false; readonly reason: string };

/** Reads the record starting at `offset` in `bytes` (which end where the file ends). */
export function readFrame(bytes: Buffer, offset: number): FrameAt {
  const left = bytes.length - offset;
  if (left < FRAME_HEADER_BYTES) return { ok: false, reason: `${left} byte(s) where a record header needs ${FRAME_HEADER_BYTES}` };
  const length = bytes.readUInt32LE(offset);
  if (length === 0 || length > MAX_RECORD_BYTES) return { ok: false, reason: `impossible record length ${length}` };
  const end = offset + FRAME_HEADER_BYTES + length;
  if (end > bytes.length) return { ok: false, reason: `record of ${length} bytes runs ${end - bytes.length} byte(s) past the end of the file` };
  const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, end);
  const expected = crc32(payload, crc32(bytes.subarray(offset, offset + 4)));
  const found = bytes.readUInt32LE(offset + 4);
  if (expected !== found) return { ok: false, reason: `checksum mismatch (stored ${hex(found)}, computed ${hex(expected)})` };
  return { ok: true, payload, end };
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * The offset of the first intact record that starts after `from`, if any. A crash can only tear
 * the record being appended, so an intact record after a bad one means the bad one was not the
 * last: the damage is in the middle, and cutting there would lose acknowledged events.
 */
export function findNextFrame(bytes: Buffer, from: number): number | undefined {
  for (let at = from; at + FRAME_HEADER_BYTES < bytes.length; at++) {
    const length = bytes.readUInt32LE(at);
    // Cheap bounds first; the checksum only for candidates that could be records at all.
    if (length === 0 || length > MAX_RECORD_BYTES || at + FRAME_HEADER_BYTES + length > bytes.length) continue;
    if (readFrame(bytes, at).ok) return at;
  }
  return undefined;
}
