// The preload's `window.tally`: the only IPC the page can reach. Electron runs a sandboxed
// preload as a CommonJS script whose `require` knows little more than 'electron'; the test does
// the same with the compiled script and a fake 'electron', and checks nothing else is required.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../cart-app/electron-main/channels.js';

interface ScreenApi {
  dispatch(intent: unknown): Promise<unknown>;
  search(query: unknown): Promise<unknown>;
  snapshot(): Promise<unknown>;
  onSnapshot(listener: (snapshot: unknown) => void): () => void;
}

const source = readFileSync(path.resolve(import.meta.dirname, '../../../cart-app/electron-main/preload.cts'), 'utf8');
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;

function runPreload(electron: Record<string, unknown>): { required: string[]; exports: { channels: Record<string, string> } } {
  const required: string[] = [];
  const module = { exports: {} as { channels: Record<string, string> } };
  const fakeRequire = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  new Function('require', 'module', 'exports', compiled)(fakeRequire, module, module.exports);
  return { required, exports: module.exports };
}

function inRenderer(): { api: ScreenApi; ipc: { invoke: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn>; removeListener: ReturnType<typeof vi.fn> }; required: string[] } {
  const exposed = new Map<string, unknown>();
  const ipc = { invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })), on: vi.fn(), removeListener: vi.fn() };
  const { required } = runPreload({ contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: ipc });
  expect([...exposed.keys()]).toEqual(['tally']);
  return { api: exposed.get('tally') as ScreenApi, ipc, required };
}

describe('the cart preload', () => {
  it('requires nothing but electron and answers on the channels the main process listens to', () => {
    const { required } = inRenderer();
    expect(required).toEqual(['electron']);
    // Outside a renderer (no context bridge) it loads and exposes nothing, rather than throwing.
    expect(runPreload({}).exports.channels).toEqual(CHANNELS);
  });

  it('exposes exactly dispatch, search, snapshot and onSnapshot as window.tally', async () => {
    const { api, ipc } = inRenderer();
    expect(Object.keys(api).sort()).toEqual(['dispatch', 'onSnapshot', 'search', 'snapshot']);
    await api.dispatch({ type: 'scan', code: '4011' });
    await api.search(42);
    await api.snapshot();
    expect(ipc.invoke.mock.calls).toEqual([[CHANNELS.intent, { type: 'scan', code: '4011' }], [CHANNELS.search, '42'], [CHANNELS.snapshot]]);
  });

  it('passes snapshots to the page without the IPC event, and stops when asked', () => {
    const { api, ipc } = inRenderer();
    const seen: unknown[] = [];
    const stop = api.onSnapshot((s) => seen.push(s));
    const [[channel, relay]] = ipc.on.mock.calls as [[string, (event: unknown, snapshot: unknown) => void]];
    expect(channel).toBe(CHANNELS.snapshots);
    relay({ sender: 'secret' }, { seq: 3 });
    expect(seen).toEqual([{ seq: 3 }]);
    stop();
    expect(ipc.removeListener).toHaveBeenCalledWith(CHANNELS.snapshots, relay);
  });
});
