import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findElectron } from '../../../cart-app/node/electron-binary.js';

describe('finding the Electron binary', () => {
  it('names the binary when it exists, and says why not when it does not', () => {
    const electron = findElectron();
    if (electron.found) expect(existsSync(electron.path)).toBe(true);
    else expect(electron.reason).toMatch(/not downloaded|not installed/);
  });
});
