// What the exit lane shows: every checkout at a lane ends in a green or red lane event on the
// store's live WebSocket, which the lane's display and the staff board listen to.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { DEMO_BASKET_TOTAL, LANE_ID, laneStore, readyTrip, type LaneStore } from './lane-store.js';

const sockets: WebSocket[] = [];
const stores: LaneStore[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const store of stores.splice(0)) await store.app.close();
});

/** The staff board's live socket, keeping only lane events, in order. */
async function laneEvents(store: LaneStore): Promise<Record<string, unknown>[]> {
  const url = (await store.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws');
  const ws = new WebSocket(`${url}/api/fleet/live`, { headers: { authorization: `Bearer ${store.manager}` } });
  sockets.push(ws);
  const seen: Record<string, unknown>[] = [];
  const snapshot = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === 'lane') seen.push(message);
      if (message.type === 'snapshot') resolve();
    }),
  );
  await snapshot;
  return seen;
}

/** Lets the socket deliver what the store sent before the last answer. */
const delivered = (events: readonly unknown[], count: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const check = (tries: number): void => {
      if (events.length >= count) resolve();
      else if (tries === 0) reject(new Error(`only ${events.length} of ${count} lane events arrived`));
      else setImmediate(() => check(tries - 1));
    };
    check(10_000);
  });

describe('the lane display', () => {
  it('turns green with the amount when the trip is paid, and red with the reason when it is not', async () => {
    const store = await laneStore();
    stores.push(store);
    const events = await laneEvents(store);

    const good = await readyTrip(store);
    expect((await store.checkout(good.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: good.events })).statusCode).toBe(200);
    const broke = await readyTrip(store, SANDBOX_METHODS.insufficientFunds);
    expect((await store.checkout(broke.tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events: broke.events })).statusCode).toBe(402);
    const forged = await readyTrip(store);
    expect((await store.checkout(forged.tripId, { laneId: LANE_ID, laneFrame: '00'.repeat(24), events: forged.events })).statusCode).toBe(403);

    await delivered(events, 3);
    expect(events).toEqual([
      expect.objectContaining({ type: 'lane', laneId: LANE_ID, cartId: store.cart.cartId, tripId: good.tripId, result: 'green', total: DEMO_BASKET_TOTAL, currency: 'usd', minorUnits: 2 }),
      expect.objectContaining({ type: 'lane', laneId: LANE_ID, tripId: broke.tripId, result: 'red', reason: 'payment-failed' }),
      expect.objectContaining({ type: 'lane', laneId: LANE_ID, tripId: forged.tripId, result: 'red', reason: 'lane-token-refused' }),
    ]);
  });
});
