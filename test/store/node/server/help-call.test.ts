// A cart's call for help as the store sees it: live, on the fleet board from the cart's report,
// and afterwards in the trip log the cart hands in (accepted by the store's check and its replay).
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore } from '../test-store.js';

const report = { battery: 80, charging: false, docked: false, state: 'shopping', version: '1.0.0', faults: [] };

describe('a call for help, at the store', () => {
  it('shows on the fleet board while the cart reports it, and a malformed one is refused', async () => {
    const store = await testStore(bindings[0] as (typeof bindings)[number]);
    const cart = new TestCart(store);
    await cart.pair();
    const calling = await cart.send('POST', '/api/cart/report', { ...report, helpSince: store.clock.now() });
    expect(calling.statusCode).toBe(204);
    const board = (await store.staff(store.manager, 'GET', '/api/carts')).json() as { carts: { id: string; lastReport: { helpSince?: number | null } | null }[] };
    expect(board.carts.find((c) => c.id === cart.cartId)?.lastReport?.helpSince).toBe(store.clock.now());
    store.clock.advance(2_000);
    for (const helpSince of [-1, 1.5, 'now', true]) {
      expect((await cart.send('POST', '/api/cart/report', { ...report, helpSince })).statusCode).toBe(400);
    }
  });

  it('takes a trip log with the call and its answer, and refuses a call ended without saying by whom', async () => {
    const store = await testStore(bindings[0] as (typeof bindings)[number]);
    const cart = new TestCart(store);
    await cart.pair();
    const { id } = (await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' })).json() as { id: string };
    const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`)).json() as { token: string };
    const { tripId } = (await cart.send('POST', '/api/cart/trips', { signInToken: token })).json() as { tripId: string };
    const log = [
      { type: 'signedIn', tripId, shopperId: id, member: false },
      { type: 'helpRequested', from: 'button' },
      { type: 'staffModeEntered', staffId: 'staff_1', mode: 'assist' },
      { type: 'helpEnded', how: 'answered', by: 'staff_1' },
    ].map((e, i) => ({ ...e, seq: i + 1, at: 1000 + i }));
    const bad = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: [...log.slice(0, 2), { type: 'helpEnded', how: 'answered', seq: 3, at: 1003 }] });
    expect(bad.json()).toMatchObject({ error: 'invalid-trip-log', issues: [{ path: 'body.events[2]' }] });
    const handed = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: log });
    expect(handed.json()).toEqual({ tripId, review: false, reasons: [] });
  });
});
