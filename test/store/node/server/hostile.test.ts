// Requests from someone trying to break in or break the store: every one gets a clear 4xx, the
// store's state is unchanged, and nothing is echoed back that should not be.
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

/** A shopper and a fresh sign-in code for them. */
async function shopperWithCode(store: TestStore, email: string): Promise<{ id: string; token: string }> {
  const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Shopper', email });
  const { id } = created.json() as { id: string };
  const issued = await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`);
  return { id, token: (issued.json() as { token: string }).token };
}

describe.each(bindings)('hostile requests on $name', (sqlite) => {
  it('answers malformed JSON, wrong content types and unknown fields with a 4xx naming the problem', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const broken = await store.app.inject({ method: 'POST', url: '/api/staff/login', headers: { 'content-type': 'application/json' }, payload: '{"name": "ana",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'bad-json' });

    const form = await store.app.inject({ method: 'POST', url: '/api/staff/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=ana' });
    expect(form.statusCode).toBe(415);

    const extra = await store.app.inject({ method: 'POST', url: '/api/staff/login', payload: { name: 'ana', password: 'x', role: 'manager' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'body.role', message: 'unknown field' }] });

    const wrongType = await store.staff(store.manager, 'POST', '/api/staff', { name: 'cat', role: 'owner', password: 12 });
    expect(wrongType.statusCode).toBe(400);
    expect((wrongType.json() as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(['body.password', 'body.role']);

    const proto = await store.app.inject({ method: 'POST', url: '/api/staff/login', headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}, "name": "a", "password": "b"}' });
    expect(proto.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses huge bodies and URLs before reading them into a handler', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const huge = await store.app.inject({ method: 'POST', url: '/api/staff/login', payload: { name: 'ana', password: 'x'.repeat(200_000) } });
    expect(huge.statusCode).toBe(413);
    const longId = await store.staff(store.manager, 'PATCH', `/api/carts/${'a'.repeat(5000)}`, { locked: true });
    expect(longId.statusCode).toBe(414);
    const bigCatalog = await store.staff(store.manager, 'POST', '/api/catalog', { format: 'tally-catalog/1', junk: 'x'.repeat(1_000_000) });
    expect(bigCatalog.statusCode).toBe(400);
    expect(bigCatalog.json()).toMatchObject({ error: 'catalog-invalid' });
  });

  it('treats SQL-looking strings as data', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const injection = "ana' OR '1'='1";
    expect((await store.login(injection, "x' OR '1'='1")).statusCode).toBe(401);
    const named = await store.staff(store.manager, 'POST', '/api/shoppers', { name: "Robert'); DROP TABLE shoppers;--", email: 'bobby@example.com' });
    expect(named.statusCode).toBe(400);
    const cart = new TestCart(store);
    const cartId = await cart.pair("O'Brien's cart");
    expect((await store.staff(store.manager, 'GET', '/api/carts')).json()).toMatchObject({ carts: [{ id: cartId, name: "O'Brien's cart" }] });
    const bySql = await store.staff(store.manager, 'PATCH', "/api/carts/cart_x' OR 1=1 --", { locked: true });
    expect(bySql.statusCode).toBe(400);
    expect((await store.db.query('SELECT COUNT(*) AS n FROM staff'))[0]).toMatchObject({ n: 1 });
  });

  it('refuses names that could be read as paths, and ids that are not the store’s', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (const name of ['../../etc/passwd', '..', 'a/b', 'a\\b', 'name\u0000', '.hidden']) {
      const response = await store.staff(store.manager, 'POST', '/api/staff', { name, role: 'associate', password: 'a long enough password' });
      expect(response.statusCode, name).toBe(400);
    }
    const cart = new TestCart(store);
    const asked = await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey, name: '../../cart' });
    expect(asked.statusCode).toBe(400);
    const traversal = await store.staff(store.manager, 'DELETE', '/api/carts/..%2F..%2Fetc%2Fpasswd');
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json()).toMatchObject({ issues: [{ path: 'params.id' }] });
  });

  it('refuses unsigned, badly signed, stale, replayed and borrowed cart requests', async () => {
    const store = await testStore(sqlite);
    const cart = new TestCart(store);
    const cartId = await cart.pair();
    const request = cart.signed('GET', '/api/cart/status');
    expect((await store.app.inject(request)).statusCode).toBe(200);

    const replayed = await store.app.inject(request);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ error: 'replayed-request' });

    const unsigned = await store.app.inject({ method: 'GET', url: '/api/cart/status', headers: { 'x-tally-cart': cartId } });
    expect(unsigned.json()).toMatchObject({ error: 'unsigned-request' });

    // Signed for one path, sent to another.
    const moved = cart.signed('GET', '/api/cart/status');
    expect((await store.app.inject({ ...moved, url: '/api/catalog' })).json()).toMatchObject({ error: 'bad-signature' });

    // Signed for one body, sent with another (the shopper's token swapped).
    const tampered = cart.signed('POST', '/api/cart/report', { battery: 90, charging: false, docked: false, state: 'idle', version: '1', faults: [] });
    const forged = { ...tampered, payload: JSON.stringify({ battery: 5, charging: false, docked: false, state: 'idle', version: '1', faults: [] }) };
    expect((await store.app.inject(forged)).json()).toMatchObject({ error: 'bad-signature' });

    // Another cart's key claiming this cart's id.
    const impostor = new TestCart(store);
    impostor.cartId = cartId;
    expect((await impostor.send('GET', '/api/cart/status')).json()).toMatchObject({ error: 'bad-signature' });

    const unknown = new TestCart(store);
    unknown.cartId = 'cart_AAAAAAAAAAAAAAAAAAAAAA';
    expect((await unknown.send('GET', '/api/cart/status')).json()).toMatchObject({ error: 'unknown-cart' });

    const stale = cart.signed('GET', '/api/cart/status', undefined, { timestamp: store.clock.now() - 3 * 60_000 });
    expect((await store.app.inject(stale)).json()).toMatchObject({ error: 'stale-request' });
    const future = cart.signed('GET', '/api/cart/status', undefined, { timestamp: store.clock.now() + 3 * 60_000 });
    expect((await store.app.inject(future)).json()).toMatchObject({ error: 'stale-request' });
  });

  it('keeps refusing a replay after old nonces are swept', async () => {
    const store = await testStore(sqlite);
    const cart = new TestCart(store);
    await cart.pair();
    const request = cart.signed('GET', '/api/cart/status');
    expect((await store.app.inject(request)).statusCode).toBe(200);
    // Just inside the window the nonce is still remembered; just past it the timestamp is stale.
    store.clock.advance(2 * 60_000);
    expect((await store.app.inject(request)).json()).toMatchObject({ error: 'replayed-request' });
    store.clock.advance(1);
    expect((await store.app.inject(request)).json()).toMatchObject({ error: 'stale-request' });
    // Nonces are swept at most once per window; after one more, only the newest is left.
    store.clock.advance(2 * 60_000);
    expect((await cart.send('GET', '/api/cart/status')).statusCode).toBe(200);
    const left = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM request_nonces');
    expect(Number(left[0]?.n)).toBe(1);
  });

  it('refuses a pairing request not signed by the key it presents', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const thief = new TestCart(store);
    const victim = new TestCart(store);
    const response = await thief.send('POST', '/api/pairing', { publicKey: victim.keys.publicKey });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'bad-signature' });
    const garbageKey = await thief.send('POST', '/api/pairing', { publicKey: 'not a key at all' });
    expect(garbageKey.json()).toMatchObject({ error: 'bad-signature' });
  });

  it('refuses expired, forged and missing staff tokens', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (const authorization of ['Bearer forged-token-forged-token-forged', 'Bearer ', 'Basic YW5hOnB3', `Bearer ${store.manager}x`]) {
      const response = await store.app.inject({ method: 'GET', url: '/api/staff', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
    store.clock.advance(10 * 60 * 60_000);
    expect((await store.staff(store.manager, 'GET', '/api/staff')).statusCode).toBe(401);
  });

  it('survives a flood of logins without letting a guess through', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const forAna: number[] = [];
    const forOthers = new Set<number>();
    for (let i = 0; i < 120; i++) {
      const name = i % 2 === 0 ? 'ana' : `user${i}`;
      const response = await store.login(name, `guess${i}`, `10.1.${i % 7}.${i % 5}`);
      if (name === 'ana') forAna.push(response.statusCode);
      else forOthers.add(response.statusCode);
    }
    expect(forAna.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(forAna.slice(5))).toEqual(new Set([429]));
    expect(forOthers).toEqual(new Set([401]));
    // Even the right password waits now, from anywhere.
    expect((await store.login('ana', 'correct horse battery', '192.168.1.1')).statusCode).toBe(429);
  });

  it('refuses a card number where a payment token belongs', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (const paymentMethod of ['4242424242424242', 'pm_4242424242424242', '4242 4242 4242 4242']) {
      const response = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email: 'li@example.com', paymentMethod });
      expect(response.statusCode, paymentMethod).toBe(400);
    }
    // Gateway tokens, the sandbox's test methods and Stripe's test tokens included, are welcome.
    for (const [i, paymentMethod] of ['pm_1NvXyZabcDEF', 'pm_sandbox_approve', 'pm_card_visa'].entries()) {
      const response = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email: `li${i}@example.com`, paymentMethod });
      expect(response.statusCode, paymentMethod).toBe(201);
    }
  });

  it('answers unknown routes and methods with JSON, and never a stack trace', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const missing = await store.app.inject({ method: 'GET', url: '/api/../../etc/passwd' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not-found' });
    const method = await store.app.inject({ method: 'PUT', url: '/api/catalog' });
    expect(method.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a flood of logins sent all at once with 429 and Retry-After, letting at most the limit be tried', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => store.login('ana', `guess ${i}`, `10.2.${i % 3}.1`)));
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    for (const refused of responses.filter((r) => r.statusCode === 429)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({ error: 'too-many-logins' });
    }
  });

  it('keeps a flood of pairing requests from filling the store', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const cart = new TestCart(store);
      const response = await store.app.inject({ ...cart.signed('POST', '/api/pairing', { publicKey: cart.keys.publicKey }), remoteAddress: `10.3.${i % 4}.1` });
      codes.push(response.statusCode);
    }
    expect(codes.filter((c) => c === 201).length).toBe(20);
    expect(codes.slice(20).every((c) => c === 429)).toBe(true);
    const pending = await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM carts');
    expect(Number(pending[0]?.n)).toBe(20);
    // An hour later the flood has left nothing behind but the one cart that asked again.
    store.clock.advance(60 * 60_000);
    const fresh = new TestCart(store);
    expect((await fresh.send('POST', '/api/pairing', { publicKey: fresh.keys.publicKey })).statusCode).toBe(201);
    expect(Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM carts'))[0]?.n)).toBe(1);
  });

  it('does not let a cart act for another cart or another shopper', async () => {
    const store = await testStore(sqlite);
    const mine = new TestCart(store);
    await mine.pair('Mine');
    const theirs = new TestCart(store);
    await theirs.pair('Theirs');
    const maria = await shopperWithCode(store, 'maria@example.com');
    const started = await theirs.send('POST', '/api/cart/trips', { signInToken: maria.token });
    const theirTrip = (started.json() as { tripId: string }).tripId;

    // Handing in, or reading, the other cart's trip: it does not exist as far as this cart knows.
    const events = [{ type: 'signedIn', tripId: theirTrip, shopperId: maria.id, member: false, seq: 1, at: 1 }];
    const upload = await mine.send('POST', `/api/cart/trips/${theirTrip}/events`, { events });
    expect(upload.statusCode).toBe(404);
    // The other cart's id in the header, signed with this cart's key.
    const borrowed = mine.signed('POST', `/api/cart/trips/${theirTrip}/events`, { events });
    expect((await store.app.inject({ ...borrowed, headers: { ...borrowed.headers, 'x-tally-cart': theirs.cartId } })).json()).toMatchObject({ error: 'bad-signature' });

    // Its own trip, but a log that signs in someone else.
    const li = await shopperWithCode(store, 'li@example.com');
    const own = ((await mine.send('POST', '/api/cart/trips', { signInToken: li.token })).json() as { tripId: string }).tripId;
    const swapped = await mine.send('POST', `/api/cart/trips/${own}/events`, { events: [{ type: 'signedIn', tripId: own, shopperId: maria.id, member: true, seq: 1, at: 1 }] });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json()).toMatchObject({ error: 'wrong-trip' });

    // A used sign-in code does not start a second trip anywhere.
    const third = new TestCart(store);
    await third.pair('Third');
    expect((await third.send('POST', '/api/cart/trips', { signInToken: li.token })).json()).toMatchObject({ error: 'sign-in-refused' });
    // A cart's signature opens no staff route.
    const asStaff = mine.signed('GET', '/api/carts');
    expect((await store.app.inject(asStaff)).statusCode).toBe(401);
    const trips = await store.db.query<{ cart_id: string; state: string }>('SELECT cart_id, state FROM trips ORDER BY cart_id');
    expect(trips.every((t) => t.state === 'open')).toBe(true);
  });

  it('refuses a trip log bigger than its limit, and a report far outside its schema', async () => {
    const store = await testStore(sqlite);
    const cart = new TestCart(store);
    await cart.pair();
    const { token } = await shopperWithCode(store, 'big@example.com');
    const tripId = ((await cart.send('POST', '/api/cart/trips', { signInToken: token })).json() as { tripId: string }).tripId;
    const huge = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: [{ type: 'note', text: 'x'.repeat(9 * 1024 * 1024) }] });
    expect(huge.statusCode).toBe(413);
    const silly = await cart.send('POST', '/api/cart/report', { battery: -5, charging: 'yes', docked: false, state: "idle'; DROP TABLE carts;--", version: '1', faults: [] });
    expect(silly.statusCode).toBe(400);
    expect((silly.json() as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['body.battery', 'body.charging']));
    expect(Number((await store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM carts'))[0]?.n)).toBe(1);
  });
});
