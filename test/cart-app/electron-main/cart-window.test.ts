// The kiosk window: locked down, kept on the cart's own page, and brought back after a crash or
// a hang, but not forever.
import { beforeEach, describe, expect, it } from 'vitest';
import { CartWindow, cartWindowSettings } from '../../../cart-app/electron-main/cart-window.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { FakeBrowserWindow } from './electron-fakes.js';

const maker = { BrowserWindow: FakeBrowserWindow as unknown as ConstructorParameters<typeof CartWindow>[0]['BrowserWindow'] };
let clock: SimulatedClock;
let logged: string[];
beforeEach(() => {
  FakeBrowserWindow.made.length = 0;
  clock = new SimulatedClock(0);
  logged = [];
});

function open(options: { hangMs?: number } = {}): { cart: CartWindow; window: FakeBrowserWindow } {
  const cart = new CartWindow(maker, { url: 'http://127.0.0.1:5180/', preload: '/app/preload.cjs', clock, kiosk: true, log: (m) => logged.push(m), ...options });
  cart.open();
  return { cart, window: FakeBrowserWindow.made.at(-1) as FakeBrowserWindow };
}

const crash = (window: FakeBrowserWindow, reason = 'crashed'): void => {
  window.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });
};

describe('the cart window', () => {
  it('is a kiosk with an isolated, sandboxed renderer and no Node', () => {
    expect(cartWindowSettings({ preload: '/p.cjs', kiosk: true })).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: { preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, devTools: false },
    });
    expect(cartWindowSettings({ preload: '/p.cjs', kiosk: false })).toMatchObject({ kiosk: false, webPreferences: { devTools: true, sandbox: true } });
  });

  it('loads the cart page, shows it when ready, and refuses navigation elsewhere, pop-ups and permissions', () => {
    const { window } = open();
    expect(window.loaded).toBe('http://127.0.0.1:5180/');
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    const tryNavigate = (url: string): boolean => {
      let prevented = false;
      window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(tryNavigate('http://127.0.0.1:5180/#staff')).toBe(false);
    expect(tryNavigate('https://evil.example/')).toBe(true);
    expect(tryNavigate('http://127.0.0.1:5181/')).toBe(true);
    expect(tryNavigate('not a url')).toBe(true);
    expect(window.webContents.openHandler?.()).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    window.webContents.permissionHandler?.({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('reloads the page after a renderer crash, and not after a clean exit', () => {
    const { cart, window } = open();
    crash(window, 'clean-exit');
    expect(window.webContents.reloads).toBe(0);
    crash(window, 'oom');
    expect(window.webContents.reloads).toBe(1);
    expect(cart.restarts).toBe(1);
    expect(logged).toEqual([expect.stringContaining('(oom, exit code 139); restarting')]);
  });

  it('gives up after five crashes in a minute, and tries again once the minute has passed', () => {
    const { window } = open();
    for (let i = 0; i < 7; i++) crash(window);
    expect(window.webContents.reloads).toBe(5);
    expect(logged.filter((m) => m.includes('not restarting'))).toHaveLength(1);
    clock.advance(61_000);
    crash(window);
    expect(window.webContents.reloads).toBe(6);
  });

  it('ends a renderer hung past the limit, unless it answers again in time', () => {
    const { window } = open({ hangMs: 10_000 });
    window.emit('unresponsive');
    clock.advance(5000);
    window.emit('responsive');
    clock.advance(10_000);
    expect(window.webContents.crashes).toBe(0);
    window.emit('unresponsive');
    window.emit('unresponsive');
    clock.advance(10_000);
    expect(window.webContents.crashes).toBe(1);
  });

  it('brings itself forward for a second launch', () => {
    const { cart, window } = open();
    cart.focus();
    expect(window.focused).toBe(true);
  });
});
