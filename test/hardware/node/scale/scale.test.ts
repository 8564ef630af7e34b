import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { HardwareFault } from '../../../../hardware/common/faults.js';
import type { WeightStep } from '../../../../hardware/common/weight/types.js';
import { createBoard, openFirmata } from '../../../../hardware/node/johnny-five.js';
import { calibrationPath, loadCalibration, saveCalibration } from '../../../../hardware/node/scale/calibration.js';
import type { ScaleCalibration } from '../../../../hardware/node/scale/calibration.js';
import type { ScaleOptions } from '../../../../hardware/node/scale/scale.js';
import { Scale } from '../../../../hardware/node/scale/scale.js';
import { CartMotion } from '../../../../hardware/node/virtual-devices/cart-motion.js';
import { attachVirtualBasket } from '../../../../hardware/node/virtual-devices/virtual-basket.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';
import { run } from '../virtual-board/settle.js';

const scales: Scale[] = [];
afterEach(() => {
  for (const s of scales.splice(0)) s.close();
});

async function rig(seed: number, options: Partial<ScaleOptions> = {}) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const random = seededRandom(seed);
  const vb = new VirtualBoard({ clock });
  const motion = new CartMotion({ clock, random: random.fork() });
  const basket = attachVirtualBasket(vb, { clock, random, motion });
  const board = createBoard(openFirmata(vb.port));
  const scale = new Scale({ board, clock, ...options });
  scales.push(scale);
  const steps: WeightStep[] = [];
  const faults: HardwareFault[] = [];
  const cleared: string[] = [];
  let readies = 0;
  scale.on('step', (s) => steps.push(s));
  scale.on('fault', (f) => faults.push(f));
  scale.on('fault-cleared', (c) => cleared.push(c.code));
  scale.on('ready', () => readies++);
  await run(clock, 1500);
  const tare = scale.tare();
  await run(clock, 1000);
  expect((await tare).ok).toBe(true);
  steps.length = 0;
  return { clock, vb, basket, motion, scale, steps, faults, cleared, readies: () => readies };
}

describe('basket scale on the virtual board', () => {
  it('comes up through johnny-five and reports placements and removals as steps', async () => {
    const { clock, basket, scale, steps, faults, readies } = await rig(1);
    expect(readies()).toBe(1);
    expect(faults).toEqual([]);
    expect(Math.abs(scale.reading?.milligrams ?? 99_999)).toBeLessThan(1500);
    const milk = basket.physics.place(1030, { how: 'dropped', heightCm: 8 });
    await run(clock, 1500);
    const candy = basket.physics.place(42, { how: 'lowered', durationMs: 500 });
    await run(clock, 1500);
    basket.physics.remove(milk.itemId, { how: 'lifted' });
    await run(clock, 1500);
    expect(steps.map((s) => s.kind)).toEqual(['placed', 'placed', 'removed']);
    // The nominal (datasheet) calibration is within a fraction of a percent here.
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 1030)).toBeLessThan(5);
    expect(Math.abs((steps[1]?.deltaMg ?? 0) / 1000 - 42)).toBeLessThan(2);
    expect(steps[0]?.at).toBeLessThan(milk.settledAt + 300);
    expect(steps[1]?.at).toBeLessThan(candy.settledAt + 300);
  });

  it('calibrates with a known mass, saves it per cart, and weighs true with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tally-scale-'));
    try {
      const first = await rig(2);
      const zero = first.scale.calibrateZero();
      await run(first.clock, 1000);
      expect((await zero).ok).toBe(true);
      const weight = first.basket.physics.place(2000, { how: 'lowered' });
      await run(first.clock, 1500);
      const span = first.scale.calibrateSpan(2000, 'cart-7');
      await run(first.clock, 1000);
      const result = await span;
      if (!result.ok) throw result.error;
      const path = calibrationPath(dir, 'cart-7');
      await saveCalibration(path, result.value);
      first.basket.physics.remove(weight.itemId);
      await run(first.clock, 1500);

      const loaded = await loadCalibration(path);
      if (!loaded.ok) throw loaded.error;
      expect(loaded.value).toEqual(result.value);
      const again = await rig(2, { calibration: loaded.value });
      again.basket.physics.place(1234, { how: 'dropped' });
      await run(again.clock, 1500);
      expect(again.steps).toHaveLength(1);
      expect(Math.abs((again.steps[0]?.deltaMg ?? 0) / 1000 - 1234)).toBeLessThan(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad calibration files with a readable reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tally-scale-'));
    try {
      const path = join(dir, 'scale.json');
      expect((await loadCalibration(path)).ok).toBe(false);
      await writeFile(path, '{"cartId": "c", "part": "NAU7802", "gain": 128, "zeroCounts": 1e9');
      const notJson = await loadCalibration(path);
      expect(!notJson.ok && notJson.error.code).toBe('invalid');
      const bad: Omit<ScaleCalibration, 'countsPerGram'> & { countsPerGram: number } = {
        cartId: 'c',
        part: 'NAU7802',
        gain: 128,
        zeroCounts: 0,
        countsPerGram: 0,
        referenceGrams: 1000,
        calibratedAt: new Date(0).toISOString(),
      };
      await writeFile(path, JSON.stringify(bad));
      const zeroSpan = await loadCalibration(path);
      expect(!zeroSpan.ok && zeroSpan.error.message).toMatch(/counts per gram/);
      expect(() => calibrationPath(dir, '../etc')).toThrow(RangeError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('holds weight decisions while the cart moves and measures what changed afterwards', async () => {
    const { clock, basket, motion, scale, steps } = await rig(3);
    basket.physics.place(3000, { how: 'lowered' });
    await run(clock, 1500);
    steps.length = 0;
    scale.cartMoving();
    motion.push(1);
    await run(clock, 3000);
    basket.physics.place(200, { how: 'dropped' });
    await run(clock, 3000);
    expect(steps).toEqual([]);
    motion.stop();
    await run(clock, 800);
    scale.cartStill();
    await run(clock, 1000);
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 200)).toBeLessThan(2);
  });

  it('turns a chip that stops answering into a fault, invents no step, and recovers by itself', async () => {
    const { clock, basket, steps, faults, cleared, scale } = await rig(4);
    basket.adc.inject('not-answering');
    await run(clock, 500);
    expect(faults.map((f) => f.code)).toEqual(['no-answer']);
    expect(scale.reading).toBeUndefined();
    basket.physics.place(300, { how: 'dropped' });
    await run(clock, 2000);
    expect(steps).toEqual([]);
    basket.adc.inject('none');
    await run(clock, 3000);
    expect(cleared).toContain('no-answer');
    expect(scale.faults).toEqual([]);
    // The chip was re-initialised (it may have lost its settings); the load is still measured.
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 300)).toBeLessThan(2);
  });

  it('reports a frozen converter as stuck and a loose load-cell wire as out of range', async () => {
    const { clock, basket, faults, cleared, steps } = await rig(5);
    basket.adc.inject('frozen');
    await run(clock, 1000);
    expect(faults.map((f) => f.code)).toContain('stuck');
    basket.adc.inject('none');
    await run(clock, 2500);
    expect(cleared).toContain('stuck');
    basket.adc.inject('open-bridge');
    await run(clock, 300);
    expect(faults.map((f) => f.code)).toContain('out-of-range');
    basket.adc.inject('none');
    await run(clock, 1000);
    expect(cleared).toContain('out-of-range');
    expect(steps).toEqual([]);
  });

  it('flags an overloaded basket until the load comes off', async () => {
    const { clock, basket, faults, cleared, steps } = await rig(6, { capacityGrams: 20_000 });
    const sack = basket.physics.place(25_000, { how: 'lowered', durationMs: 1000 });
    await run(clock, 2000);
    expect(faults.map((f) => f.code)).toEqual(['overload']);
    expect(steps).toEqual([]);
    basket.physics.remove(sack.itemId, { how: 'lifted' });
    await run(clock, 2000);
    expect(cleared).toEqual(['overload']);
  });

  it('survives the board being unplugged mid-trip and brings the chip back up when it returns', async () => {
    const { clock, vb, basket, faults, cleared, steps, readies, scale } = await rig(7);
    vb.disconnect();
    await run(clock, 1000);
    expect(faults.map((f) => f.code)).toEqual(['disconnected']);
    basket.physics.place(150, { how: 'dropped' });
    await run(clock, 1000);
    vb.reconnect();
    await run(clock, 3000);
    expect(readies()).toBe(2);
    expect(cleared).toEqual(['disconnected']);
    expect(scale.faults).toEqual([]);
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 150)).toBeLessThan(2);
  });

  it('drops replies the bus reported as failed instead of weighing stale bytes', async () => {
    const { clock, basket, faults, steps } = await rig(8);
    basket.adc.inject('bus-error');
    await run(clock, 1000);
    expect(faults.map((f) => f.code)).toEqual(['no-answer']);
    expect(steps).toEqual([]);
  });
});
