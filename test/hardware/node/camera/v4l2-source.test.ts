import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import type { FrameSettings } from '../../../../hardware/common/camera/settings.js';
import { v4l2Args } from '../../../../hardware/node/camera/ffmpeg-args.js';
import { ffmpegExitError, type FfmpegExit, type FfmpegLauncher } from '../../../../hardware/node/camera/ffmpeg-process.js';
import { V4l2FrameSource } from '../../../../hardware/node/camera/v4l2-source.js';

const settings: FrameSettings = { width: 4, height: 2, format: 'gray', fps: 10 };
const FRAME = 8;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tally-v4l2-'));
  await writeFile(path.join(dir, 'video0'), 'a regular file, not a device');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Stands in for ffmpeg reading a camera: the test writes the frames and decides how it exits. */
function fakeCamera() {
  const stdout = new PassThrough();
  let exit: (e: FfmpegExit) => void = () => {};
  const exited = new Promise<FfmpegExit>((r) => (exit = r));
  const state = { args: [] as readonly string[], killed: false };
  const launch: FfmpegLauncher = (args) => {
    state.args = args;
    return {
      stdout,
      exited,
      kill: () => {
        state.killed = true;
        exit({ code: null, signal: 'SIGKILL', stderr: '' });
      },
    };
  };
  const send = (n: number, value = 1) => stdout.write(Buffer.alloc(n * FRAME, value));
  return { launch, state, send, stdout, exit: (e: FfmpegExit) => exit(e) };
}

const aDevice = () => Promise.resolve({ isCharacterDevice: () => true });
const flush = () => new Promise<void>((r) => setImmediate(r));

function camera(clock: SimulatedClock, fake: ReturnType<typeof fakeCamera>) {
  const source = new V4l2FrameSource({ cameraId: 'scan-left', settings, clock, device: '/dev/video0', launch: fake.launch, statDevice: aDevice, stallAfterMs: 1000, goneAfterMs: 4000 });
  const events: string[] = [];
  source.on('stalled', (n) => events.push(`stalled ${n.silentForMs}`));
  source.on('resumed', (n) => events.push(`resumed ${n.silentForMs}`));
  source.on('gone', (e) => events.push(`gone ${e.kind}`));
  return { source, events };
}

describe('V4l2FrameSource', () => {
  it('asks ffmpeg for the device, size, rate and raw pixel format', () => {
    const args = v4l2Args('/dev/v4l/by-id/usb-cam', { width: 1280, height: 720, format: 'rgba', fps: 30 }, 'yuyv422');
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(after('-f')).toBe('v4l2');
    expect(after('-input_format')).toBe('yuyv422');
    expect(after('-framerate')).toBe('30');
    expect(after('-video_size')).toBe('1280x720');
    expect(after('-i')).toBe('/dev/v4l/by-id/usb-cam');
    expect(after('-pix_fmt')).toBe('rgba');
    expect(args.slice(-3)).toEqual(['-f', 'rawvideo', 'pipe:1']);
    expect(args).toContain('-nostdin');
  });

  it('delivers frames as they arrive, cut from arbitrary pipe chunks, stamped by the clock', async () => {
    const clock = new SimulatedClock(1000);
    const fake = fakeCamera();
    const { source } = camera(clock, fake);
    const starting = source.start();
    fake.send(1, 7);
    await starting;
    clock.advance(100);
    fake.stdout.write(Buffer.alloc(2 * FRAME + 3, 9));
    await flush();
    const frames = source.frames();
    expect(source.stats.delivered).toBe(3);
    fake.stdout.write(Buffer.alloc(FRAME - 3, 9));
    await flush();
    const last = (await frames.next()).value;
    expect(last).toMatchObject({ cameraId: 'scan-left', seq: 3, capturedAt: 1100, width: 4, height: 2, format: 'gray' });
    await source.stop();
    expect(fake.state.killed).toBe(true);
  });

  it('reports a quiet camera stalled, resumed, and gone after long silence, stopping ffmpeg', async () => {
    const clock = new SimulatedClock();
    const fake = fakeCamera();
    const { source, events } = camera(clock, fake);
    const starting = source.start();
    fake.send(1);
    await starting;
    clock.advance(1500);
    fake.send(1);
    await flush();
    clock.advance(6000);
    expect(events).toEqual(['stalled 1000', 'resumed 1500', 'stalled 1000', 'gone gone']);
    expect(fake.state.killed).toBe(true);
    expect(source.running).toBe(false);
  });

  it('reports a camera unplugged mid-stream as gone with the reason ffmpeg gave', async () => {
    const clock = new SimulatedClock();
    const fake = fakeCamera();
    const { source, events } = camera(clock, fake);
    const iter = source.frames();
    const starting = source.start();
    fake.send(2);
    await starting;
    fake.exit({ code: 1, signal: null, stderr: '[video4linux2,v4l2 @ 0x1] ioctl(VIDIOC_DQBUF): No such device\n' });
    await flush();
    expect(events).toEqual(['gone not-found']);
    expect((await iter.next()).done).toBe(false);
    expect((await iter.next()).done).toBe(false);
    expect((await iter.next()).done).toBe(true);
  });

  it('counts frames dropped for a consumer slower than the camera', async () => {
    const clock = new SimulatedClock();
    const fake = fakeCamera();
    const { source } = camera(clock, fake);
    const starting = source.start();
    const iter = source.frames({ buffer: 3 });
    fake.send(10);
    await starting;
    await flush();
    expect(source.stats).toEqual({ delivered: 10, dropped: 7 });
    expect((await iter.next()).value?.seq).toBe(7);
    await source.stop();
  });

  it.each([
    ['busy', 'Cannot open video device /dev/video0: Device or resource busy'],
    ['permission', 'Cannot open video device /dev/video0: Permission denied'],
    ['unsupported', 'ioctl(VIDIOC_S_FMT): Invalid argument'],
  ])('fails start with %s when ffmpeg exits before the first frame', async (kind, stderr) => {
    const fake = fakeCamera();
    const { source } = camera(new SimulatedClock(), fake);
    const starting = source.start();
    fake.exit({ code: 1, signal: null, stderr: `[video4linux2,v4l2 @ 0x1] ${stderr}\n/dev/video0: error\n` });
    await expect(starting).rejects.toMatchObject({ kind, cameraId: 'scan-left' });
    expect(source.running).toBe(false);
  });

  it('fails start when the camera opens but never sends a frame (no hang)', async () => {
    const clock = new SimulatedClock();
    const fake = fakeCamera();
    const source = new V4l2FrameSource({ cameraId: 'c', settings, clock, device: '/dev/video0', launch: fake.launch, statDevice: aDevice, openTimeoutMs: 3000 });
    const starting = source.start();
    await flush();
    clock.advance(3000);
    await expect(starting).rejects.toMatchObject({ kind: 'gone' });
    expect(fake.state.killed).toBe(true);
  });

  it('checks the device node before starting ffmpeg', async () => {
    const launchNever: FfmpegLauncher = () => {
      throw new Error('ffmpeg must not start');
    };
    const missing = new V4l2FrameSource({ cameraId: 'c', settings, clock: new SimulatedClock(), device: path.join(dir, 'video9'), launch: launchNever });
    await expect(missing.start()).rejects.toMatchObject({ kind: 'not-found' });
    const plain = new V4l2FrameSource({ cameraId: 'c', settings, clock: new SimulatedClock(), device: path.join(dir, 'video0'), launch: launchNever });
    await expect(plain.start()).rejects.toMatchObject({ kind: 'not-a-device' });
  });

  it('runs the real ffmpeg against a character device that is no camera (/dev/null)', async () => {
    const source = new V4l2FrameSource({ cameraId: 'c', settings, clock: new SimulatedClock(), device: '/dev/null' });
    await expect(source.start()).rejects.toMatchObject({ kind: 'not-a-device' });
  });
});

describe('ffmpegExitError', () => {
  it.each([
    [{ spawnError: 'ENOENT' }, 'ffmpeg-missing'],
    [{ spawnError: 'EACCES' }, 'ffmpeg-failed'],
    [{ stderr: 'Cannot open video device /dev/video3: No such file or directory' }, 'not-found'],
    [{ stderr: 'x.mp4: Invalid data found when processing input' }, 'corrupt'],
    [{ stderr: '[mov,mp4] moov atom not found' }, 'corrupt'],
    [{ stderr: 'something nobody foresaw' }, 'ffmpeg-failed'],
    [{ stderr: '' }, 'ffmpeg-failed'],
  ])('reads %j as %s', (said, kind) => {
    const exit: FfmpegExit = { code: 1, signal: null, stderr: '', ...said };
    const error = ffmpegExitError(exit, 'c', 'input');
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(/^camera c: /);
  });
});
