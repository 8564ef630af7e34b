// Evidence pictures for alerts: against a real store in this process, a raised alert's basket
// frame arrives as a JPEG and shows beside that alert in the review queue; with the store down
// the pictures wait (a bounded number), are retried on the cart's clock and arrive once when it
// is back. With a scripted store: refusals for good, the per-trip cap, a camera with no frame.
import { afterEach, describe, expect, it } from 'vitest';
import { keepLatestFrame, type CameraView } from '../../../../cart-app/node/runtime/latest-frame.js';
import { AlertSnapshots, type AlertSnapshotEvent, type SnapshotUpload } from '../../../../cart-app/node/store-link/alert-snapshots.js';
import { StoreClient, type TripSnapshot } from '../../../../cart-app/node/store-client/store-client.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { err, ok } from '../../../../domain/common/result.js';
import type { NewSessionEventInput, SessionEvent } from '../../../../domain/common/session/events.js';
import type { Frame } from '../../../../hardware/common/camera/frame.js';
import { cartAuthHeaders } from '../../../../domain/node/cart-auth/keys.js';
import { demoCarts } from '../../cart-fixture.js';
import { liveStore, nextEvent, type LiveStore } from './paired-cart.js';
import { EventEmitter } from 'node:events';

const demo = demoCarts();
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A 320×240 RGBA frame: a gradient, different for each `n`. */
function frame(n = 1, cameraId = 'basket'): Frame {
  const width = 320;
  const height = 240;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * n) % 256, (i >> 8) % 256, 90, 255], i * 4);
  return { cameraId, seq: n, capturedAt: 0, width, height, format: 'rgba', data };
}

const still = (f: Frame | undefined, cameraId = 'basket'): CameraView => ({ cameraId, latest: () => f });
const alert = (alertId: string): NewSessionEventInput => ({ type: 'alertRaised', alertId, kind: 'unscanned-item', evidence: { stepIds: [], note: 'test' } });

/** Every event the snapshots emit, in order. */
function heard(snapshots: AlertSnapshots): AlertSnapshotEvent[] {
  const events: AlertSnapshotEvent[] = [];
  snapshots.on((e) => events.push(e));
  return events;
}

/** A shopper's trip opened on the live store and signed in on a demo cart runtime. */
async function cartOnStoreTrip(live: LiveStore) {
  const client = new StoreClient({ baseUrl: live.cart.baseUrl, keys: live.cart.keys, clock: live.store.clock, cartId: live.cart.cartId });
  const { id } = (await live.staff('POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' })).json() as { id: string };
  const { token } = (await live.staff('POST', `/api/shoppers/${id}/sign-in`)).json() as { token: string };
  const trip = await client.startTrip(token);
  if (!trip.ok) throw new Error(trip.error.message);
  const cart = demo.open();
  expect(cart.runtime.signIn({ tripId: trip.value.tripId, shopperId: id, member: false }).ok).toBe(true);
  return { client, runtime: cart.runtime, tripId: trip.value.tripId };
}

describe('alert pictures, against a real store', () => {
  it('hands the basket frame of an alert to the store, where the review shows it beside that alert', async () => {
    const live = await liveStore();
    closers.push(() => live.close());
    const { client, runtime, tripId } = await cartOnStoreTrip(live);
    const snapshots = new AlertSnapshots({ cart: runtime, cameras: [still(frame())], upload: (t, s) => client.uploadSnapshot(t, s), clock: live.store.clock });
    closers.push(() => snapshots.close());
    const uploaded = nextEvent(snapshots, 'uploaded');
    expect(runtime.record(alert('lp-1')).ok).toBe(true);
    // The cart went on at once: the picture is still on its way.
    expect(snapshots.waiting).toBe(1);
    const done = await uploaded;
    expect(done.tripId).toBe(tripId);
    expect(snapshots.waiting).toBe(0);

    const events = runtime.tripEvents();
    const seq = events.find((e) => e.type === 'alertRaised')?.seq;
    // The store's hand-in route numbers a trip's log from 1 (the checkout route takes the cart's own numbers).
    const first = events[0]?.seq ?? 1;
    const path = `/api/cart/trips/${tripId}/events`;
    const body = JSON.stringify({ events: events.map((e) => ({ ...e, seq: e.seq - first + 1 })) });
    const headers = cartAuthHeaders(live.cart.keys, { cartId: live.cart.cartId, method: 'POST', path, body, timestamp: live.store.clock.now() });
    const handed = await fetch(`${live.cart.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect(await handed.json()).toMatchObject({ review: true, reasons: [{ kind: 'unresolved-alert', alertId: 'lp-1' }] });
    const reviews = (await live.staff('GET', '/api/reviews')).json() as { reviews: { tripId: string; snapshots: unknown[] }[] };
    expect(reviews.reviews.find((r) => r.tripId === tripId)?.snapshots).toEqual([
      expect.objectContaining({ snapshotId: `alert-${seq}-basket`, alertId: 'lp-1', eventSeq: seq, camera: 'basket', contentType: 'image/jpeg', width: 320, height: 240 }),
    ]);
    const picture = await live.staff('GET', `/api/trips/${tripId}/snapshots/alert-${seq}-basket`);
    expect([...picture.rawPayload.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('keeps a bounded number of pictures while the store is down, and hands them in once it is back', async () => {
    const live = await liveStore();
    closers.push(() => live.close());
    const { client, runtime, tripId } = await cartOnStoreTrip(live);
    await live.stop();
    const clock = live.store.clock;
    const snapshots = new AlertSnapshots({ cart: runtime, cameras: [still(frame(3))], upload: (t, s) => client.uploadSnapshot(t, s), clock, maxWaiting: 3, firstRetryMs: 1_000, maxRetryMs: 4_000 });
    closers.push(() => snapshots.close());
    const events = heard(snapshots);
    const retrying = nextEvent(snapshots, 'retrying');
    for (let i = 1; i <= 5; i++) expect(runtime.record(alert(`lp-${i}`)).ok).toBe(true);
    expect((await retrying).retryInMs).toBe(1_000);
    // The two oldest made room for newer ones.
    expect(snapshots.waiting).toBe(3);
    expect(events.filter((e) => e.type === 'dropped')).toHaveLength(2);
    const again = nextEvent(snapshots, 'retrying');
    clock.advance(1_000);
    expect((await again).retryInMs).toBe(2_000);

    await live.restart();
    const arrived: string[] = [];
    const allIn = new Promise<void>((resolve) => {
      snapshots.on((e) => {
        if (e.type === 'uploaded') arrived.push(e.snapshotId);
        if (arrived.length === 3) resolve();
      });
    });
    clock.advance(2_000);
    await allIn;
    const stored = (await live.staff('GET', `/api/trips/${tripId}/snapshots`)).json() as { snapshots: { alertId: string }[] };
    expect(stored.snapshots.map((s) => s.alertId).sort()).toEqual(['lp-3', 'lp-4', 'lp-5']);
    expect(snapshots.waiting).toBe(0);
  });
});

/** A runtime stand-in: a trip and a way to raise events. */
function fakeCart(tripId: string | null = 'trip-1') {
  const listeners = new Set<(e: SessionEvent) => void>();
  let seq = 0;
  return {
    trip: tripId ? { tripId } : null,
    onEvent(listener: (e: SessionEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    raise(alertId: string) {
      seq += 1;
      for (const l of listeners) l({ type: 'alertRaised', alertId, kind: 'not-placed', evidence: { stepIds: [], lineIds: [], skus: [], note: '' }, seq, at: 0 });
    },
  };
}

describe('alert pictures, with a scripted store', () => {
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('gives up at once what the store refuses for good, and stops at the store’s 20 a trip', async () => {
    const clock = new SimulatedClock(0);
    const cart = fakeCart();
    const sent: TripSnapshot[] = [];
    const upload: SnapshotUpload = (_t, s) => {
      sent.push(s);
      return Promise.resolve(s.alertId === 'bad' ? err({ code: 'not-found', message: 'no such trip', status: 404 }) : ok({}));
    };
    const snapshots = new AlertSnapshots({ cart, cameras: [still(frame(), 'top'), still(undefined, 'side')], upload, clock, maxWaiting: 100 });
    closers.push(() => snapshots.close());
    const events = heard(snapshots);
    const refused = nextEvent(snapshots, 'dropped');
    cart.raise('bad');
    expect((await refused).reason).toMatch(/refused it: not-found/);
    for (let i = 0; i < 21; i++) cart.raise(`a${i}`);
    await expect.poll(async () => (await settle(), sent.length), { interval: 5 }).toBe(20);
    // The refused one counted too: 22 were asked for, 20 taken.
    expect(events.filter((e) => e.type === 'dropped').map((e) => e.reason)).toEqual(['the store refused it: not-found: no such trip', 'trip trip-1 already has 20 pictures', 'trip trip-1 already has 20 pictures']);
    expect(sent.every((s) => s.camera === 'top')).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('takes nothing with nobody shopping or no frame yet, refuses a camera name the store would not file, and keeps a source’s newest frame', async () => {
    const clock = new SimulatedClock(0);
    const upload: SnapshotUpload = () => Promise.reject(new Error('never called'));
    const idle = fakeCart(null);
    const snapshots = new AlertSnapshots({ cart: idle, cameras: [still(frame())], upload, clock });
    closers.push(() => snapshots.close());
    idle.raise('x');
    expect(snapshots.waiting).toBe(0);
    expect(() => new AlertSnapshots({ cart: idle, cameras: [still(frame(), 'Top Camera')], upload, clock })).toThrow(/lower-case/);

    const source = Object.assign(new EventEmitter<{ frame: [Frame] }>(), { cameraId: 'basket' });
    const view = keepLatestFrame(source);
    expect(view.latest()).toBeUndefined();
    source.emit('frame', frame(1));
    source.emit('frame', frame(2));
    expect(view.latest()?.seq).toBe(2);
    view.close();
    expect(source.listenerCount('frame')).toBe(0);
  });

  it('retries a store that is down with a thrown error the same way as one that answers 503', async () => {
    const clock = new SimulatedClock(0);
    const cart = fakeCart();
    let calls = 0;
    const upload: SnapshotUpload = () => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('socket hang up'));
      if (calls === 2) return Promise.resolve(err({ code: 'internal', message: 'busy', status: 503 }));
      return Promise.resolve(ok({}));
    };
    const snapshots = new AlertSnapshots({ cart, cameras: [still(frame())], upload, clock, firstRetryMs: 500 });
    closers.push(() => snapshots.close());
    const first = nextEvent(snapshots, 'retrying');
    cart.raise('a');
    expect(await first).toMatchObject({ retryInMs: 500, reason: 'socket hang up' });
    const second = nextEvent(snapshots, 'retrying');
    clock.advance(500);
    expect((await second).retryInMs).toBe(1_000);
    const uploaded = nextEvent(snapshots, 'uploaded');
    clock.advance(1_000);
    expect((await uploaded).snapshotId).toBe('alert-1-basket');
  });
});
