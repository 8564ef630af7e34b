// The emulator panel's server on port 0: it serves the panel page and its assets (and not the
// cart's own page), refuses WebSocket upgrades from other origins, parses every request with the
// panel protocol, answers searches and requests, and pushes the hardware's state as it changes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { panelMessageSchema, type PanelMessage } from '../../../../cart-app/common/emulator-protocol/messages.js';
import { EmulatorPanel } from '../../../../cart-app/node/emulated-store/emulator-panel.js';
import { startPanelServer, type PanelServer } from '../../../../cart-app/node/emulated-store/panel-server.js';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog } from '../../cart-fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tally-panel-server-'));
let cart: EmulatedCart;
let server: PanelServer;

beforeAll(async () => {
  const dist = path.join(dir, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'emulator.html'), '<!doctype html><title>emulator</title>');
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>cart</title>');
  writeFileSync(path.join(dist, 'assets', 'panel.js'), 'export {};');
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock: new SimulatedClock(Date.UTC(2026, 10, 23, 10)), cartId: 'cart-s', settings: defaultCartSettings, shopper: { shopperId: 'ana', member: true } });
  if (!opened.ok) throw opened.error;
  cart = opened.value;
  server = await startPanelServer({ panel: new EmulatorPanel(cart), distDir: dist, port: 0, everyMs: 20 });
});
afterAll(async () => {
  await server.close();
  cart.close();
  rmSync(dir, { recursive: true, force: true });
});

const wsUrl = (): string => `${server.url.replace(/^http/, 'ws')}ws`;

/** A connected panel: every message it got, parsed with the protocol (a message that fails to parse fails the test). */
async function connect(origin = server.url.replace(/\/$/, '')): Promise<{ socket: WebSocket; messages: PanelMessage[]; next: (match: (m: PanelMessage) => boolean) => Promise<PanelMessage> }> {
  const socket = new WebSocket(wsUrl(), { origin });
  const messages: PanelMessage[] = [];
  const waiters: { match: (m: PanelMessage) => boolean; resolve: (m: PanelMessage) => void }[] = [];
  socket.on('message', (data: Buffer) => {
    const message = panelMessageSchema.parse(JSON.parse(data.toString()));
    messages.push(message);
    for (const w of waiters.splice(0)) if (w.match(message)) w.resolve(message);
    else waiters.push(w);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = (match: (m: PanelMessage) => boolean): Promise<PanelMessage> => {
    const seen = messages.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return { socket, messages, next };
}

describe('the emulator panel server', () => {
  it('serves the panel page at / and its assets, and nothing else', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>emulator</title>');
    expect((await fetch(`${server.url}assets/panel.js`)).status).toBe(200);
    for (const other of ['index.html', 'assets/../index.html', 'assets/%2e%2e/%2e%2e/session.log', 'ws', 'assets/nothing.js']) expect((await fetch(`${server.url}${other}`)).status, other).toBe(404);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses WebSocket upgrades from another origin or for another path', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(server.url.replace('http:', 'https:').replace(/\/$/, ''))).rejects.toThrow(/403/);
    const elsewhere = new WebSocket(`${server.url.replace(/^http/, 'ws')}other`);
    await expect(new Promise((_, reject) => elsewhere.once('error', reject))).rejects.toThrow(/403/);
  });

  it('sends the hardware state at once, answers a search and a request, and pushes the changed state', async () => {
    const { socket, next } = await connect();
    expect((await next((m) => m.type === 'state')).type).toBe('state');
    socket.send(JSON.stringify({ type: 'search', id: 1, query: 'apple juice' }));
    const found = await next((m) => m.type === 'products');
    expect(found.type === 'products' && found.products[0]?.sku).toBe('juice-bravo-apple');
    socket.send(JSON.stringify({ type: 'show', id: 2, code: '7350099101014' }));
    expect(await next((m) => m.type === 'reply')).toEqual({ type: 'reply', id: 2, ok: true, text: 'The camera read EAN_13 7350099101014: Added Bravo Apple Juice 1 L.' });
    const shown = await next((m) => m.type === 'state' && m.state.camera !== null);
    expect(shown.type === 'state' && shown.state.camera?.read?.text).toBe('7350099101014');
    socket.close();
  });

  it.each([
    ['not JSON', '{type:', /not JSON/],
    ['an unknown request', JSON.stringify({ type: 'teleport', id: 3 }), /not a request the emulator knows/],
    ['grams out of range', JSON.stringify({ type: 'put', id: 4, grams: -5, what: 'x' }), /grams/],
    ['NaN-ish seconds', JSON.stringify({ type: 'push', id: 5, seconds: 1e9 }), /seconds/],
    ['an extra field', JSON.stringify({ type: 'help', id: 6, sudo: true }), /not a request/],
    ['an empty code', JSON.stringify({ type: 'show', id: 7, code: '   ' }), /code/],
  ])('answers %s with an error and carries nothing out', async (_what, text, message) => {
    const { socket, next } = await connect();
    const before = cart.runtime.state.lastSeq;
    socket.send(text);
    const error = await next((m) => m.type === 'error');
    expect(error.type === 'error' && error.message).toMatch(message);
    expect(cart.runtime.state.lastSeq).toBe(before);
    socket.close();
  });

  it('refuses binary frames, and closes a socket that sends a frame far past any request', async () => {
    const { socket, next } = await connect();
    socket.send(Buffer.from([1, 2, 3]));
    const error = await next((m) => m.type === 'error');
    expect(error.type === 'error' && error.message).toMatch(/text messages only/);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'search', id: 9, query: 'x'.repeat(20_000) }));
    expect(await closed).toBe(1009);
  });
});
