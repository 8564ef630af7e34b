import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConsoleCart, consoleHelp } from '../../cart-app/node/console-cart.js';
import { findElectron } from '../../cart-app/node/electron-binary.js';
import { systemClock } from '../../domain/common/clock.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import type { Command } from '../command.js';
import { demoCatalogPath, projectRoot } from '../paths.js';

const usage = `Usage: tally start [--catalog FILE] [--data DIR] [--guest] [--fresh]

Runs the emulated cart on the demo store (or --catalog FILE) in this terminal: type or paste
what the scanner would read and see the live total after every change. The basket lives in a
durable session log under --data (default .tally/emulated-cart), so it survives a restart;
--fresh starts with an empty log. --guest shops without a membership (no member prices).
Reads commands from standard input, so a script can be piped in.`;

export const startCommand: Command = {
  name: 'start',
  summary: 'run the emulated cart on the demo store',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { catalog: { type: 'string' }, data: { type: 'string' }, guest: { type: 'boolean' }, fresh: { type: 'boolean' } },
    });
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
    // The touch UI in an Electron window is the cart-app issue's work; until then the terminal
    // is the cart's screen, and it says so rather than failing on a missing binary.
    print(electron.found ? `Electron is installed (${electron.path}); the touch UI is not built yet, so the cart runs here.` : `Electron is not available: ${electron.reason}. The cart runs in this terminal.`);
    if (interactive) print(consoleHelp);
    const cart = ConsoleCart.open({ catalog, sessionFile, clock: systemClock, cartId: 'emulated-1', shopperId: 'demo-shopper', member: !values.guest, print });
    const lines = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, prompt: 'cart> ' } : {}) });
    if (interactive) lines.prompt();
    try {
      for await (const line of lines) {
        if (!cart.handle(line)) break;
        if (interactive) lines.prompt();
      }
    } finally {
      lines.close();
      cart.close();
    }
    return 0;
  },
};
