import { describe, expect, it } from 'vitest';
import { MotionDetector } from '../../../../hardware/common/motion/motion-detector.js';

describe('motion detector', () => {
  it('says moving at once on shaking and still only after a quiet spell', () => {
    const d = new MotionDetector({ stillForMs: 500 });
    const quiet = { accel: { x: 0, y: 0, z: 1 }, gyro: { x: 0.5, y: -0.2, z: 3 } };
    const changes: string[] = [];
    let t = 0;
    for (; t < 1000; t += 12) {
      const c = d.push(t, quiet);
      if (c) changes.push(`${c}@${t}`);
    }
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^still@/);
    const c = d.push(t, { accel: { x: 0.3, y: 0, z: 1.2 }, gyro: quiet.gyro });
    expect(c).toBe('moving');
    expect(d.push(t + 12, { accel: { x: Number.NaN, y: 0, z: 1 }, gyro: quiet.gyro })).toBeUndefined();
  });
});
