import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../../cart-app/common/ui-protocol/intents.js';
import type { CartSnapshot } from '../../../../cart-app/common/ui-protocol/snapshot.js';
import { resolveStaticPath } from '../../../../cart-app/node/ui-server/static-files.js';
import { startUiServer, type UiServer } from '../../../../cart-app/node/ui-server/ui-server.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { demoCatalog, gtinOf, openCart, type CartFixture } from '../../cart-fixture.js';

type Message = ServerMessage<CartSnapshot>;

let catalog: Catalog;
let dist: string;
beforeAll(async () => {
  catalog = await demoCatalog();
  dist = mkdtempSync(path.join(tmpdir(), 'tally-ui-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>cart</title>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'export {};');
  return () => rmSync(dist, { recursive: true, force: true });
});

const open: { cart: CartFixture; server: UiServer }[] = [];
afterEach(async () => {
  for (const { cart, server } of open.splice(0)) {
    await server.close();
    cart.runtime.close();
    cart.cleanup();
  }
});

async function serve(): Promise<{ cart: CartFixture; server: UiServer; ws: string }> {
  const cart = openCart(catalog);
  const server = await startUiServer({ runtime: cart.runtime, distDir: dist, port: 0 });
  open.push({ cart, server });
  return { cart, server, ws: `${server.url.replace('http', 'ws')}ws` };
}

/** A screen: a WebSocket client that keeps every message and can wait for the next one that matches. */
async function screen(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const messages: Message[] = [];
  const waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Message;
    messages.push(message);
    for (const w of waiters.splice(0)) {
      if (w.test(message)) w.resolve(message);
      else waiters.push(w);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = (test: (m: Message) => boolean): Promise<Message> => {
    const seen = messages.find(test);
    if (seen) {
      messages.splice(messages.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => waiters.push({ test, resolve: (m) => (messages.splice(messages.indexOf(m), 1), resolve(m)) }));
  };
  return { socket, next, messages };
}

describe('the UI server', () => {
  it('pushes a snapshot on connect and after every change, and answers intents and searches', async () => {
    const { ws } = await serve();
    const s = await screen(ws);
    const first = await s.next((m) => m.type === 'snapshot');
    expect(first.type === 'snapshot' && first.snapshot.trip?.lines).toEqual([]);
    s.socket.send(JSON.stringify({ type: 'intent', id: 7, intent: { type: 'scan', code: gtinOf(catalog, 'juice-bravo-apple') } }));
    expect(await s.next((m) => m.type === 'reply')).toEqual({ type: 'reply', id: 7, ok: true });
    const after = await s.next((m) => m.type === 'snapshot');
    expect(after.type === 'snapshot' && after.snapshot.trip?.lines.map((l) => l.sku)).toEqual(['juice-bravo-apple']);
    s.socket.send(JSON.stringify({ type: 'intent', id: 8, intent: { type: 'scan', code: '4011' } }));
    expect(await s.next((m) => m.type === 'reply')).toMatchObject({ id: 8, ok: false, error: { code: 'needs-weight' } });
    s.socket.send(JSON.stringify({ type: 'search', id: 9, query: 'plátano' }));
    const found = await s.next((m) => m.type === 'searchResults');
    expect(found.type === 'searchResults' && found.results[0]?.sku).toBe('banana');
    s.socket.close();
  });

  it('pushes changes made by another screen (the camera, the terminal) to every screen', async () => {
    const { ws, cart } = await serve();
    const a = await screen(ws);
    const b = await screen(ws);
    await a.next((m) => m.type === 'snapshot');
    await b.next((m) => m.type === 'snapshot');
    cart.runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'milk-whole-gallon') });
    for (const s of [a, b]) {
      const m = await s.next((x) => x.type === 'snapshot');
      expect(m.type === 'snapshot' && m.snapshot.lastScan?.lineId).toBe(m.type === 'snapshot' ? m.snapshot.trip?.lines[0]?.lineId : 'x');
      s.socket.close();
    }
  });

  it('answers malformed messages with a typed error and keeps serving', async () => {
    const { ws, cart } = await serve();
    const s = await screen(ws);
    await s.next((m) => m.type === 'snapshot');
    const nasty: (string | Buffer)[] = [
      'not json',
      '{"type":"intent"',
      'null',
      '[]',
      '"scan"',
      JSON.stringify({ type: 'intent', id: -1, intent: {} }),
      JSON.stringify({ type: 'intent', id: 1.5, intent: {} }),
      JSON.stringify({ type: 'hack', id: 1 }),
      JSON.stringify({ type: 'search', id: 1, query: 'x'.repeat(81) }),
      JSON.stringify({ type: 'intent', id: 1, intent: {}, extra: 1 }),
      JSON.stringify({ __proto__: { type: 'intent' }, id: 1 }),
      Buffer.from([0xff, 0x00, 0x01]),
    ];
    for (const message of nasty) {
      s.socket.send(message, { binary: Buffer.isBuffer(message) });
      expect(await s.next((m) => m.type === 'error')).toMatchObject({ type: 'error', code: 'bad-message', message: expect.any(String) });
    }
    // A well-formed message with a bad intent gets a reply, not a crash.
    s.socket.send(JSON.stringify({ type: 'intent', id: 2, intent: { type: 'changeQuantity', lineId: '../../etc', quantity: 1e9 } }));
    expect(await s.next((m) => m.type === 'reply')).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-intent' } });
    expect(cart.runtime.state.lastSeq).toBe(2); // paired and signed in, nothing else
    s.socket.close();
  });

  it('closes a screen that sends an oversized frame, and serves the next one', async () => {
    const { ws } = await serve();
    const s = await screen(ws);
    await s.next((m) => m.type === 'snapshot');
    const closed = new Promise<number>((resolve) => s.socket.once('close', (code) => resolve(code)));
    s.socket.send('x'.repeat(64 * 1024));
    expect(await closed).toBe(1009);
    const again = await screen(ws);
    expect((await again.next((m) => m.type === 'snapshot')).type).toBe('snapshot');
    again.socket.close();
  });

  it('refuses WebSocket upgrades from another origin or host, and on other paths', async () => {
    const { ws, server } = await serve();
    const refused = (url: string, headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.once('open', () => resolve('opened'));
        socket.once('error', (error) => resolve(error.message));
      });
    expect(await refused(ws, { origin: 'http://evil.example' })).toMatch(/403/);
    expect(await refused(ws, { host: 'evil.example' })).toMatch(/403/);
    expect(await refused(ws.replace(/ws$/, 'other'), {})).toMatch(/403/);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the built UI and nothing outside its folder', async () => {
    const { server } = await serve();
    const get = async (p: string, method = 'GET') => {
      const response = await fetch(new URL(p, server.url), { method });
      return [response.status, response.headers.get('content-type')];
    };
    expect(await get('/')).toEqual([200, 'text/html; charset=utf-8']);
    expect(await get('/assets/app.js')).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await get('/assets/missing.js')).toEqual([404, 'text/plain; charset=utf-8']);
    expect(await get('/%2e%2e/%2e%2e/package.json')).toEqual([404, 'text/plain; charset=utf-8']);
    expect(await get('/', 'POST')).toEqual([405, null]);
    expect(resolveStaticPath('/srv/ui', '/../../etc/passwd')).toBeNull();
    expect(resolveStaticPath('/srv/ui', '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveStaticPath('/srv/ui', '/%E0%A4%A')).toBeNull();
    expect(resolveStaticPath('/srv/ui', '/a%00.html')).toBeNull();
    expect(resolveStaticPath('/srv/ui', '/?x=1')).toBe('/srv/ui/index.html');
  });

  it('keeps recording while a screen has stopped reading, skipping snapshots it cannot take', async () => {
    const { server, cart } = await serve();
    const { port } = new URL(server.url);
    // A real stuck screen: it completes the WebSocket handshake, then never reads another byte.
    const stuck = tcpConnect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => stuck.once('connect', () => resolve()));
    const upgraded = new Promise<void>((resolve) => stuck.once('data', () => resolve()));
    stuck.write(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await upgraded;
    stuck.pause();
    const eachItems = catalog.products.filter((p) => p.soldBy === 'each' && p.gtins.length > 0).slice(0, 60);
    for (const product of eachItems) expect(cart.runtime.dispatch({ type: 'scan', code: gtinOf(catalog, product.sku) }).ok).toBe(true);
    const lineIds = cart.runtime.trip?.basket.map((l) => l.lineId) ?? [];
    for (let round = 2; round <= 6; round += 1) {
      for (const lineId of lineIds) expect(cart.runtime.dispatch({ type: 'changeQuantity', lineId, quantity: round }).ok).toBe(true);
    }
    expect(cart.runtime.state.lastSeq).toBe(2 + eachItems.length * 6);
    expect(server.skippedSnapshots).toBeGreaterThan(0);
    // A screen that joins now gets the latest state straight away.
    const fresh = await screen(`${server.url.replace('http', 'ws')}ws`);
    const latest = await fresh.next((m) => m.type === 'snapshot');
    expect(latest.type === 'snapshot' && latest.snapshot.seq).toBe(cart.runtime.state.lastSeq);
    fresh.socket.close();
    stuck.destroy();
  });
});
