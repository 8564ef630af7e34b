// The tare's stillness test on the virtual board: its band grows with the measured sample noise
// (hardware/node/scale/capture-band.ts), so noisy cells tare, and a load still moving does not.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { createBoard, openFirmata } from '../../../../hardware/node/johnny-five.js';
import { CAPTURE_FLOOR_GRAMS, captureBandGrams, differenceNoise } from '../../../../hardware/node/scale/capture-band.js';
import { Scale } from '../../../../hardware/node/scale/scale.js';
import { attachVirtualBasket } from '../../../../hardware/node/virtual-devices/virtual-basket.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';
import { run } from '../virtual-board/settle.js';

const scales: Scale[] = [];
afterEach(() => {
  for (const s of scales.splice(0)) s.close();
});

async function noisyScale(seed: number, noiseGrams: number) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const random = seededRandom(seed);
  const vb = new VirtualBoard({ clock });
  const basket = attachVirtualBasket(vb, { clock, random, noiseGrams });
  const scale = new Scale({ board: createBoard(openFirmata(vb.port)), clock, noiseGrams });
  scales.push(scale);
  scale.cartStill();
  await run(clock, 1500);
  return { clock, basket, scale };
}

describe('taring a still basket', () => {
  for (const noiseGrams of [1, 2]) {
    it(`succeeds at ${noiseGrams} g of sample noise, every time, and zeroes the reading`, async () => {
      for (const seed of [1, 2, 3]) {
        const { clock, scale } = await noisyScale(seed, noiseGrams);
        for (let attempt = 0; attempt < 3; attempt++) {
          const tare = scale.tare();
          await run(clock, 800);
          const tared = await tare;
          expect(tared.ok, `seed ${seed}, attempt ${attempt}: ${tared.ok ? '' : tared.error.message}`).toBe(true);
        }
        await run(clock, 600);
        expect(Math.abs(scale.reading?.milligrams ?? 99_999)).toBeLessThan(1000 * noiseGrams);
      }
    });
  }

  it('refuses while an item is still being lowered in, even with noisy cells', async () => {
    const { clock, basket, scale } = await noisyScale(4, 2);
    basket.physics.place(400, { how: 'lowered', durationMs: 1500 });
    await run(clock, 300);
    const tare = scale.tare();
    await run(clock, 800);
    const tared = await tare;
    expect(tared.ok ? 'tared' : tared.error.code).toBe('not-still');
  });
});

describe('the capture band', () => {
  it('measures the noise from successive differences, which a slow trend barely moves', () => {
    const ramp = Array.from({ length: 40 }, (_, i) => i * 0.5);
    expect(differenceNoise(ramp)).toBeCloseTo(0.5 / Math.SQRT2, 6);
    expect(differenceNoise([3])).toBeNaN();
    expect(differenceNoise([])).toBeNaN();
  });

  it('grows with the measured noise above its floor, up to a cap set by the expected noise', () => {
    expect(captureBandGrams(0.2, 1)).toBe(CAPTURE_FLOOR_GRAMS);
    expect(captureBandGrams(2, 2)).toBe(14);
    // Jostling measured as 10 g of noise on cells expected to carry 1 g buys at most 3 g's worth.
    expect(captureBandGrams(10, 1)).toBe(21);
    expect(captureBandGrams(Number.NaN, 1)).toBe(CAPTURE_FLOOR_GRAMS);
  });
});
