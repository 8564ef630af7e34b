// The live fleet over real WebSockets on port 0: carts report, the board sees it, a cart that
// stops reporting goes silent when the simulated clock passes the window.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bindings } from '../databases.js';
import { TestCart, testStore, type TestStore } from '../test-store.js';

const sqlite = bindings[0]!;
const report = { battery: 12, charging: false, docked: false, state: 'idle', version: '0.1.0', faults: [] };

const sockets: WebSocket[] = [];
const stores: TestStore[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const store of stores.splice(0)) await store.app.close();
});

async function listening(): Promise<{ store: TestStore; base: string }> {
  const store = await testStore(sqlite, { catalog: false });
  stores.push(store);
  const url = await store.app.listen({ port: 0, host: '127.0.0.1' });
  return { store, base: url.replace(/^http/, 'ws') };
}

/** Messages as they arrive, awaited one at a time. */
function inbox(ws: WebSocket): () => Promise<Record<string, unknown>> {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const next = waiting.shift();
    if (next) next(message);
    else queue.push(message);
  });
  return () => {
    const ready = queue.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
}

interface Live {
  readonly ws: WebSocket;
  readonly next: () => Promise<Record<string, unknown>>;
}

/** Opens a socket with its inbox attached first: a message may arrive with the handshake itself. */
function open(url: string, headers: Record<string, string>): Promise<Live> {
  const ws = new WebSocket(url, { headers });
  sockets.push(ws);
  const next = inbox(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const cartSocket = (base: string, cart: TestCart): Promise<Live> =>
  open(`${base}/api/cart/live`, cart.signed('GET', '/api/cart/live').headers as Record<string, string>);

describe('live fleet', () => {
  it('shows a cart’s reports on the board, flags it for charging, and marks it silent on the clock', async () => {
    const { store, base } = await listening();
    const cart = new TestCart(store);
    const cartId = await cart.pair();

    const { next: boardNext } = await open(`${base}/api/fleet/live`, { authorization: `Bearer ${store.manager}` });
    expect(await boardNext()).toMatchObject({ type: 'snapshot', carts: [{ id: cartId, silent: true, lastReport: null }] });

    const { ws: live, next: cartNext } = await cartSocket(base, cart);
    live.send(JSON.stringify(report));
    expect(await cartNext()).toMatchObject({ type: 'ack' });
    expect(await boardNext()).toMatchObject({ type: 'report', cartId, report });
    const carts = (await store.staff(store.manager, 'GET', '/api/carts')).json() as { carts: unknown[] };
    expect(carts.carts).toEqual([expect.objectContaining({ id: cartId, silent: false, needsCharge: true })]);

    // Too soon after the last one: dropped, and the cart is told.
    live.send(JSON.stringify(report));
    expect(await cartNext()).toMatchObject({ type: 'error', error: 'too-frequent' });

    store.clock.advance(30_000);
    expect(await boardNext()).toMatchObject({ type: 'silent', cartId });
    expect(((await store.staff(store.manager, 'GET', '/api/carts')).json() as { carts: { silent: boolean }[] }).carts[0]?.silent).toBe(true);
  });

  it('answers a bad report with its problems and keeps the connection', async () => {
    const { store, base } = await listening();
    const cart = new TestCart(store);
    await cart.pair();
    const { ws: live, next } = await cartSocket(base, cart);
    live.send('{"battery": 250');
    expect(await next()).toMatchObject({ type: 'error', error: 'invalid-report' });
    live.send(JSON.stringify({ ...report, battery: 250 }));
    expect(await next()).toMatchObject({ type: 'error', issues: [{ path: 'battery' }] });
    live.send(JSON.stringify(report));
    expect(await next()).toMatchObject({ type: 'ack' });
  });

  it('refuses unsigned, replayed and unpaired carts, and staff without a session', async () => {
    const { store, base } = await listening();
    const cart = new TestCart(store);
    await cart.pair();
    await expect(open(`${base}/api/cart/live`, {})).rejects.toThrow('refused with 401');
    const headers = cart.signed('GET', '/api/cart/live').headers as Record<string, string>;
    await open(`${base}/api/cart/live`, headers);
    await expect(open(`${base}/api/cart/live`, headers)).rejects.toThrow('refused with 401');
    const pending = new TestCart(store);
    pending.cartId = ((await pending.send('POST', '/api/pairing', { publicKey: pending.keys.publicKey })).json() as { cartId: string }).cartId;
    await expect(cartSocket(base, pending)).rejects.toThrow('refused with 403');
    await expect(open(`${base}/api/fleet/live`, { authorization: 'Bearer nope-nope-nope-nope-nope' })).rejects.toThrow('refused with 401');
    await expect(open(`${base}/api/elsewhere`, {})).rejects.toThrow('refused with 404');
  });

  it('tells a connected cart it was locked, and hangs up on it when it is unpaired', async () => {
    const { store, base } = await listening();
    const cart = new TestCart(store);
    const cartId = await cart.pair();
    const { ws: live, next } = await cartSocket(base, cart);
    await store.staff(store.manager, 'PATCH', `/api/carts/${cartId}`, { locked: true, lockReason: 'wheel broken' });
    expect(await next()).toEqual({ type: 'locked', reason: 'wheel broken' });
    const closed = new Promise<number>((resolve) => live.once('close', (code) => resolve(code)));
    await store.staff(store.manager, 'DELETE', `/api/carts/${cartId}`);
    expect(await closed).toBe(4003);
    await expect(cartSocket(base, cart)).rejects.toThrow('refused with 403');
  });

  it('stops promptly with carts and a board still connected, hanging up on them', async () => {
    const { store, base } = await listening();
    const cart = new TestCart(store);
    await cart.pair();
    const { ws: live } = await cartSocket(base, cart);
    const { ws: board } = await open(`${base}/api/fleet/live`, { authorization: `Bearer ${store.manager}` });
    const hungUp = Promise.all([live, board].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))));
    // Before the fix the server waited for these sockets before ending them, and never closed.
    await store.app.close();
    stores.splice(stores.indexOf(store), 1);
    await hungUp;
  });

  it('closes a board when the staff session ends', async () => {
    const { store, base } = await listening();
    const { ws: board } = await open(`${base}/api/fleet/live`, { authorization: `Bearer ${store.manager}` });
    const closed = new Promise<number>((resolve) => board.once('close', (code) => resolve(code)));
    store.clock.advance(10 * 60 * 60_000);
    expect(await closed).toBe(4001);
  });
});
