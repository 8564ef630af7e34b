// The Electron entry point in plain Node with `electron` mocked: one instance per cart, the
// runtime and the UI server started, the kiosk window on the UI's address, IPC bridged, and
// everything closed when the app quits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../cart-app/electron-main/channels.js';
import { runCartShell, type CartShell, type ShellElectron } from '../../../cart-app/electron-main/shell.js';
import { FakeApp, FakeBrowserWindow, FakeIpcMain } from './electron-fakes.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const shells: CartShell[] = [];
afterEach(async () => {
  for (const s of shells.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  FakeBrowserWindow.made.length = 0;
  vi.resetModules();
  vi.doUnmock('electron');
});

function electronFakes(primary = true): { app: FakeApp; ipcMain: FakeIpcMain; electron: ShellElectron } {
  const userData = mkdtempSync(path.join(tmpdir(), 'tally-electron-'));
  dirs.push(userData);
  const app = new FakeApp(primary, userData, root);
  const ipcMain = new FakeIpcMain();
  return { app, ipcMain, electron: { app, ipcMain, BrowserWindow: FakeBrowserWindow } as unknown as ShellElectron };
}

describe('the cart\'s Electron main process', () => {
  it('starts from main.js with electron mocked: the runtime, the UI server, the kiosk window and the IPC bridge', async () => {
    const { app, ipcMain } = electronFakes();
    vi.doMock('electron', () => ({ app, ipcMain, BrowserWindow: FakeBrowserWindow }));
    await import('../../../cart-app/electron-main/main.js');
    await vi.waitFor(() => expect(FakeBrowserWindow.made).toHaveLength(1));
    const window = FakeBrowserWindow.made[0] as FakeBrowserWindow;
    expect(window.loaded).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: expect.stringMatching(/preload\.cjs$/) });
    expect(window.options.kiosk).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([CHANNELS.intent, CHANNELS.search, CHANNELS.snapshot].sort());
    // The page at the window's address may use the bridge; its snapshot is the demo shopper's trip.
    const snapshot = await ipcMain.invoke(CHANNELS.snapshot, window.webContents, window.loaded ?? '');
    expect(snapshot).toMatchObject({ store: { name: 'Tally Market' }, trip: { lines: [] } });
    // The UI server answers at that address.
    expect((await fetch(window.loaded ?? '')).status).toBeLessThan(500);
    app.emit('will-quit');
    await vi.waitFor(() => expect(ipcMain.handlers.size).toBe(0));
  });

  it('quits at once as a second instance, opening nothing', async () => {
    const { app, electron } = electronFakes(false);
    expect(await runCartShell(electron, { log: () => undefined })).toBeNull();
    expect(app.quits).toBe(1);
    expect(FakeBrowserWindow.made).toEqual([]);
  });

  it('focuses the window on a second launch and quits when the window is closed', async () => {
    const { app, electron } = electronFakes();
    const shell = await runCartShell(electron, { log: () => undefined, env: { TALLY_KIOSK: '0' } });
    if (!shell) throw new Error('no shell');
    shells.push(shell);
    const window = FakeBrowserWindow.made[0] as FakeBrowserWindow;
    expect(window.options.kiosk).toBe(false);
    app.emit('second-instance');
    expect(window.focused).toBe(true);
    app.emit('window-all-closed');
    expect(app.quits).toBe(1);
  });

  it('refuses to start on a catalog that cannot be read, saying which', async () => {
    const { electron } = electronFakes();
    await expect(runCartShell(electron, { log: () => undefined, env: { TALLY_CATALOG: path.join(root, 'no-such-catalog.json') } })).rejects.toMatchObject({ code: 'catalog' });
    expect(FakeBrowserWindow.made).toEqual([]);
  });
});
