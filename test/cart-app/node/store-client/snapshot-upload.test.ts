// The cart's store client handing in camera snapshots to a real store server on a free port:
// the picture arrives whole and signed, a retry is answered as a duplicate, and the store's
// refusals come back as typed errors.
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { bindings } from '../../../store/node/databases.js';
import { testStore, type TestStore } from '../../../store/node/test-store.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A store listening on a free port, and a cart's client paired with it and on a trip. */
async function cartOnTrip(store: TestStore, url: string, email: string): Promise<{ client: StoreClient; tripId: string }> {
  const client = new StoreClient({ baseUrl: url, keys: generateCartKeys(), clock: store.clock });
  const asked = await client.requestPairing('Cart 3');
  if (!asked.ok) throw new Error(asked.error.message);
  expect((await store.staff(store.manager, 'POST', '/api/pairings/approve', { code: asked.value.code, name: `Cart ${email.length}` })).statusCode).toBe(200);
  const { id } = (await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email })).json() as { id: string };
  const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`)).json() as { token: string };
  const trip = await client.startTrip(token);
  if (!trip.ok) throw new Error(trip.error.message);
  return { client, tripId: trip.value.tripId };
}

describe('the store client’s snapshot upload, against a real store', () => {
  it('hands in a picture once, answers a retry as a duplicate, and passes refusals on', async () => {
    const store = await testStore(bindings[0] as (typeof bindings)[number]);
    const url = await store.app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => store.app.close());
    const { client, tripId } = await cartOnTrip(store, url, 'li@example.com');
    const image = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366cc' } }).jpeg().toBuffer();
    const snapshot = { snapshotId: 'alert-a1-top', alertId: 'a1', camera: 'top', takenAt: store.clock.now(), image: new Uint8Array(image) };

    expect(await client.uploadSnapshot(tripId, snapshot)).toEqual({ ok: true, value: { tripId, snapshotId: 'alert-a1-top', contentType: 'image/jpeg', width: 32, height: 24 } });
    expect(await client.uploadSnapshot(tripId, snapshot)).toMatchObject({ ok: true, value: { duplicate: true } });
    const stored = await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots/alert-a1-top`);
    expect(stored.rawPayload.equals(image)).toBe(true);

    expect(await client.uploadSnapshot(tripId, { ...snapshot, snapshotId: 'alert-a1-junk', image: new TextEncoder().encode('not a picture') })).toMatchObject({ ok: false, error: { code: 'bad-image', status: 400 } });
    const other = await cartOnTrip(store, url, 'bo@example.com');
    expect(await other.client.uploadSnapshot(tripId, { ...snapshot, snapshotId: 'stolen-0001' })).toMatchObject({ ok: false, error: { code: 'not-found', status: 404 } });
  });
});
