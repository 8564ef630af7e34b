// The virtual cart's settings reach its parts: the frame's vibration while pushed is the one asked
// for (a scenario's `hardware.vibrationRmsG`), and the basket's load cells feel it.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { VirtualCart } from '../../../../hardware/node/virtual-devices/virtual-cart.js';

/** RMS of the frame's vertical vibration and the spread of the basket's load over 10 s of a brisk push. */
function pushed(vibrationRmsG?: number): { rmsG: number; loadSpreadGrams: number } {
  const clock = new SimulatedClock(1_700_000_000_000);
  const cart = new VirtualCart({ clock, random: seededRandom(7), ...(vibrationRmsG !== undefined ? { vibrationRmsG } : {}) });
  cart.basket.physics.place(2000, { how: 'dropped', heightCm: 5 });
  clock.advance(3000);
  cart.motion.push(1);
  clock.advance(2000);
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  const n = 1000;
  for (let i = 0; i < n; i++) {
    const t = clock.now() + i * 10;
    sum += cart.motion.verticalVibrationAt(t) ** 2;
    const g = cart.basket.physics.sampleGrams(t);
    low = Math.min(low, g);
    high = Math.max(high, g);
  }
  cart.stop();
  return { rmsG: Math.sqrt(sum / n), loadSpreadGrams: high - low };
}

describe('the virtual cart', () => {
  it('vibrates as much as it is told to when pushed, and the basket feels it', () => {
    const typical = pushed();
    const rough = pushed(0.48);
    const smooth = pushed(0.03);
    expect(rough.rmsG / typical.rmsG).toBeCloseTo(4, 1);
    expect(typical.rmsG / smooth.rmsG).toBeCloseTo(4, 1);
    expect(rough.loadSpreadGrams).toBeGreaterThan(2 * typical.loadSpreadGrams);
    expect(typical.loadSpreadGrams).toBeGreaterThan(2 * smooth.loadSpreadGrams);
  });
});
