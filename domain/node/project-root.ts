import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder at or above `moduleUrl`'s folder that holds
 * package.json. Code that finds files shipped beside the project (the demo catalog, built UIs)
 * asks this rather than counting `..`s, so it works both from source and compiled into dist/.
 */
export function projectRootOf(moduleUrl: string): string {
  const from = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
