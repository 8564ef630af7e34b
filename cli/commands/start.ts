import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConsoleCart, consoleHelp } from '../../cart-app/node/console-cart.js';
import { EmulatedCart } from '../../cart-app/node/emulated/emulated-cart.js';
import { EmulatorConsole, emulatorHelp } from '../../cart-app/node/emulated/emulator-console.js';
import { defaultCartSettings } from '../../cart-app/node/emulated/virtual-cart.js';
import { findElectron } from '../../cart-app/node/electron-binary.js';
import { startUiServer, type UiServer } from '../../cart-app/node/ui-server/ui-server.js';
import { SimulatedClock, systemClock } from '../../domain/common/clock.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import type { Command } from '../command.js';
import { demoCatalogPath, projectRoot } from '../paths.js';

const defaultUiPort = 5180;
const uiDist = path.join(projectRoot, 'cart-app', 'ui', 'dist');

const usage = `Usage: tally start [--catalog FILE] [--data DIR] [--guest] [--fresh] [--ui] [--port N] [--hardware]

Runs the emulated cart on the demo store (or --catalog FILE) in this terminal: type or paste
what the scanner would read and see the live total after every change. The basket lives in a
durable session log under --data (default .tally/emulated-cart), so it survives a restart;
--fresh starts with an empty log. --guest shops without a membership (no member prices).
Reads commands from standard input, so a script can be piped in.

--ui also serves the touch UI (built beforehand into cart-app/ui/dist) on 127.0.0.1 and prints
its address for a browser; the terminal and the touch screen drive the same cart. --port picks
the port (default ${defaultUiPort}; 0 for any free one).

--hardware adds the emulated hardware: a virtual board speaking Firmata, with the basket's
load cells, motion sensor, battery, dock, pole light and help button on it, driven by the same
johnny-five drivers a real cart runs, with loss prevention (a scan never put in the basket, or
something put in unscanned, raises an alert after its grace period) and a camera that reads
printed labels with the real decoder. Its words: show CODE, put [GRAMS], out [N],
push [SECONDS], button, dock, undock, scale off|on, board off|on, status.`;

/** Resolves on Ctrl-C or a stop signal: with a screen being served, the end of input is not the end of the cart. */
const untilStopped = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

export const startCommand: Command = {
  name: 'start',
  summary: 'run the emulated cart on the demo store',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { catalog: { type: 'string' }, data: { type: 'string' }, guest: { type: 'boolean' }, fresh: { type: 'boolean' }, ui: { type: 'boolean' }, port: { type: 'string' }, hardware: { type: 'boolean' } },
    });
    const port = Number(values.port ?? defaultUiPort);
    if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
      console.error(`--port wants a port number (0-65535), not "${values.port ?? ''}"`);
      return 2;
    }
    if (values.ui && !existsSync(path.join(uiDist, 'index.html'))) {
      console.error(`The touch UI is not built (no ${path.relative(process.cwd(), uiDist) || uiDist}/index.html). Build it with:\n  npx vite build --config cart-app/browser/ui/vite.config.ts`);
      return 1;
    }
    const catalogFile = values.catalog ?? demoCatalogPath;
    const loaded = await loadCatalogFile(catalogFile);
    if (!loaded.ok) {
      console.error(loaded.error.message);
      return 1;
    }
    const dataDir = path.resolve(values.data ?? path.join(projectRoot, '.tally', 'emulated-cart'));
    const sessionFile = path.join(dataDir, 'session.log');
    if (values.fresh) rmSync(sessionFile, { force: true });
    mkdirSync(dataDir, { recursive: true });
    const catalog = loaded.value;
    const print = (text: string): void => console.log(text);
    const interactive = process.stdin.isTTY === true;
    print(`Tally emulated cart · ${catalog.store.name} · catalog v${catalog.version} (${catalog.products.length} products)`);
    print(`Session log: ${sessionFile}`);
    const electron = findElectron();
    // The Electron shell is not built yet: the touch UI runs in a browser (--ui) beside the terminal.
    print(electron.found ? `Electron is installed (${electron.path}); the Electron shell is not built yet, so the cart runs here.` : `Electron is not available: ${electron.reason}. The cart runs in this terminal.`);
    if (interactive) print(values.hardware ? `${consoleHelp}\n${emulatorHelp}` : consoleHelp);
    const shopper = { shopperId: 'demo-shopper', member: !values.guest };
    let cart: ConsoleCart;
    let emulator: { console: EmulatorConsole; hardware: EmulatedCart; stop: () => void } | undefined;
    if (values.hardware) {
      // The virtual hardware samples on a simulated clock that a pump keeps on the wall clock.
      const clock = new SimulatedClock(Date.now());
      const opened = await EmulatedCart.open({ catalog, sessionFile, clock, cartId: 'emulated-1', settings: defaultCartSettings, shopper, warn: (m) => print(`note: ${m}`) });
      if (!opened.ok) {
        console.error(opened.error.message);
        return 1;
      }
      const hardware = opened.value;
      cart = ConsoleCart.attach(hardware.runtime, hardware.resumed ? 'resumed' : 'new', { catalog, sessionFile, clock, cartId: 'emulated-1', ...shopper, print });
      const emulatorConsole = new EmulatorConsole(hardware, cart, print);
      emulator = { console: emulatorConsole, hardware, stop: emulatorConsole.runInRealTime(clock) };
    } else {
      cart = ConsoleCart.open({ catalog, sessionFile, clock: systemClock, cartId: 'emulated-1', ...shopper, print });
    }
    const closeCart = (): void => {
      if (!emulator) return cart.close();
      emulator.stop();
      emulator.console.close();
      emulator.hardware.close();
    };
    let screen: UiServer | undefined;
    if (values.ui) {
      try {
        screen = await startUiServer({ runtime: cart.runtime, distDir: uiDist, port });
      } catch (error) {
        closeCart();
        console.error(`The touch UI could not start on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      }
      print(`Touch UI: open ${screen.url} in a browser (1280x800 landscape). Ctrl-C stops the cart.`);
    }
    const lines = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, prompt: 'cart> ' } : {}) });
    if (interactive) lines.prompt();
    try {
      let quit = false;
      for await (const line of lines) {
        quit = !(emulator ? await emulator.console.handle(line) : cart.handle(line));
        if (quit) break;
        if (interactive) lines.prompt();
      }
      if (screen && !quit) await untilStopped();
    } finally {
      lines.close();
      await screen?.close();
      closeCart();
    }
    return 0;
  },
};
