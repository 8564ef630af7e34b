import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { CART_PINS } from '../../../../hardware/common/pin-map.js';
import type { RgbColor } from '../../../../hardware/node/signals/johnny-five-parts.js';
import { LIGHT_PATTERNS } from '../../../../hardware/node/signals/light-patterns.js';
import { cartPoleLight, PoleLight } from '../../../../hardware/node/signals/pole-light.js';
import { readyCartBoard, run } from './cart-board.js';

const hex = (c: RgbColor) => [c.red, c.green, c.blue].map((v) => v.toString(16).padStart(2, '0')).join('');

function recorded(clock: SimulatedClock) {
  const shown: string[] = [];
  const light = new PoleLight({ color: (c) => shown.push(`${clock.now()} ${hex(c)}`) }, clock);
  return { light, shown };
}

describe('PoleLight', () => {
  it('starts steady green', () => {
    const clock = new SimulatedClock();
    const { light, shown } = recorded(clock);
    clock.advance(60_000);
    expect(light.signal).toBe('ok');
    expect(shown).toEqual(['0 00ff00']);
    expect(clock.pending).toBe(0);
  });

  it('blinks attention amber on the clock', () => {
    const clock = new SimulatedClock();
    const { light, shown } = recorded(clock);
    light.request('help-button', 'attention');
    clock.advance(2800);
    expect(shown).toEqual(['0 00ff00', '0 ff7800', '700 000000', '1400 ff7800', '2100 000000', '2800 ff7800']);
  });

  it('shows the most urgent request and falls back as reasons are withdrawn', () => {
    const clock = new SimulatedClock();
    const { light } = recorded(clock);
    light.request('help-button', 'attention');
    light.request('fault:scale', 'attention');
    light.request('unscanned-item', 'alarm');
    light.request('staff-key', 'staff');
    expect(light.signal).toBe('alarm');
    light.withdraw('unscanned-item');
    expect(light.signal).toBe('staff');
    light.withdraw('staff-key');
    light.withdraw('help-button');
    expect(light.signal).toBe('attention');
    light.withdraw('fault:scale');
    expect(light.signal).toBe('ok');
    light.withdraw('never-asked');
    expect(light.signal).toBe('ok');
  });

  it('flashes green once for a scan, then shows steady green again with no timer left', () => {
    const clock = new SimulatedClock();
    const { light, shown } = recorded(clock);
    clock.advance(1000);
    light.flash();
    expect(light.flashing).toBe(true);
    clock.advance(1000);
    expect(light.flashing).toBe(false);
    expect(shown).toEqual(['0 00ff00', '1000 000000', '1120 00ff00']);
    expect(clock.pending).toBe(0);
  });

  it('flashes over attention and resumes its blink; never over staff or alarm; cut short by a more urgent signal', () => {
    const clock = new SimulatedClock();
    const { light, shown } = recorded(clock);
    light.request('alerts', 'attention');
    clock.advance(100);
    light.flash();
    clock.advance(420);
    expect(shown.slice(-3)).toEqual(['100 000000', '220 00ff00', '520 ff7800']);
    expect(light.signal).toBe('attention');
    light.flash();
    light.request('lock', 'alarm');
    expect(light.flashing).toBe(false);
    expect(shown.at(-1)).toBe('520 ff0000');
    light.flash();
    expect(light.flashing).toBe(false);
    light.withdraw('lock');
    light.request('staff-key', 'staff');
    light.flash();
    expect(light.flashing).toBe(false);
  });

  it('never flashes faster than 2.5 times a second', () => {
    for (const steps of Object.values(LIGHT_PATTERNS)) {
      const cycle = steps.reduce((t, s) => t + s.ms, 0);
      if (steps.length > 1) expect(1000 / cycle).toBeLessThanOrEqual(2.5);
    }
  });

  it('drives the RGB pins through johnny-five Led.RGB and the virtual board', async () => {
    const clock = new SimulatedClock();
    const { virtual, board } = await readyCartBoard(clock);
    const { light } = cartPoleLight(board, clock);
    await run(clock, 10);
    const pins = () => [virtual.pwmOutput(CART_PINS.lightRed), virtual.pwmOutput(CART_PINS.lightGreen), virtual.pwmOutput(CART_PINS.lightBlue)];
    expect(pins()).toEqual([0, 255, 0]);
    light.request('unscanned-item', 'alarm');
    await run(clock, 10);
    expect(pins()).toEqual([255, 0, 0]);
    await run(clock, 200);
    expect(pins()).toEqual([0, 0, 0]);
    light.close();
    light.withdraw('unscanned-item');
  });
});
