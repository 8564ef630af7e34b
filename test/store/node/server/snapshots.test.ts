// Camera snapshots as review evidence: a cart hands in pictures for its own trips, staff see them
// in the review queue and fetch them; and everything a careless or hostile cart could send
// instead. On every database.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

let jpeg: Buffer;
let png: Buffer;
/** A PNG signature and header that promise a picture, followed by garbage. */
let pngWithGarbage: Buffer;

beforeAll(async () => {
  const picture = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } });
  jpeg = await picture.clone().jpeg({ quality: 80 }).toBuffer();
  png = await picture.clone().png().toBuffer();
  // Keep the signature and IHDR (8 + 25 bytes), spoil everything after.
  pngWithGarbage = Buffer.concat([png.subarray(0, 33), Buffer.alloc(400, 0x5a)]);
});

async function startTrip(store: TestStore, cart: TestCart, email = 'li@example.com'): Promise<{ tripId: string; shopperId: string }> {
  const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email });
  const { id } = created.json() as { id: string };
  const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${id}/sign-in`)).json() as { token: string };
  const started = await cart.send('POST', '/api/cart/trips', { signInToken: token });
  expect(started.statusCode).toBe(201);
  return { tripId: (started.json() as { tripId: string }).tripId, shopperId: id };
}

const snapshot = (store: TestStore, overrides: Record<string, unknown> = {}, image: Buffer = jpeg): Record<string, unknown> => ({
  snapshotId: 'snap-0001',
  alertId: 'a1',
  camera: 'top',
  takenAt: store.clock.now(),
  image: image.toString('base64'),
  ...overrides,
});

const upload = (cart: TestCart, tripId: string, body: Record<string, unknown>) => cart.send('POST', `/api/cart/trips/${tripId}/snapshots`, body);

async function pairedTrip(binding: (typeof bindings)[number]): Promise<{ store: TestStore; cart: TestCart; tripId: string; shopperId: string }> {
  const store = await testStore(binding);
  const cart = new TestCart(store);
  await cart.pair();
  return { store, cart, ...(await startTrip(store, cart)) };
}

describe.each(bindings)('camera snapshots on $name', (binding) => {
  it('stores a picture once, shows it in the review queue beside its alert, and hands staff the bytes', async () => {
    const { store, cart, tripId, shopperId } = await pairedTrip(binding);
    const first = await upload(cart, tripId, snapshot(store));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ tripId, snapshotId: 'snap-0001', contentType: 'image/jpeg', width: 64, height: 48 });
    // The cart lost the answer and sent it again (a fresh signature): nothing new is stored.
    const again = await upload(cart, tripId, snapshot(store));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ snapshotId: 'snap-0001', duplicate: true });
    expect((await upload(cart, tripId, snapshot(store, { snapshotId: 'snap-0002', alertId: undefined, eventSeq: 3, camera: 'left' }, png))).statusCode).toBe(201);
    const reused = await upload(cart, tripId, snapshot(store, {}, png));
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ error: 'snapshot-conflict' });

    const events = [
      { type: 'signedIn', tripId, shopperId, member: false },
      { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: ['s1'] } },
    ].map((e, i) => ({ ...e, seq: i + 1, at: 1000 + i }));
    expect((await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events })).json()).toMatchObject({ review: true });
    // A picture may trail the log it belongs to.
    expect((await upload(cart, tripId, snapshot(store, { snapshotId: 'snap-0003' }))).statusCode).toBe(201);

    const queue = (await store.staff(store.manager, 'GET', '/api/reviews')).json() as { reviews: { tripId: string; snapshots: Record<string, unknown>[] }[] };
    expect(queue.reviews[0]?.snapshots.map((s) => [s.snapshotId, s.alertId, s.eventSeq, s.camera, s.contentType])).toEqual([
      ['snap-0001', 'a1', null, 'top', 'image/jpeg'],
      ['snap-0002', null, 3, 'left', 'image/png'],
      ['snap-0003', 'a1', null, 'top', 'image/jpeg'],
    ]);
    expect(queue.reviews[0]?.snapshots[0]).toMatchObject({ width: 64, height: 48, bytes: jpeg.length, takenAt: store.clock.now(), receivedAt: store.clock.now() });
    const listed = await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots`);
    expect((listed.json() as { snapshots: unknown[] }).snapshots).toEqual(queue.reviews[0]?.snapshots);

    const picture = await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots/snap-0002`);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers).toMatchObject({ 'content-type': 'image/png', 'cache-control': 'private, max-age=600', 'x-content-type-options': 'nosniff' });
    expect(picture.rawPayload.equals(png)).toBe(true);
  });

  it('shows pictures only to staff, and only ones that exist', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    expect((await upload(cart, tripId, snapshot(store))).statusCode).toBe(201);
    expect((await store.app.inject({ method: 'GET', url: `/api/trips/${tripId}/snapshots/snap-0001` })).statusCode).toBe(401);
    expect((await store.app.inject({ method: 'GET', url: `/api/trips/${tripId}/snapshots` })).statusCode).toBe(401);
    // A cart's signature is not a staff session.
    expect((await cart.send('GET', `/api/trips/${tripId}/snapshots/snap-0001`)).statusCode).toBe(401);
    expect((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots/snap-9999`)).statusCode).toBe(404);
    expect((await store.staff(store.manager, 'GET', '/api/trips/trip_AAAAAAAAAAAAAAAAAAAAAA/snapshots')).statusCode).toBe(404);
    for (const bad of ['..%2F..%2Fstore.db', 'snap%00001', '.snap-0001x']) {
      expect((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots/${bad}`)).json()).toMatchObject({ error: 'invalid-request', issues: [{ path: 'params.snapshotId' }] });
    }
  });

  it('refuses another cart’s trip, saying only that it is not found', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const thief = new TestCart(store);
    await thief.pair('Cart 9');
    const stolen = await upload(thief, tripId, snapshot(store));
    expect(stolen.statusCode).toBe(404);
    expect((await upload(cart, tripId, snapshot(store))).statusCode).toBe(201);
    expect((await upload(thief, 'trip_AAAAAAAAAAAAAAAAAAAAAA', snapshot(store))).statusCode).toBe(404);
    const unsigned = await store.app.inject({ method: 'POST', url: `/api/cart/trips/${tripId}/snapshots`, payload: snapshot(store, { snapshotId: 'snap-0009' }) });
    expect(unsigned.statusCode).toBe(401);
    expect((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots`)).json()).toMatchObject({ snapshots: [{ snapshotId: 'snap-0001' }] });
  });

  it('refuses a replayed upload by its signature', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const request = cart.signed('POST', `/api/cart/trips/${tripId}/snapshots`, snapshot(store));
    expect((await store.app.inject(request)).statusCode).toBe(201);
    const replayed = await store.app.inject(request);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ error: 'replayed-request' });
    // The same signature over another body does not verify.
    const swapped = await store.app.inject({ ...request, payload: JSON.stringify(snapshot(store, { snapshotId: 'snap-0002' })) });
    expect(swapped.json()).toMatchObject({ error: 'bad-signature' });
  });

  it.each([
    ['text', () => Buffer.from('hello, this is not a picture at all'), 'bad-image'],
    ['an HTML page', () => Buffer.from('<html><script>alert(1)</script></html>'), 'bad-image'],
    ['a PNG header with garbage after it', () => pngWithGarbage, 'bad-image'],
    ['a JPEG cut short', () => jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'bad-image'],
    ['a PNG signature on JPEG data', () => Buffer.concat([png.subarray(0, 8), jpeg.subarray(3)]), 'bad-image'],
    ['a GIF', () => Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'), 'bad-image'],
  ])('refuses %s', async (_what, bytes, code) => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const refused = await upload(cart, tripId, snapshot(store, {}, bytes()));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: code, issues: [{ path: 'body.image' }] });
    expect((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots`)).json()).toMatchObject({ snapshots: [] });
  });

  it('refuses a picture larger than a side of 4096 pixels', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const wide = await sharp({ create: { width: 5000, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await upload(cart, tripId, snapshot(store, {}, wide))).json()).toMatchObject({ error: 'bad-image' });
  });

  it('refuses an oversize picture and an oversize body before storing anything', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    // Just over 512 KiB: valid JPEG bytes followed by padding, refused for its size alone.
    const big = Buffer.concat([jpeg, Buffer.alloc(512 * 1024 + 1 - jpeg.length)]);
    const oversize = await upload(cart, tripId, snapshot(store, {}, big));
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json()).toMatchObject({ error: 'snapshot-too-large' });
    const huge = await upload(cart, tripId, snapshot(store, {}, Buffer.alloc(2 * 1024 * 1024, 1)));
    expect(huge.statusCode).toBe(413);
    expect((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots`)).json()).toMatchObject({ snapshots: [] });
  });

  it('holds a trip to 20 pictures, while a retry of a stored one still answers as a duplicate', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const ids = Array.from({ length: 20 }, (_, i) => `snap-${String(i).padStart(4, '0')}`);
    // Half of them at once: the limit is kept under concurrent uploads too.
    const answers = await Promise.all(ids.map((snapshotId) => upload(cart, tripId, snapshot(store, { snapshotId }))));
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 201));
    const over = await upload(cart, tripId, snapshot(store, { snapshotId: 'snap-extra' }));
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ error: 'too-many-snapshots' });
    expect((await upload(cart, tripId, snapshot(store, { snapshotId: 'snap-0007' }))).json()).toMatchObject({ duplicate: true });
    expect(((await store.staff(store.manager, 'GET', `/api/trips/${tripId}/snapshots`)).json() as { snapshots: unknown[] }).snapshots).toHaveLength(20);
  });

  it('stores a snapshot sent twice at the same moment only once', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const both = await Promise.all([upload(cart, tripId, snapshot(store)), upload(cart, tripId, snapshot(store))]);
    expect(both.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    const rows = await store.db.query<{ n: number | string; count: number | string }>('SELECT COUNT(*) AS n, MAX(t.snapshot_count) AS count FROM trip_snapshots s JOIN trips t ON t.id = s.trip_id');
    expect(rows.map((r) => [Number(r.n), Number(r.count)])).toEqual([[1, 1]]);
  });

  it.each([
    ['a path as the snapshot id', { snapshotId: '../../etc/passwd' }, 'body.snapshotId'],
    ['a Windows path as the snapshot id', { snapshotId: 'C:\\snaps\\x' }, 'body.snapshotId'],
    ['a dotted snapshot id', { snapshotId: 'snap.0001.jpg' }, 'body.snapshotId'],
    ['a too-short snapshot id', { snapshotId: 'ab' }, 'body.snapshotId'],
    ['SQL as the camera', { camera: "top'; DROP TABLE trips;--" }, 'body.camera'],
    ['no alert and no event', { alertId: undefined }, 'body.alertId'],
    ['a negative event number', { alertId: undefined, eventSeq: -1 }, 'body.eventSeq'],
    ['a fractional time', { takenAt: 1.5 }, 'body.takenAt'],
    ['URL-safe base64', { image: 'ab-_' }, 'body.image'],
    ['an unknown field', { contentType: 'text/html' }, 'body.contentType'],
  ])('refuses %s', async (_what, overrides, path) => {
    const { store, cart, tripId } = await pairedTrip(binding);
    const refused = await upload(cart, tripId, snapshot(store, overrides));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ issues: [{ path }] });
  });

  it('refuses base64 with junk the decoder would skip, and a picture dated in the future', async () => {
    const { store, cart, tripId } = await pairedTrip(binding);
    // Padding bits that are not zero, and missing padding: Node would decode both without a word.
    for (const image of ['QUJDQR==', 'QUJDQQ']) expect((await upload(cart, tripId, { ...snapshot(store), image })).json()).toMatchObject({ error: 'bad-image' });
    expect((await upload(cart, tripId, snapshot(store, { takenAt: store.clock.now() + 10 * 60_000 }))).json()).toMatchObject({ issues: [{ path: 'body.takenAt' }] });
  });
});
