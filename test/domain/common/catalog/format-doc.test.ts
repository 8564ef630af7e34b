// Keeps docs/catalog-format.md true: its example catalog and product sheet must import.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { formatIssue } from '../../../../domain/common/catalog/issue.js';
import { parseProductSheet } from '../../../../domain/common/catalog/product-sheet.js';

const doc = readFileSync(fileURLToPath(new URL('../../../../docs/catalog-format.md', import.meta.url)), 'utf8');
const block = (language: string): string => {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(doc);
  if (!match?.[1]) throw new Error(`no ${language} block in docs/catalog-format.md`);
  return match[1];
};

describe('docs/catalog-format.md', () => {
  it('has an example catalog that imports', () => {
    const result = importCatalog(JSON.parse(block('json')));
    expect(result.ok ? [] : result.error.map(formatIssue)).toEqual([]);
  });

  it('has an example sheet with the same products as the example catalog', () => {
    const sheet = parseProductSheet(block('csv'));
    expect(sheet.ok ? [] : sheet.error.map(formatIssue)).toEqual([]);
    const catalog = importCatalog(JSON.parse(block('json')));
    if (!sheet.ok || !catalog.ok) return;
    const fromSheet = importCatalog({ ...JSON.parse(block('json')), products: sheet.value.rows.map((r) => r.product) });
    expect(fromSheet.ok && fromSheet.value.products).toEqual(catalog.value.products);
  });
});
