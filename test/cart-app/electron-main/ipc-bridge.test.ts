// The IPC bridge: only the cart's own page is answered, intents go through the runtime's checks,
// and snapshots are sent without waiting on the screen.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../cart-app/electron-main/channels.js';
import { bridgeIpc } from '../../../cart-app/electron-main/ipc-bridge.js';
import { demoCarts, gtinOf, type CartFixture } from '../cart-fixture.js';
import { FakeIpcMain, FakeWebContents } from './electron-fakes.js';

const ORIGIN = 'http://127.0.0.1:5180';
const demo = demoCarts();

function rig(): { cart: CartFixture; ipc: FakeIpcMain; screen: FakeWebContents; unbridge: () => void } {
  const cart = demo.open();
  const ipc = new FakeIpcMain();
  const screen = new FakeWebContents();
  const unbridge = bridgeIpc({ ipcMain: ipc as never, runtime: cart.runtime, screen: () => screen as never, origin: ORIGIN });
  return { cart, ipc, screen, unbridge };
}

describe('the IPC bridge', () => {
  it('carries an intent from the cart page to the runtime and answers with its result', async () => {
    const { ipc, screen, cart } = rig();
    const answer = await ipc.invoke(CHANNELS.intent, screen, `${ORIGIN}/`, { type: 'scan', code: gtinOf(demo.catalog, 'juice-bravo-apple') });
    expect(answer).toMatchObject({ ok: true, value: { added: { name: 'Bravo Apple Juice 1 L' } } });
    expect(cart.runtime.trip?.basket).toHaveLength(1);
    expect(await ipc.invoke(CHANNELS.intent, screen, `${ORIGIN}/`, { type: 'scan', code: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-intent' } });
    expect(await ipc.invoke(CHANNELS.snapshot, screen, `${ORIGIN}/`)).toMatchObject({ trip: { lines: [expect.objectContaining({ sku: 'juice-bravo-apple' })] } });
    expect(await ipc.invoke(CHANNELS.search, screen, `${ORIGIN}/`, 'banana')).toEqual(expect.arrayContaining([expect.objectContaining({ sku: 'banana' })]));
  });

  it('refuses another origin, another web contents, an unparsable frame URL and a bad search', async () => {
    const { ipc, screen, cart } = rig();
    const before = cart.runtime.state.lastSeq;
    await expect(ipc.invoke(CHANNELS.intent, screen, 'https://evil.example/', { type: 'setBudget', limit: 1 })).rejects.toThrow(/only the cart screen/);
    await expect(ipc.invoke(CHANNELS.intent, new FakeWebContents(), `${ORIGIN}/`, { type: 'setBudget', limit: 1 })).rejects.toThrow(/only the cart screen/);
    await expect(ipc.invoke(CHANNELS.snapshot, screen, '::::')).rejects.toThrow(/only the cart screen/);
    await expect(ipc.invoke(CHANNELS.search, screen, `${ORIGIN}/`, 'x'.repeat(81))).rejects.toThrow(/short piece of text/);
    expect(cart.runtime.state.lastSeq).toBe(before);
  });

  it('sends every new snapshot to the screen, and none to a destroyed one', () => {
    const { cart, screen } = rig();
    cart.runtime.dispatch({ type: 'setBudget', limit: 2000 });
    expect(screen.sent).toEqual([[CHANNELS.snapshots, expect.objectContaining({ seq: cart.runtime.state.lastSeq })]]);
    screen.destroyed = true;
    cart.runtime.dispatch({ type: 'setBudget', limit: 3000 });
    expect(screen.sent).toHaveLength(1);
  });

  it('removes its handlers and stops sending once closed', () => {
    const { cart, ipc, screen, unbridge } = rig();
    unbridge();
    expect(ipc.handlers.size).toBe(0);
    cart.runtime.dispatch({ type: 'setBudget', limit: 2000 });
    expect(screen.sent).toEqual([]);
  });
});
