// The screen's narrow way into the runtime over Electron IPC: intents, searches and snapshots,
// nothing else. Only the cart's own page (its origin) is answered; every intent is checked by
// the runtime's schema as it is from the WebSocket. Snapshots are sent, never awaited: a stuck
// renderer cannot hold up the main process, which keeps recording scans and weights.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { CartRuntime } from '../node/runtime/cart-runtime.js';
import { CHANNELS } from './channels.js';

export interface IpcBridgeOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly runtime: CartRuntime;
  /** The screen's web contents, resolved when needed (the window may be recreated). */
  readonly screen: () => WebContents | undefined;
  /** The only origin allowed to call (the local UI server's). */
  readonly origin: string;
}

const query = z.string().max(80);

/** Thrown back to the caller: Electron passes the message to the renderer's rejected promise. */
export class IpcRefused extends Error {
  override readonly name = 'IpcRefused';
  constructor(readonly code: 'foreign-frame' | 'bad-query', message: string) {
    super(message);
  }
}

export function bridgeIpc(options: IpcBridgeOptions): () => void {
  const { ipcMain, runtime, origin } = options;
  const fromScreen = (event: IpcMainInvokeEvent): void => {
    const url = event.senderFrame?.url ?? '';
    let from = '';
    try {
      from = new URL(url).origin;
    } catch {
      from = '';
    }
    if (from !== origin || event.sender !== options.screen()) throw new IpcRefused('foreign-frame', 'only the cart screen may talk to the cart');
  };
  ipcMain.handle(CHANNELS.intent, (event, intent: unknown) => {
    fromScreen(event);
    return runtime.dispatch(intent);
  });
  ipcMain.handle(CHANNELS.search, (event, text: unknown) => {
    fromScreen(event);
    const parsed = query.safeParse(text);
    if (!parsed.success) throw new IpcRefused('bad-query', 'a search is a short piece of text');
    return runtime.search(parsed.data);
  });
  ipcMain.handle(CHANNELS.snapshot, (event) => {
    fromScreen(event);
    return runtime.snapshot();
  });
  const stop = runtime.subscribe((snapshot) => {
    const screen = options.screen();
    if (screen && !screen.isDestroyed()) screen.send(CHANNELS.snapshots, snapshot);
  });
  return () => {
    stop();
    for (const channel of [CHANNELS.intent, CHANNELS.search, CHANNELS.snapshot]) ipcMain.removeHandler(channel);
  };
}
