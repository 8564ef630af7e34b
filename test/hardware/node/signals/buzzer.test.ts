import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { CART_PINS } from '../../../../hardware/common/pin-map.js';
import { Buzzer } from '../../../../hardware/node/signals/buzzer.js';
import { readyCartBoard, run } from './cart-board.js';

async function cartBuzzer(volume?: number) {
  const clock = new SimulatedClock(0);
  const { virtual, board } = await readyCartBoard(clock);
  const writes: string[] = [];
  const start = clock.now();
  virtual.onPinWrite((pin, value) => {
    if (pin === CART_PINS.buzzer) writes.push(`${clock.now() - start} ${value}`);
  });
  const buzzer = new Buzzer({ io: board.io, clock, pin: CART_PINS.buzzer, ...(volume ? { volume } : {}) });
  await run(clock, 10, 10);
  writes.length = 0;
  return { clock, buzzer, writes, start };
}

describe('Buzzer on a PWM pin of the virtual board', () => {
  it('chirps once for an accepted scan', async () => {
    const { clock, buzzer, writes } = await cartBuzzer();
    buzzer.play('scan-accepted');
    await run(clock, 200, 10);
    expect(writes).toEqual(['10 128', '80 0']);
    expect(buzzer.playing).toBeUndefined();
  });

  it('plays the attention double beep at the chosen volume', async () => {
    const { clock, buzzer, writes } = await cartBuzzer(40);
    buzzer.play('attention');
    await run(clock, 500, 10);
    expect(writes.map((w) => w.split(' ')[1])).toEqual(['40', '0', '40', '0']);
  });

  it('does not let a scan chirp cut an alarm short, but an alarm cuts a chirp', async () => {
    const { clock, buzzer } = await cartBuzzer();
    buzzer.play('alarm');
    buzzer.play('scan-accepted');
    expect(buzzer.playing).toBe('alarm');
    buzzer.silence();
    buzzer.play('scan-accepted');
    buzzer.play('alarm');
    expect(buzzer.playing).toBe('alarm');
    await run(clock, 3000, 50);
    expect(buzzer.playing).toBeUndefined();
  });

  it.each([0, 200, 1.5])('refuses volume %s', async (volume) => {
    const clock = new SimulatedClock();
    const { board } = await readyCartBoard(clock);
    expect(() => new Buzzer({ io: board.io, clock, pin: 3, volume })).toThrow(RangeError);
  });
});
