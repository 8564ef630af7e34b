// A manager refunds part of a paid trip from the dashboard, in Debian's Chromium, against a real
// store whose sandbox gateway captured the trip at a lane: the refund reaches the gateway once,
// and the screen shows what was refunded. Screenshot: test-output/store/12-refund.png.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANE_ID, laneStore, readyTrip, type LaneStore } from '../node/checkout/lane-store.js';
import { MANAGER } from '../node/test-store.js';
import { buildDashboard, hasChromium, launchChromium, projectRoot as root } from './dashboard-in-chromium.js';

let dist: string;
let store: LaneStore;
let url: string;
let browser: Browser;

describe.skipIf(!hasChromium)('refunds in the dashboard', () => {
  beforeAll(async () => {
    dist = await buildDashboard();
    const before = process.env.TALLY_STORE_WEB_DIR;
    process.env.TALLY_STORE_WEB_DIR = dist;
    try {
      store = await laneStore();
    } finally {
      if (before === undefined) delete process.env.TALLY_STORE_WEB_DIR;
      else process.env.TALLY_STORE_WEB_DIR = before;
    }
    url = await store.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await store?.app.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('refunds an amount of a paid trip once, and shows it', async () => {
    const { tripId, events } = await readyTrip(store);
    expect((await store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events })).statusCode).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    await page.goto(`${url}/`);
    await page.getByLabel('Name').fill(MANAGER.name);
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Refunds', exact: true }).click();
    await page.getByTestId('paid-trip').filter({ hasText: tripId }).getByRole('button', { name: 'Refund…' }).click();
    const panel = page.getByTestId('trip-refunds');
    await expect.poll(() => panel.getByTestId('refunded').textContent()).toBe('$0.00');

    await panel.getByLabel('Amount').fill('0.5');
    await panel.getByLabel('Reason').fill('bruised bananas');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect.poll(() => panel.getByTestId('refunded').textContent()).toBe('$0.50');
    await panel.getByText('bruised bananas').waitFor();
    expect(Object.values(store.ledger().refunds).map((r) => r.amount)).toEqual([50]);

    // A typo is refused before anything is sent.
    await panel.getByLabel('Amount').fill('1.234');
    await panel.getByLabel('Reason').fill('again');
    await panel.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByRole('alert').getByText('is not an amount').waitFor();
    expect(Object.values(store.ledger().refunds)).toHaveLength(1);

    mkdirSync(path.join(root, 'test-output', 'store'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-output', 'store', '12-refund.png'), fullPage: true, animations: 'disabled' });
  });
});
