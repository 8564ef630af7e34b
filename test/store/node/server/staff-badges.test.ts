// Staff badges at the store, on every database: a manager issues, re-issues and revokes a
// badge; a paired cart asks who a badge belongs to and hears plainly when it is unknown,
// revoked or its owner is switched off. The store keeps only the secret's digest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

async function associate(store: TestStore): Promise<string> {
  const made = await store.staff(store.manager, 'POST', '/api/staff', { name: 'lee', role: 'associate', password: 'a long enough password' });
  expect(made.statusCode).toBe(201);
  return (made.json() as { id: string }).id;
}

const issue = async (store: TestStore, staffId: string): Promise<string> => {
  const issued = await store.staff(store.manager, 'POST', `/api/staff/${staffId}/badge`);
  expect(issued.statusCode).toBe(201);
  return (issued.json() as { badge: string }).badge;
};

describe.each(bindings)('staff badges on $name', (binding) => {
  it('issues a badge a paired cart can check, keeps only its digest, and answers a revoked one as revoked', async () => {
    const store = await testStore(binding);
    const lee = await associate(store);
    const cart = new TestCart(store);
    await cart.pair();
    const badge = await issue(store, lee);
    expect(badge).toMatch(/^TALLY-STAFF:[A-Za-z0-9_-]{43}$/);
    const stored = await store.db.query<{ secret_hash: string }>('SELECT secret_hash FROM staff_badges');
    expect(stored.map((r) => r.secret_hash)).toEqual([createHash('sha256').update(badge.slice('TALLY-STAFF:'.length)).digest('hex')]);

    expect((await cart.send('POST', '/api/cart/staff-badge', { badge })).json()).toEqual({ staffId: lee, name: 'lee', role: 'associate' });
    expect((await store.staff(store.manager, 'GET', '/api/staff-badges')).json()).toEqual({ badges: [{ staffId: lee, issuedAt: store.clock.now() }] });

    // A new badge revokes the old one.
    store.clock.advance(1000);
    const second = await issue(store, lee);
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge })).json()).toMatchObject({ error: 'badge-revoked' });
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge: second })).statusCode).toBe(200);
    expect((await store.staff(store.manager, 'DELETE', `/api/staff/${lee}/badge`)).statusCode).toBe(204);
    expect((await store.staff(store.manager, 'DELETE', `/api/staff/${lee}/badge`)).statusCode).toBe(404);
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge: second })).statusCode).toBe(403);
    expect((await store.staff(store.manager, 'GET', '/api/staff-badges')).json()).toEqual({ badges: [] });
  });

  it('refuses unknown, malformed and switched-off badges, unsigned carts, and anyone but a manager', async () => {
    const store = await testStore(binding);
    const lee = await associate(store);
    const cart = new TestCart(store);
    await cart.pair();
    const badge = await issue(store, lee);
    const unknown = `TALLY-STAFF:${'A'.repeat(43)}`;
    expect(await cart.send('POST', '/api/cart/staff-badge', { badge: unknown })).toMatchObject({ statusCode: 404 });
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge: unknown })).json()).toMatchObject({ error: 'unknown-badge' });
    for (const junk of ['', 'TALLY-STAFF:', `${badge}x`, badge.toLowerCase(), `TALLY-STAFF:${'A'.repeat(42)}/`, 42]) {
      expect((await cart.send('POST', '/api/cart/staff-badge', { badge: junk })).statusCode).toBe(400);
    }
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge, extra: 1 })).statusCode).toBe(400);
    // Not signed by a paired cart.
    expect((await store.app.inject({ method: 'POST', url: '/api/cart/staff-badge', payload: { badge } })).statusCode).toBe(401);
    const stranger = new TestCart(store);
    expect((await stranger.send('POST', '/api/cart/staff-badge', { badge })).statusCode).toBeGreaterThanOrEqual(401);

    expect((await store.staff(store.manager, 'PATCH', `/api/staff/${lee}`, { active: false })).statusCode).toBe(200);
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge })).json()).toMatchObject({ error: 'staff-inactive' });

    expect((await store.staff(store.manager, 'POST', `/api/staff/staff_${'x'.repeat(22)}/badge`)).statusCode).toBe(404);
  });

  it('lets only a manager issue or revoke badges', async () => {
    const store = await testStore(binding);
    const lee = await associate(store);
    const { token } = (await store.login('lee', 'a long enough password')).json() as { token: string };
    expect((await store.staff(token, 'POST', `/api/staff/${lee}/badge`)).statusCode).toBe(403);
    expect((await store.staff(token, 'DELETE', `/api/staff/${lee}/badge`)).statusCode).toBe(403);
    expect((await store.staff(token, 'GET', '/api/staff-badges')).statusCode).toBe(403);
    expect((await store.app.inject({ method: 'POST', url: `/api/staff/${lee}/badge` })).statusCode).toBe(401);
  });
});
