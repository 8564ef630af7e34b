import path from 'node:path';
import { projectRootOf } from '../domain/node/project-root.js';

/** The project root, whether the CLI runs from source (cli/) or compiled (dist/cli/). */
export const projectRoot = projectRootOf(import.meta.url);

/** The demo store that ships with the project. */
export const demoCatalogPath = path.join(projectRoot, 'catalogs', 'demo-store.json');
