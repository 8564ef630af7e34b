// The routes behind the dashboard and the shopper page, without a browser: lanes (managers
// only), the shopper page's one-time link, session, sign-in codes and receipts (each shopper
// sees only their own), and the static pages (nothing outside the build can be named).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindings } from '../node/databases.js';
import { TestCart, testStore, type TestStore } from '../node/test-store.js';

const sqlite = bindings[0]!;
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store whose pages come from `webDir` (the store reads TALLY_STORE_WEB_DIR when it is built). */
async function storeServing(webDir: string): Promise<TestStore> {
  const before = process.env.TALLY_STORE_WEB_DIR;
  process.env.TALLY_STORE_WEB_DIR = webDir;
  try {
    return await testStore(sqlite, { catalog: false });
  } finally {
    if (before === undefined) delete process.env.TALLY_STORE_WEB_DIR;
    else process.env.TALLY_STORE_WEB_DIR = before;
  }
}

async function associate(store: TestStore): Promise<string> {
  const made = await store.staff(store.manager, 'POST', '/api/staff', { name: 'sam', role: 'associate', password: 'a long enough password' });
  expect(made.statusCode).toBe(201);
  return ((await store.login('sam', 'a long enough password')).json() as { token: string }).token;
}

describe('lanes', () => {
  it('lets every staff member list lanes and only managers add or remove them', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const sam = await associate(store);
    expect((await store.app.inject({ method: 'GET', url: '/api/lanes' })).statusCode).toBe(401);
    expect((await store.staff(sam, 'POST', '/api/lanes', { id: 1, name: 'North exit' })).statusCode).toBe(403);

    const added = await store.staff(store.manager, 'POST', '/api/lanes', { id: 1, name: 'North exit' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: 1, name: 'North exit', beaconSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await store.staff(store.manager, 'POST', '/api/lanes', { id: 1, name: 'Again' })).json()).toMatchObject({ error: 'lane-exists' });

    const listed = await store.staff(sam, 'GET', '/api/lanes');
    expect(listed.json()).toEqual({ lanes: [{ id: 1, name: 'North exit', createdAt: store.clock.now() }] });
    // The beacon secret is shown once, at creation.
    expect(listed.body).not.toContain((added.json() as { beaconSecret: string }).beaconSecret);

    expect((await store.staff(sam, 'DELETE', '/api/lanes/1')).statusCode).toBe(403);
    expect((await store.staff(store.manager, 'DELETE', '/api/lanes/1')).statusCode).toBe(204);
    expect((await store.staff(store.manager, 'DELETE', '/api/lanes/1')).statusCode).toBe(404);
    await store.app.close();
  });

  it('refuses lane numbers and names that do not fit', async () => {
    const store = await testStore(sqlite, { catalog: false });
    for (const body of [{ id: 0, name: 'x' }, { id: 65_536, name: 'x' }, { id: 1.5, name: 'x' }, { id: '1', name: 'x' }, { id: 2, name: '../etc' }, { id: 2, name: "x'; DROP TABLE lanes; --" }, { id: 2 }]) {
      const answer = await store.staff(store.manager, 'POST', '/api/lanes', body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const id of ['0', '65536', '1%3B%20DROP', '..%2F1', '-1', '99999999999']) {
      expect((await store.staff(store.manager, 'DELETE', `/api/lanes/${id}`)).statusCode, id).toBe(400);
    }
    expect((await store.staff(store.manager, 'GET', '/api/lanes')).json()).toEqual({ lanes: [] });
    await store.app.close();
  });
});

describe('the shopper page', () => {
  async function shopperWithLink(store: TestStore, email = 'li@example.com'): Promise<{ shopperId: string; link: string }> {
    const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email });
    const shopperId = (created.json() as { id: string }).id;
    const issued = await store.staff(store.manager, 'POST', `/api/shoppers/${shopperId}/page-link`);
    expect(issued.statusCode).toBe(201);
    const { link, path: linkPath } = issued.json() as { link: string; path: string };
    expect(linkPath).toBe(`/shopper/#link=${link}`);
    return { shopperId, link };
  }

  /** Opens the link as a phone would; the session cookie's `name=value`, or the refusal. */
  async function open(store: TestStore, link: string): Promise<{ status: number; cookie: string; setCookie: string }> {
    const answer = await store.app.inject({ method: 'POST', url: '/api/shopper/session', payload: { link } });
    const setCookie = String(answer.headers['set-cookie'] ?? '');
    return { status: answer.statusCode, cookie: setCookie.split(';')[0] ?? '', setCookie };
  }

  const as = (store: TestStore, cookie: string, method: 'GET' | 'POST', url: string) => store.app.inject({ method, url, headers: { cookie } });

  it('turns a one-time link into a session that issues single-use sign-in codes a cart redeems', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const { shopperId, link } = await shopperWithLink(store);
    const phone = await open(store, link);
    expect(phone.status).toBe(201);
    expect(phone.setCookie).toMatch(/^tally_shopper=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    expect((await open(store, link)).status).toBe(401);

    expect((await as(store, phone.cookie, 'GET', '/api/shopper/me')).json()).toEqual({ name: 'Li', email: 'li@example.com', membership: 'none' });
    const issued = await as(store, phone.cookie, 'POST', '/api/shopper/sign-in-code');
    expect(issued.statusCode).toBe(201);
    const code = issued.json() as { token: string; expiresAt: number; now: number };
    expect(code.expiresAt - code.now).toBe(2 * 60_000);

    const cart = new TestCart(store);
    await cart.pair();
    const other = new TestCart(store);
    await other.pair('Cart 8');
    const started = await cart.send('POST', '/api/cart/trips', { signInToken: code.token });
    expect(started.json()).toMatchObject({ shopper: { id: shopperId } });
    expect((await other.send('POST', '/api/cart/trips', { signInToken: code.token })).json()).toMatchObject({ error: 'sign-in-refused' });

    // A code not used within its two minutes is dead.
    const late = (await as(store, phone.cookie, 'POST', '/api/shopper/sign-in-code')).json() as { token: string };
    store.clock.advance(2 * 60_000);
    expect((await other.send('POST', '/api/cart/trips', { signInToken: late.token })).json()).toMatchObject({ error: 'sign-in-refused' });
    await store.app.close();
  });

  it('refuses expired, unknown and malformed links and sessions, and ends a session at logout', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const { link } = await shopperWithLink(store);
    expect((await store.app.inject({ method: 'POST', url: '/api/shoppers/shopper_AAAAAAAAAAAAAAAAAAAAAA/page-link', headers: { authorization: `Bearer ${store.manager}` } })).statusCode).toBe(404);
    expect((await store.app.inject({ method: 'POST', url: '/api/shoppers/x/page-link' })).statusCode).toBe(400);
    store.clock.advance(15 * 60_000);
    expect((await open(store, link)).status).toBe(401);
    for (const bad of ['', 'short', 'a'.repeat(101), "' OR 1=1 --", '../../etc/passwd']) {
      expect((await open(store, bad)).status, bad).toBe(400);
    }
    for (const cookie of ['', 'tally_shopper=', 'tally_shopper=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'tally_shopper=../../x', `tally_staff=${store.manager}`]) {
      expect((await as(store, cookie, 'GET', '/api/shopper/me')).statusCode, cookie).toBe(401);
    }

    const fresh = await shopperWithLink(store, 'li2@example.com');
    const phone = await open(store, fresh.link);
    expect((await as(store, phone.cookie, 'POST', '/api/shopper/logout')).statusCode).toBe(204);
    expect((await as(store, phone.cookie, 'GET', '/api/shopper/me')).statusCode).toBe(401);

    const again = await shopperWithLink(store, 'li3@example.com');
    const month = await open(store, again.link);
    store.clock.advance(30 * 24 * 60 * 60_000);
    expect((await as(store, month.cookie, 'POST', '/api/shopper/sign-in-code')).statusCode).toBe(401);
    await store.app.close();
  });

  it('finds a shopper by email for staff only', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const { shopperId } = await shopperWithLink(store);
    const sam = await associate(store);
    expect((await store.staff(sam, 'GET', '/api/shoppers/lookup?email=LI%40example.com')).json()).toEqual({ id: shopperId, name: 'Li', email: 'li@example.com', membership: 'none' });
    expect((await store.staff(sam, 'GET', '/api/shoppers/lookup?email=nobody%40example.com')).statusCode).toBe(404);
    for (const query of ['', '?email=', "?email=' OR 1=1 --", '?email=li%40example.com&extra=1']) {
      expect((await store.staff(sam, 'GET', `/api/shoppers/lookup${query}`)).statusCode, query).toBe(400);
    }
    expect((await store.app.inject({ method: 'GET', url: '/api/shoppers/lookup?email=li%40example.com' })).statusCode).toBe(401);
    await store.app.close();
  });

  it('lists a shopper’s own paid receipts and nobody else’s', async () => {
    const store = await testStore(sqlite, { catalog: false });
    const li = await shopperWithLink(store, 'li@example.com');
    const bo = await shopperWithLink(store, 'bo@example.com');
    const liPhone = await open(store, li.link);
    const boPhone = await open(store, bo.link);
    const cart = new TestCart(store);
    await cart.pair();
    const code = (await as(store, liPhone.cookie, 'POST', '/api/shopper/sign-in-code')).json() as { token: string };
    const { tripId } = (await cart.send('POST', '/api/cart/trips', { signInToken: code.token })).json() as { tripId: string };
    const receipt = { currency: 'USD', minorUnits: 2, locale: 'en-US', lines: [{ lineId: 'l1', name: 'Milk', total: 349 }], savings: { total: 0 } };
    await store.db.execute(
      "INSERT INTO checkouts (trip_id, cart_id, shopper_id, lane_id, state, receipt_id, currency, total, receipt, started_at, finished_at) VALUES ($1, $2, $3, 1, 'paid', 'receipt_1', 'USD', 349, $4, $5, $5)",
      [tripId, cart.cartId, li.shopperId, JSON.stringify(receipt), store.clock.now()],
    );
    expect((await as(store, liPhone.cookie, 'GET', '/api/shopper/receipts')).json()).toEqual({
      receipts: [{ receiptId: 'receipt_1', tripId, currency: 'USD', total: 349, paidAt: store.clock.now(), receipt }],
    });
    expect((await as(store, boPhone.cookie, 'GET', '/api/shopper/receipts')).json()).toEqual({ receipts: [] });
    expect((await store.app.inject({ method: 'GET', url: '/api/shopper/receipts' })).statusCode).toBe(401);
    await store.app.close();
  });
});

describe('the pages', () => {
  function build(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-pages-'));
    folders.push(dir);
    const web = path.join(dir, 'dist');
    mkdirSync(path.join(web, 'dashboard'), { recursive: true });
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'dashboard', 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(path.join(web, 'assets', 'dashboard-Ab12_x.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'assets', 'notes.txt'), 'not a type the store serves');
    writeFileSync(path.join(dir, 'secret.js'), 'outside the build');
    return web;
  }

  it('serves the built pages and assets with their types and policies', async () => {
    const store = await storeServing(build());
    const page = await store.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const asset = await store.app.inject({ method: 'GET', url: '/assets/dashboard-Ab12_x.js' });
    expect([asset.statusCode, asset.headers['content-type'], asset.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    expect((await store.app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/dashboard/');
    expect((await store.app.inject({ method: 'GET', url: '/dashboard' })).headers.location).toBe('/dashboard/');
    // Built without the shopper page: says so rather than a bare 404.
    expect((await store.app.inject({ method: 'GET', url: '/shopper/' })).json()).toMatchObject({ error: 'not-built' });
    await store.app.close();
  });

  it('names nothing outside the build, whatever the path says', async () => {
    const store = await storeServing(build());
    const attempts = [
      '/assets/..%2fsecret.js',
      '/assets/%2e%2e%2fsecret.js',
      '/assets/..%5csecret.js',
      '/assets/../secret.js',
      '/assets/..',
      '/assets/.hidden.js',
      '/assets/notes.txt',
      '/assets/dashboard-Ab12_x.js%00.png',
      '/assets/a%2f..%2f..%2fsecret.js',
      `/assets/${'a'.repeat(300)}.js`,
      '/dashboard/../secret.js',
      '/dashboard/index.html/../../secret.js',
      '/assets/missing-123.js',
    ];
    for (const url of attempts) {
      const answer = await store.app.inject({ method: 'GET', url });
      // A client that folds `..` itself asks for / and is sent to the dashboard.
      const where = answer.statusCode === 302 ? answer.headers.location : answer.statusCode;
      expect([400, 404, 414, '/dashboard/'], url).toContain(where);
      expect(answer.body, url).not.toContain('outside the build');
    }
    await store.app.close();
  });
});
