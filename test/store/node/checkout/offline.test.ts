// Trips that left while the store was unreachable, settled when it is back: the lane token is
// checked as of when the cart heard it, and what one cart left unsettled at once must stay within
// the offline cap (count and amount, at the store's price), or the trip goes to staff.
import { describe, expect, it } from 'vitest';
import { checkOfflineCap, DEFAULT_OFFLINE_CAP } from '../../../../payments/common/offline/cap.js';
import { tripById } from '../../../../store/node/records/trips.js';
import { DEMO_BASKET, DEMO_BASKET_TOTAL, LANE_ID, laneStore, readyTrip, tripLog, type LaneStore } from './lane-store.js';

const CAP = { maxTrips: 2, maxAmount: 2 * DEMO_BASKET_TOTAL + 10, maxAgeMs: 3_600_000 };

/**
 * Trips left one after another, 30 s apart, the frames heard as they left. The cart hands each
 * trip's log in (closing it) before it can start the next: the store was reachable for that, not
 * at the lane.
 */
async function leaveOffline(store: LaneStore, count: number) {
  const left = [];
  for (let i = 0; i < count; i++) {
    const trip = await readyTrip(store);
    store.clock.advance(30_000);
    left.push({ ...trip, leftAt: store.clock.now(), laneFrame: store.laneFrame() });
    expect((await store.cart.send('POST', `/api/cart/trips/${trip.tripId}/events`, { events: trip.events })).statusCode).toBe(200);
  }
  return left;
}

const settle = (store: LaneStore, t: { tripId: string; events: unknown[]; leftAt: number; laneFrame: string }) =>
  store.checkout(t.tripId, { laneId: LANE_ID, laneFrame: t.laneFrame, events: t.events, leftAt: t.leftAt });

describe('offline settlement', () => {
  it('states the cap as a rule: count first, then amount, this trip included', () => {
    expect(checkOfflineCap(DEFAULT_OFFLINE_CAP, { trips: 0, amount: 0 }, 10_000)).toEqual({ within: true });
    expect(checkOfflineCap(DEFAULT_OFFLINE_CAP, { trips: 0, amount: 0 }, 10_001)).toMatchObject({ within: false, over: 'amount' });
    expect(checkOfflineCap(DEFAULT_OFFLINE_CAP, { trips: 1, amount: 100 }, 100)).toEqual({ within: true });
    expect(checkOfflineCap(DEFAULT_OFFLINE_CAP, { trips: 2, amount: 0 }, 1)).toMatchObject({ within: false, over: 'trips' });
  });

  it('settles trips that left while the store was away, with tokens long stale by now', async () => {
    const store = await laneStore(undefined, { offlineCap: CAP });
    const [a, b] = await leaveOffline(store, 2);
    store.clock.advance(20 * 60_000);
    for (const t of [a, b]) {
      if (!t) throw new Error('two trips');
      const paid = await settle(store, t);
      expect(paid.statusCode, paid.body).toBe(200);
      expect(paid.json()).toMatchObject({ state: 'paid', total: DEMO_BASKET_TOTAL });
    }
    // Without leftAt the same frame is what it is now: stale.
    const [c] = await leaveOffline(store, 1);
    store.clock.advance(60_000);
    expect((await store.checkout(c?.tripId ?? '', { laneId: LANE_ID, laneFrame: c?.laneFrame, events: c?.events })).json()).toMatchObject({ refusal: 'stale' });
  });

  it('refuses a third trip left unsettled at once, for staff, who can let it through', async () => {
    const store = await laneStore(undefined, { offlineCap: CAP });
    const trips = await leaveOffline(store, 3);
    store.clock.advance(5 * 60_000);
    const answers = [];
    for (const t of trips) answers.push(await settle(store, t));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 409]);
    expect(answers[2]?.json()).toMatchObject({ error: 'offline-cap-exceeded', over: 'trips' });
    const third = trips[2];
    if (!third) throw new Error('three trips');
    const incidents = (await store.staff(store.manager, 'GET', '/api/payments/incidents')).json() as { incidents: { kind: string; tripId: string }[] };
    expect(incidents.incidents).toContainEqual(expect.objectContaining({ kind: 'offline-cap-exceeded', tripId: third.tripId }));
    expect((await store.staff(store.manager, 'POST', `/api/payments/overrides/${third.tripId}`, { reason: 'known shopper, settle it' })).statusCode).toBe(200);
    expect((await settle(store, third)).statusCode).toBe(200);
  });

  it('counts only what was unsettled at the same time: a cart back online starts again from zero', async () => {
    const store = await laneStore(undefined, { offlineCap: CAP });
    const [a, b] = await leaveOffline(store, 2);
    store.clock.advance(60_000);
    for (const t of [a, b]) expect((await settle(store, t as NonNullable<typeof a>)).statusCode).toBe(200);
    const [c, d] = await leaveOffline(store, 2);
    store.clock.advance(60_000);
    for (const t of [c, d]) expect((await settle(store, t as NonNullable<typeof a>)).statusCode).toBe(200);
  });

  it('refuses by amount at the store’s price, and a leaving time too old or in the future', async () => {
    const store = await laneStore(undefined, { offlineCap: { ...CAP, maxTrips: 5, maxAmount: DEMO_BASKET_TOTAL + 1 } });
    const [a, b] = await leaveOffline(store, 2);
    store.clock.advance(60_000);
    expect((await settle(store, a as NonNullable<typeof a>)).statusCode).toBe(200);
    expect((await settle(store, b as NonNullable<typeof a>)).json()).toMatchObject({ error: 'offline-cap-exceeded', over: 'amount' });
    const [old, future] = await leaveOffline(store, 2);
    if (!old || !future) throw new Error('two trips');
    store.clock.advance(CAP.maxAgeMs);
    expect((await settle(store, old)).json()).toMatchObject({ error: 'offline-too-old' });
    expect((await settle(store, { ...future, leftAt: store.clock.now() + 1 })).json()).toMatchObject({ error: 'offline-too-old' });
  });

  it('hands in a trip whose late settlement it refuses for good, so the cart can start the next trip', async () => {
    const store = await laneStore(undefined, { offlineCap: { ...CAP, maxAmount: DEMO_BASKET_TOTAL - 1 } });
    // Left at the lane with the store away; its log never handed in, so the trip is open here.
    const trip = await readyTrip(store);
    const leftAt = store.clock.now();
    const laneFrame = store.laneFrame();
    store.clock.advance(60_000);
    const refused = await settle(store, { ...trip, leftAt, laneFrame });
    expect(refused.json()).toMatchObject({ error: 'offline-cap-exceeded' });
    expect((await tripById(store.db, trip.tripId))?.state).toBe('uploaded');
    // The next shopper signs in; nothing was charged; staff can still let the trip pay.
    await readyTrip(store);
    expect(Object.values(store.ledger().payments).filter((p) => p.status === 'captured')).toEqual([]);
    expect((await store.staff(store.manager, 'POST', `/api/payments/overrides/${trip.tripId}`, { reason: 'regular shopper' })).statusCode).toBe(200);
    expect((await settle(store, { ...trip, leftAt, laneFrame })).json()).toMatchObject({ state: 'paid', total: DEMO_BASKET_TOTAL });
  });

  it('keeps the trip open when the refused late settlement carries another trip’s log, or a refusal at the lane', async () => {
    const store = await laneStore(undefined, { offlineCap: { ...CAP, maxAmount: DEMO_BASKET_TOTAL - 1 } });
    const trip = await readyTrip(store);
    const leftAt = store.clock.now();
    const laneFrame = store.laneFrame();
    const foreign = tripLog(trip.tripId, 'shopper_someone-else-0000', DEMO_BASKET);
    expect((await settle(store, { ...trip, events: foreign, leftAt, laneFrame })).json()).toMatchObject({ error: 'wrong-shopper' });
    expect((await tripById(store.db, trip.tripId))?.state).toBe('open');
    const shopperId = await store.shopper('pm_sandbox_approve');
    const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${shopperId}/sign-in`)).json() as { token: string };
    expect((await store.cart.send('POST', '/api/cart/trips', { signInToken: token })).json()).toMatchObject({ error: 'trip-open' });
    // A settlement at the lane (no leftAt) that is refused leaves the trip as it was: the shopper is still there.
    expect((await store.checkout(trip.tripId, { laneId: LANE_ID, laneFrame: 'ff', events: trip.events })).json()).toMatchObject({ error: 'lane-token-refused' });
    expect((await tripById(store.db, trip.tripId))?.state).toBe('open');
  });
});
