import { describe, expect, it } from 'vitest';
import { LevelAlarm } from '../../../../hardware/node/power/level-alarm.js';

const feed = (alarm: LevelAlarm, socs: number[]) => socs.map((s) => alarm.update(s) ?? '-');

describe('LevelAlarm', () => {
  it('goes low at 20 %, critical at 10 %', () => {
    expect(feed(new LevelAlarm(), [50, 21, 20, 15, 10.5, 10, 5])).toEqual(['-', '-', 'low', '-', '-', 'critical', '-']);
  });

  it('does not flap while the gauge wobbles around a threshold', () => {
    expect(feed(new LevelAlarm(), [20, 21, 19.5, 22.9, 20.1, 19, 22])).toEqual(['low', '-', '-', '-', '-', '-', '-']);
    expect(feed(new LevelAlarm(), [10, 11, 9.8, 12.9, 10.2])).toEqual(['critical', '-', '-', '-', '-']);
  });

  it('clears each alarm only a hysteresis above its threshold (charging on the dock)', () => {
    expect(feed(new LevelAlarm(), [8, 12, 13, 20, 22.9, 23, 60])).toEqual(['critical', '-', 'low', '-', '-', 'ok', '-']);
  });

  it('jumps straight to critical or back to ok on a big change (a pack swapped)', () => {
    expect(feed(new LevelAlarm(), [5, 95, 4])).toEqual(['critical', 'ok', 'critical']);
  });

  it.each([
    { lowPct: 10, criticalPct: 20, hysteresisPct: 3 },
    { lowPct: 20, criticalPct: 0, hysteresisPct: 3 },
    { lowPct: 20, criticalPct: 10, hysteresisPct: -1 },
    { lowPct: 99, criticalPct: 10, hysteresisPct: 3 },
  ])('refuses thresholds %j', (t) => {
    expect(() => new LevelAlarm(t)).toThrow(RangeError);
  });
});
