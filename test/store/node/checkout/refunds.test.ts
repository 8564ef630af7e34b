// Refunds and corrections by a manager: a receipt line or an amount of a paid trip, through the
// gateway that captured it, never above what was captured, each with its own key, and a retried
// request (the same request id) never refunding twice, even when the gateway's answer is lost.
import { describe, expect, it } from 'vitest';
import { tripKeys } from '../../../../payments/common/gateway/keys.js';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { DEMO_BASKET_TOTAL, LANE_ID, laneStore, readyTrip, type LaneStore } from './lane-store.js';

const CILANTRO_LINE = 2 * 129;

async function paid(store: LaneStore): Promise<string> {
  const { tripId, events } = await readyTrip(store);
  expect((await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events })).statusCode).toBe(200);
  return tripId;
}

const refund = (store: LaneStore, tripId: string, body: Record<string, unknown>, token = store.manager) => store.staff(token, 'POST', `/api/payments/refunds/${tripId}`, { reason: 'damaged item', ...body });
const refundedOnGateway = (store: LaneStore): number => Object.values(store.ledger().refunds).reduce((sum, r) => sum + r.amount, 0);

describe('refunds by a manager', () => {
  it('refunds a receipt line and then an amount, with the trip’s refund keys, and lists them', async () => {
    const store = await laneStore();
    const tripId = await paid(store);
    const line = await refund(store, tripId, { requestId: 'req-line-0001', lineId: 'l1' });
    expect(line.statusCode, line.body).toBe(200);
    expect(line.json()).toMatchObject({ refund: { key: tripKeys(tripId).refund(1), lineId: 'l1', amount: CILANTRO_LINE, state: 'succeeded', gatewayRefundId: expect.any(String) } });
    const amount = await refund(store, tripId, { requestId: 'req-amount-0002', amount: 50 });
    expect(amount.json()).toMatchObject({ refund: { key: tripKeys(tripId).refund(2), amount: 50, state: 'succeeded' } });
    expect(refundedOnGateway(store)).toBe(CILANTRO_LINE + 50);
    const listed = (await store.staff(store.manager, 'GET', `/api/payments/refunds/${tripId}`)).json() as { total: number; refunds: { amount: number }[] };
    expect(listed.total).toBe(DEMO_BASKET_TOTAL);
    expect(listed.refunds.map((r) => r.amount)).toEqual([CILANTRO_LINE, 50]);
  });

  it('lists the paid trips a manager can refund, newest first, without their receipts', async () => {
    const store = await laneStore();
    const first = await paid(store);
    store.clock.advance(60_000);
    const second = await paid(store);
    const answer = await store.staff(store.manager, 'GET', '/api/payments/paid');
    expect(answer.statusCode, answer.body).toBe(200);
    const { paid: listed } = answer.json() as { paid: Record<string, unknown>[] };
    expect(listed.map((p) => p.tripId)).toEqual([second, first]);
    expect(listed[0]).toEqual(expect.objectContaining({ total: DEMO_BASKET_TOTAL, currency: 'usd', minorUnits: 2, laneId: LANE_ID }));
    expect(listed[0]).not.toHaveProperty('receipt');
    expect((await store.app.inject({ method: 'GET', url: '/api/payments/paid' })).statusCode).toBe(401);
  });

  it('never refunds above what was captured, nor a line twice, nor an unknown line', async () => {
    const store = await laneStore();
    const tripId = await paid(store);
    expect((await refund(store, tripId, { requestId: 'req-too-much-1', amount: DEMO_BASKET_TOTAL + 1 })).json()).toMatchObject({ error: 'refund-too-large', captured: DEMO_BASKET_TOTAL });
    expect((await refund(store, tripId, { requestId: 'req-line-aaaa', lineId: 'l1' })).statusCode).toBe(200);
    expect((await refund(store, tripId, { requestId: 'req-line-bbbb', lineId: 'l1' })).json()).toMatchObject({ error: 'line-already-refunded' });
    expect((await refund(store, tripId, { requestId: 'req-line-cccc', lineId: 'nope' })).json()).toMatchObject({ error: 'unknown-line' });
    const rest = DEMO_BASKET_TOTAL - CILANTRO_LINE;
    expect((await refund(store, tripId, { requestId: 'req-rest-0001', amount: rest + 1 })).statusCode).toBe(409);
    expect((await refund(store, tripId, { requestId: 'req-rest-0002', amount: rest })).statusCode).toBe(200);
    expect(refundedOnGateway(store)).toBe(DEMO_BASKET_TOTAL);
  });

  it('answers a retried request with the same refund, and refuses the same id for another refund', async () => {
    const store = await laneStore();
    const tripId = await paid(store);
    const first = await refund(store, tripId, { requestId: 'req-retry-001', amount: 100 });
    const again = await refund(store, tripId, { requestId: 'req-retry-001', amount: 100 });
    expect(again.json()).toEqual(first.json());
    expect((await refund(store, tripId, { requestId: 'req-retry-001', amount: 99 })).json()).toMatchObject({ error: 'refund-request-differs' });
    expect(refundedOnGateway(store)).toBe(100);
  });

  it('settles a lost gateway answer with the same key: one refund, never two', async () => {
    const store = await laneStore(undefined, { triesPerStep: 1 });
    const tripId = await paid(store);
    store.gateway.injectFault('refund', 'lost-response');
    const pending = await refund(store, tripId, { requestId: 'req-lost-0001', amount: 120 });
    expect(pending.statusCode).toBe(503);
    expect(pending.headers['retry-after']).toBe('1');
    const settled = await refund(store, tripId, { requestId: 'req-lost-0001', amount: 120 });
    expect(settled.json()).toMatchObject({ refund: { state: 'succeeded', amount: 120 } });
    expect(Object.values(store.ledger().refunds)).toHaveLength(1);
  });

  it('is for managers only, for paid trips only, and checks its input', async () => {
    const store = await laneStore();
    const tripId = await paid(store);
    await store.staff(store.manager, 'POST', '/api/staff', { name: 'ben', role: 'associate', password: 'a long enough password' });
    const ben = ((await store.login('ben', 'a long enough password')).json() as { token: string }).token;
    expect((await refund(store, tripId, { requestId: 'req-assoc-001', amount: 10 }, ben)).statusCode).toBe(403);
    expect((await store.staff(ben, 'GET', `/api/payments/refunds/${tripId}`)).statusCode).toBe(200);
    const declined = await readyTrip(store, SANDBOX_METHODS.decline);
    await store.checkout(declined.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: declined.events });
    expect((await refund(store, declined.tripId, { requestId: 'req-failed-01', amount: 10 })).json()).toMatchObject({ error: 'not-paid' });
    expect((await refund(store, 'trip_notatripthestoreknows', { requestId: 'req-missing-1', amount: 10 })).statusCode).toBe(404);
    for (const bad of [{ requestId: 'short', amount: 1 }, { requestId: 'req-both-0001', amount: 1, lineId: 'l1' }, { requestId: 'req-none-0001' }, { requestId: 'req-neg-00001', amount: -5 }, { requestId: 'req-frac-0001', amount: 1.5 }]) {
      expect((await refund(store, tripId, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(refundedOnGateway(store)).toBe(0);
  });
});
