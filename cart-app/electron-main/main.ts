// Electron's entry point on a cart (package.json "main" in the packaged app, see
// electron-builder.yml): everything it does is in shell.ts.
import { app, BrowserWindow, ipcMain } from 'electron';
import { runCartShell } from './shell.js';

runCartShell({ app, BrowserWindow, ipcMain }).catch((error: unknown) => {
  console.error(`tally-cart: the cart could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
