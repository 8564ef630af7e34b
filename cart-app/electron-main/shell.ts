// The cart's Electron main process: one instance per cart, the runtime (and with it the session
// log) in this process, the touch UI served on loopback and shown in a locked-down kiosk window,
// and the narrow IPC bridge beside the WebSocket. Electron is passed in, so tests run this in
// plain Node with a mocked `electron`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, IpcMain } from 'electron';
import { systemClock, type Clock } from '../../domain/common/clock.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { CartRuntime } from '../node/runtime/cart-runtime.js';
import { startUiServer, type UiServer } from '../node/ui-server/ui-server.js';
import { CartWindow, type WindowMaker } from './cart-window.js';
import { bridgeIpc } from './ipc-bridge.js';

export interface ShellElectron extends WindowMaker {
  readonly app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'whenReady' | 'getPath' | 'getAppPath'>;
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
}

export interface ShellSettings {
  readonly clock?: Clock;
  readonly log?: (message: string) => void;
  /** TALLY_CATALOG (a catalog file), TALLY_CART_ID, TALLY_KIOSK ("0" for a plain window). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CartShell {
  readonly runtime: CartRuntime;
  readonly screen: UiServer;
  readonly window: CartWindow;
  /** Everything the shell opened, closed in reverse. */
  close(): Promise<void>;
}

/** The compiled preload sits beside this file (tsc turns preload.cts into preload.cjs). */
const preloadPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');

export class ShellStartError extends Error {
  override readonly name = 'ShellStartError';
  constructor(
    readonly code: 'catalog' | 'session',
    message: string,
  ) {
    super(message);
  }
}

/** Starts the cart; null when another instance already runs (it is brought forward instead). */
export async function runCartShell(electron: ShellElectron, settings: ShellSettings = {}): Promise<CartShell | null> {
  const { app } = electron;
  const log = settings.log ?? ((message: string) => console.error(`tally-cart: ${message}`));
  const env = settings.env ?? process.env;
  const clock = settings.clock ?? systemClock;
  // Two copies would fight over the session log and the hardware.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  await app.whenReady();
  const catalogFile = env.TALLY_CATALOG ?? path.join(app.getAppPath(), 'catalogs', 'demo-store.json');
  const catalog = await loadCatalogFile(catalogFile);
  if (!catalog.ok) throw new ShellStartError('catalog', catalog.error.message);
  const opened = CartRuntime.open({
    catalog: catalog.value,
    sessionFile: path.join(app.getPath('userData'), 'session.log'),
    clock,
    cartId: env.TALLY_CART_ID ?? 'cart-1',
    shopperId: 'demo-shopper',
    member: true,
    warn: log,
  });
  if (!opened.ok) throw new ShellStartError('session', opened.error.message);
  const runtime = opened.value.runtime;
  const screen = await startUiServer({ runtime, distDir: path.join(app.getAppPath(), 'cart-app', 'ui', 'dist'), port: 0 });
  const window = new CartWindow(electron, { url: screen.url, preload: preloadPath, clock, kiosk: env.TALLY_KIOSK !== '0', log });
  const unbridge = bridgeIpc({ ipcMain: electron.ipcMain, runtime, screen: () => window.window?.webContents, origin: new URL(screen.url).origin });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      unbridge();
      await screen.close();
      runtime.close();
    })());
  app.on('second-instance', () => window.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void close());
  window.open();
  return { runtime, screen, window, close };
}
