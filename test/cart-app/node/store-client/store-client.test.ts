// The cart's store client against a store that misbehaves: every bad answer becomes a typed
// error the cart can show, never an exception, and every request is signed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function store(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const client = (url: string): StoreClient => new StoreClient({ baseUrl: url, keys: generateCartKeys(), clock: new SimulatedClock(1_700_000_000_000), cartId: 'cart_abc' });

describe('the store client', () => {
  it('signs every request as the cart and reads a good answer', async () => {
    const { url, seen } = await store((_q, r) => r.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ tripId: 'trip_1', shopper: { id: 's1', name: 'Ana', member: true } })));
    expect(await client(`${url}/`).startTrip('x'.repeat(40))).toEqual({ ok: true, value: { tripId: 'trip_1', shopper: { id: 's1', name: 'Ana', member: true } } });
    expect(seen[0]?.url).toBe('/api/cart/trips');
    expect(seen[0]?.headers).toMatchObject({ 'x-tally-cart': 'cart_abc', 'x-tally-timestamp': '1700000000000', 'x-tally-signature': expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) });
  });

  it("passes the store's own refusal on with its code and words", async () => {
    const { url } = await store((_q, r) => r.writeHead(402, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'payment-failed', message: 'the payment was declined' })));
    expect(await client(url).hold('trip_1')).toEqual({ ok: false, error: { code: 'payment-failed', message: 'the payment was declined', status: 402 } });
  });

  it.each([
    ['not JSON', 200, 'hello', 'bad-answer'],
    ['an error with no code', 500, '{"oops":true}', 'bad-answer'],
    ['a success of the wrong shape', 200, '{"tripId":5}', 'bad-answer'],
  ])('turns %s into a typed error', async (_what, status, body, code) => {
    const { url } = await store((_q, r) => r.writeHead(status).end(body));
    expect(await client(url).startTrip('y'.repeat(40))).toMatchObject({ ok: false, error: { code, status } });
  });

  it('says the store did not answer when nothing listens', async () => {
    const { url } = await store((_q, r) => r.end());
    await closers.pop()?.();
    expect(await client(url).hold('trip_1')).toMatchObject({ ok: false, error: { code: 'network', status: null } });
  });

  it('takes its cart id from the pairing answer', async () => {
    const { url } = await store((_q, r) => r.writeHead(201).end(JSON.stringify({ cartId: 'cart_new', code: 'ABCD-EFGH', expiresAt: 1 })));
    const c = new StoreClient({ baseUrl: url, keys: generateCartKeys(), clock: new SimulatedClock(0) });
    expect(c.cartId).toBe('pairing');
    expect((await c.requestPairing('Cart 9')).ok).toBe(true);
    expect(c.cartId).toBe('cart_new');
  });
});
