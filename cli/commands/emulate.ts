import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureBuilt, type BuiltPage } from '../../cart-app/node/emulated-store/built-pages.js';
import { createStoreConfigOnce, emulatedStoreLayout, type EmulatedStoreLayout } from '../../cart-app/node/emulated-store/data-folder.js';
import { demoStaffConfig, demoStaffOnce, type DemoStaff } from '../../cart-app/node/emulated-store/demo-staff.js';
import { DEMO_MANAGER_NAME, loadDemoManager, newDemoManager, saveDemoManager, type ManagerCredentials } from '../../cart-app/node/emulated-store/demo-manager.js';
import { EmulatedStoreError } from '../../cart-app/node/emulated-store/errors.js';
import { launchEmulatedCart, type LaunchCartOptions, type LaunchedCart } from '../../cart-app/node/emulated-store/launch-cart.js';
import { systemClock } from '../../domain/common/clock.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { addManager } from '../../store/node/add-manager.js';
import { loadStoreConfig, type StoreConfig } from '../../store/node/config.js';
import { openStoreDatabase } from '../../store/node/open-store.js';
import { staffByName } from '../../store/node/records/staff.js';
import { cryptoRandom } from '../../store/node/secure-random.js';
import { startStore, StoreStartError, type RunningStore } from '../../store/node/start-store.js';
import { UsageError, type Command } from '../command.js';
import { cartVersion, demoCatalogPath, projectRoot } from '../paths.js';

const defaults = { uiPort: 5180, panelPort: 5181, storePort: 8080, data: path.join(projectRoot, '.tally', 'emulated-store') };

const usage = `Usage: tally emulate [--port N] [--panel-port N] [--store-port N] [--data DIR] [--fresh]

Starts the whole emulated store on this computer, in one process:
  - the store server (SQLite, the demo catalog "Tally Market", the sandbox payment gateway, four
    exit lanes with their own secrets) and its staff dashboard;
  - a first manager, demo-manager, with a random password printed once on the first start, and a
    demo staff badge whose random 6-digit PIN (printed with it) works the cart's Staff button;
  - an emulated cart (virtual scale, motion sensor and camera), paired with the store: the
    launcher approves its pairing code as demo-manager;
  - the demo shopper, signed in on the cart by showing their QR to the cart's camera;
  - the cart's touch UI, opened in Electron when it is installed, else printed for a browser;
  - the emulator panel beside it, for a browser: show a product's barcode to the camera, put
    things into the basket or take them out, declare a personal item, push the cart, pull
    cables, and see what the hardware sees (scale, camera, light, battery, faults).
It prints the addresses (cart UI, emulator panel, dashboard, shopper page) and how long the cart took to be
usable. Ctrl-C stops everything.

--port        the cart UI's port (default ${defaults.uiPort}; 0 for any free one)
--panel-port  the emulator panel's port (default ${defaults.panelPort}; 0 for any free one)
--store-port  the store's port (default ${defaults.storePort}; 0 for any free one)
--data        where the store, the cart and their secrets are kept (default .tally/emulated-store);
              a restart finds the same store, the same paired cart and the same basket
--fresh       starts from an empty folder (the store, the cart and the manager are made again)

\`tally cart --emulated --store URL\` adds more carts; \`tally store --data DIR\` runs the same
folder as a plain store server.`;

const uiDist = path.join(projectRoot, 'cart-app', 'ui', 'dist');
const dashboardDist = path.join(projectRoot, 'store', 'dashboard', 'dist');
const pages: readonly BuiltPage[] = [
  { what: "the cart's touch UI", indexFile: path.join(uiDist, 'index.html'), viteConfig: path.join(projectRoot, 'cart-app', 'browser', 'ui', 'vite.config.ts'), command: 'npm run build:ui' },
  // Built by the same Vite config as the cart UI: an older build may lack it.
  { what: 'the emulator panel', indexFile: path.join(uiDist, 'emulator.html'), viteConfig: path.join(projectRoot, 'cart-app', 'browser', 'ui', 'vite.config.ts'), command: 'npm run build:ui' },
  { what: 'the staff dashboard', indexFile: path.join(dashboardDist, 'dashboard', 'index.html'), viteConfig: path.join(projectRoot, 'store', 'browser', 'dashboard', 'vite.config.ts'), command: 'npm run build:dashboard' },
];

function portOption(name: string, text: string | undefined, fallback: number): number {
  const port = text === undefined ? fallback : /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) throw new UsageError(`--${name} wants a port number (0-65535), not "${text ?? ''}"`);
  return port;
}

/** The files only an emulated store folder holds: --fresh never empties a folder without them. */
function wipe(layout: EmulatedStoreLayout): void {
  if (!existsSync(layout.dir)) return;
  const ours = ['store.json', 'store.db', 'demo-manager.json', 'demo-staff.json', 'cart'];
  const entries = readdirSync(layout.dir);
  if (entries.length > 0 && !entries.some((entry) => ours.includes(entry))) {
    throw new UsageError(`--fresh would delete ${layout.dir}, which does not look like an emulated store's folder; name another --data`);
  }
  rmSync(layout.dir, { recursive: true, force: true });
}

/** The demo manager, made the way `tally store add-manager` makes a manager when the store has none yet. */
async function demoManager(config: StoreConfig, layout: EmulatedStoreLayout): Promise<{ credentials: ManagerCredentials; created: boolean }> {
  const db = await openStoreDatabase(config, systemClock);
  try {
    if (await staffByName(db, DEMO_MANAGER_NAME)) return { credentials: loadDemoManager(layout.manager), created: false };
    const credentials = newDemoManager();
    const added = await addManager(db, credentials, { clock: systemClock, random: cryptoRandom });
    if (!added.ok) throw new EmulatedStoreError('store', `the demo manager could not be created: ${added.error}`);
    saveDemoManager(layout.manager, credentials);
    return { credentials, created: true };
  } finally {
    await db.close();
  }
}

export interface EmulatedStoreOptions {
  readonly layout: EmulatedStoreLayout;
  readonly storePort: number;
  readonly uiPort: number;
  readonly panelPort: number;
  /** The cart UI's build (with the emulator panel's page). */
  readonly uiDist: string;
  readonly log: (line: string) => void;
  /** Shows the cart UI; absent, in Electron when it is installed (tests open nothing). */
  readonly openWindow?: LaunchCartOptions['openWindow'];
}

export interface EmulatedStore {
  readonly store: RunningStore;
  readonly cart: LaunchedCart;
  readonly manager: { readonly credentials: ManagerCredentials; readonly created: boolean };
  /** The demo staff badge for the cart's Staff button; `created` on the first start. */
  readonly staff: { readonly staff: DemoStaff; readonly created: boolean };
  /** Closes the cart, then the store. */
  close(): Promise<void>;
}

/** The store server with the demo catalog, its demo manager, and a paired emulated cart with its screens. */
export async function startEmulatedStore(options: EmulatedStoreOptions): Promise<EmulatedStore> {
  const { layout, storePort, log } = options;
  const catalog = await loadCatalogFile(demoCatalogPath);
  if (!catalog.ok) throw new EmulatedStoreError('store', catalog.error.message);
  createStoreConfigOnce(layout);
  // The folder's own store.json (its lane secrets) and nothing from TALLY_STORE_*: the
  // emulated store always charges through the sandbox, whatever the shell has set.
  const config = await loadStoreConfig({ file: layout.storeConfig, flags: { port: storePort, dataDir: layout.dir, catalogFile: demoCatalogPath, logLevel: 'warn' } });
  if (!config.ok) throw new EmulatedStoreError('data-folder', `${layout.storeConfig}:\n  ${config.error.join('\n  ')}\nStart afresh with --fresh.`);
  const manager = await demoManager(config.value, layout);
  const staff = demoStaffOnce(layout.staff);
  const store = await startStore(config.value, { clock: systemClock, random: cryptoRandom }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new EmulatedStoreError('store', `the store cannot listen on port ${storePort}: it is in use (another emulated store?); pick another with --store-port, or 0 for any`);
  });
  log(`Store "${catalog.value.store.name}" listening on ${store.url} (${store.catalogNote}; data in ${layout.dir}).`);
  let cart: LaunchedCart;
  try {
    cart = await launchEmulatedCart({ layout, storeUrl: store.url, manager: manager.credentials, staff: demoStaffConfig(staff.staff), version: cartVersion(), uiDist: options.uiDist, uiPort: options.uiPort, panelPort: options.panelPort, log, ...(options.openWindow ? { openWindow: options.openWindow } : {}) });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    cart,
    manager,
    staff,
    close: async () => {
      await cart.close();
      await store.close();
    },
  };
}

/** The cart software's version for the fleet board: the project's own. */
/** Resolves on Ctrl-C or a stop signal, whichever comes first. */
const untilStopped = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

export const emulateCommand: Command = {
  name: 'emulate',
  summary: 'start the whole emulated store: store server, dashboard, a paired emulated cart, its touch UI and the emulator panel',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' }, 'panel-port': { type: 'string' }, 'store-port': { type: 'string' }, data: { type: 'string' }, fresh: { type: 'boolean' } } });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const uiPort = portOption('port', values.port, defaults.uiPort);
    const panelPort = portOption('panel-port', values['panel-port'], defaults.panelPort);
    const storePort = portOption('store-port', values['store-port'], defaults.storePort);
    const layout = emulatedStoreLayout(values.data ?? defaults.data);
    const log = (line: string): void => console.log(line);
    if (values.fresh) wipe(layout);
    try {
      for (const page of pages) await ensureBuilt(page, log);
      const started = performance.now();
      const emulated = await startEmulatedStore({ layout, storePort, uiPort, panelPort, uiDist, log });
      const { store, cart, manager, staff } = emulated;
      const usableMs = performance.now();
      log('');
      log(`  Cart UI:       ${cart.uiUrl}${cart.window.shownIn === 'electron' ? ' (shown in Electron)' : '  (open in a browser, 1280x800 landscape)'}`);
      log(`  Emulator:      ${cart.panelUrl}  (the cart's hardware by hand: camera, basket, push, cables)`);
      log(`  Dashboard:     ${store.url}/dashboard/  (sign in as ${manager.credentials.name})`);
      log(`  Shopper page:  ${cart.shopperPageUrl}  (one-time link for one phone, valid 15 minutes)`);
      log(`  Store API:     ${store.url}/api/health`);
      log('');
      if (manager.created) log(`The store's first manager is ${manager.credentials.name}, password ${manager.credentials.password} (shown this once; the launcher keeps it in ${layout.manager}).`);
      else log(`${manager.credentials.name}'s password was printed at the first start; it is kept in ${layout.manager}.`);
      if (staff.created) log(`The cart's Staff button takes ${staff.staff.staffId}'s PIN ${staff.staff.pin} (shown this once; kept in ${layout.staff}).`);
      else log(`${staff.staff.staffId}'s PIN for the cart's Staff button was printed at the first start; it is kept in ${layout.staff}.`);
      if (cart.window.shownIn === 'browser') log(`${cart.window.reason}; open the cart UI in a browser.`);
      log(`Cart usable in ${(usableMs / 1000).toFixed(1)} s from the process starting (${((usableMs - started) / 1000).toFixed(1)} s for the store and the cart). Ctrl-C stops everything.`);
      const signal = await untilStopped();
      log(`${signal}: closing the cart and the store...`);
      await emulated.close();
      log('Stopped.');
      return 0;
    } catch (error) {
      if (error instanceof EmulatedStoreError || error instanceof StoreStartError) {
        console.error(`tally emulate: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
