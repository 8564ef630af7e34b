// The pages the emulated store serves are Vite builds (the cart's touch UI, the staff
// dashboard). A fresh checkout that skipped the build gets it done here, once, rather than a
// store that answers "not built"; where Vite cannot run, the error names the one command.
import { existsSync } from 'node:fs';
import { EmulatedStoreError } from './errors.js';

export interface BuiltPage {
  /** What it is, for the log: "the cart's touch UI". */
  readonly what: string;
  /** The file the build writes last and the server serves first. */
  readonly indexFile: string;
  /** The Vite config that builds it. */
  readonly viteConfig: string;
  /** The command that builds it by hand, for the error message. */
  readonly command: string;
}

/** Builds with Vite's own API; injected in tests. */
export type ViteBuild = (configFile: string) => Promise<void>;

const viteBuild: ViteBuild = async (configFile) => {
  const vite = await import('vite');
  await vite.build({ configFile, logLevel: 'warn' });
};

/** True when it had to build the page now. */
export async function ensureBuilt(page: BuiltPage, log: (line: string) => void, build: ViteBuild = viteBuild): Promise<boolean> {
  if (existsSync(page.indexFile)) return false;
  log(`Building ${page.what} with Vite (once; \`${page.command}\` does the same)...`);
  try {
    await build(page.viteConfig);
  } catch (error) {
    throw new EmulatedStoreError('not-built', `${page.what} is not built and Vite could not build it (${error instanceof Error ? error.message : String(error)}). Build it with: ${page.command}`);
  }
  if (!existsSync(page.indexFile)) throw new EmulatedStoreError('not-built', `Vite ran but ${page.indexFile} is still missing. Build it with: ${page.command}`);
  return true;
}
