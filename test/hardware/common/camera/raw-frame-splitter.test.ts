import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawFrameSplitter } from '../../../../hardware/common/camera/raw-frame-splitter.js';

describe('RawFrameSplitter', () => {
  it('cuts any chunking of a stream into the same frames', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(30)), (size, bytes, cuts) => {
        const splitter = new RawFrameSplitter(size);
        const frames: Uint8Array[] = [];
        let at = 0;
        for (const cut of cuts) {
          frames.push(...splitter.push(bytes.subarray(at, Math.min(bytes.length, at + cut))));
          at = Math.min(bytes.length, at + cut);
        }
        frames.push(...splitter.push(bytes.subarray(at)));
        const whole = Math.floor(bytes.length / size);
        expect(frames).toHaveLength(whole);
        frames.forEach((f, i) => expect([...f]).toEqual([...bytes.subarray(i * size, (i + 1) * size)]));
        expect(splitter.pendingBytes).toBe(bytes.length % size);
      }),
    );
  });

  it('gives each frame its own buffer (later chunks never overwrite a delivered frame)', () => {
    const splitter = new RawFrameSplitter(2);
    const [a] = splitter.push(new Uint8Array([1, 2]));
    splitter.push(new Uint8Array([3, 4]));
    expect([...(a ?? [])]).toEqual([1, 2]);
  });

  it.each([0, -4, 2.5])('refuses a frame size of %s', (n) => {
    expect(() => new RawFrameSplitter(n)).toThrow(RangeError);
  });
});
