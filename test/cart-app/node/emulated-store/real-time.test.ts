import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WallClockPump } from '../../../../cart-app/node/emulated-store/real-time.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';

describe('the wall-clock pump', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the simulated clock on the wall clock, then moves it through the hardware once there is one', () => {
    let wall = 1_000_000;
    const clock = new SimulatedClock(wall);
    const pump = new WallClockPump(clock, () => wall, 50);
    wall += 120;
    vi.advanceTimersByTime(50);
    expect(clock.now()).toBe(wall);
    const steps: number[] = [];
    pump.driveWith((ms) => {
      steps.push(ms);
      clock.advance(ms);
    });
    wall += 75.9;
    vi.advanceTimersByTime(50);
    expect(steps).toEqual([75]);
    pump.stop();
    wall += 1000;
    vi.advanceTimersByTime(500);
    expect(steps).toEqual([75]);
  });

  it('never moves time backwards when the hardware ran ahead of the wall (its boot takes simulated seconds)', () => {
    const wall = 5_000;
    const clock = new SimulatedClock(wall + 2000);
    const pump = new WallClockPump(clock, () => wall, 50);
    vi.advanceTimersByTime(200);
    expect(clock.now()).toBe(wall + 2000);
    pump.stop();
  });
});
