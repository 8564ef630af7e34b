// Handing in a trip's event log, and the review queue it may land in; on every database.
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

async function startTrip(store: TestStore, cart: TestCart): Promise<{ tripId: string; shopperId: string }> {
  const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' });
  const { id } = created.json() as { id: string };
  const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`)).json() as { token: string };
  const started = await cart.send('POST', '/api/cart/trips', { signInToken: token });
  expect(started.statusCode).toBe(201);
  return { tripId: (started.json() as { tripId: string }).tripId, shopperId: id };
}

/** A trip log: signed in, then `rest`, numbered and timed as the session would. */
function log(tripId: string, shopperId: string, rest: Record<string, unknown>[]): Record<string, unknown>[] {
  return [{ type: 'signedIn', tripId, shopperId, member: false }, ...rest].map((e, i) => ({ ...e, seq: i + 1, at: 1000 + i }));
}

const beer = { type: 'scanned', lineId: 'l1', code: '0123456789012', symbology: 'ean-13', sku: 'beer-hazy-ipa-6', measure: { by: 'each', quantity: 1 } };
const alert = { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: ['s1'] } };

describe.each(bindings)('trips on $name', (binding) => {
  it('closes a clean trip unattended, and answers a repeated upload the same way', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    const { tripId, shopperId } = await startTrip(store, cart);
    const events = log(tripId, shopperId, [beer, { type: 'ageChecked', by: 'staff_1' }]);
    const first = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events });
    expect(first.json()).toEqual({ tripId, review: false, reasons: [] });
    const again = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events });
    expect(again.json()).toEqual({ tripId, duplicate: true });
    const different = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: events.slice(0, 1) });
    expect(different.statusCode).toBe(409);
    expect((await store.staff(store.manager, 'GET', '/api/reviews')).json()).toEqual({ reviews: [] });
  });

  it('queues a trip with an open alert or an unchecked age-restricted item, with its evidence', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    const { tripId, shopperId } = await startTrip(store, cart);
    const handed = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: log(tripId, shopperId, [beer, alert]) });
    expect(handed.json()).toMatchObject({ review: true, reasons: [{ kind: 'unresolved-alert', alertId: 'a1', evidence: { stepIds: ['s1'] } }, { kind: 'age-restricted', sku: 'beer-hazy-ipa-6' }] });
    const queue = (await store.staff(store.manager, 'GET', '/api/reviews')).json() as { reviews: { tripId: string; events: unknown[] }[] };
    expect(queue.reviews).toHaveLength(1);
    expect(queue.reviews[0]).toMatchObject({ tripId, cartId: cart.cartId, shopperId });
    expect(queue.reviews[0]?.events).toHaveLength(3);

    expect((await store.staff(store.manager, 'POST', `/api/reviews/${tripId}`, { outcome: 'approved' })).statusCode).toBe(200);
    expect((await store.staff(store.manager, 'POST', `/api/reviews/${tripId}`, { outcome: 'refused' })).statusCode).toBe(404);
    expect((await store.staff(store.manager, 'GET', '/api/reviews')).json()).toEqual({ reviews: [] });
  });

  it('refuses broken logs, other carts’ trips and other shoppers’ sign-ins', async () => {
    const store = await testStore(binding);
    const cart = new TestCart(store);
    await cart.pair();
    const { tripId, shopperId } = await startTrip(store, cart);
    const events = log(tripId, shopperId, [beer]);
    const gap = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: [events[0], { ...events[1], seq: 5 }] });
    expect(gap.json()).toMatchObject({ error: 'invalid-trip-log', issues: [{ path: 'body.events[1].seq' }] });
    const junk = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: [events[0], { type: 'paid', seq: 2, at: 2000, total: -5 }] });
    expect(junk.json()).toMatchObject({ error: 'invalid-trip-log', issues: [{ path: 'body.events[1]' }] });
    const otherShopper = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events: log(tripId, 'shopper_someone-else-entirely', []) });
    expect(otherShopper.json()).toMatchObject({ error: 'wrong-trip' });

    const thief = new TestCart(store);
    await thief.pair('Cart 9');
    const stolen = await thief.send('POST', `/api/cart/trips/${tripId}/events`, { events });
    expect(stolen.statusCode).toBe(404);
    // None of that closed the trip: the real upload still goes through.
    expect((await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events })).statusCode).toBe(200);
  });
});
