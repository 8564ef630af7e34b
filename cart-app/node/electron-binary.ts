import { createRequire } from 'node:module';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

/**
 * Where the Electron binary is, or why there is none. The `electron` package's index throws
 * when its install script never downloaded the binary (skipped on purpose where the download
 * cannot work: see allowScripts in package.json), and is absent when npm dropped it.
 */
export function findElectron(): ElectronBinary {
  const require = createRequire(import.meta.url);
  try {
    const binary: unknown = require('electron');
    return typeof binary === 'string' ? { found: true, path: binary } : { found: false, reason: 'the electron package did not name a binary' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') return { found: false, reason: 'the electron package is not installed' };
    return { found: false, reason: 'its binary was not downloaded (run `node node_modules/electron/install.js` where the download works)' };
  }
}
