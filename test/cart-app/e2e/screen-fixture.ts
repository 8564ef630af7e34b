// The cart's touch UI in a real Chromium (Debian's) against a real runtime and UI server: the UI
// is built from the current source into a temp folder for every run (a stale cart-app/ui/dist is
// never what is tested), and the page opens on a 1280×800 touchscreen. Shared by the end-to-end
// tests (through cart-on-screen.ts) and `npm run bench -- ui`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CartRuntime } from '../../../cart-app/node/runtime/cart-runtime.js';
import { startUiServer, type UiServer } from '../../../cart-app/node/ui-server/ui-server.js';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
const root = path.resolve(import.meta.dirname, '../../..');
/** Where screenshots go for a person to look at. */
export const shotsDir = path.join(root, 'test-output', 'cart-app');

export interface Screen {
  readonly browser: Browser;
  readonly page: Page;
  readonly dist: string;
  server: UiServer;
  /** Requests the page made to anything but the cart's own server. */
  readonly offsite: string[];
  /** Uncaught errors and console errors in the page. */
  readonly errors: string[];
  /** Saves a screenshot as test-output/cart-app/NAME.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

async function buildUi(): Promise<string> {
  const dist = mkdtempSync(path.join(tmpdir(), 'tally-ui-e2e-'));
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'cart-app', 'browser', 'ui', 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  return dist;
}

export async function openScreen(runtime: CartRuntime): Promise<Screen> {
  const dist = await buildUi();
  mkdirSync(shotsDir, { recursive: true });
  const server = await startUiServer({ runtime, distDir: dist, port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const screen: Screen = {
    browser,
    page,
    dist,
    server,
    offsite: [],
    errors: [],
    shot: async (name) => {
      await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
    },
    close: async () => {
      await browser.close();
      await screen.server.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
  page.on('request', (request) => {
    const url = request.url();
    const own = screen.server.url;
    if (!url.startsWith(own) && !url.startsWith(own.replace('http', 'ws')) && !url.startsWith('data:')) screen.offsite.push(url);
  });
  page.on('pageerror', (error) => screen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') screen.errors.push(message.text());
  });
  await page.goto(server.url);
  return screen;
}

/** Visible buttons smaller than a fingertip (48 px either way), as "text WxH". */
export function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval('button', (buttons) =>
    buttons
      .map((b) => ({ text: b.textContent ?? b.getAttribute('aria-label') ?? '', box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
      .map(({ text, box }) => `${text} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
}

/** Buttons and text that spill out of the 1280×800 screen or their own box (clipped, unreadable). */
export function overflowing(page: Page): Promise<string[]> {
  return page.$$eval('button, h1, h2, h3, dt, dd, p', (elements) =>
    elements
      .filter((e) => {
        const box = e.getBoundingClientRect();
        if (box.width === 0) return false;
        // The page's global is the window; this file is type-checked without the DOM library.
        const outside = box.right > (globalThis as unknown as { innerWidth: number }).innerWidth + 1 || box.left < -1;
        return outside || e.scrollWidth > e.clientWidth + 1;
      })
      .map((e) => `${e.tagName} "${(e.textContent ?? '').slice(0, 40)}"`),
  );
}
