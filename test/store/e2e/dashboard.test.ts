// The staff dashboard and the shopper page in a real Chromium (Debian's) against a real store
// server on a free port with SQLite in a temp folder: a manager signs in, approves a cart's
// pairing code, watches it go live and its battery fall, resolves a flagged trip, imports a
// broken catalog and reads the report, adds a lane; a shopper opens their one-time link and
// gets a sign-in QR code that a cart can redeem. Screenshots go to test-output/store/.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import WebSocket from 'ws';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { MANAGER, TestCart, demoCatalog } from '../node/test-store.js';
import { buildDashboard, hasChromium, launchChromium, projectRoot } from './dashboard-in-chromium.js';
import { startLiveStore, type LiveStore } from './live-store.js';

const shots = path.join(projectRoot, 'test-output', 'store');
const report = { battery: 80, charging: false, docked: false, state: 'idle', version: '0.3.1', faults: [] as string[] };

/** What the test reads of an <img> in the page (the test itself is compiled without the DOM's types). */
interface LoadedImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}

let dist: string;
let store: LiveStore;
let browser: Browser;
let page: Page;
let cart: TestCart;
let cartSocket: WebSocket | undefined;
const offsite: string[] = [];

const shot = (name: string, on: Page = page) => on.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();
const tile = () => page.locator(`[data-cart="${cart.cartId}"][data-testid=cart-tile]`);

/** Sends one health report over the cart's live connection and waits for the store's answer. */
function sendReport(body: typeof report): Promise<Record<string, unknown>> {
  const ws = cartSocket;
  if (!ws) throw new Error('the cart is not connected');
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(JSON.stringify(body));
  });
}

/** Reads the QR code off a screenshot, the way a cart's camera would read the phone's screen. */
async function readQr(png: Buffer): Promise<string[]> {
  // zxing-wasm would fetch its .wasm from a CDN; the binary ships in node_modules.
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], textMode: 'Plain' });
  return found.map((r) => r.text);
}

function watchOffsite(on: Page): void {
  on.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(store.url) && !url.startsWith(store.url.replace('http', 'ws')) && !url.startsWith('data:')) offsite.push(url);
  });
}

describe.skipIf(!hasChromium)('the store dashboard and shopper page in Chromium', () => {
  beforeAll(async () => {
    dist = await buildDashboard();
    mkdirSync(shots, { recursive: true });
    store = await startLiveStore(dist);
    cart = new TestCart(store);
    browser = await launchChromium();
    // A 10-inch tablet in landscape.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    watchOffsite(page);
  }, 120_000);

  afterAll(async () => {
    cartSocket?.terminate();
    await browser?.close();
    await store?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('refuses a wrong password in plain words, then signs the manager in', async () => {
    await page.goto(`${store.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Name').fill(MANAGER.name);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That name and password do not match').waitFor();
    await shot('01-sign-in-refused');
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('link').getByText('Live').waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['Fleet', 'Pairing', 'Reviews', 'Shoppers', 'Lanes', 'Refunds', 'Catalog', 'Staff']);
  });

  it('approves a cart’s pairing code', async () => {
    const asked = await cart.send('POST', '/api/pairing', { publicKey: cart.keys.publicKey });
    const { cartId, code } = asked.json() as { cartId: string; code: string };
    await tab('Pairing');
    await page.getByRole('button', { name: 'Check for new carts' }).click();
    const pending = page.getByTestId('pending-pairing').filter({ hasText: code });
    await pending.getByRole('button', { name: 'Use this code' }).click();
    expect(await page.getByLabel("Code on the cart's screen").inputValue()).toBe(code);
    await page.getByLabel('Cart name').fill('Cart 7');
    await shot('02-pairing');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByTestId('notice').getByText('Paired Cart 7').waitFor();
    await page.locator(`[data-cart="${cartId}"][data-testid=paired-cart]`).waitFor();
    cart.cartId = cartId;
    const status = await cart.send('GET', '/api/cart/status');
    expect(status.json()).toMatchObject({ state: 'paired', name: 'Cart 7' });
  });

  it('shows the cart live, its battery falling below the charge line, then going silent', async () => {
    await tab('Fleet');
    await tile().getByText('no report yet').waitFor();
    const signed = cart.signed('GET', '/api/cart/live');
    cartSocket = new WebSocket(`${store.url.replace('http', 'ws')}/api/cart/live`, { headers: signed.headers as Record<string, string> });
    await new Promise((resolve, reject) => {
      cartSocket?.once('open', resolve);
      cartSocket?.once('error', reject);
    });
    expect(await sendReport(report)).toMatchObject({ type: 'ack' });
    await tile().getByTestId('battery').getByText('80%').waitFor();
    expect(await tile().getByTestId('cart-state').textContent()).toBe('idle');
    expect(await tile().getByText('Needs charging').count()).toBe(0);

    store.clock.advance(5_000);
    expect(await sendReport({ ...report, battery: 12, state: 'shopping', faults: ['camera 2 not answering'] })).toMatchObject({ type: 'ack' });
    await tile().getByTestId('battery').getByText('12%').waitFor();
    await tile().getByText('Needs charging').waitFor();
    await tile().getByText('camera 2 not answering').waitFor();
    expect(await page.getByTestId('low-count').textContent()).toContain('1');
    await shot('03-fleet-low-battery');

    store.clock.advance(31_000);
    await tile().getByText('Silent').waitFor();
    expect(await page.getByTestId('silent-count').textContent()).toContain('1');
    await shot('04-fleet-silent');
  });

  it('shows a flagged trip with its evidence and resolves it', async () => {
    const created = await store.staff(store.manager, 'POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' });
    const shopperId = (created.json() as { id: string }).id;
    const { token } = (await store.staff(store.manager, 'POST', `/api/shoppers/${shopperId}/sign-in`)).json() as { token: string };
    // Charged again: a cart below 15 % starts no trip.
    store.clock.advance(1_000);
    expect(await sendReport({ ...report, battery: 60, charging: false })).toMatchObject({ type: 'ack' });
    const started = await cart.send('POST', '/api/cart/trips', { signInToken: token });
    expect(started.statusCode).toBe(201);
    const tripId = (started.json() as { tripId: string }).tripId;
    const events = [
      { type: 'signedIn', tripId, shopperId, member: false },
      { type: 'scanned', lineId: 'l1', code: '0123456789012', symbology: 'ean-13', sku: 'beer-hazy-ipa-6', measure: { by: 'each', quantity: 1 } },
      { type: 'weighed', stepId: 's1', deltaMg: 2_150_000, uncertaintyMg: 40_000 },
      { type: 'weighed', stepId: 's2', deltaMg: 412_000, uncertaintyMg: 8_000 },
      { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: ['s2'], note: 'nothing scanned before this step' } },
    ].map((e, i) => ({ ...e, seq: i + 1, at: store.clock.now() + i * 1000 }));
    const handed = await cart.send('POST', `/api/cart/trips/${tripId}/events`, { events });
    expect(handed.json()).toMatchObject({ review: true });
    // The cart's top camera caught the unscanned item: a picture for alert a1.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#2b3a4a"/><rect x="220" y="150" width="200" height="200" rx="16" fill="#e0a020"/><text x="320" y="265" font-size="40" font-family="sans-serif" text-anchor="middle" fill="#000">CAM TOP</text></svg>`;
    const picture = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
    const snapped = await cart.send('POST', `/api/cart/trips/${tripId}/snapshots`, { snapshotId: 'a1-top-0001', alertId: 'a1', camera: 'top', takenAt: store.clock.now(), image: picture.toString('base64') });
    expect(snapped.statusCode).toBe(201);
    // And the side camera's picture of the weight step (log event 4), as a PNG.
    const side = await sharp(Buffer.from(svg.replace('CAM TOP', 'SIDE'))).png().toBuffer();
    expect((await cart.send('POST', `/api/cart/trips/${tripId}/snapshots`, { snapshotId: 's2-left-0001', eventSeq: 4, camera: 'left', takenAt: store.clock.now(), image: side.toString('base64') })).statusCode).toBe(201);

    await tab('Reviews');
    const review = page.locator(`[data-trip="${tripId}"]`);
    await review.getByText('Something went in the cart without a scan (nothing scanned before this step)').waitFor();
    await review.getByText('Age-restricted item with no ID check: beer-hazy-ipa-6').waitFor();
    await review.getByText('Weight step +412 g').waitFor();
    expect(await review.locator('.evidence li.flagged').count()).toBe(2);
    // The snapshot sits beside its alert and has loaded (a broken image has no natural width).
    const thumb = review.locator('.reasons li.alert [data-testid=snapshot]');
    await thumb.waitFor();
    expect(await review.locator('.evidence li.flagged [data-testid=snapshot]').getAttribute('data-snapshot')).toBe('s2-left-0001');
    await expect.poll(() => thumb.locator('img').evaluate((img) => (img as unknown as LoadedImage).complete && (img as unknown as LoadedImage).naturalWidth)).toBe(640);
    await shot('05-review');
    await thumb.click();
    const viewer = page.getByTestId('snapshot-viewer');
    await viewer.getByText('top camera').waitFor();
    await expect.poll(() => viewer.locator('img').evaluate((img) => (img as unknown as LoadedImage).complete && img.getBoundingClientRect().width)).toBeGreaterThan(400);
    await shot('05b-review-snapshot');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'detached' });
    await review.getByRole('button', { name: 'Charge adjusted' }).click();
    await page.getByTestId('queue-empty').waitFor();
    expect((await store.staff(store.manager, 'GET', '/api/reviews')).json()).toEqual({ reviews: [] });
  });

  it('imports a broken catalog, shows every problem, then imports a good one', async () => {
    const broken = demoCatalog();
    broken.version = 2;
    const [first, second] = broken.products;
    if (!first || !second) throw new Error('the demo catalog has products');
    first.price = -5;
    delete second.name;
    await tab('Catalog');
    await page.getByLabel('Catalog file').setInputFiles({ name: 'store.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole('button', { name: 'Import' }).click();
    const reportBox = page.getByTestId('import-report');
    await reportBox.getByText(/problems?; nothing was imported/).waitFor();
    const rows = await reportBox.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('products[0].price'))).toBe(true);
    expect(rows.some((r) => r.startsWith('products[1].name'))).toBe(true);
    await shot('06-catalog-report');

    const good = demoCatalog();
    good.version = 2;
    await page.getByLabel('Catalog file').setInputFiles({ name: 'store.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-result').getByText(/Imported version 2: \d+ products/).waitFor();
    expect((await store.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ catalogVersion: 2 });
  });

  it('adds a lane and shows its beacon secret once', async () => {
    await tab('Lanes');
    await page.getByLabel('Lane number').fill('3');
    await page.getByLabel('Name', { exact: true }).fill('North exit');
    await page.getByRole('button', { name: 'Add lane' }).click();
    expect(await page.getByTestId('beacon-secret').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('lane').getByText('Lane 3').waitFor();
    await shot('07-lanes');
  });

  it('has touch targets of at least 48 px and loads nothing from outside the store', async () => {
    for (const name of ['Fleet', 'Pairing', 'Reviews', 'Shoppers', 'Lanes', 'Refunds', 'Catalog', 'Staff']) {
      await tab(name);
      // A checkbox is tapped through its label, which is the target measured.
      const small = await page.$$eval('button, input:not([type=file]):not([type=checkbox]), select, label.check', (controls) =>
        controls
          .map((c) => ({ text: c.textContent || c.getAttribute('aria-label') || c.getAttribute('name') || '', box: c.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
          .map(({ text, box }) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`),
      );
      expect(small, name).toEqual([]);
    }
    await page.getByTestId('staff-member').first().waitFor();
    await shot('08-staff');
    expect(offsite).toEqual([]);
  });

  it('hides the manager’s tabs from an associate, and the store refuses them anyway', async () => {
    const made = await store.staff(store.manager, 'POST', '/api/staff', { name: 'sam', role: 'associate', password: 'a long enough password' });
    expect(made.statusCode).toBe(201);
    const tablet = await browser.newPage({ viewport: { width: 800, height: 1280 }, hasTouch: true });
    watchOffsite(tablet);
    await tablet.goto(`${store.url}/dashboard/`);
    await tablet.getByLabel('Name').fill('sam');
    await tablet.getByLabel('Password').fill('a long enough password');
    await tablet.getByRole('button', { name: 'Sign in' }).click();
    await tablet.getByTestId('link').getByText('Live').waitFor();
    expect(await tablet.getByRole('tab').allTextContents()).toEqual(['Fleet', 'Pairing', 'Reviews', 'Shoppers', 'Lanes']);
    await tablet.getByTestId('cart-tile').first().waitFor();
    await shot('10-associate-portrait', tablet);
    await tablet.getByRole('tab', { name: 'Lanes' }).click();
    await tablet.getByTestId('lane').first().waitFor();
    expect(await tablet.getByRole('button', { name: 'Add lane' }).count()).toBe(0);
    // The same session, asking the store directly: refused there, not just hidden here.
    const status = await tablet.evaluate(async () => {
      const answer = await fetch('/api/lanes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 9, name: 'Sneaky' }) });
      return answer.status;
    });
    expect(status).toBe(403);
    await tablet.close();
  });

  it('issues sam a badge whose QR a cart reads to sign sam in, revokes it, and shows a cart calling for help', async () => {
    // Away and back: the Staff tab loads the list again, with sam (added by the test before).
    await tab('Fleet');
    await tab('Staff');
    const sam = page.getByTestId('staff-member').filter({ hasText: 'sam' });
    await sam.getByRole('button', { name: 'Issue badge' }).click();
    const qr = sam.getByTestId('badge-qr');
    await qr.waitFor();
    await shot('11-staff-badge');
    const [badge] = await readQr(await qr.screenshot());
    expect(badge).toMatch(/^TALLY-STAFF:/);
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge })).json()).toMatchObject({ name: 'sam', role: 'associate' });
    await sam.getByRole('button', { name: 'Revoke badge' }).click();
    await sam.getByText('No badge').waitFor();
    expect((await cart.send('POST', '/api/cart/staff-badge', { badge })).json()).toMatchObject({ error: 'badge-revoked' });

    await tab('Fleet');
    store.clock.advance(2_000);
    expect((await cart.send('POST', '/api/cart/report', { ...report, state: 'shopping', helpSince: store.clock.now() })).statusCode).toBe(204);
    await tile().getByTestId('help-call').waitFor();
    expect(await page.getByTestId('help-count').textContent()).toContain('1');
    // The cart calling for help comes first on the board.
    expect(await page.getByTestId('cart-tile').first().getAttribute('data-cart')).toBe(cart.cartId);
    await shot('12-fleet-help-call');
    store.clock.advance(2_000);
    expect((await cart.send('POST', '/api/cart/report', { ...report, state: 'shopping', helpSince: null })).statusCode).toBe(204);
    await tile().getByTestId('help-call').waitFor({ state: 'detached' });
  });

  it('shows a cart that let shoppers go unpaid while the store was away, until it has settled them', async () => {
    await tab('Fleet');
    const leftAt = store.clock.now() - 90_000;
    store.clock.advance(2_000);
    expect((await cart.send('POST', '/api/cart/report', { ...report, unsettledTrips: 2, unsettledSince: leftAt })).statusCode).toBe(204);
    const badge = tile().getByTestId('unsettled');
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^2 trips unsettled since \S/);
    expect(await page.getByTestId('unsettled-count').textContent()).toContain('2');
    expect(await page.getByTestId('cart-tile').first().getAttribute('data-cart')).toBe(cart.cartId);
    await shot('13-fleet-unsettled');
    // A report that says nothing of it (an older cart) shows nothing; a negative count is refused.
    store.clock.advance(2_000);
    expect((await cart.send('POST', '/api/cart/report', { ...report, unsettledTrips: -1, unsettledSince: null })).statusCode).toBe(400);
    expect((await cart.send('POST', '/api/cart/report', report)).statusCode).toBe(204);
    await badge.waitFor({ state: 'detached' });
    expect(await page.getByTestId('unsettled-count').textContent()).toContain('0');
  });

  it('gives a shopper a one-time link at the desk, and their phone a sign-in QR code a cart redeems', async () => {
    await tab('Shoppers');
    await page.getByLabel("New shopper's name").fill('Ana María');
    await page.getByLabel('Email', { exact: true }).fill('Ana@Example.com');
    await page.getByLabel('Member').check();
    await page.getByRole('button', { name: 'Add shopper' }).click();
    const card = page.getByTestId('shopper');
    await card.getByText('ana@example.com').waitFor();
    await card.getByRole('button', { name: 'Sign-in link for their phone' }).click();
    const linkUrl = (await card.getByTestId('page-link').textContent()) ?? '';
    expect(linkUrl).toMatch(new RegExp(`^${store.url}/shopper/#link=[A-Za-z0-9_-]{43}$`));
    // The QR code on the desk's screen carries the same link, for the phone's camera.
    expect(await readQr(await card.getByTestId('page-link-qr').screenshot())).toEqual([linkUrl]);
    await shot('09-service-desk-link');
    const linkPath = linkUrl.slice(store.url.length);
    const shopperId = ((await store.staff(store.manager, 'GET', '/api/shoppers/lookup?email=ana%40example.com')).json() as { id: string }).id;

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    watchOffsite(phone);
    const codes: string[] = [];
    phone.on('response', (response) => {
      if (response.url().endsWith('/api/shopper/sign-in-code')) void response.json().then((b: { token: string }) => codes.push(b.token));
    });
    await phone.goto(`${store.url}${linkPath}`);
    await phone.getByText('Hello, Ana María').waitFor();
    const qr = phone.getByTestId('sign-in-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // The one-time link left the address bar as soon as it was used.
    expect(new URL(phone.url()).hash).toBe('');
    await phone.getByTestId('no-receipts').waitFor();
    await shot('11-shopper-qr', phone);

    // What the phone's screen shows is the code the store issued, and it starts a trip on a
    // cart (single use: see pages-api.test.ts).
    await expect.poll(() => codes.length).toBeGreaterThan(0);
    const token = codes[codes.length - 1] ?? '';
    expect(await readQr(await qr.screenshot())).toEqual([token]);
    store.clock.advance(1_000);
    await sendReport({ ...report, battery: 90, charging: false });
    const started = await cart.send('POST', '/api/cart/trips', { signInToken: token });
    expect(started.json()).toMatchObject({ shopper: { id: shopperId, name: 'Ana María', member: true } });

    // The same link on another phone: used already.
    const other = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await other.goto(`${store.url}${linkPath}`);
    await other.getByText('Ask at the service desk for your sign-in link').waitFor();
    await other.getByText(/unknown, used or expired/).waitFor();
    await other.close();
    await phone.close();
    expect(offsite).toEqual([]);
  });

  it('serves the built pages with a strict policy and nothing outside the build', async () => {
    const pageAnswer = await store.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(pageAnswer.statusCode).toBe(200);
    expect(pageAnswer.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = /src="\/assets\/([^"]+)"/.exec(pageAnswer.body)?.[1] ?? '';
    expect(readFileSync(path.join(dist, 'assets', asset)).length).toBeGreaterThan(0);
    expect((await store.app.inject({ method: 'GET', url: `/assets/${asset}` })).headers['cache-control']).toContain('immutable');
  });
});
