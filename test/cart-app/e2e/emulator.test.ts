// The emulator panel in a real Chromium (Debian's) beside the cart UI, against a whole emulated
// store launched as `tally emulate` launches it (store server, demo manager, a paired emulated
// cart with its real drivers and decoder) on free ports with a temporary data folder. A product
// picked on the panel is shown to the camera and appears on the cart's screen; put in the basket,
// it changes the scale's reading on the panel; walked through an exit lane of the virtual store
// front, the cart pays at the store and shows the receipt. Screenshots go to test-output/cart-app/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedStoreLayout } from '../../../cart-app/node/emulated-store/data-folder.js';
import { startEmulatedStore, type EmulatedStore } from '../../../cli/commands/emulate.js';
import { projectRoot } from '../../../cli/paths.js';
import { chromiumPath, hasChromium, shotsDir } from './screen-fixture.js';

describe.skipIf(!hasChromium)('the emulator panel beside the cart UI in Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulator-e2e-'));
  const log: string[] = [];
  const errors: string[] = [];
  let emulated: EmulatedStore;
  let browser: Browser;
  let panel: Page;
  let cartUi: Page;

  beforeAll(async () => {
    // Built from the current source for this run: a stale cart-app/ui/dist is never what is tested.
    const uiDist = path.join(dir, 'ui');
    const { build } = await import('vite');
    await build({ configFile: path.join(projectRoot, 'cart-app', 'browser', 'ui', 'vite.config.ts'), logLevel: 'warn', build: { outDir: uiDist, emptyOutDir: true } });
    emulated = await startEmulatedStore({
      layout: emulatedStoreLayout(path.join(dir, 'data')),
      storePort: 0,
      uiPort: 0,
      panelPort: 0,
      uiDist,
      log: (line) => log.push(line),
      openWindow: () => ({ shownIn: 'browser', reason: 'a test', close: () => undefined }),
    });
    mkdirSync(shotsDir, { recursive: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const open = async (url: string): Promise<Page> => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${url}: ${message.text()}`);
      });
      await page.goto(url);
      return page;
    };
    cartUi = await open(emulated.cart.uiUrl);
    panel = await open(emulated.cart.panelUrl);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await emulated?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a picked product’s barcode to the camera: the line appears on the cart UI', async () => {
    await panel.getByText('connected', { exact: true }).waitFor();
    await panel.getByRole('searchbox', { name: 'Search the catalog' }).fill('apple juice');
    await panel.locator('button.product[data-sku=juice-bravo-apple]').click();
    await panel.getByTestId('picked').getByText('Its label: 7350099101014').waitFor();
    await panel.getByRole('button', { name: 'Show its barcode to the camera' }).click();
    await cartUi.locator('[data-sku=juice-bravo-apple]').waitFor();
    await panel.getByTestId('camera').getByText('Read EAN_13 7350099101014', { exact: false }).waitFor();
    expect(await panel.getByTestId('camera').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(emulated.cart.cart.runtime.trip?.basket.map((l) => l.sku)).toEqual(['juice-bravo-apple']);
  });

  it('puts it in the basket through the scale: the panel’s scale reading changes', async () => {
    const reading = panel.getByTestId('scale-reading');
    const grams = async (): Promise<number> => Number.parseFloat((await reading.textContent()) ?? '');
    const before = await grams();
    await panel.getByRole('button', { name: 'Put in the basket' }).click();
    await panel.getByTestId('panel-basket').getByText('Bravo Apple Juice 1 L').waitFor();
    await expect.poll(grams, { timeout: 8000, interval: 100 }).toBeGreaterThan((Number.isNaN(before) ? 0 : before) + 900);
    await panel.getByTestId('steps').getByText(/^\+1,?0\d\d\.\d g$/).waitFor();
    await panel.screenshot({ path: path.join(shotsDir, 'emulator-panel.png') });
    await cartUi.screenshot({ path: path.join(shotsDir, 'emulator-cart-ui.png') });
    expect(errors).toEqual([]);
  });

  it('walks the cart out through a lane: the lane’s beacons are heard, the store charges, the cart shows the receipt', async () => {
    const lanes = panel.getByTestId('lanes');
    // The store's four lanes are heard faintly from the floor.
    await lanes.getByText(/Walk through lane 1 -\d+ dBm/).waitFor({ timeout: 5_000 });
    await lanes.getByRole('button', { name: /^Walk through lane 1/ }).click();
    await cartUi.getByTestId('receipt').waitFor({ timeout: 30_000 });
    await panel.getByTestId('lane-answer').getByText(/^Paid at lane 1: /).waitFor();
    await panel.getByTestId('lane-where').getByText(/^In lane 1/).waitFor();
    expect(emulated.cart.cart.runtime.trip?.payment?.total).toBeGreaterThan(0);
    await panel.screenshot({ path: path.join(shotsDir, 'emulator-panel-lane.png') });
    await cartUi.screenshot({ path: path.join(shotsDir, 'emulator-cart-paid.png') });
    expect(errors).toEqual([]);
  }, 45_000);
});
