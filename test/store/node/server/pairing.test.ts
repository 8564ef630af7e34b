// Pairing a cart, signed cart requests, and what staff can do to a cart; on every database.
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

async function shopperToken(store: TestStore, email = 'maria@example.com'): Promise<string> {
  const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'María', email, membership: 'member', paymentMethod: 'pm_1NvXyZabcDEF' });
  expect(created.statusCode).toBe(201);
  const { id } = created.json() as { id: string };
  const issued = await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`);
  expect(issued.statusCode).toBe(201);
  return (issued.json() as { token: string }).token;
}

const report = { battery: 80, charging: false, docked: false, state: 'idle', version: '0.1.0', faults: [] };

describe.each(bindings)('pairing and cart requests on $name', (binding) => {
  it('pairs a cart by the code on its screen, then serves its signed requests', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    const asked = await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey, name: 'Cart 7' });
    expect(asked.statusCode).toBe(201);
    const { cartId, code } = asked.json() as { cartId: string; code: string };
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

    // Before approval the cart may ask how it stands, but not act.
    cart.cartId = cartId;
    expect((await cart.send('GET', '/api/cart/status')).json()).toMatchObject({ state: 'pending' });
    expect((await cart.send('GET', '/api/catalog')).json()).toMatchObject({ error: 'cart-not-paired' });

    const pending = await store.staff(store.manager, 'GET', '/api/pairings');
    expect(pending.json()).toMatchObject({ pairings: [{ code, cartId }] });
    const approved = await store.staff(store.manager, 'POST', '/api/pairings/approve', { code: code.toLowerCase(), name: 'Front 1' });
    expect(approved.statusCode).toBe(200);

    expect((await cart.send('GET', '/api/cart/status')).json()).toMatchObject({ state: 'paired', name: 'Front 1', locked: false });
    const catalog = await cart.send('GET', '/api/catalog');
    expect(catalog.statusCode).toBe(200);
    expect(catalog.json()).toMatchObject({ format: 'tally-catalog/1', version: 1 });
    expect((await cart.send('POST', '/api/cart/report', report)).statusCode).toBe(204);
    const fleet = await store.staff(store.manager, 'GET', '/api/carts');
    expect(fleet.json()).toMatchObject({ carts: [{ id: cartId, name: 'Front 1', state: 'paired', lastReport: report }] });
    expect(fleet.body).not.toContain(cart.keys.publicKey);
  });

  it('starts a trip with a single-use sign-in code, and only one trip at a time', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    const token = await shopperToken(store);
    const started = await cart.send('POST', '/api/cart/trips', { signInToken: token });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ tripId: expect.stringMatching(/^trip_/), shopper: { name: 'María', member: true } });

    const again = await cart.send('POST', '/api/cart/trips', { signInToken: token });
    expect(again.json()).toMatchObject({ error: 'trip-open' });

    const other = new TestCart(store);
    await other.pair('Cart 8');
    expect((await other.send('POST', '/api/cart/trips', { signInToken: token })).json()).toMatchObject({ error: 'sign-in-refused' });
  });

  it('refuses a sign-in code after it expires', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    const token = await shopperToken(store);
    store.clock.advance(2 * 60_000);
    const late = await cart.send('POST', '/api/cart/trips', { signInToken: token });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: 'sign-in-refused' });
  });

  it('lets staff lock, unlock, rename and unpair; a locked or unpaired cart starts no trip', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    const cartId = await cart.pair();
    const locked = await store.staff(store.manager, 'PATCH', `/api/carts/${cartId}`, { locked: true, lockReason: 'wheel broken' });
    expect(locked.statusCode).toBe(200);
    const refused = await cart.send('POST', '/api/cart/trips', { signInToken: await shopperToken(store) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'cart-locked', message: expect.stringContaining('wheel broken') });
    // A locked cart still reports and syncs prices while it waits on the dock.
    expect((await cart.send('POST', '/api/cart/report', report)).statusCode).toBe(204);

    await store.staff(store.manager, 'PATCH', `/api/carts/${cartId}`, { locked: false, name: 'Back 3' });
    expect((await cart.send('GET', '/api/cart/status')).json()).toMatchObject({ name: 'Back 3', locked: false });

    expect((await store.staff(store.manager, 'DELETE', `/api/carts/${cartId}`)).statusCode).toBe(204);
    const gone = await cart.send('POST', '/api/cart/trips', { signInToken: await shopperToken(store, 'li@example.com') });
    expect(gone.statusCode).toBe(403);
    expect(gone.json()).toMatchObject({ error: 'cart-unpaired' });
    // The retired key cannot simply ask again.
    cart.cartId = 'pairing';
    expect((await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey })).json()).toMatchObject({ error: 'key-known' });
    expect((await store.staff(store.manager, 'DELETE', `/api/carts/${cartId}`)).statusCode).toBe(404);
  });

  it('refuses a trip when the battery is low and asks for the dock', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    await cart.send('POST', '/api/cart/report', { ...report, battery: 14 });
    const refused = await cart.send('POST', '/api/cart/trips', { signInToken: await shopperToken(store) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'battery-low' });
  });

  it('lets a pairing code expire, and caps how many carts may wait', async () => {
    const store = await testStore(binding, { policy: { maxPendingPairings: 2 } });
    const carts = [new TestCart(store), new TestCart(store), new TestCart(store)];
    const codes: string[] = [];
    for (const cart of carts.slice(0, 2)) codes.push(((await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey })).json() as { code: string }).code);
    const third = carts[2] as TestCart;
    expect((await third.send('POST', '/api/pairing', { publicKey: third.keys.publicKey })).statusCode).toBe(429);
    store.clock.advance(10 * 60_000);
    const late = await store.staff(store.manager, 'POST', '/api/pairings/approve', { code: codes[0], name: 'Late' });
    expect(late.statusCode).toBe(404);
    expect(late.json()).toMatchObject({ error: 'no-such-code' });
    expect((await third.send('POST', '/api/pairing', { publicKey: third.keys.publicKey })).statusCode).toBe(201);
  });

  it('limits unapproved pairing requests per address, and approved ones do not count', async () => {
    const store = await testStore(binding, { catalog: false });
    /** A new cart asking to pair from `address`. */
    const ask = (address: string) => {
      const cart = new TestCart(store);
      return store.app.inject({ ...cart.signed('POST', '/api/pairing', { publicKey: cart.keys.publicKey }), remoteAddress: address });
    };
    for (let i = 0; i < 10; i++) expect((await ask('10.6.6.6')).statusCode).toBe(201);
    const refused = await ask('10.6.6.6');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'too-many-pairings' });
    expect(Number(refused.headers['retry-after'])).toBe(10 * 60);
    // Someone else's cart still gets a place in the list.
    const honest = await ask('10.0.0.8');
    expect(honest.statusCode).toBe(201);

    // A roll-out behind one address: each approval gives the place back.
    for (let i = 0; i < 15; i++) {
      const asked = await ask('10.7.7.7');
      expect(asked.statusCode, `cart ${i}`).toBe(201);
      const approved = await store.staff(store.manager, 'POST', '/api/pairings/approve', { code: (asked.json() as { code: string }).code, name: `Cart ${i}` });
      expect(approved.statusCode).toBe(200);
    }
  });

  it('deletes expired pairing requests and their carts, so a flood leaves nothing behind and the key may ask again', async () => {
    const store = await testStore(binding, { catalog: false, policy: { maxPendingPairings: 3 } });
    const carts = Array.from({ length: 3 }, () => new TestCart(store));
    for (const cart of carts) expect((await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey })).statusCode).toBe(201);
    const late = new TestCart(store);
    const full = await late.send('POST', '/api/pairing', { publicKey: late.keys.publicKey });
    expect(full.statusCode).toBe(429);
    expect(Number(full.headers['retry-after'])).toBe(10 * 60);

    store.clock.advance(10 * 60_000);
    const again = carts[0] as TestCart;
    expect((await again.send('POST', '/api/pairing', { publicKey: again.keys.publicKey })).statusCode).toBe(201);
    const left = await store.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM carts WHERE state = 'pending'");
    expect(Number(left[0]?.n)).toBe(1);
    expect(Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM pairing_requests'))[0]?.n)).toBe(1);
  });
});
