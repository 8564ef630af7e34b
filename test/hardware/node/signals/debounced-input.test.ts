import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { CART_PINS } from '../../../../hardware/common/pin-map.js';
import { cartButtons } from '../../../../hardware/node/signals/cart-buttons.js';
import { DebouncedInput } from '../../../../hardware/node/signals/debounced-input.js';
import { VirtualContact } from '../../../../hardware/node/virtual-devices/contact.js';
import { readyCartBoard, run } from './cart-board.js';

async function helpButton(options: { bounceMs: number; holdMs?: number; seed?: number }) {
  const clock = new SimulatedClock(0);
  const { virtual, board } = await readyCartBoard(clock);
  const input = new DebouncedInput({ board, clock, pin: CART_PINS.helpButton, debounceMs: 30, ...(options.holdMs ? { holdMs: options.holdMs } : {}) });
  const contact = new VirtualContact({ board: virtual, clock, random: seededRandom(options.seed ?? 1), pin: CART_PINS.helpButton, bounceMs: options.bounceMs });
  const log: string[] = [];
  input.on('press', (e) => log.push(`press@${e.at}`));
  input.on('release', (e) => log.push(`release after ${e.heldMs}`));
  input.on('hold', (e) => log.push(`hold@${e.at}`));
  await run(clock, 50, 1);
  return { clock, input, contact, log, virtual };
}

describe('DebouncedInput on the board\'s pin and the virtual board', () => {
  it('still hears the button after the board was unplugged and came back (it re-enables the pull-up and reporting)', async () => {
    const { clock, input, contact, log, virtual } = await helpButton({ bounceMs: 2 });
    virtual.disconnect();
    await run(clock, 500, 5);
    virtual.reconnect();
    await run(clock, 200, 5);
    expect(input.isDown).toBe(false);
    contact.close();
    await run(clock, 100, 1);
    expect(input.isDown).toBe(true);
    contact.open();
    await run(clock, 100, 1);
    expect(log.map((l) => l.split('@')[0])).toEqual(['press', 'release after 100']);
    input.close();
  });

  it('is not held back by a neighbouring pin of the same Firmata port changing while it settles', async () => {
    const clock = new SimulatedClock(0);
    const { virtual, board } = await readyCartBoard(clock);
    const help = new DebouncedInput({ board, clock, pin: CART_PINS.helpButton, debounceMs: 30 });
    // The staff key (D7) shares port 0 with the help button (D4): its reports repeat D4's level.
    const key = new DebouncedInput({ board, clock, pin: CART_PINS.staffKey, debounceMs: 80 });
    const helpContact = new VirtualContact({ board: virtual, clock, random: seededRandom(1), pin: CART_PINS.helpButton, bounceMs: 0 });
    const keyContact = new VirtualContact({ board: virtual, clock, random: seededRandom(2), pin: CART_PINS.staffKey, bounceMs: 0 });
    await run(clock, 50, 1);
    const pressed: number[] = [];
    help.on('press', ({ at }) => pressed.push(at));
    const t0 = clock.now();
    helpContact.close();
    await run(clock, 20, 1);
    keyContact.close();
    await run(clock, 100, 1);
    expect(pressed).toHaveLength(1);
    expect((pressed[0] ?? Infinity) - t0).toBeLessThan(40);
    help.close();
    key.close();
  });

  it('turns a bouncing press into one press and one release', async () => {
    const { clock, input, contact, log } = await helpButton({ bounceMs: 8 });
    const t0 = clock.now();
    contact.close();
    await run(clock, 100, 1);
    expect(input.isDown).toBe(true);
    contact.open();
    await run(clock, 100, 1);
    expect(input.isDown).toBe(false);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^press@/);
    const pressedAt = Number(log[0]?.split('@')[1]);
    // Settled after the bounce (≤ 8 ms) plus the 30 ms debounce, and no later than one wire tick after.
    expect(pressedAt - t0).toBeGreaterThanOrEqual(30);
    expect(pressedAt - t0).toBeLessThanOrEqual(40);
    expect(log[1]).toBe('release after 100');
  });

  it.each([1, 2, 3, 4, 5])('never counts bounce as extra presses (seed %i)', async (seed) => {
    const { contact, log, clock } = await helpButton({ bounceMs: 15, seed });
    for (let i = 0; i < 5; i++) {
      contact.close();
      await run(clock, 80, 1);
      contact.open();
      await run(clock, 80, 1);
    }
    expect(log.filter((l) => l.startsWith('press'))).toHaveLength(5);
    expect(log.filter((l) => l.startsWith('release'))).toHaveLength(5);
  });

  it('ignores a glitch shorter than the debounce time', async () => {
    const { virtual, log, clock, input } = await helpButton({ bounceMs: 0 });
    virtual.setDigitalInput(CART_PINS.helpButton, 0);
    await run(clock, 20, 1);
    virtual.setDigitalInput(CART_PINS.helpButton, 1);
    await run(clock, 100, 1);
    expect(log).toEqual([]);
    expect(input.isDown).toBe(false);
  });

  it('reports a long press as hold, once, at the hold time', async () => {
    const { contact, log, clock } = await helpButton({ bounceMs: 0, holdMs: 2000 });
    const t0 = clock.now();
    contact.close();
    await run(clock, 3000, 10);
    contact.open();
    await run(clock, 100, 10);
    expect(log.map((l) => l.replace(/@\d+/, ''))).toEqual(['press', 'hold', 'release after 3000']);
    const holdAt = Number(log[1]?.split('@')[1]);
    expect(holdAt - t0).toBeGreaterThanOrEqual(2000);
    expect(holdAt - t0).toBeLessThanOrEqual(2010);
  });

  it('refuses a hold time shorter than the debounce', async () => {
    const clock = new SimulatedClock();
    const { board } = await readyCartBoard(clock);
    expect(() => new DebouncedInput({ board, clock, pin: 4, debounceMs: 50, holdMs: 20 })).toThrow(RangeError);
  });
});

describe('cartButtons', () => {
  it('puts the help button and staff key on their mapped pins', async () => {
    const clock = new SimulatedClock();
    const { virtual, board } = await readyCartBoard(clock);
    const { help, staffKey } = cartButtons(board, clock);
    const seen: string[] = [];
    help.on('press', () => seen.push('help'));
    staffKey.on('press', () => seen.push('staff'));
    await run(clock, 20, 5);
    virtual.setDigitalInput(CART_PINS.staffKey, 0);
    await run(clock, 200, 5);
    virtual.setDigitalInput(CART_PINS.helpButton, 0);
    await run(clock, 200, 5);
    expect(seen).toEqual(['staff', 'help']);
    help.close();
    staffKey.close();
  });
});
