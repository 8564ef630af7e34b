import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { CameraError } from '../../../../hardware/common/camera/errors.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import { PacedFrameSource, type FrameReader } from '../../../../hardware/node/camera/paced-source.js';

/** A decoder the test feeds by hand: each read waits until the test supplies a frame. */
class HandFedSource extends PacedFrameSource {
  readonly pending: ((frame: Uint8Array | null | CameraError) => void)[] = [];
  closed = false;
  constructor(clock: SimulatedClock, prefetch: number) {
    super({ cameraId: 'hand', settings: { width: 1, height: 1, format: 'gray', fps: 10 }, clock, prefetch });
  }
  protected open(): Promise<FrameReader> {
    return Promise.resolve({
      read: () =>
        new Promise<Uint8Array | null>((resolve, reject) =>
          this.pending.push((f) => (f instanceof CameraError ? reject(f) : resolve(f))),
        ),
      close: () => {
        this.closed = true;
        for (const p of this.pending.splice(0)) p(null);
        return Promise.resolve();
      },
    });
  }
  /** Supplies the next frame (or the end, or a failure) to the waiting read. */
  async feed(value: number | null | CameraError): Promise<void> {
    for (let i = 0; i < 10 && this.pending.length === 0; i++) await Promise.resolve();
    this.pending.shift()?.(typeof value === 'number' ? new Uint8Array([value]) : value);
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
}

describe('PacedFrameSource', () => {
  it('lets a tick pass when decoding falls behind, then plays on without skipping', async () => {
    const clock = new SimulatedClock();
    const source = new HandFedSource(clock, 1);
    const frames: Frame[] = [];
    source.on('frame', (f) => frames.push(f));
    const starting = source.start();
    await source.feed(1);
    await starting;
    clock.advance(0);
    expect(frames.map((f) => f.data[0])).toEqual([1]);
    clock.advance(200); // two ticks, nothing decoded: nothing shown, nothing lost
    expect(frames).toHaveLength(1);
    await source.feed(2);
    clock.advance(100);
    expect(frames.map((f) => [f.data[0], f.capturedAt])).toEqual([[1, 0], [2, 300]]);
    const ended = new Promise<void>((resolve) => source.on('ended', resolve));
    await source.feed(null);
    clock.advance(100);
    await ended;
    expect(source.closed).toBe(true);
  });

  it('stops and reports gone when the decoder fails mid-play', async () => {
    const clock = new SimulatedClock();
    const source = new HandFedSource(clock, 1);
    const gone: string[] = [];
    source.on('gone', (e) => gone.push(e.kind));
    const starting = source.start();
    await source.feed(1);
    await starting;
    clock.advance(0);
    await source.feed(new CameraError('corrupt', 'hand', 'bad block'));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(gone).toEqual(['corrupt']);
    expect(source.closed).toBe(true);
  });

  it('fails start with empty when the input has no frames', async () => {
    const source = new HandFedSource(new SimulatedClock(), 2);
    const starting = source.start();
    await source.feed(null);
    await expect(starting).rejects.toMatchObject({ kind: 'empty' });
  });
});
