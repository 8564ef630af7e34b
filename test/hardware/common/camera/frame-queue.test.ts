import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import { FrameQueue } from '../../../../hardware/common/camera/frame-queue.js';

const frame = (seq: number): Frame => ({ cameraId: 'c', seq, capturedAt: seq * 100, width: 1, height: 1, format: 'gray', data: new Uint8Array([seq]) });

describe('FrameQueue', () => {
  it('keeps the newest frames and counts the ones a slow consumer lost', async () => {
    const q = new FrameQueue(2);
    for (let i = 0; i < 5; i++) q.push(frame(i));
    expect(q.dropped).toBe(3);
    expect((await q.next()).value?.seq).toBe(3);
    expect((await q.next()).value?.seq).toBe(4);
  });

  it('hands a frame straight to a waiting consumer without dropping', async () => {
    const q = new FrameQueue(1);
    const waiting = q.next();
    q.push(frame(7));
    expect((await waiting).value?.seq).toBe(7);
    expect(q.dropped).toBe(0);
  });

  it('drains what it holds after close, then ends, and wakes waiters', async () => {
    const q = new FrameQueue(3);
    const waiting = new FrameQueue(3);
    const pending = waiting.next();
    waiting.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    q.push(frame(1));
    q.close();
    expect(q.push(frame(2))).toBe(false);
    expect((await q.next()).value?.seq).toBe(1);
    expect((await q.next()).done).toBe(true);
  });

  it('tells its owner once when the consumer leaves a for-await loop', async () => {
    const closed: FrameQueue[] = [];
    const q = new FrameQueue(4, (x) => closed.push(x));
    q.push(frame(1));
    q.push(frame(2));
    for await (const f of q) {
      expect(f.seq).toBe(1);
      break;
    }
    q.close();
    expect(closed).toEqual([q]);
    expect((await q.next()).done).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a buffer of %s frames', (n) => {
    expect(() => new FrameQueue(n)).toThrow(RangeError);
  });
});
