import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRootOf } from '../domain/node/project-root.js';

/** The project root, whether the CLI runs from source (cli/) or compiled (dist/cli/). */
export const projectRoot = projectRootOf(import.meta.url);

/** The demo store that ships with the project. */
export const demoCatalogPath = path.join(projectRoot, 'catalogs', 'demo-store.json');

/** The version a cart reports to the fleet board: the project's own, from package.json. */
export function cartVersion(): string {
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : '0.0.0';
}
