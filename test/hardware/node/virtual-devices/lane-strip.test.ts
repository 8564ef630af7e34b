import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import type { VirtualStripSensor } from '../../../../hardware/node/virtual-ble/strip-sensor.js';
import { rollOverStrips, ROLL_OVER_MS } from '../../../../hardware/node/virtual-devices/lane-strip.js';
import { VirtualContact } from '../../../../hardware/node/virtual-devices/contact.js';
import { VirtualCart } from '../../../../hardware/node/virtual-devices/virtual-cart.js';

/** A stand-in for the world's sensor: the test says when the cart crosses. */
function floor(): VirtualStripSensor {
  return new EventEmitter() as unknown as VirtualStripSensor;
}

describe('rollOverStrips', () => {
  it('closes the virtual cart\'s strip switch for the roll-over time at each crossing', () => {
    const clock = new SimulatedClock(0);
    const cart = new VirtualCart({ clock, random: seededRandom(1) });
    const world = floor();
    const undo = rollOverStrips(world, cart.laneStrip, clock);
    world.emit('crossed', clock.now());
    expect(cart.laneStrip.closed).toBe(true);
    clock.advance(ROLL_OVER_MS - 1);
    expect(cart.laneStrip.closed).toBe(true);
    clock.advance(1);
    expect(cart.laneStrip.closed).toBe(false);
    // A second crossing while still over the first one's field keeps it closed from then on.
    world.emit('crossed', clock.now());
    clock.advance(50);
    world.emit('crossed', clock.now());
    clock.advance(ROLL_OVER_MS - 1);
    expect(cart.laneStrip.closed).toBe(true);
    undo();
    expect(cart.laneStrip.closed).toBe(false);
    world.emit('crossed', clock.now());
    expect(cart.laneStrip.closed).toBe(false);
    cart.stop();
  });

  it('closes the switch for the strip\'s pole when the cart has one for each, the south one for a strip without a pole', () => {
    const clock = new SimulatedClock(0);
    const cart = new VirtualCart({ clock, random: seededRandom(1) });
    const north = new VirtualContact({ board: cart.board, clock, random: seededRandom(2), pin: 16, bounceMs: 0 });
    const world = floor();
    const undo = rollOverStrips(world, { south: cart.laneStrip, north }, clock);
    world.emit('crossed', clock.now(), 'north');
    expect([cart.laneStrip.closed, north.closed]).toEqual([false, true]);
    clock.advance(ROLL_OVER_MS);
    expect(north.closed).toBe(false);
    world.emit('crossed', clock.now(), 'south');
    expect([cart.laneStrip.closed, north.closed]).toEqual([true, false]);
    clock.advance(ROLL_OVER_MS);
    world.emit('crossed', clock.now());
    expect([cart.laneStrip.closed, north.closed]).toEqual([true, false]);
    world.emit('crossed', clock.now(), 'north');
    undo();
    expect([cart.laneStrip.closed, north.closed]).toEqual([false, false]);
    cart.stop();
  });

  it.each([0, -5, Number.NaN])('refuses a roll-over time of %s ms', (overMs) => {
    const clock = new SimulatedClock(0);
    const cart = new VirtualCart({ clock, random: seededRandom(1) });
    expect(() => rollOverStrips(floor(), cart.laneStrip, clock, overMs)).toThrow(RangeError);
    cart.stop();
  });
});
