// The cart's catalog sync against a real store on a free port: the whole catalog first, a
// price change as a delta at the next poll, the cart selling from its copy while the store is
// down and from its disk copy after a restart, a damaged disk copy set aside, and a store that
// answers nonsense refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogSync, type CatalogSyncEvent, type CatalogSyncOptions } from '../../../../cart-app/node/store-link/catalog-sync.js';
import { writeCatalogCopy } from '../../../../cart-app/node/store-link/catalog-copy.js';
import { importDocument } from '../../../../cart-app/node/store-link/import-document.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { demoCatalog } from '../../../store/node/test-store.js';
import { liveStore, nextEvent, type LiveStore } from './paired-cart.js';

const closers: (() => Promise<unknown>)[] = [];
const syncs: CatalogSync[] = [];
afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.stop();
  for (const close of closers.splice(0).reverse()) await close();
});

const POLL_MS = 3_000;

function syncFor(live: LiveStore, options: Partial<CatalogSyncOptions> = {}): { sync: CatalogSync; events: CatalogSyncEvent[] } {
  const sync = new CatalogSync({ ...live.cart, file: path.join(live.folder, 'catalog.json'), pollMs: POLL_MS, maxBackoffMs: 4 * POLL_MS, ...options });
  syncs.push(sync);
  const events: CatalogSyncEvent[] = [];
  sync.on((event) => events.push(event));
  return { sync, events };
}

async function started(): Promise<LiveStore> {
  const live = await liveStore();
  closers.push(() => live.close());
  return live;
}

/** Writes `document` as the cart's disk copy, the way the sync writes it. */
async function saveCopy(file: string, document: unknown): Promise<void> {
  const copy = importDocument(document);
  if (!copy.ok) throw new Error(copy.error);
  expect((await writeCatalogCopy(file, copy.value.document)).ok).toBe(true);
}

/** A folder for a cart's files, removed after the test. */
function cartFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'tally-catalog-sync-'));
  closers.push(async () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const firstProduct = (): { sku: string; price: number } => demoCatalog().products.find((p) => typeof p.price === 'number' && p.soldBy !== 'weight') as { sku: string; price: number };

describe('catalog sync against a real store', () => {
  it('fetches the whole catalog first, then a price change arrives as a delta at the next poll', async () => {
    const live = await started();
    const { sync, events } = syncFor(live);
    await sync.start();
    expect(events.map((e) => e.type)).toEqual(['catalog']);
    expect(events[0]).toMatchObject({ source: 'full', version: 1 });
    const { sku, price } = firstProduct();
    expect(sync.catalog?.bySku(sku)?.price).toBe(price);

    // Nothing new: the next poll changes nothing.
    expect(await sync.syncNow()).toBe('current');

    const next = demoCatalog();
    next.version = 2;
    next.products = next.products.map((p) => (p.sku === sku ? { ...p, price: price + 10 } : p));
    expect((await live.staff('POST', '/api/catalog', next)).statusCode).toBe(201);
    const arrived = nextEvent(sync, 'catalog');
    live.store.clock.advance(POLL_MS);
    expect(await arrived).toMatchObject({ source: 'delta', version: 2 });
    expect(sync.catalog?.bySku(sku)?.price).toBe(price + 10);
    expect(sync.version).toBe(2);

    // The copy on disk is the new version, and a cart starting from it starts there.
    sync.stop();
    const restarted = syncFor(live);
    await restarted.sync.start();
    expect(restarted.events.map((e) => e.type === 'catalog' ? `${e.type}:${e.source}:${e.version}` : e.type)).toEqual(['catalog:disk:2']);
    expect(restarted.sync.catalog?.bySku(sku)?.price).toBe(price + 10);
  });

  it('keeps selling from its copy and says offline while the store is down, and comes back', async () => {
    const live = await started();
    const { sync, events } = syncFor(live);
    await sync.start();
    const held = sync.catalog;

    await live.stop();
    const offline = nextEvent(sync, 'offline');
    live.store.clock.advance(POLL_MS);
    expect(await offline).toMatchObject({ since: live.store.clock.now(), reason: expect.stringContaining('did not answer') });
    expect(sync.catalog).toBe(held);
    expect(sync.offlineSince).toBe(live.store.clock.now());
    // Still down: the cart keeps its copy, says offline once, and tries again less often.
    expect(await sync.syncNow()).toBe('offline');
    expect(events.filter((e) => e.type === 'offline')).toHaveLength(1);

    await live.restart();
    const online = nextEvent(sync, 'online');
    live.store.clock.advance(4 * POLL_MS);
    await online;
    expect(sync.offlineSince).toBeNull();
    expect(sync.catalog).toBe(held);
  });

  it('starts from nothing when the store is down and it has no copy, and says so', async () => {
    const live = await started();
    await live.stop();
    const { sync, events } = syncFor(live);
    await sync.start();
    expect(sync.catalog).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['offline']);
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['a price changed on disk', (text: string) => text.replace(/"price":(\d+)/, (_m, p: string) => `"price":${Number(p) + 1}`)],
    ['not a copy at all', () => '{"format":"tally-catalog/1"}'],
    ['empty', () => ''],
  ])('sets aside a disk copy that is %s and fetches the whole catalog', async (_what, spoil) => {
    const live = await started();
    const file = path.join(live.folder, 'catalog.json');
    await saveCopy(file, demoCatalog());
    writeFileSync(file, spoil(readFileSync(file, 'utf8')));
    const { sync, events } = syncFor(live);
    await sync.start();
    expect(events.map((e) => (e.type === 'problem' ? e.problem.kind : e.type === 'catalog' ? e.source : e.type))).toEqual(['damaged-copy', 'full']);
    const { sku, price } = firstProduct();
    expect(sync.catalog?.bySku(sku)?.price).toBe(price);
  });

  it('fetches the whole catalog when its copy is ahead of the store (a restored store)', async () => {
    const live = await started();
    const file = path.join(live.folder, 'catalog.json');
    await saveCopy(file, { ...demoCatalog(), version: 7 });
    const { sync, events } = syncFor(live);
    await sync.start();
    expect(events.map((e) => (e.type === 'catalog' ? `${e.source}:${e.version}` : e.type))).toEqual(['disk:7', 'full:1']);
  });

  it('uses a new catalog it could not save, says so, and survives a listener that throws', async () => {
    const live = await started();
    const warnings: string[] = [];
    const { sync, events } = syncFor(live, { file: path.join(live.folder, 'no-such-folder', 'catalog.json'), warn: (m) => warnings.push(m) });
    sync.on(() => {
      throw new Error('screen gone');
    });
    await sync.start();
    expect(events.map((e) => (e.type === 'problem' ? e.problem.kind : e.type))).toEqual(['not-saved', 'catalog']);
    expect(sync.version).toBe(1);
    expect(warnings).toEqual([expect.stringContaining('screen gone'), expect.stringContaining('screen gone')]);
  });

  it('is refused by the store when the cart was unpaired, and keeps its copy', async () => {
    const live = await started();
    const { sync, events } = syncFor(live);
    await sync.start();
    expect((await live.staff('DELETE', `/api/carts/${live.cart.cartId}`)).statusCode).toBeLessThan(300);
    expect(await sync.syncNow()).toBe('refused');
    expect(events.at(-1)).toMatchObject({ type: 'problem', problem: { kind: 'refused', code: 'cart-unpaired' } });
    expect(sync.catalog?.version).toBe(1);
  });
});

/** A "store" that answers every request with `answer`. */
async function fakeStore(answer: (url: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(request.url ?? '', response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('catalog sync against a store that answers nonsense', () => {
  const json = (body: unknown) => (_url: string, response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  const good = demoCatalog();
  const negativePrice = { ...good, products: good.products.map((p, i) => (i === 0 ? { ...p, price: -100 } : p)) };

  async function cartWithCopy(baseUrl: string, options: Partial<CatalogSyncOptions> = {}): Promise<{ sync: CatalogSync; events: CatalogSyncEvent[]; file: string }> {
    const file = path.join(cartFolder(), 'catalog.json');
    await saveCopy(file, good);
    const sync = new CatalogSync({ baseUrl, keys: generateCartKeys(), cartId: 'cart_x', clock: new SimulatedClock(0), file, pollMs: POLL_MS, ...options });
    syncs.push(sync);
    const events: CatalogSyncEvent[] = [];
    sync.on((event) => events.push(event));
    return { sync, events, file };
  }

  it.each([
    ['not JSON', json('<html>hello</html>')],
    ['a delta of the wrong shape', json({ format: 'tally-catalog/1', version: 2, since: 1, changed: 'everything', removed: [] })],
    ['a delta naming a SKU twice', json({ ...good, version: 2, since: 1, changed: [good.products[0], good.products[0]], removed: [] })],
    ['a delta and a catalog with a negative price', (url: string, response: ServerResponse) => json(url.includes('since') ? { ...good, version: 2, since: 1, changed: [negativePrice.products[0]], removed: [] } : { ...negativePrice, version: 2 })(url, response)],
    ['an answer bigger than the cart reads', json({ ...good, version: 2, padding: 'x'.repeat(300_000) })],
  ])('refuses %s and keeps its copy, on disk too', async (_what, answer) => {
    const url = await fakeStore(answer);
    const { sync, events, file } = await cartWithCopy(url, { maxBytes: 200_000 });
    const before = readFileSync(file, 'utf8');
    await sync.start();
    expect(events.filter((e) => e.type === 'catalog').map((e) => e.type === 'catalog' && e.source)).toEqual(['disk']);
    expect(events.some((e) => e.type === 'problem' && e.problem.kind === 'bad-answer')).toBe(true);
    expect(sync.version).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a whole catalog that breaks the schema when it has no copy', async () => {
    const url = await fakeStore(json({ ...good, products: [{ sku: 'x', name: 'x', price: 'free' }] }));
    const folder = cartFolder();
    const sync = new CatalogSync({ baseUrl: url, keys: generateCartKeys(), cartId: 'cart_x', clock: new SimulatedClock(0), file: path.join(folder, 'c.json') });
    syncs.push(sync);
    const problem = nextEvent(sync, 'problem');
    await sync.start();
    expect((await problem).problem.kind).toBe('bad-answer');
    expect(sync.catalog).toBeUndefined();
  });

  it('counts a gateway 503 as the store being down', async () => {
    const url = await fakeStore((_url, response) => response.writeHead(503).end('busy'));
    const { sync, events } = await cartWithCopy(url);
    await sync.start();
    expect(events.map((e) => e.type)).toEqual(['catalog', 'offline']);
  });
});
