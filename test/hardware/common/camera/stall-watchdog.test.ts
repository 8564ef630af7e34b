import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { StallWatchdog } from '../../../../hardware/common/camera/stall-watchdog.js';

function watch(clock: SimulatedClock) {
  const log: string[] = [];
  const dog = new StallWatchdog(clock, {
    stallAfterMs: 1000,
    goneAfterMs: 5000,
    onStalled: (ms) => log.push(`stalled ${ms}`),
    onResumed: (ms) => log.push(`resumed ${ms}`),
    onGone: (ms) => log.push(`gone ${ms}`),
  });
  return { dog, log };
}

describe('StallWatchdog', () => {
  it('stays quiet while frames keep coming', () => {
    const clock = new SimulatedClock();
    const { dog, log } = watch(clock);
    dog.start();
    for (let i = 0; i < 100; i++) {
      clock.advance(900);
      dog.feed();
    }
    expect(log).toEqual([]);
  });

  it('reports stalled, then resumed when a frame arrives', () => {
    const clock = new SimulatedClock();
    const { dog, log } = watch(clock);
    dog.start();
    clock.advance(1500);
    expect(log).toEqual(['stalled 1000']);
    clock.advance(500);
    dog.feed();
    expect(log).toEqual(['stalled 1000', 'resumed 2000']);
    clock.advance(999);
    expect(log).toHaveLength(2);
  });

  it('gives up once, after the gone time, and then ignores frames', () => {
    const clock = new SimulatedClock();
    const { dog, log } = watch(clock);
    dog.start();
    clock.advance(20_000);
    expect(log).toEqual(['stalled 1000', 'gone 5000']);
    dog.feed();
    expect(log).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });

  it('stop cancels its timer', () => {
    const clock = new SimulatedClock();
    const { dog, log } = watch(clock);
    dog.start();
    dog.stop();
    clock.advance(10_000);
    expect(log).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('refuses a gone time shorter than the stall time', () => {
    expect(() => new StallWatchdog(new SimulatedClock(), { stallAfterMs: 5, goneAfterMs: 1, onStalled() {}, onResumed() {}, onGone() {} })).toThrow(RangeError);
  });
});
