import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { WeightStep } from '../../../hardware/common/weight/types.js';
import { NewItemSpotter } from '../../../vision/common/recognition/new-item-spotter.js';

const W = 64;
const H = 48;

/** A grey basket, with a bright 16×16 item at (ix, iy) when given. */
function frame(seq: number, at: number, item?: { ix: number; iy: number }): Frame {
  const data = new Uint8Array(W * H * 4).fill(60);
  if (item) {
    for (let y = item.iy; y < item.iy + 16; y++) for (let x = item.ix; x < item.ix + 16; x++) data.set([250, 220, 30, 255], (y * W + x) * 4);
  }
  return { cameraId: 'basket', seq, capturedAt: at, width: W, height: H, format: 'rgba', data };
}

const step = (kind: 'placed' | 'removed', leftAt: number, at: number): WeightStep => ({
  kind,
  deltaMg: kind === 'placed' ? 180_000 : -180_000,
  uncertaintyMg: 500,
  fromMg: 0,
  toMg: 180_000,
  leftAt,
  at,
});

describe('NewItemSpotter', () => {
  it('crops what appeared between the frame before a placed step and the first frame after it', () => {
    const s = new NewItemSpotter();
    expect(s.frame(frame(1, 1000))).toBeNull();
    expect(s.frame(frame(2, 1100))).toBeNull();
    // the hand comes in while the weight is unsettled; the item lies there when the step settles
    expect(s.frame(frame(3, 1200, { ix: 8, iy: 8 }))).toBeNull();
    s.weight({ type: 'step', step: step('placed', 1150, 1500) });
    expect(s.frame(frame(4, 1400, { ix: 32, iy: 16 }))).toBeNull(); // still before the step settled
    const spotted = s.frame(frame(5, 1600, { ix: 32, iy: 16 }));
    expect(spotted).not.toBeNull();
    expect(spotted!.frameSeq).toBe(5);
    expect(spotted!.region).toEqual({ x: 32, y: 16, width: 16, height: 16 }); // on the 8-pixel grid
    expect(spotted!.picture.data.subarray(0, 3)).toEqual(Uint8Array.from([250, 220, 30]));
    expect(s.frame(frame(6, 1700, { ix: 32, iy: 16 }))).toBeNull(); // one answer per step
  });

  it('ignores removals and other weight events', () => {
    const s = new NewItemSpotter();
    s.frame(frame(1, 1000));
    s.weight({ type: 'step', step: step('removed', 1000, 1200) });
    s.weight({ type: 'unsettled', at: 1300 });
    expect(s.frame(frame(2, 1400, { ix: 0, iy: 0 }))).toBeNull();
  });

  it('gives nothing when no frame from before the step is left, or nothing visibly changed', () => {
    const forgetful = new NewItemSpotter({ history: 2 });
    for (let i = 0; i < 5; i++) forgetful.frame(frame(i, 2000 + i * 100));
    forgetful.weight({ type: 'step', step: step('placed', 1000, 2500) });
    expect(forgetful.frame(frame(9, 2600, { ix: 8, iy: 8 }))).toBeNull();

    const hidden = new NewItemSpotter();
    hidden.frame(frame(1, 1000));
    hidden.weight({ type: 'step', step: step('placed', 1000, 1200) });
    expect(hidden.frame(frame(2, 1300))).toBeNull();
  });
});
