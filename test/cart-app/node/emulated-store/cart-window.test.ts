import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openCartWindow } from '../../../../cart-app/node/emulated-store/cart-window.js';

/** Stands in for Electron's process: records the signal it is stopped with. */
class FakeElectron extends EventEmitter {
  killedWith: string | undefined;
  kill(signal: string): boolean {
    this.killedWith = signal;
    this.emit('exit', null);
    return true;
  }
}

describe('the cart window', () => {
  it('falls back to the browser, saying why, when there is no Electron binary', () => {
    const window = openCartWindow('http://127.0.0.1:5180/', { find: () => ({ found: false, reason: 'the electron package is not installed' }), start: () => expect.fail('nothing to start') });
    expect(window).toMatchObject({ shownIn: 'browser', reason: 'Electron is not available: the electron package is not installed' });
    window.close();
  });

  it('opens the UI URL in Electron and closes it quietly when the emulator stops', () => {
    const fake = new FakeElectron();
    const started: { binary: string; args: readonly string[] }[] = [];
    const lines: string[] = [];
    const window = openCartWindow('http://127.0.0.1:5180/', {
      find: () => ({ found: true, path: '/opt/electron/electron' }),
      start: (binary, args) => {
        started.push({ binary, args });
        return fake as unknown as ChildProcess;
      },
      log: (line) => lines.push(line),
    });
    expect(window.shownIn).toBe('electron');
    expect(started).toEqual([{ binary: '/opt/electron/electron', args: ['http://127.0.0.1:5180/'] }]);
    window.close();
    expect(fake.killedWith).toBe('SIGTERM');
    expect(lines).toEqual([]);
  });

  it('tells the developer where the UI still is when they close the window, or Electron will not start', () => {
    for (const happen of [(f: FakeElectron) => f.emit('exit', 0), (f: FakeElectron) => f.emit('error', new Error('spawn EACCES'))]) {
      const fake = new FakeElectron();
      const lines: string[] = [];
      const window = openCartWindow('http://127.0.0.1:5180/', { find: () => ({ found: true, path: '/opt/electron/electron' }), start: () => fake as unknown as ChildProcess, log: (line) => lines.push(line) });
      happen(fake);
      expect(lines.join('\n')).toContain('http://127.0.0.1:5180/');
      window.close();
      expect(fake.killedWith).toBeUndefined();
    }
  });
});
