import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import type { FrameSettings } from '../../../../hardware/common/camera/settings.js';
import { videoFileArgs } from '../../../../hardware/node/camera/ffmpeg-args.js';
import { ffmpegLauncher } from '../../../../hardware/node/camera/ffmpeg-process.js';
import { ffmpegFrameReader, VideoFileSource } from '../../../../hardware/node/camera/video-file-source.js';

const run = promisify(execFile);
let dir: string;
let clip: string;
const settings: FrameSettings = { width: 80, height: 60, format: 'gray', fps: 10 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tally-video-'));
  clip = path.join(dir, 'testsrc.mkv');
  // One second of ffmpeg's test pattern (its frame counter changes every frame), lossless.
  await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=1', '-c:v', 'ffv1', clip]);
  await run('ffmpeg', ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=1', '-c:v', 'mpeg4', path.join(dir, 'whole.mp4')]);
  const mp4 = await readFile(path.join(dir, 'whole.mp4'));
  // ffmpeg writes the mp4 index (moov) last: cutting the file leaves no index at all.
  await writeFile(path.join(dir, 'cut.mp4'), mp4.subarray(0, Math.floor(mp4.length / 2)));
  await writeFile(path.join(dir, 'noise.mkv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
  await writeFile(path.join(dir, 'empty.mkv'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));


describe('VideoFileSource', () => {
  it('plays a generated testsrc clip at the configured rate and size, then ends', async () => {
    const clock = new SimulatedClock(0);
    const source = new VideoFileSource({ cameraId: 'replay', settings, clock, path: clip, prefetch: 16 });
    const frames: Frame[] = [];
    source.on('frame', (f) => frames.push(f));
    const ended = new Promise<void>((resolve) => source.on('ended', resolve));
    // The read-ahead holds the whole clip, so playback needs no decoding between ticks.
    await source.start();
    clock.advance(1000);
    await ended;
    expect(frames).toHaveLength(10);
    expect(frames.map((f) => f.capturedAt)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    for (const f of frames) expect(f.data.length).toBe(80 * 60);
    // The pattern's frame counter makes consecutive frames differ.
    const distinct = new Set(frames.map((f) => Buffer.from(f.data).toString('base64')));
    expect(distinct.size).toBe(10);
    expect(source.stats).toEqual({ delivered: 10, dropped: 0 });
  });

  it('delivers the same pixels ffmpeg decodes directly, in RGBA', async () => {
    const rgba: FrameSettings = { ...settings, format: 'rgba' };
    const direct = await run('ffmpeg', videoFileArgs(clip, rgba, false), { encoding: 'buffer', maxBuffer: 1 << 24 });
    const clock = new SimulatedClock();
    const source = new VideoFileSource({ cameraId: 'replay', settings: rgba, clock, path: clip, prefetch: 10 });
    const seen: Buffer[] = [];
    source.on('frame', (f) => seen.push(Buffer.from(f.data)));
    await source.start();
    clock.advance(900);
    await source.stop();
    expect(seen.length).toBe(10);
    expect(Buffer.concat(seen).equals(direct.stdout)).toBe(true);
  });

  it('reads frames on demand from ffmpeg, holding it back when nobody reads', async () => {
    const direct = await run('ffmpeg', videoFileArgs(clip, settings, false), { encoding: 'buffer', maxBuffer: 1 << 24 });
    const damage: string[] = [];
    const reader = ffmpegFrameReader(ffmpegLauncher()(videoFileArgs(clip, settings, false)), {
      frameBytes: 80 * 60,
      highWater: 2,
      describe: () => {
        throw new Error('a clean run needs no description');
      },
      onDamage: (e) => damage.push(e.kind),
    });
    const frames: Uint8Array[] = [];
    for (let f = await reader.read(); f !== null; f = await reader.read()) frames.push(f);
    expect(frames).toHaveLength(10);
    expect(Buffer.concat(frames).equals(direct.stdout)).toBe(true);
    expect(await reader.read()).toBeNull();
    expect(damage).toEqual([]);
    await reader.close();
  });

  it('loops, and counts what a slow iterator drops', async () => {
    const clock = new SimulatedClock();
    const source = new VideoFileSource({ cameraId: 'replay', settings, clock, path: clip, loop: true, prefetch: 25 });
    await source.start();
    const frames = source.frames({ buffer: 5 });
    clock.advance(2400); // 25 frames: two and a half passes, nobody reading
    expect(source.stats).toEqual({ delivered: 25, dropped: 20 });
    const kept: Frame[] = [];
    for (let i = 0; i < 5; i++) kept.push((await frames.next()).value as Frame);
    expect(kept.map((f) => f.seq)).toEqual([20, 21, 22, 23, 24]);
    await source.stop();
    expect((await frames.next()).done).toBe(true);
  });

  it.each([
    ['a file with its index cut off', 'cut.mp4', 'corrupt'],
    ['bytes that are no video at all', 'noise.mkv', 'corrupt'],
    ['an empty file', 'empty.mkv', 'empty'],
    ['a missing file', 'gone.mkv', 'not-found'],
  ])('refuses %s with a typed error', async (_what, name, kind) => {
    const source = new VideoFileSource({ cameraId: 'replay', settings, clock: new SimulatedClock(), path: path.join(dir, name) });
    await expect(source.start()).rejects.toMatchObject({ name: 'CameraError', kind });
  });

  it('says so when ffmpeg is not installed', async () => {
    const source = new VideoFileSource({ cameraId: 'replay', settings, clock: new SimulatedClock(), path: clip, launch: ffmpegLauncher('/nonexistent/ffmpeg') });
    await expect(source.start()).rejects.toMatchObject({ kind: 'ffmpeg-missing' });
  });

  it('treats a name ffmpeg would read as a protocol as a plain file name', () => {
    const args = videoFileArgs('concat:a.mkv|b.mkv', settings, false);
    const input = args[args.indexOf('-i') + 1];
    expect(input).toBe(`file:${path.resolve('concat:a.mkv|b.mkv')}`);
  });
});
