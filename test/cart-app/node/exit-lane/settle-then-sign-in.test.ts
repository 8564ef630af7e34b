// A new shopper on a cart that let a trip leave unsettled: the store opens no new trip while it
// never heard that trip's checkout, so the cart settles first and the sign-in goes through, both
// when the store pays the old trip and when it refuses it for good (staff own it then).
import { beforeAll, describe, expect, it } from 'vitest';
import { settleThenSignIn } from '../../../../cart-app/node/exit-lane/settle-then-sign-in.js';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { demoCatalog } from '../../cart-fixture.js';
import { laneCart, pass, runUntil, type LaneCart, type LaneCartOptions } from './lane-cart.js';

const BASKET = ['juice-bravo-apple', 'juice-bravo-orange'];
const TOTAL = 638;

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});

/** A cart whose shopper left at the lane with the store away; the store is back, the cart not yet told. */
async function leftUnsettled(options: LaneCartOptions = {}): Promise<{ cart: LaneCart; tripId: string; client: StoreClient }> {
  const cart = await laneCart(catalog, options);
  const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
  await cart.stopStore();
  cart.walkIn(0);
  await runUntil(cart, () => cart.runtime.state.phase !== 'checking-out');
  expect(cart.watch.owed).toEqual([expect.objectContaining({ tripId, state: 'left' })]);
  cart.walkOut();
  await cart.startStore();
  const client = new StoreClient({ baseUrl: cart.url, keys: cart.store.cart.keys, clock: cart.store.clock, cartId: cart.store.cart.cartId });
  return { cart, tripId, client };
}

async function signInCode(cart: LaneCart): Promise<string> {
  const shopperId = await cart.store.shopper(SANDBOX_METHODS.approve);
  return ((await cart.store.staff(cart.store.manager, 'POST', `/api/shoppers/${shopperId}/sign-in`)).json() as { token: string }).token;
}

const captured = (cart: LaneCart) => Object.values(cart.store.ledger().payments).filter((p) => p.status === 'captured');

describe('a new shopper after an unsettled trip', () => {
  it('settles the old trip first, then signs the new shopper in', async () => {
    const { cart, tripId, client } = await leftUnsettled();
    const code = await signInCode(cart);
    // Asked straight away, the store still has the old trip open, and keeps the code unspent.
    expect(await client.startTrip(code)).toMatchObject({ ok: false, error: { code: 'trip-open', status: 409 } });
    const signedIn = await settleThenSignIn(cart.watch, () => client.startTrip(code));
    expect(signedIn).toMatchObject({ ok: true, value: { tripId: expect.stringMatching(/^trip_/) } });
    expect(cart.watch.owed).toEqual([]);
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, total: TOTAL, late: true }));
    expect(cart.runtime.snapshot().unsettledTrips).toBe(0);
    expect(captured(cart)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);
    // The back-off's own try, due later, finds nothing more to send.
    const calls = cart.port.calls;
    await pass(cart, 10_000, 1_000);
    expect(cart.port.calls).toBe(calls);
    expect(captured(cart)).toHaveLength(1);
  });

  it('signs the new shopper in when the store refuses the old trip for good, which staff then own', async () => {
    const { cart, tripId, client } = await leftUnsettled({ store: { offlineCap: { maxTrips: 2, maxAmount: TOTAL - 1, maxAgeMs: 3_600_000 } } });
    const signedIn = await settleThenSignIn(cart.watch, async () => client.startTrip(await signInCode(cart)));
    expect(signedIn.ok).toBe(true);
    expect(cart.watch.owed).toEqual([expect.objectContaining({ tripId, state: 'refused', refusal: expect.objectContaining({ code: 'offline-cap-exceeded' }) })]);
    expect(captured(cart)).toEqual([]);
    const incidents = (await cart.store.staff(cart.store.manager, 'GET', '/api/payments/incidents')).json() as { incidents: { kind: string; tripId: string }[] };
    expect(incidents.incidents).toContainEqual(expect.objectContaining({ kind: 'offline-cap-exceeded', tripId }));
  });

  it('leaves the sign-in as the store answered when the store is still away', async () => {
    const { cart, client } = await leftUnsettled();
    const code = await signInCode(cart);
    await cart.stopStore();
    const signedIn = await settleThenSignIn(cart.watch, () => client.startTrip(code));
    expect(signedIn).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(cart.watch.owed).toEqual([expect.objectContaining({ state: 'left' })]);
  });
});
