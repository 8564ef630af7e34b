import { parseArgs } from 'node:util';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { UsageError, type Command } from '../command.js';
import { demoCatalogPath } from '../paths.js';

const usage = `Usage: tally catalog check [FILE] [--sheet CSV]... [--json]

Checks a catalog (tally-catalog/1 JSON, see docs/catalog-format.md) the way the store imports
it, and lists every problem with where it is. FILE defaults to the demo store. Each --sheet adds
the products of a CSV product sheet. Exit code 0 when the catalog would import, 1 when not.`;

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'check a catalog file and list every problem in it',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { sheet: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    });
    const [action, file = demoCatalogPath, ...extra] = positionals;
    if (action !== 'check') throw new UsageError(action === undefined ? 'say what to do: check' : `unknown action '${action}'`);
    if (extra.length > 0) throw new UsageError(`one catalog at a time (got ${positionals.length - 1})`);
    const loaded = await loadCatalogFile(file, { productSheets: values.sheet ?? [] });
    if (values.json) {
      console.log(
        JSON.stringify(
          loaded.ok
            ? { file, ok: true, version: loaded.value.version, products: loaded.value.products.length, promotions: loaded.value.promotions.length, coupons: loaded.value.coupons.length }
            : { file, ok: false, error: loaded.error.kind, issues: loaded.error.issues },
        ),
      );
    } else if (loaded.ok) {
      const c = loaded.value;
      console.log(`${file}: ok, version ${c.version}, ${c.products.length} products, ${c.promotions.length} promotions, ${c.coupons.length} coupons`);
    } else {
      console.error(loaded.error.message);
    }
    return loaded.ok ? 0 : 1;
  },
};
