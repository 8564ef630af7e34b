// The runtime on the pole light and the buzzer of the emulated cart: real johnny-five drivers over
// Firmata to the virtual board, read back from the board's own pins. A scan taken chirps and
// flashes green; a refused one double-beeps; an open alert blinks amber until it is resolved; the
// help button calls staff (blue) until the shopper holds it to take it back; the staff key shows
// staff; a staff hold flashes red.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog } from '../../cart-fixture.js';

const dirs: string[] = [];
const carts: EmulatedCart[] = [];
afterEach(() => {
  for (const c of carts.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(seed = 1): Promise<EmulatedCart> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-signals-'));
  dirs.push(dir);
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-5', settings: { ...defaultCartSettings, seed }, shopper: { shopperId: 'ana', member: true } });
  if (!opened.ok) throw opened.error;
  carts.push(opened.value);
  await opened.value.body.advance(1000);
  return opened.value;
}

const GREEN = { red: 0, green: 255, blue: 0 };
const DARK = { red: 0, green: 0, blue: 0 };

/** The light's colours on the board's pins, sampled every `everyMs` for `ms`. */
async function watch(cart: EmulatedCart, ms: number, everyMs = 50): Promise<string[]> {
  const seen: string[] = [];
  for (let t = 0; t < ms; t += everyMs) {
    await cart.body.advance(everyMs);
    const { red, green, blue } = cart.readout().pins.light;
    const colour = red > 200 && blue > 200 ? 'white' : red > 200 ? (green < 50 ? 'red' : 'amber') : blue > 200 ? 'blue' : green > 200 ? 'green' : 'dark';
    if (seen[seen.length - 1] !== colour) seen.push(colour);
  }
  return seen;
}

describe('the emulated cart\'s pole light and buzzer, driven by the runtime', () => {
  it('chirps and flashes green once for a scan taken, then shows steady green', async () => {
    const cart = await open();
    expect(cart.readout().pins).toEqual({ light: GREEN, buzzer: 0 });
    const shown = await cart.show({ text: '7350099101014' });
    expect(shown.result.ok).toBe(true);
    expect(cart.readout()).toMatchObject({ buzzer: 'scan-accepted', flashing: true, light: 'ok' });
    await cart.body.advance(20);
    // The flash's dark gap and the chirp, on the board's pins.
    expect(cart.readout().pins.light).toEqual(DARK);
    expect(cart.readout().pins.buzzer).toBeGreaterThan(0);
    await cart.body.advance(130);
    expect(cart.readout().pins).toEqual({ light: GREEN, buzzer: 0 });
    await cart.body.advance(400);
    expect(cart.readout()).toMatchObject({ buzzer: undefined, flashing: false, light: 'ok', pins: { light: GREEN, buzzer: 0 } });
  });

  it('double-beeps for a code the store does not sell, with no flash', async () => {
    const cart = await open();
    const shown = await cart.show({ text: '4006381333931' });
    expect(shown.result.ok).toBe(false);
    expect(cart.readout()).toMatchObject({ buzzer: 'attention', flashing: false });
    const beeps: number[] = [];
    for (let t = 0; t < 500; t += 10) {
      await cart.body.advance(10);
      beeps.push(cart.readout().pins.buzzer > 0 ? 1 : 0);
    }
    // On, off, on: two beeps.
    expect(beeps.join('').replace(/(.)\1+/g, '$1')).toBe('1010');
    expect(cart.readout().pins.light).toEqual(GREEN);
  });

  it('blinks amber while a loss-prevention alert is open, and goes back to green when it is resolved', async () => {
    const cart = await open(2);
    const item = cart.body.place(800, { how: 'dropped', heightCm: 10 });
    await cart.body.advance(20_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'unscanned-item' })]);
    expect(cart.readout().light).toBe('attention');
    expect(await watch(cart, 1500)).toEqual(expect.arrayContaining(['amber', 'dark']));
    cart.body.remove(item.itemId);
    await cart.body.advance(20_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(cart.readout().light).toBe('ok');
    expect(await watch(cart, 1500)).toEqual(['green']);
  });

  it('calls staff in blue when help is pressed, until the shopper holds the button to take it back', async () => {
    const cart = await open();
    cart.body.pressHelp();
    await cart.body.advance(300);
    expect(cart.readout().light).toBe('staff');
    expect(await watch(cart, 1800)).toEqual(expect.arrayContaining(['blue', 'white']));
    cart.body.pressHelp(3500);
    await cart.body.advance(4000);
    expect(cart.readout().light).toBe('ok');
    expect(cart.readout().pins.light).toEqual(GREEN);
  });

  it('shows staff while the staff key is turned, and flashes red while staff hold the cart', async () => {
    const cart = await open();
    cart.body.turnStaffKey(true);
    await cart.body.advance(300);
    expect(cart.readout().light).toBe('staff');
    cart.body.turnStaffKey(false);
    await cart.body.advance(300);
    expect(cart.readout().light).toBe('ok');
    expect(cart.runtime.record({ type: 'locked', reason: 'staff-hold', detail: 'check the basket' }).ok).toBe(true);
    await cart.body.advance(10);
    expect(cart.readout().light).toBe('alarm');
    expect(await watch(cart, 800)).toEqual(expect.arrayContaining(['red', 'dark']));
    // No green flash over red: a scan while held does not look like "all clear".
    await cart.show({ text: '7350099101014' });
    expect(cart.readout().flashing).toBe(false);
  });
});
