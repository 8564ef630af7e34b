import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../../vision/common/barcode/attempts.js';
import type { DecoderEngine, EngineCall } from '../../../../vision/common/barcode/engine.js';
import type { GrayImage } from '../../../../vision/common/barcode/gray-image.js';
import { rescale } from '../../../../vision/common/barcode/image-ops.js';
import { BarcodeReader } from '../../../../vision/common/barcode/reader.js';
import type { DecodedSymbol } from '../../../../vision/common/barcode/symbol.js';

const image: GrayImage = { width: 100, height: 50, data: new Uint8Array(5000) };
const box = (x: number) => ({ topLeft: { x, y: 10 }, topRight: { x: x + 10, y: 10 }, bottomRight: { x: x + 10, y: 20 }, bottomLeft: { x, y: 20 } });

/** An engine that answers from a script, one entry per call, and advances a fake clock. */
function scripted(answers: DecodedSymbol[][], clock: { t: number }, msPerCall = 5) {
  const calls: { call: EngineCall; width: number }[] = [];
  const engine: DecoderEngine = {
    name: 'zxing-wasm',
    decode(img, call) {
      calls.push({ call, width: img.width });
      clock.t += msPerCall;
      return Promise.resolve(answers[calls.length - 1] ?? []);
    },
  };
  return { engine, calls };
}

const HARD = { tryHarder: true, binarizer: 'local' } as const;
const plan: Attempt[] = [
  { name: 'fast', call: { tryHarder: false, binarizer: 'local' } },
  { name: 'hard', call: HARD },
  { name: 'big', call: HARD, transform: (i) => rescale(i, 2) },
  { name: 'never', call: HARD, applies: () => false },
  { name: 'global', call: { tryHarder: true, binarizer: 'global' } },
];
const good: DecodedSymbol = { format: 'EAN_13', text: '5901234123457', position: box(40) };
const bad: DecodedSymbol = { format: 'EAN_13', text: '5901234123458', position: box(40) };

describe('BarcodeReader', () => {
  it('stops at the cheap pass when it finds a valid code', async () => {
    const clock = { t: 0 };
    const { engine, calls } = scripted([[good]], clock);
    const out = await new BarcodeReader(engine, { plan, now: () => clock.t }).read(image, 100);
    expect(out.reads.map((r) => r.text)).toEqual(['5901234123457']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.call.tryHarder).toBe(false);
  });

  it('goes on past a misread, counts it, and maps a transformed find back to the input', async () => {
    const clock = { t: 0 };
    const { engine, calls } = scripted([[], [bad], [{ ...good, position: box(80) }]], clock);
    const out = await new BarcodeReader(engine, { plan, now: () => clock.t }).read(image, 100);
    expect(out.attempts.map((a) => a.name)).toEqual(['fast', 'hard', 'big']);
    expect(out.misreads.map((m) => m.error.code)).toEqual(['bad-check-digit']);
    expect(calls[2]?.width).toBe(200);
    expect(out.reads[0]?.position.topLeft).toEqual({ x: 40, y: 5 });
  });

  it('skips attempts that do not apply and stops when the budget would run out', async () => {
    const clock = { t: 0 };
    const { engine } = scripted([], clock, 10);
    const all = await new BarcodeReader(engine, { plan, now: () => clock.t }).read(image, 1000);
    expect(all.attempts.map((a) => a.name)).toEqual(['fast', 'hard', 'big', 'global']);
    const tight = await new BarcodeReader(engine, { plan, now: () => clock.t }).read(image, 25);
    expect(tight.attempts.map((a) => a.name)).toEqual(['fast', 'hard']);
    expect(tight.resumeAt).toBe(2);
    expect(all.resumeAt).toBeUndefined(); // nothing left to try
    const none = await new BarcodeReader(engine, { plan, now: () => clock.t }).read(image, 0);
    expect(none.attempts).toHaveLength(1); // the cheap pass always runs
    expect(none.reads).toEqual([]);
  });

  it('resumes the plan where a budget-cut read of the same picture stopped', async () => {
    const clock = { t: 0 };
    const { engine, calls } = scripted([[], [], [], [good]], clock, 10);
    const reader = new BarcodeReader(engine, { plan, now: () => clock.t });
    const first = await reader.read(image, 25);
    expect(first.attempts.map((a) => a.name)).toEqual(['fast', 'hard']);
    const second = await reader.read(image, 25, first.resumeAt);
    expect(second.attempts.map((a) => a.name)).toEqual(['big', 'global']); // 'never' does not apply
    expect(second.reads.map((r) => r.text)).toEqual(['5901234123457']);
    expect(second.resumeAt).toBeUndefined();
    expect(second.foundBy).toBe(4);
    expect(first.foundBy).toBeUndefined();
    expect(calls).toHaveLength(4);
    await expect(reader.read(image, 15, plan.length)).rejects.toThrow(RangeError);
    await expect(reader.read(image, 15, -1)).rejects.toThrow(RangeError);
    expect(reader.planLength).toBe(plan.length);
  });

  it('refuses an empty plan', () => {
    const { engine } = scripted([], { t: 0 });
    expect(() => new BarcodeReader(engine, { plan: [], now: () => 0 })).toThrow(RangeError);
  });
});
