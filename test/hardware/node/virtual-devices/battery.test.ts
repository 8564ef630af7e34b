import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { cellVoltsAtSoc } from '../../../../hardware/node/power/discharge-curve.js';
import { REFERENCE_PACK } from '../../../../hardware/node/power/pack.js';
import { VirtualBattery } from '../../../../hardware/node/virtual-devices/battery.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';

function battery(initialSoc: number, loadA = 2) {
  const clock = new SimulatedClock();
  const board = new VirtualBoard({ clock });
  const b = new VirtualBattery({ board, clock, random: seededRandom(1), pack: REFERENCE_PACK, initialSoc, loadA });
  return { clock, b };
}

describe('VirtualBattery', () => {
  it('drains by the load: 2 A for 1 h from 20 Ah is 10 %', () => {
    const { clock, b } = battery(80);
    clock.advance(3_600_000);
    expect(b.soc).toBeCloseTo(70, 6);
    expect(b.currentA).toBe(2);
  });

  it('sags under load by I × R', () => {
    const { b } = battery(50, 5);
    expect(b.packVolts).toBeCloseTo(cellVoltsAtSoc(REFERENCE_PACK.curve, 50) * 4 - 5 * 0.04, 9);
  });

  it('charges on the dock at the current limit, tapers near full and stops at 100 %', () => {
    const { clock, b } = battery(50);
    b.dock();
    expect(b.charging).toBe(true);
    expect(b.currentA).toBe(-6);
    clock.advance(60 * 60_000);
    expect(b.soc).toBeGreaterThan(75);
    expect(b.soc).toBeLessThan(90);
    clock.advance(5 * 60 * 60_000);
    expect(b.soc).toBe(100);
    expect(b.charging).toBe(false);
    expect(b.currentA).toBe(0);
    b.undock();
    expect(b.currentA).toBe(2);
  });

  it('never goes below empty', () => {
    const { clock, b } = battery(1, 20);
    clock.advance(3_600_000);
    expect(b.soc).toBe(0);
  });

  it.each([-1, 101, Number.NaN])('refuses an initial charge of %s', (soc) => {
    expect(() => battery(soc)).toThrow(RangeError);
  });

  it('refuses an impossible load', () => {
    const { b } = battery(50);
    expect(() => b.setLoad(-1)).toThrow(RangeError);
  });
});
