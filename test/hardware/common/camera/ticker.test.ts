import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { Ticker } from '../../../../hardware/common/camera/ticker.js';

describe('Ticker', () => {
  it('ticks at start and every interval from the start time, without drift at odd rates', () => {
    const clock = new SimulatedClock(1000);
    const at: number[] = [];
    const t = new Ticker(clock, 1000 / 3, () => at.push(clock.now()));
    t.start();
    clock.advance(3000);
    expect(at).toHaveLength(10);
    expect(at[9]).toBeCloseTo(4000, 6);
    expect(at[3]).toBeCloseTo(2000, 6);
  });

  it('stops from inside a tick', () => {
    const clock = new SimulatedClock();
    let n = 0;
    const t: Ticker = new Ticker(clock, 10, () => {
      if (++n === 3) t.stop();
    });
    t.start();
    clock.advance(1000);
    expect(n).toBe(3);
    expect(t.running).toBe(false);
  });

  it.each([0, -5, Number.NaN])('refuses an interval of %s', (ms) => {
    expect(() => new Ticker(new SimulatedClock(), ms, () => {})).toThrow(RangeError);
  });
});
