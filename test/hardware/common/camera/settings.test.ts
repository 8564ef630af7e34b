import { describe, expect, it } from 'vitest';
import { frameBytes, frameIntervalMs, parseFrameSettings } from '../../../../hardware/common/camera/settings.js';

describe('frame settings', () => {
  it('fills in defaults a cart camera can use', () => {
    const r = parseFrameSettings('basket', {});
    expect(r).toEqual({ ok: true, value: { width: 640, height: 480, format: 'gray', fps: 15 } });
  });

  it('computes bytes and interval', () => {
    const s = { width: 4, height: 3, format: 'rgba', fps: 20 } as const;
    expect(frameBytes(s)).toBe(48);
    expect(frameIntervalMs(s)).toBe(50);
  });

  it.each([
    [{ width: 0 }, 'width'],
    [{ height: -1 }, 'height'],
    [{ width: 64000, height: 48000 }, 'width'],
    [{ width: 640.5 }, 'width'],
    [{ fps: 0 }, 'fps'],
    [{ fps: Number.NaN }, 'fps'],
    [{ fps: 10_000 }, 'fps'],
    [{ format: 'yuv420p' }, 'format'],
    ['640x480', 'settings'],
  ])('refuses %j with a bad-settings error naming %s', (input, field) => {
    const r = parseFrameSettings('scan-left', input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('bad-settings');
    expect(r.error.cameraId).toBe('scan-left');
    expect(r.error.message).toContain(field);
  });
});
