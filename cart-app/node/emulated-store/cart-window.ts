// Shows the cart's touch UI: in Electron when its binary is installed (Electron's own launcher
// opens a URL given on its command line in a window), else the URL is for a browser. The window
// is a screen only: the cart runs in this process, so closing it stops nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { findElectron, type ElectronBinary } from '../electron-binary.js';

export type CartWindow = { readonly shownIn: 'electron'; readonly binary: string; close(): void } | { readonly shownIn: 'browser'; readonly reason: string; close(): void };

export interface CartWindowDeps {
  readonly find?: () => ElectronBinary;
  readonly start?: (binary: string, args: readonly string[]) => ChildProcess;
  readonly log?: (line: string) => void;
}

const startElectron = (binary: string, args: readonly string[]): ChildProcess => spawn(binary, [...args], { stdio: 'ignore' });

export function openCartWindow(url: string, deps: CartWindowDeps = {}): CartWindow {
  const electron = (deps.find ?? findElectron)();
  if (!electron.found) return { shownIn: 'browser', reason: `Electron is not available: ${electron.reason}`, close: () => undefined };
  const child = (deps.start ?? startElectron)(electron.path, [url]);
  let running = true;
  let closing = false;
  child.once('exit', (code) => {
    running = false;
    if (!closing) deps.log?.(`The Electron window closed (exit ${code ?? 'by signal'}); the cart keeps running: open ${url} in a browser, or stop with Ctrl-C.`);
  });
  child.once('error', (error) => {
    running = false;
    deps.log?.(`Electron would not start (${error.message}); open ${url} in a browser.`);
  });
  return {
    shownIn: 'electron',
    binary: electron.path,
    close() {
      closing = true;
      if (running) child.kill('SIGTERM');
    },
  };
}
