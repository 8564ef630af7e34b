// The cart half of `tally emulate` against a real store server listening on port 0: pairing
// approved by the demo manager, the demo shopper signed in through the QR, the touch UI served,
// the cart live on the store's fleet board with its virtual battery, a price changed in the store
// reaching the cart's basket, and a restart that finds the same cart paired and the same trip.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartWindow } from '../../../../cart-app/node/emulated-store/cart-window.js';
import { emulatedStoreLayout } from '../../../../cart-app/node/emulated-store/data-folder.js';
import { newDemoManager, type ManagerCredentials } from '../../../../cart-app/node/emulated-store/demo-manager.js';
import { EmulatedStoreError } from '../../../../cart-app/node/emulated-store/errors.js';
import { launchEmulatedCart, type LaunchCartOptions } from '../../../../cart-app/node/emulated-store/launch-cart.js';
import { StaffDesk } from '../../../../cart-app/node/emulated-store/staff-desk.js';
import { demoCatalogPath } from '../../../../cli/paths.js';
import { systemClock } from '../../../../domain/common/clock.js';
import { addManager } from '../../../../store/node/add-manager.js';
import { openStoreDatabase } from '../../../../store/node/open-store.js';
import { buildStoreServer } from '../../../../store/node/server/build-server.js';
import type { SqlDatabase } from '../../../../store/node/storage/sql-database.js';
import { cheapScrypt, seededSecureRandom } from '../../../store/node/test-store.js';
import { nextEvent } from '../store-link/paired-cart.js';

describe('launching the emulated cart against a store', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-launch-cart-'));
  const layout = emulatedStoreLayout(path.join(dir, 'data'));
  const uiDist = path.join(dir, 'ui');
  let db: SqlDatabase;
  let app: FastifyInstance;
  let storeUrl: string;
  let manager: ManagerCredentials;
  /** The trip the first launch signed the shopper in on. */
  let firstTrip: string | undefined;

  beforeAll(async () => {
    mkdirSync(uiDist);
    writeFileSync(path.join(uiDist, 'index.html'), '<!doctype html><title>cart</title>');
    writeFileSync(path.join(uiDist, 'emulator.html'), '<!doctype html><title>emulator</title>');
    const random = seededSecureRandom(11);
    db = await openStoreDatabase({ dataDir: path.join(dir, 'store') }, systemClock);
    app = await buildStoreServer({ db, clock: systemClock, random, scrypt: cheapScrypt });
    const imported = await app.storeCatalog.import(JSON.parse(readFileSync(demoCatalogPath, 'utf8')), null);
    if (!imported.ok) throw new Error('the demo catalog did not import');
    manager = newDemoManager((n) => random.bytes(n));
    const added = await addManager(db, manager, { clock: systemClock, random, scrypt: cheapScrypt });
    if (!added.ok) throw new Error(added.error);
    storeUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const launch = (lines: string[], opened: string[], overrides: Partial<LaunchCartOptions> = {}) =>
    launchEmulatedCart({
      layout,
      storeUrl,
      manager,
      version: '0.1.0',
      uiDist,
      uiPort: 0,
      panelPort: 0,
      log: (line) => lines.push(line),
      openWindow: (url): CartWindow => {
        opened.push(url);
        return { shownIn: 'browser', reason: 'a test', close: () => undefined };
      },
      ...overrides,
    });

  it('pairs the cart as the demo manager, signs the demo shopper in through the QR and serves the UI', async () => {
    const lines: string[] = [];
    const opened: string[] = [];
    const cart = await launch(lines, opened);
    try {
      expect(lines.join('\n')).toMatch(new RegExp(`Cart ${cart.cartId} asked to pair with code [A-Z0-9]{4}-[A-Z0-9]{4}; approved by demo-manager`));
      expect(lines.join('\n')).toMatch(/Demo Shopper signed in by showing their QR to the cart camera: trip trip_\S+, \$150\.00 held on their card/);
      const board = await (await StaffDesk.signIn(storeUrl, manager)).carts();
      expect(board).toContainEqual(expect.objectContaining({ id: cart.cartId, name: 'Emulated cart 1', state: 'paired' }));
      const trip = cart.cart.runtime.snapshot().trip;
      expect(trip?.member).toBe(true);
      expect(trip?.lines).toEqual([]);
      firstTrip = trip?.tripId;
      expect(opened).toEqual([cart.uiUrl]);
      expect((await fetch(cart.uiUrl)).status).toBe(200);
      expect(await (await fetch(cart.panelUrl)).text()).toContain('<title>emulator</title>');
      expect(cart.shopperPageUrl).toMatch(new RegExp(`^${storeUrl}/shopper/#link=[A-Za-z0-9_-]{20,}$`));
      expect(readFileSync(layout.cartId, 'utf8').trim()).toBe(cart.cartId);
    } finally {
      await cart.close();
    }
    await expect(fetch(cart.uiUrl)).rejects.toThrow();
    await expect(fetch(cart.panelUrl)).rejects.toThrow();
  });

  it('finds the same cart paired and the same trip after a restart, asking the store for neither again', async () => {
    expect(firstTrip).toMatch(/^trip_/);
    const lines: string[] = [];
    const cart = await launch(lines, []);
    try {
      expect(lines.join('\n')).toContain(`Cart ${cart.cartId} is paired with the store (from an earlier start).`);
      expect(lines.join('\n')).toContain(`carries on with trip ${firstTrip ?? '?'}`);
      expect(cart.cart.runtime.trip?.tripId).toBe(firstTrip);
      const board = await (await StaffDesk.signIn(storeUrl, manager)).carts();
      expect(board.filter((c) => c.name === 'Emulated cart 1')).toHaveLength(1);
    } finally {
      await cart.close();
    }
  });

  it('shows the cart live on the fleet board with its virtual battery, and takes a new price from the store', async () => {
    const cart = await launch([], []);
    try {
      if (cart.fleet.lastAckAt === null) await nextEvent(cart.fleet, 'ack');
      const board = await (await StaffDesk.signIn(storeUrl, manager)).carts();
      const entry = board.find((c) => c.id === cart.cartId) as { silent?: boolean; lastReport?: { battery: number; version: string; state: string } } | undefined;
      const soc = cart.cart.readout().battery?.soc ?? Number.NaN;
      expect(entry).toMatchObject({ silent: false, lastReport: { version: '0.1.0', state: 'shopping' } });
      expect(Math.abs((entry?.lastReport?.battery ?? -1) - soc)).toBeLessThanOrEqual(1);

      const { runtime } = cart.cart;
      expect(runtime.dispatch({ type: 'scan', code: '7350099101014' }).ok).toBe(true);
      const line = runtime.snapshot().trip?.lines.at(-1);
      expect(line?.sku).toBe('juice-bravo-apple');
      const document = JSON.parse(readFileSync(demoCatalogPath, 'utf8')) as { version: number; products: { sku: string; price?: number }[] };
      const price = (line?.unitPrice ?? 0) + 25;
      document.version = 2;
      document.products = document.products.map((p) => (p.sku === 'juice-bravo-apple' ? { ...p, price } : p));
      expect((await app.storeCatalog.import(document, null)).ok).toBe(true);
      expect(await cart.catalogSync.syncNow()).toBe('updated');
      expect(runtime.snapshot().trip?.lines.find((l) => l.lineId === line?.lineId)?.unitPrice).toBe(price);
      expect(existsSync(layout.catalogCopy)).toBe(true);
    } finally {
      await cart.close();
    }
  });

  it('hears staff lock the cart from the store, then takes no new trip until unlocked', async () => {
    const cart = await launch([], []);
    try {
      if (!cart.fleet.connected) await nextEvent(cart.fleet, 'connected');
      const login = await fetch(`${storeUrl}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(manager) });
      const { token } = (await login.json()) as { token: string };
      const patch = (body: unknown): Promise<Response> => fetch(`${storeUrl}/api/carts/${cart.cartId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const locked = nextEvent(cart.fleet, 'locked');
      expect((await patch({ locked: true, lockReason: 'wheel broken' })).status).toBe(200);
      await locked;
      const { runtime } = cart.cart;
      expect(runtime.storeHold).toBe('wheel broken');
      expect(runtime.startTrip()).toMatchObject({ ok: false, error: { message: expect.stringContaining('wheel broken') } });
      const unlocked = nextEvent(cart.fleet, 'unlocked');
      expect((await patch({ locked: false })).status).toBe(200);
      await unlocked;
      expect(runtime.storeHold).toBeNull();
    } finally {
      await cart.close();
    }
  });

  it('refuses with the store\'s words when the manager password is wrong, or the store does not answer', async () => {
    const wrong = launch([], [], { manager: { name: manager.name, password: 'not the password at all' } });
    await expect(wrong).rejects.toBeInstanceOf(EmulatedStoreError);
    await expect(wrong).rejects.toThrow(/401, bad-credentials/);
    await expect(launch([], [], { storeUrl: 'http://127.0.0.1:9' })).rejects.toThrow(/did not answer POST \/api\/staff\/login/);
  });

  it('closes what it opened when the UI port is taken', async () => {
    const lines: string[] = [];
    const first = await launch(lines, []);
    try {
      const port = Number(new URL(first.uiUrl).port);
      await expect(launch([], [], { uiPort: port })).rejects.toThrow(new RegExp(`touch UI could not listen on port ${port}`));
    } finally {
      await first.close();
    }
  });
});
