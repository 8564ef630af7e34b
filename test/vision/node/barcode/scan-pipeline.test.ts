import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import { CameraError } from '../../../../hardware/common/camera/errors.js';
import type { FrameSource } from '../../../../hardware/common/camera/frame-source.js';
import { sceneFrame, type CodeSpec } from '../../../../bench/barcode-scenes.js';
import type { GrayImage } from '../../../../vision/common/barcode/gray-image.js';
import { ScanPipeline, type TimedScan } from '../../../../vision/node/barcode/scan-pipeline.js';
import { DecodePool, DecodePoolError } from '../../../../vision/node/barcode/worker-pool.js';

const W = 640;
const H = 360;
let pool: DecodePool;
let can: GrayImage;
let coupon: GrayImage;
let empty: GrayImage;

const scene = (code: CodeSpec, seed: number): Promise<GrayImage> => sceneFrame(code, { width: W, height: H, noise: 2 }, seededRandom(seed));

beforeAll(async () => {
  pool = new DecodePool({ threads: 1 });
  can = await scene({ bcid: 'ean13', text: '5901234123457', scale: 2 }, 1);
  coupon = await scene({ bcid: 'qrcode', text: 'coupon:42', scale: 3 }, 1);
  // Same background as the others (same seed), no code.
  empty = await sceneFrame({ bcid: 'ean13', text: '5901234123457', scale: 2 }, { width: W, height: H, noise: 2, at: { x: 5, y: 5 } }, seededRandom(1));
});
afterAll(() => pool.close());

function harness() {
  const clock = new SimulatedClock(1_000);
  const pipeline = new ScanPipeline({ pool, clock, budgetMs: 200, presentation: { goneAfterMs: 300, confirmFrames: 2 } });
  const scans: TimedScan[] = [];
  const problems: Error[] = [];
  pipeline.on('scan', (s) => scans.push(s));
  pipeline.on('problem', (p) => problems.push(p));
  const seq = new Map<string, number>();
  /** Delivers one frame per camera, waits for its decode, then moves the clock one frame on. */
  const show = async (image: GrayImage, cameras: string[] = ['left'], times = 1) => {
    for (let i = 0; i < times; i++) {
      for (const cameraId of cameras) {
        const n = (seq.get(cameraId) ?? 0) + 1;
        seq.set(cameraId, n);
        const frame: Frame = { cameraId, seq: n, capturedAt: clock.now(), width: image.width, height: image.height, format: 'gray', data: image.data };
        pipeline.push(frame);
      }
      await pipeline.idle();
      clock.advance(33);
    }
  };
  return { pipeline, scans, problems, show, clock };
}

describe('ScanPipeline', () => {
  it('turns a code held in view into exactly one scan, confirmed on a second frame', async () => {
    const { pipeline, scans, show } = harness();
    await show(empty, ['left'], 2);
    await show(can, ['left'], 1);
    expect(scans).toEqual([]);
    await show(can, ['left'], 10);
    expect(scans.map((s) => s.read.text)).toEqual(['5901234123457']);
    expect(scans[0]?.read.position.topLeft.x).toBeGreaterThan(W / 4);
    expect(pipeline.stats.unchanged).toBeGreaterThan(5); // the still code is not decoded again and again
  });

  it('scans a QR code on its first frame', async () => {
    const { scans, show } = harness();
    await show(coupon);
    expect(scans.map((s) => s.read.format)).toEqual(['QR_CODE']);
  });

  it('counts the same code on two cameras as one scan, and a second presentation as a second scan', async () => {
    const { scans, show } = harness();
    await show(can, ['left', 'right'], 4);
    expect(scans).toHaveLength(1);
    await show(empty, ['left', 'right'], 12); // 400 ms out of view
    await show(can, ['left', 'right'], 4);
    expect(scans).toHaveLength(2);
  });

  it('listens to a frame source until detached', async () => {
    const { pipeline, scans } = harness();
    const source = new EventEmitter();
    pipeline.attach(source as unknown as FrameSource);
    const frame: Frame = { cameraId: 'dock', seq: 1, capturedAt: 0, width: W, height: H, format: 'gray', data: coupon.data };
    source.emit('frame', frame);
    await pipeline.idle();
    expect(scans).toHaveLength(1);
    pipeline.detachAll();
    source.emit('frame', { ...frame, seq: 2 });
    expect(pipeline.stats.frames).toBe(1);
  });

  it('reports a bad frame and goes on', async () => {
    const { pipeline, scans, problems, show } = harness();
    pipeline.push({ cameraId: 'left', seq: 1, capturedAt: 0, width: W, height: H, format: 'gray', data: new Uint8Array(10) });
    pipeline.push({ cameraId: 'left', seq: 2, capturedAt: 0, width: 0, height: H, format: 'gray', data: new Uint8Array(0) });
    expect(problems.map((p) => (p as { kind?: string }).kind)).toEqual(['bad-buffer', 'bad-dimensions']);
    await show(coupon);
    expect(scans).toHaveLength(1);
  });

  it('passes on a camera that stalls, resumes, disappears or ends, and keeps serving the other', async () => {
    const { pipeline, scans, show } = harness();
    const events: string[] = [];
    pipeline.on('stalled', (n) => events.push(`stalled ${n.cameraId} ${n.silentForMs}`));
    pipeline.on('resumed', (n) => events.push(`resumed ${n.cameraId}`));
    pipeline.on('gone', (e) => events.push(`gone ${e.cameraId} ${e.kind}`));
    pipeline.on('ended', (e) => events.push(`ended ${e.cameraId}`));
    const left = Object.assign(new EventEmitter(), { cameraId: 'left' });
    const door = Object.assign(new EventEmitter(), { cameraId: 'door' });
    pipeline.attach(left as unknown as FrameSource);
    pipeline.attach(door as unknown as FrameSource);

    await show(can, ['left'], 1); // the can's first sighting, then the left camera stalls
    left.emit('stalled', { cameraId: 'left', silentForMs: 500 });
    await show(coupon, ['right']);
    left.emit('resumed', { cameraId: 'left', silentForMs: 700 });
    left.emit('gone', new CameraError('gone', 'left', 'unplugged'));
    door.emit('ended');
    await show(can, ['right'], 3);
    expect(events).toEqual(['stalled left 500', 'resumed left', 'gone left gone', 'ended door']);
    expect(scans.map((s) => [s.read.format, s.cameraIds])).toEqual([
      ['QR_CODE', ['right']],
      ['EAN_13', ['left', 'right']],
    ]);
    // Plugged back in, the camera starts afresh and is served again.
    await show(coupon, ['left'], 1);
    expect(pipeline.stats.frames).toBe(6);
  });

  it('reports a decode that hangs, still serves the other camera, and idle() returns', async () => {
    // The faulty thread hangs on a 1-pixel-wide image and answers at once on any other.
    const script = new URL('./fixtures/faulty-decode-worker.ts', import.meta.url);
    const faulty = new DecodePool({ script, threads: 2, jobTimeoutMs: 150 });
    try {
      const problems: Error[] = [];
      const pipeline = new ScanPipeline({ pool: faulty, clock: new SimulatedClock(0) });
      pipeline.on('problem', (p) => problems.push(p));
      pipeline.push({ cameraId: 'left', seq: 1, capturedAt: 0, width: 1, height: 1, format: 'gray', data: new Uint8Array(1) });
      pipeline.push({ cameraId: 'right', seq: 1, capturedAt: 0, width: 8, height: 1, format: 'gray', data: new Uint8Array(8) });
      await pipeline.idle();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toBeInstanceOf(DecodePoolError);
      expect((problems[0] as DecodePoolError).kind).toBe('timeout');
      expect(pipeline.stats.decoded).toBe(1);
      // The stuck thread was replaced: the left camera is decoded again.
      pipeline.push({ cameraId: 'left', seq: 2, capturedAt: 33, width: 8, height: 1, format: 'gray', data: new Uint8Array(8) });
      await pipeline.idle();
      expect(pipeline.stats.decoded).toBe(2);
    } finally {
      await faulty.close();
    }
  });

  it('works on through the plan, frame by frame, while a hard code is held still', async () => {
    // The faulty thread's 4-pixel-wide picture needs three attempts, one per decode.
    const script = new URL('./fixtures/faulty-decode-worker.ts', import.meta.url);
    const faulty = new DecodePool({ script, threads: 1 });
    try {
      const pipeline = new ScanPipeline({ pool: faulty, clock: new SimulatedClock(0) });
      const scans: TimedScan[] = [];
      pipeline.on('scan', (s) => scans.push(s));
      const held = new Uint8Array(16).fill(90);
      for (let seq = 1; seq <= 5; seq++) {
        pipeline.push({ cameraId: 'left', seq, capturedAt: seq * 33, width: 4, height: 4, format: 'gray', data: held });
        await pipeline.idle();
      }
      expect(scans.map((s) => s.read.text)).toEqual(['tally:coupon:7']);
      expect(pipeline.stats).toMatchObject({ frames: 5, decoded: 3, resumed: 2, unchanged: 2 });
    } finally {
      await faulty.close();
    }
  });
});
