import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { CameraError } from '../../../../hardware/common/camera/errors.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import type { FrameSettings } from '../../../../hardware/common/camera/settings.js';
import { ImageFrameSource } from '../../../../hardware/node/camera/image-source.js';

let dir: string;
const gray: FrameSettings = { width: 32, height: 24, format: 'gray', fps: 10 };

/** A solid image of one grey level, so each file's frames are recognisable. */
const solid = (level: number, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: level, g: level, b: level } } });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tally-images-'));
  await mkdirp('shelf');
  await solid(10).png().toFile(path.join(dir, 'shelf', '1.png'));
  await solid(120).jpeg({ quality: 95 }).toFile(path.join(dir, 'shelf', '2.jpg'));
  await solid(240).webp({ lossless: true }).toFile(path.join(dir, 'shelf', '10.webp'));
  await writeFile(path.join(dir, 'shelf', 'notes.txt'), 'not an image');
  await mkdirp('damaged');
  await solid(50).png().toFile(path.join(dir, 'damaged', 'a.png'));
  await writeFile(path.join(dir, 'damaged', 'b.png'), 'this is not a PNG');
  const jpeg = await solid(90, 400, 300).jpeg().toBuffer();
  await writeFile(path.join(dir, 'damaged', 'c.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 3)));
  await mkdirp('all-bad');
  await writeFile(path.join(dir, 'all-bad', 'x.png'), 'junk');
  await writeFile(path.join(dir, 'all-bad', 'y.jpg'), new Uint8Array(100));
  await mkdirp('empty');
  await solid(200, 100, 50).png().toFile(path.join(dir, 'wide.png'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function mkdirp(name: string) {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path.join(dir, name), { recursive: true });
}

function collect(source: ImageFrameSource): { frames: Frame[]; events: string[] } {
  const frames: Frame[] = [];
  const events: string[] = [];
  source.on('frame', (f) => frames.push(f));
  source.on('ended', () => events.push('ended'));
  source.on('skipped', (e) => events.push(`skipped ${e.kind}`));
  source.on('gone', (e) => events.push(`gone ${e.kind}`));
  return { frames, events };
}

const ended = (source: ImageFrameSource) => new Promise<void>((resolve) => source.on('ended', resolve));

describe('ImageFrameSource', () => {
  it('plays a folder in natural name order at the configured rate, timestamped by the clock, then ends', async () => {
    const clock = new SimulatedClock(5000);
    const source = new ImageFrameSource({ cameraId: 'basket', settings: gray, clock, path: path.join(dir, 'shelf'), prefetch: 8 });
    const { frames, events } = collect(source);
    const done = ended(source);
    await source.start();
    clock.advance(1000);
    await done;
    expect(frames.map((f) => f.seq)).toEqual([0, 1, 2]);
    expect(frames.map((f) => f.capturedAt)).toEqual([5000, 5100, 5200]);
    expect(frames.map((f) => f.data[0])).toEqual([10, expect.closeTo(120, 0), 240]);
    expect(frames.every((f) => f.width === 32 && f.height === 24 && f.format === 'gray' && f.data.length === 32 * 24)).toBe(true);
    expect(events).toEqual(['ended']);
    expect(source.stats).toEqual({ delivered: 3, dropped: 0 });
  });

  it('loops when asked, and letterboxes to the configured size in RGBA', async () => {
    const clock = new SimulatedClock();
    const settings: FrameSettings = { width: 20, height: 20, format: 'rgba', fps: 5 };
    const source = new ImageFrameSource({ cameraId: 'c', settings, clock, path: path.join(dir, 'wide.png'), loop: true, prefetch: 6 });
    const { frames } = collect(source);
    await source.start();
    clock.advance(1000);
    await source.stop();
    expect(frames).toHaveLength(6);
    const f = frames[0] as Frame;
    expect(f.data.length).toBe(20 * 20 * 4);
    // 100×50 into 20×20: 10 rows of picture in the middle, black bars above and below.
    expect([...f.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    const middle = (10 * 20 + 10) * 4;
    expect([...f.data.subarray(middle, middle + 4)]).toEqual([200, 200, 200, 255]);
  });

  it('counts frames a slow iterator misses, and keeps the newest', async () => {
    const clock = new SimulatedClock();
    const source = new ImageFrameSource({ cameraId: 'c', settings: gray, clock, path: path.join(dir, 'wide.png'), loop: true, prefetch: 12 });
    await source.start();
    const frames = source.frames({ buffer: 2 });
    clock.advance(900); // 10 frames, nobody reading
    expect(source.stats).toEqual({ delivered: 10, dropped: 8 });
    expect((await frames.next()).value?.seq).toBe(8);
    await source.stop();
    expect((await frames.next()).value?.seq).toBe(9);
    expect((await frames.next()).done).toBe(true);
  });

  it('skips damaged and truncated images in a folder with a typed event and goes on', async () => {
    const clock = new SimulatedClock();
    const source = new ImageFrameSource({ cameraId: 'c', settings: gray, clock, path: path.join(dir, 'damaged') });
    const { frames, events } = collect(source);
    const done = ended(source);
    await source.start();
    clock.advance(500);
    await done;
    expect(frames.map((f) => f.data[0])).toEqual([50]);
    expect(events).toEqual(['skipped corrupt', 'skipped corrupt', 'ended']);
  });

  it('gives up on a looping folder where nothing decodes instead of spinning', async () => {
    const source = new ImageFrameSource({ cameraId: 'c', settings: gray, clock: new SimulatedClock(), path: path.join(dir, 'all-bad'), loop: true });
    await expect(source.start()).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it.each([
    ['a missing path', 'nowhere', 'not-found'],
    ['a folder without images', 'empty', 'empty'],
    ['a lone damaged file', 'damaged/b.png', 'corrupt'],
    ['a lone truncated JPEG', 'damaged/c.jpg', 'corrupt'],
  ])('refuses %s with a typed error', async (_what, rel, kind) => {
    const source = new ImageFrameSource({ cameraId: 'c', settings: gray, clock: new SimulatedClock(), path: path.join(dir, rel) });
    const failure = await source.start().then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(CameraError);
    expect(failure).toMatchObject({ kind, cameraId: 'c' });
  });

  it('refuses an absurd prefetch before touching the disk', () => {
    expect(() => new ImageFrameSource({ cameraId: 'c', settings: gray, clock: new SimulatedClock(), path: dir, prefetch: 0 })).toThrow(CameraError);
  });

  it('refuses a decompression bomb (a tiny file that claims a huge image)', async () => {
    // A valid PNG header claiming 60000×60000 pixels: the pixel limit stops it before decoding.
    const png = await readFile(path.join(dir, 'shelf', '1.png'));
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(60000, 16);
    bomb.writeUInt32BE(60000, 20);
    const file = path.join(dir, 'bomb.png');
    await writeFile(file, bomb);
    const source = new ImageFrameSource({ cameraId: 'c', settings: gray, clock: new SimulatedClock(), path: file });
    await expect(source.start()).rejects.toMatchObject({ kind: 'corrupt' });
  });
});
