import { describe, expect, it } from 'vitest';
import type { BarcodeRead } from '../../../../vision/common/barcode/judge.js';
import { PresentationTracker } from '../../../../vision/common/barcode/presentations.js';

const at = { x: 0, y: 0 };
const position = { topLeft: at, topRight: at, bottomRight: at, bottomLeft: at };
const can: BarcodeRead = { format: 'EAN_13', text: '5901234123457', position, code: { kind: 'gtin', gtin14: '05901234123457' } };
const coupon: BarcodeRead = { format: 'QR_CODE', text: 'coupon:42', position, code: { kind: 'text', text: 'coupon:42' } };

describe('PresentationTracker', () => {
  it('scans a 1D code once, on its second agreeing frame, however long it stays', () => {
    const t = new PresentationTracker({ goneAfterMs: 500, confirmFrames: 2 });
    expect(t.observe('left', 0, [can], true)).toEqual([]);
    expect(t.awaitsConfirmation(can)).toBe(true);
    const scans = t.observe('left', 33, [can], true);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ firstSeenAt: 0, frameAt: 33, cameraIds: ['left'] });
    for (let ms = 66; ms < 3000; ms += 33) expect(t.observe('left', ms, [can], true)).toEqual([]);
  });

  it('never scans a 1D code seen in a single frame (a misread that happened to verify)', () => {
    const t = new PresentationTracker({ goneAfterMs: 500, confirmFrames: 2 });
    t.observe('left', 0, [can], true);
    for (let ms = 33; ms < 2000; ms += 33) expect(t.observe('left', ms, [], true)).toEqual([]);
  });

  it('scans a 2D code on its first frame', () => {
    expect(new PresentationTracker().observe('left', 0, [coupon], true)).toHaveLength(1);
  });

  it('counts two cameras seeing the same code as one scan', () => {
    const t = new PresentationTracker({ goneAfterMs: 500, confirmFrames: 2 });
    t.observe('left', 0, [can], true);
    const scans = [...t.observe('right', 10, [can], true), ...t.observe('left', 33, [can], true), ...t.observe('right', 43, [can], true)];
    expect(scans).toHaveLength(1);
    expect(scans[0]?.cameraIds).toEqual(['left', 'right']);
  });

  it('scans a code again once it has left the view: two identical cans are two scans', () => {
    const t = new PresentationTracker({ goneAfterMs: 500, confirmFrames: 2 });
    const scansAt = (from: number, to: number, reads: BarcodeRead[]) => {
      let n = 0;
      for (let ms = from; ms < to; ms += 33) n += t.observe('left', ms, reads, true).length;
      return n;
    };
    expect(scansAt(0, 300, [can])).toBe(1);
    expect(scansAt(300, 700, [])).toBe(0); // a hand over it for 400 ms: still the same can
    expect(scansAt(700, 900, [can])).toBe(0);
    expect(scansAt(900, 1500, [])).toBe(0);
    expect(scansAt(1500, 1700, [can])).toBe(1); // gone for 600 ms: the second can
  });

  it('keeps a still code in view with unchanged frames but does not confirm with them', () => {
    const t = new PresentationTracker({ goneAfterMs: 100, confirmFrames: 2 });
    t.observe('left', 0, [can], true);
    for (let ms = 33; ms < 1000; ms += 33) expect(t.observe('left', ms, [can], false)).toEqual([]);
    expect(t.observe('left', 1000, [can], true)).toHaveLength(1);
    expect(new PresentationTracker().observe('left', 0, [can], false)).toEqual([]);
  });

  it('refuses settings that cannot work', () => {
    expect(() => new PresentationTracker({ confirmFrames: 0 })).toThrow(RangeError);
    expect(() => new PresentationTracker({ goneAfterMs: -1 })).toThrow(RangeError);
  });
});
