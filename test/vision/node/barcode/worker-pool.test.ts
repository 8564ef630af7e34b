import { afterEach, describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../../vision/common/barcode/gray-image.js';
import { DecodePool, DecodePoolError } from '../../../../vision/node/barcode/worker-pool.js';

const script = new URL('./fixtures/faulty-decode-worker.ts', import.meta.url);
/** The faulty worker reads the width as its cue (1 hang, 2 exit, 3 throw, else answer). */
const image = (width: number): GrayImage => ({ width, height: 1, data: new Uint8Array(width) });
const pools: DecodePool[] = [];
const faultyPool = (options: { threads?: number; jobTimeoutMs?: number; startTimeoutMs?: number } = {}): DecodePool => {
  const pool = new DecodePool({ script, threads: 1, jobTimeoutMs: 150, ...options });
  pools.push(pool);
  return pool;
};
const failure = async (p: Promise<unknown>): Promise<DecodePoolError> => {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DecodePoolError)) throw new Error(`expected a DecodePoolError, got ${String(e)}`);
  return e;
};

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('DecodePool faults', () => {
  it('fails a decode that overstays with kind timeout, and replaces the stuck thread', async () => {
    const pool = faultyPool();
    const e = await failure(pool.decode('left', image(1), 30));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/150 ms/);
    expect(pool.replaced).toBe(1);
    await expect(pool.decode('left', image(8), 30)).resolves.toMatchObject({ reads: [] });
  });

  it('fails the job of a thread that exits, and goes on with a fresh thread', async () => {
    const pool = faultyPool();
    const e = await failure(pool.decode('left', image(2), 30));
    expect(e.kind).toBe('worker-failed');
    expect(e.message).toMatch(/exited with code 7/);
    await expect(pool.decode('left', image(8), 30)).resolves.toMatchObject({ reads: [] });
    expect(pool.replaced).toBe(1);
  });

  it('fails the job of a thread that throws, and goes on with a fresh thread', async () => {
    const pool = faultyPool();
    const e = await failure(pool.decode('left', image(3), 30));
    expect(e.kind).toBe('worker-failed');
    expect(e.message).toMatch(/engine blew up/);
    await expect(pool.decode('left', image(8), 30)).resolves.toMatchObject({ reads: [] });
  });

  it('keeps serving the other camera while one thread is stuck', async () => {
    const pool = faultyPool({ threads: 2, jobTimeoutMs: 1_000 });
    const stuck = failure(pool.decode('left', image(1), 30));
    // Two decodes in turn on the healthy thread while the other is stuck.
    await expect(pool.decode('right', image(8), 30)).resolves.toMatchObject({ reads: [] });
    await expect(pool.decode('right', image(9), 30)).resolves.toMatchObject({ reads: [] });
    expect((await stuck).kind).toBe('timeout');
  });

  it('fails waiting frames instead of holding them when no thread can start', async () => {
    const pool = faultyPool({ startTimeoutMs: 1 });
    const e = await failure(pool.decode('left', image(8), 30));
    expect(e.kind).toBe('worker-failed');
    expect((await failure(pool.decode('left', image(8), 30))).message).toMatch(/no decode thread/);
  });

  it('refuses nonsense limits', () => {
    expect(() => new DecodePool({ script, jobTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => new DecodePool({ script, startTimeoutMs: Number.NaN })).toThrow(RangeError);
  });
});
