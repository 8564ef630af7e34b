import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { frameSourceFromConfig } from '../../../../hardware/node/camera/camera-config.js';
import { ImageFrameSource } from '../../../../hardware/node/camera/image-source.js';
import { V4l2FrameSource } from '../../../../hardware/node/camera/v4l2-source.js';
import { VideoFileSource } from '../../../../hardware/node/camera/video-file-source.js';

const clock = new SimulatedClock();

describe('frameSourceFromConfig', () => {
  it.each([
    [{ id: 'basket', source: 'v4l2', device: '/dev/video0' }, V4l2FrameSource],
    [{ id: 'replay', source: 'video', path: 'a.mkv', loop: true }, VideoFileSource],
    [{ id: 'demo', source: 'images', path: 'shelf/' }, ImageFrameSource],
  ])('builds %j', (config, type) => {
    const r = frameSourceFromConfig(config, clock);
    expect(r.ok && r.value).toBeInstanceOf(type);
    if (r.ok) expect(r.value.settings).toEqual({ width: 640, height: 480, format: 'gray', fps: 15 });
  });

  it('keeps the configured size, rate and format', () => {
    const r = frameSourceFromConfig({ id: 'b', source: 'images', path: 'x', settings: { width: 320, height: 240, fps: 5, format: 'rgba' } }, clock);
    expect(r.ok && r.value.settings).toEqual({ width: 320, height: 240, fps: 5, format: 'rgba' });
  });

  it.each([
    [{ id: 'b', source: 'webcam', device: '/dev/video0' }],
    [{ id: 'b', source: 'v4l2' }],
    [{ id: 'b', source: 'video', path: 'a.mkv', settings: { width: 0 } }],
    [{ id: '', source: 'images', path: 'x' }],
    [null],
    ['basket'],
  ])('refuses %j with bad-settings', (config) => {
    const r = frameSourceFromConfig(config, clock);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('bad-settings');
  });
});
