// The cart screen's only door to the main process, exposed as `window.tally` by the context
// bridge. A sandboxed preload is a CommonJS script that may require nothing but 'electron', so
// the channel names are repeated here (a test checks them against channels.ts) and the API is
// built by a function the tests call with a fake bridge.
import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS and may only require 'electron'
import electron = require('electron');

const CHANNELS = { intent: 'tally:intent', search: 'tally:search', snapshot: 'tally:snapshot', snapshots: 'tally:snapshots' } as const;

/** What the screen can do: send an intent, search, read and follow snapshots. Nothing else of IPC leaks. */
interface CartScreenApi {
  dispatch(intent: unknown): Promise<unknown>;
  search(query: string): Promise<unknown>;
  snapshot(): Promise<unknown>;
  /** Calls `listener` with each new snapshot; returns the way to stop. */
  onSnapshot(listener: (snapshot: unknown) => void): () => void;
}

function exposeCartApi(bridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): CartScreenApi {
  const api: CartScreenApi = {
    dispatch: (intent) => ipc.invoke(CHANNELS.intent, intent),
    search: (query) => ipc.invoke(CHANNELS.search, String(query)),
    snapshot: () => ipc.invoke(CHANNELS.snapshot),
    onSnapshot(listener) {
      // The event object (with its sender) never reaches the page: only the snapshot does.
      const relay = (_event: IpcRendererEvent, snapshot: unknown): void => listener(snapshot);
      ipc.on(CHANNELS.snapshots, relay);
      return () => {
        ipc.removeListener(CHANNELS.snapshots, relay);
      };
    },
  };
  bridge.exposeInMainWorld('tally', api);
  return api;
}

// In Electron's renderer the bridge exists; anywhere else (a test importing this file) it does not.
if (electron.contextBridge !== undefined && electron.ipcRenderer !== undefined) exposeCartApi(electron.contextBridge, electron.ipcRenderer);

export = { exposeCartApi, channels: CHANNELS };
