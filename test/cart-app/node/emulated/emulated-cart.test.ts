// The emulated cart whole: a label read by the camera goes into the basket, the virtual scale's
// steps reach the session, pushing the cart holds the scale, and loss prevention's alerts reach
// the snapshot, all on a simulated clock.
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

async function open(seed = 1): Promise<{ cart: EmulatedCart; clock: SimulatedClock }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulated-'));
  dirs.push(dir);
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-9', settings: { ...defaultCartSettings, seed }, shopper: { shopperId: 'ana', member: true } });
  if (!opened.ok) throw opened.error;
  carts.push(opened.value);
  opened.value.body.advance(2000);
  return { cart: opened.value, clock };
}

describe('the emulated cart', () => {
  it('scans a shown label, weighs the item put in, and raises nothing for an honest placement', async () => {
    const { cart } = await open();
    const shown = await cart.show({ text: '7350099101014' });
    expect(shown.result).toMatchObject({ ok: true, value: { added: { name: 'Bravo Apple Juice 1 L' } } });
    cart.body.place(1061);
    cart.body.advance(20_000);
    const steps = cart.runtime.state.weight.steps;
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) - 1_061_000)).toBeLessThan(5000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(cart.lossPrevention.settled).toBe(true);
  });

  it('puts an unscanned item\'s alert in the snapshot, and none while the cart is pushed', async () => {
    const { cart } = await open(2);
    cart.body.push(1);
    cart.body.place(800, { how: 'dropped', heightCm: 10 });
    cart.body.advance(30_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    cart.body.stop();
    cart.body.advance(20_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'unscanned-item' })]);
  });

  it('logs a scale fault and takes no steps until it clears', async () => {
    const { cart } = await open(3);
    cart.body.scale.raiseFault('no-answer', 'the load cells stopped answering');
    cart.body.place(500);
    cart.body.advance(5000);
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toEqual(['scale-no-answer']);
    expect(cart.runtime.state.weight.steps).toEqual([]);
    cart.body.scale.clearFault();
    cart.body.advance(3000);
    expect(cart.runtime.state.faults).toEqual([]);
  });

  it('reports an unreadable label as unreadable, recording nothing', async () => {
    const { cart } = await open();
    const before = cart.runtime.state.lastSeq;
    expect((await cart.show({ text: '12345' , kind: 'ean13' })).result).toMatchObject({ ok: false, error: { code: 'unreadable' } });
    expect(cart.runtime.state.lastSeq).toBe(before);
  });
});
