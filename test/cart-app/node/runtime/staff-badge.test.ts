// Staff sign-in by badge QR on the cart, checked with a real store in this process: the camera's
// read of an issued badge signs its owner in; a revoked or unknown badge is refused with the
// store's reason and counts like a wrong PIN (the pad locks for both); with the store away the
// badge cannot be checked, nothing is counted, and the PIN still works.
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import { liveStore, type LiveStore } from '../store-link/paired-cart.js';
import { staffCarts, type StaffCart } from './staff-cart.js';

const carts = staffCarts();
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A live store with associate "sam" holding a badge, and a staff cart paired to it that checks badges there. */
async function rig(): Promise<{ live: LiveStore; cart: StaffCart; clock: LiveStore['store']['clock']; samId: string; badge: string }> {
  const live = await liveStore();
  closers.push(() => live.close());
  const made = await live.staff('POST', '/api/staff', { name: 'sam', role: 'associate', password: 'a long enough password' });
  const samId = (made.json() as { id: string }).id;
  const badge = (await live.staff('POST', `/api/staff/${samId}/badge`)).json() as { badge: string };
  const client = new StoreClient({ baseUrl: live.cart.baseUrl, keys: live.cart.keys, clock: live.store.clock, cartId: live.cart.cartId });
  // The cart signs its requests with the store's clock, so both agree on the time.
  const cart = carts.open({ clock: live.store.clock, staffBadges: (text) => client.checkStaffBadge(text) });
  return { live, cart, clock: live.store.clock, samId, badge: badge.badge };
}

describe('staff sign-in by badge QR', () => {
  it('signs the badge’s owner in from the camera’s read, showing the check on the screen meanwhile', async () => {
    const { cart, samId, badge } = await rig();
    const { runtime } = cart;
    expect(runtime.dispatch({ type: 'scan', code: badge, symbology: 'QR_CODE' })).toEqual({ ok: true, value: {} });
    expect(runtime.snapshot().staffBadge).toEqual({ state: 'checking', message: null });
    // The camera reads the badge again while the store answers: one check.
    expect(runtime.dispatch({ type: 'scan', code: badge, symbology: 'QR_CODE' }).ok).toBe(true);
    await expect.poll(() => runtime.state.staff?.staffId).toBe(samId);
    expect(runtime.snapshot().staffBadge).toBeNull();
    expect(runtime.tripEvents().filter((e) => e.type === 'staffModeEntered')).toHaveLength(1);
  });

  it('refuses a revoked badge with the store’s reason, and counts refused badges and wrong PINs together', async () => {
    const { live, cart, clock, samId, badge } = await rig();
    const { runtime } = cart;
    expect((await live.staff('DELETE', `/api/staff/${samId}/badge`)).statusCode).toBe(204);
    const refused = await runtime.signInWithBadge(badge);
    expect(refused).toMatchObject({ ok: false, error: { code: 'badge-refused', message: expect.stringContaining('revoked') } });
    expect(runtime.snapshot().staffBadge).toMatchObject({ state: 'refused', message: expect.stringContaining('revoked') });
    expect(runtime.state.staff).toBeNull();
    // Not a badge of this store at all: refused without asking, and counted.
    expect(await runtime.signInWithBadge('TALLY-STAFF:not-a-secret')).toMatchObject({ ok: false, error: { code: 'badge-refused' } });
    expect(await runtime.signInWithBadge(`TALLY-STAFF:${'Q'.repeat(43)}`)).toMatchObject({ ok: false, error: { code: 'badge-refused', message: expect.stringContaining('never issued') } });
    for (const pin of ['0000', '1111']) expect(runtime.dispatch({ type: 'staffSignIn', pin })).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
    // The fifth failure in a row locks the pad, for badges and PINs alike.
    clock.advance(6_000);
    expect(await runtime.signInWithBadge(badge)).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('locked') } });
    expect(runtime.dispatch({ type: 'staffSignIn', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('locked') } });
    expect(cart.warnings).toEqual([expect.stringContaining('5 wrong staff PINs or refused badges in a row')]);
    // The screen's word of the refusal goes after a while.
    clock.advance(10_000);
    expect(runtime.snapshot().staffBadge).toBeNull();
  });

  it('with the store away, says the badge cannot be checked, counts nothing, and the PIN still works', async () => {
    const { live, cart, clock, badge } = await rig();
    const { runtime } = cart;
    await live.stop();
    for (let i = 0; i < 6; i++) {
      clock.advance(6_000);
      expect(await runtime.signInWithBadge(badge)).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('sign in with your badge PIN') } });
    }
    expect(runtime.dispatch({ type: 'staffSignIn', pin: '2468' }).ok).toBe(true);
    expect(runtime.state.staff?.staffId).toBe('staff-lee');
  });

  it('refuses every badge on a cart that cannot reach a store', async () => {
    const cart = carts.open();
    expect(await cart.runtime.signInWithBadge(`TALLY-STAFF:${'Q'.repeat(43)}`)).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('PIN') } });
  });
});
