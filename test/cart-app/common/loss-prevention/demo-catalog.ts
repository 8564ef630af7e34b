// The demo store's catalog, loaded once for the loss-prevention tests.
import { readFileSync } from 'node:fs';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';

const imported = importCatalog(JSON.parse(readFileSync(new URL('../../../../catalogs/demo-store.json', import.meta.url), 'utf8')));
if (!imported.ok) throw new Error(`the demo catalog does not import: ${imported.error.map((i) => i.message).join('; ')}`);
export const demoCatalog: Catalog = imported.value;
