// Paying at the exit lane: the happy path, the hold at trip start, and every refusal the issue
// names (forged, replayed and stale lane tokens, another shopper's trip, a tampered total, a trip
// already paid, a basket that outgrew its hold, a decline), each logged for staff.
import { describe, expect, it } from 'vitest';
import { tripKeys } from '../../../../payments/common/gateway/keys.js';
import { fromHex, toHex } from '../../../../payments/common/lane/hex.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { bindings } from '../databases.js';
import { DEMO_BASKET, DEMO_BASKET_TOTAL, LANE_ID, laneStore, readyTrip, scanEach, tripLog, type LaneStore } from './lane-store.js';

const basket = DEMO_BASKET;
const BASKET_TOTAL = DEMO_BASKET_TOTAL;
const paidTrip = readyTrip;

const incidents = async (store: LaneStore): Promise<{ kind: string; tripId: string; detail: Record<string, unknown> }[]> =>
  ((await store.staff(store.manager, 'GET', '/api/payments/incidents')).json() as { incidents: { kind: string; tripId: string; detail: Record<string, unknown> }[] }).incidents;

describe.each(bindings)('checkout on $name', (binding) => {
  it('holds at trip start, captures the re-priced total at the lane, and answers a repeat with the same receipt', async () => {
    const store = await laneStore(binding);
    const { tripId, events } = await paidTrip(store);
    const held = await store.cart.send('POST', `/api/cart/trips/${tripId}/hold`);
    expect(held.json()).toEqual({ tripId, state: 'held', amount: 15_000, currency: 'usd' });

    const first = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events, cartTotal: BASKET_TOTAL });
    expect(first.statusCode, first.body).toBe(200);
    const paid = first.json() as { state: string; total: number; receiptId: string; receipt: { lines: unknown[]; total: number } };
    expect(paid).toMatchObject({ tripId, state: 'paid', total: BASKET_TOTAL, currency: 'usd', laneId: LANE_ID });
    expect(paid.receipt.lines).toHaveLength(2);

    // The cart lost the answer and asks again, later, with no fresh token: the same receipt, no new charge.
    store.clock.advance(60_000);
    const again = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events });
    expect(again.json()).toEqual(first.json());
    const payments = Object.values(store.ledger().payments);
    expect(payments).toEqual([expect.objectContaining({ authoriseKey: tripKeys(tripId).authorise, status: 'captured', authorisedAmount: 15_000, capturedAmount: BASKET_TOTAL })]);
    // The checked-out log is the trip's log: uploading it again is a duplicate.
    expect((await store.cart.send('POST', `/api/cart/trips/${tripId}/events`, { events })).json()).toEqual({ tripId, duplicate: true });
  });

  it('pays at a lane a manager added in the dashboard, and refuses it once the lane is removed', async () => {
    const store = await laneStore(binding);
    const added = await store.staff(store.manager, 'POST', '/api/lanes', { id: 7, name: 'Garden exit' });
    expect(added.statusCode, added.body).toBe(201);
    const secret = fromHex((added.json() as { beaconSecret: string }).beaconSecret);
    const beacon = new LaneBeacon({ laneId: 7, secret, clock: store.clock, measuredPower: -59 });

    const first = await paidTrip(store);
    const paid = await store.checkout(first.tripId, { laneId: 7, laneFrame: toHex(beacon.manufacturerData()), events: first.events });
    expect(paid.json()).toMatchObject({ state: 'paid', total: BASKET_TOTAL, laneId: 7 });

    expect((await store.staff(store.manager, 'DELETE', '/api/lanes/7')).statusCode).toBe(204);
    const second = await paidTrip(store);
    const refused = await store.checkout(second.tripId, { laneId: 7, laneFrame: toHex(beacon.manufacturerData()), events: second.events });
    expect(refused.json()).toMatchObject({ error: 'lane-token-refused', refusal: 'unknown-lane' });
    // The configured lane still works beside it.
    expect((await store.checkout(second.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: second.events })).json()).toMatchObject({ state: 'paid' });
  });

  it('authorises and captures at the lane when the trip never got a hold, and takes the log uploaded before', async () => {
    const store = await laneStore(binding);
    const { tripId, events } = await paidTrip(store);
    expect((await store.cart.send('POST', `/api/cart/trips/${tripId}/events`, { events })).statusCode).toBe(200);
    const paid = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame() });
    expect(paid.json()).toMatchObject({ state: 'paid', total: BASKET_TOTAL });
    expect(Object.values(store.ledger().payments)).toEqual([expect.objectContaining({ status: 'captured', authorisedAmount: BASKET_TOTAL, capturedAmount: BASKET_TOTAL })]);
  });

  it('places a larger hold when the basket outgrew the first, captures from it and releases the first', async () => {
    const store = await laneStore(binding, { holdAmount: 100 });
    const { tripId, events } = await paidTrip(store);
    expect((await store.cart.send('POST', `/api/cart/trips/${tripId}/hold`)).json()).toMatchObject({ amount: 100 });
    const paid = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events });
    expect(paid.json()).toMatchObject({ state: 'paid', total: BASKET_TOTAL });
    const payments = Object.values(store.ledger().payments);
    expect(payments).toEqual([
      expect.objectContaining({ authoriseKey: tripKeys(tripId).authorise, status: 'cancelled', authorisedAmount: 100, capturedAmount: 0 }),
      expect.objectContaining({ authoriseKey: `${tripKeys(tripId).authorise}:2`, status: 'captured', authorisedAmount: BASKET_TOTAL, capturedAmount: BASKET_TOTAL }),
    ]);
  });

  it('never asks the gateway to capture above the hold: the sandbox would refuse it', async () => {
    const store = await laneStore(binding);
    const hold = await store.gateway.authorise({ idempotencyKey: 'k1', amount: 100, currency: 'usd', paymentMethod: SANDBOX_METHODS.approve });
    if (!hold.ok) throw hold.error;
    const over = await store.gateway.capture({ idempotencyKey: 'k2', paymentId: hold.value.id, amount: 101 });
    expect(over).toMatchObject({ ok: false, error: { kind: 'amount-too-large' } });
  });

  it('refuses forged, replayed, stale and wrong-lane tokens, and logs each for staff', async () => {
    // Two trips per token: two carts leave the lane within one rotation period; a third is refused.
    const store = await laneStore(binding, { maxTripsPerToken: 2 });
    const a = await paidTrip(store);
    const frame = store.laneFrame();
    const forged = `${frame.slice(0, -2)}${frame.endsWith('00') ? '01' : '00'}`;
    const tries = [
      { laneId: LANE_ID, laneFrame: forged, refusal: 'forged' },
      { laneId: LANE_ID + 1, laneFrame: frame, refusal: 'wrong-lane' },
      { laneId: LANE_ID, laneFrame: 'zz', refusal: 'malformed' },
    ];
    for (const t of tries) {
      const refused = await store.checkout(a.tripId, { laneId: t.laneId, laneFrame: t.laneFrame, events: a.events });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'lane-token-refused', refusal: t.refusal });
    }
    expect((await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: frame, events: a.events })).statusCode).toBe(200);
    // The next cart through the lane in the same period hears the same token and pays with it.
    const second = await paidTrip(store);
    expect((await store.checkout(second.tripId, { laneId: LANE_ID, laneFrame: frame, events: second.events })).statusCode).toBe(200);
    // A third trip with that token is over the bound: a recording handed around.
    const b = await paidTrip(store);
    const replayed = await store.checkout(b.tripId, { laneId: LANE_ID, laneFrame: frame, events: b.events });
    expect(replayed.json()).toMatchObject({ error: 'lane-token-refused', refusal: 'replayed' });
    store.clock.advance(13_000);
    const stale = await store.checkout(b.tripId, { laneId: LANE_ID, laneFrame: frame, events: b.events });
    expect(stale.json()).toMatchObject({ error: 'lane-token-refused', refusal: 'stale' });
    expect((await store.checkout(b.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: b.events })).statusCode).toBe(200);
    const logged = await incidents(store);
    expect(logged.filter((i) => i.kind === 'lane-token-refused').map((i) => i.detail.refusal).sort()).toEqual(['forged', 'malformed', 'replayed', 'stale', 'wrong-lane']);
    expect(Object.values(store.ledger().payments).filter((p) => p.status === 'captured')).toHaveLength(3);
  });

  it('refuses a cart claiming another shopper, another cart’s trip, and an unsigned request', async () => {
    const store = await laneStore(binding);
    const a = await paidTrip(store);
    const other = await store.shopper(SANDBOX_METHODS.approve);
    const claimed = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: tripLog(a.tripId, other, basket) });
    expect(claimed.statusCode).toBe(403);
    expect(claimed.json()).toMatchObject({ error: 'wrong-shopper' });
    expect((await incidents(store)).map((i) => i.kind)).toContain('wrong-shopper');

    const { TestCart } = await import('../test-store.js');
    const thief = new TestCart(store);
    await thief.pair('Cart 9');
    const stolen = await thief.send('POST', `/api/cart/trips/${a.tripId}/checkout`, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: a.events });
    expect(stolen.statusCode).toBe(404);
    const unsigned = await store.app.inject({ method: 'POST', url: `/api/cart/trips/${a.tripId}/checkout`, payload: { laneId: LANE_ID, laneFrame: store.laneFrame() } });
    expect(unsigned.statusCode).toBe(401);
    expect(Object.values(store.ledger().payments)).toEqual([]);
  });

  it('charges its own price, never the cart’s: a tampered total is ignored and logged', async () => {
    const store = await laneStore(binding);
    const a = await paidTrip(store);
    const paid = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: a.events, cartTotal: 1 });
    expect(paid.json()).toMatchObject({ state: 'paid', total: BASKET_TOTAL });
    expect((await incidents(store)).find((i) => i.kind === 'cart-total-differs')?.detail).toEqual({ cartTotal: 1, storeTotal: BASKET_TOTAL });
    expect(Object.values(store.ledger().payments)[0]?.capturedAmount).toBe(BASKET_TOTAL);
  });

  it('refuses while an alert is open or an ID check is missing, until staff override', async () => {
    const store = await laneStore(binding);
    const a = await paidTrip(store);
    const events = tripLog(a.tripId, a.shopperId, [...basket, scanEach('l3', 'beer-hazy-ipa-6'), { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: ['s1'] } }]);
    const refused = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'basket-not-settled', reasons: [{ kind: 'unresolved-alert', alertId: 'a1' }, { kind: 'age-restricted', sku: 'beer-hazy-ipa-6' }] });
    expect(Object.values(store.ledger().payments)).toEqual([]);
    expect((await store.staff(store.manager, 'POST', `/api/payments/overrides/${a.tripId}`, { reason: 'checked the bag; ID seen' })).statusCode).toBe(200);
    const paid = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events });
    expect(paid.json()).toMatchObject({ state: 'paid' });
  });

  it('answers a decline at the lane clearly, every time, and lists it for staff', async () => {
    const store = await laneStore(binding);
    const a = await paidTrip(store, SANDBOX_METHODS.insufficientFunds);
    const declined = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: a.events });
    expect(declined.statusCode).toBe(402);
    expect(declined.json()).toMatchObject({ error: 'payment-failed', failure: { code: 'declined', gatewayCode: 'insufficient_funds' } });
    const again = await store.checkout(a.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: a.events });
    expect(again.json()).toEqual(declined.json());
    const failed = (await store.staff(store.manager, 'GET', '/api/payments/failed')).json() as { failed: { tripId: string; failure: { code: string } }[] };
    expect(failed.failed).toEqual([expect.objectContaining({ tripId: a.tripId, failure: expect.objectContaining({ code: 'declined' }) })]);
    expect((await incidents(store)).map((i) => i.kind)).toContain('payment-failed');
  });

  it('holds each shopper to a coupon’s per-shopper limit, counted from the store’s own receipts', async () => {
    const store = await laneStore(binding);
    const shopperId = await store.shopper(SANDBOX_METHODS.approve);
    const totals: { total: number; rejected: string[] }[] = [];
    for (let trip = 0; trip < 2; trip++) {
      const tripId = await store.startTrip(shopperId);
      const events = tripLog(tripId, shopperId, [scanEach('l1', 'avocado-hass-large', 30), { type: 'couponApplied', code: 'WELCOME10' }]);
      const paid = (await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events })).json() as { total: number; receipt: { coupons: { rejected: { reason: string }[] } } };
      totals.push({ total: paid.total, rejected: paid.receipt.coupons.rejected.map((r) => r.reason) });
      store.clock.advance(10_000);
    }
    expect(totals.map((t) => t.rejected)).toEqual([[], ['limitReached']]);
    expect(totals[0]?.total).toBeLessThan(totals[1]?.total ?? 0);
  });

  it('refuses a hold for a shopper without a payment method, and a log that cannot happen', async () => {
    const store = await laneStore(binding);
    const shopperId = await store.shopper(null);
    const tripId = await store.startTrip(shopperId);
    const hold = await store.cart.send('POST', `/api/cart/trips/${tripId}/hold`);
    expect(hold.json()).toMatchObject({ error: 'no-payment-method' });
    const bad = tripLog(tripId, shopperId, [{ type: 'quantityChanged', lineId: 'nope', quantity: 2 }]);
    const refused = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: bad });
    expect(refused.json()).toMatchObject({ error: 'invalid-trip-log' });
    const junk = await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: [{ type: 'paid', seq: 1, at: 1, total: -5 }] });
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ error: 'invalid-trip-log', issues: [{ path: 'body.events[0]' }] });
    expect((await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: bad, cartTotal: 1.5 })).statusCode).toBe(400);
  });
});
