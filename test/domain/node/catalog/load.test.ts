import { mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../domain/common/catalog/issue.js';
import { CatalogLoadError, loadCatalogFile, loadProductSheetFile } from '../../../../domain/node/catalog/load.js';
import { smallCatalog } from '../../common/catalog/fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tally-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

async function failure(...args: Parameters<typeof loadCatalogFile>): Promise<CatalogLoadError> {
  const result = await loadCatalogFile(...args);
  if (result.ok) throw new Error('expected the load to fail');
  expect(result.error).toBeInstanceOf(CatalogLoadError);
  return result.error;
}

const SHEET_HEADER = 'sku,name,names.es,soldBy,price,gtins,weightMeanGrams,weightSdGrams,taxClass';

describe('loadCatalogFile', () => {
  it('loads a JSON catalog', async () => {
    const result = await loadCatalogFile(file('good.json', JSON.stringify(smallCatalog())));
    expect(result.ok && result.value.bySku('milk')?.price).toBe(479);
  });

  it('accepts a byte-order mark', async () => {
    const result = await loadCatalogFile(file('bom.json', `\uFEFF${JSON.stringify(smallCatalog())}`));
    expect(result.ok).toBe(true);
  });

  it('says when the file is missing or cannot be read', async () => {
    const missing = await failure(path.join(dir, 'nope.json'));
    expect(missing.kind).toBe('missing-file');
    expect(missing.message).toBe(`${path.join(dir, 'nope.json')}: no such file`);
    mkdirSync(path.join(dir, 'folder.json'));
    expect((await failure(path.join(dir, 'folder.json'))).kind).toBe('unreadable');
  });

  it('points at bad JSON by line and column', async () => {
    const error = await failure(file('bad.json', '{\n  "format": "tally-catalog/1",\n  "version": 1,\n}'));
    expect(error.kind).toBe('bad-json');
    expect(error.message).toMatch(/not valid JSON: .*\(line 4, column 1\)$/);
    expect((await failure(file('empty.json', ''))).kind).toBe('bad-json');
  });

  it('lists every problem of an invalid catalog', async () => {
    const catalog = smallCatalog();
    Object.assign(catalog.products[5] ?? {}, { gtins: ['894512000013'], taxClass: 'dairy' });
    const error = await failure(file('invalid.json', JSON.stringify(catalog)));
    expect(error.kind).toBe('invalid');
    expect(error.issues.map(formatIssue)).toEqual([
      'products[5].gtins[0]: GTIN-12 894512000013 has a bad check digit: expected 2, found 3',
      'products[5].taxClass: unknown tax class "dairy" (the store has grocery, alcohol)',
    ]);
    expect(error.message.split('\n')).toEqual([
      `${path.join(dir, 'invalid.json')}: the catalog has 2 problems`,
      '  products[5].gtins[0]: GTIN-12 894512000013 has a bad check digit: expected 2, found 3',
      '  products[5].taxClass: unknown tax class "dairy" (the store has grocery, alcohol)',
    ]);
  });

  it('adds the products of product sheets after the JSON’s own', async () => {
    const json = file('base.json', JSON.stringify(smallCatalog()));
    const sheet = file('extra.csv', `${SHEET_HEADER}\ncola,Cola 2 L,Refresco de cola,each,2.79,894512000036,2110,10,grocery\n`);
    const result = await loadCatalogFile(json, { productSheets: [sheet] });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.products).toHaveLength(13);
      expect(result.value.byGtin('894512000036')).toMatchObject({ sku: 'cola', price: 279, names: { es: 'Refresco de cola' } });
    }
  });

  it('reports catalog-wide problems of sheet products at the sheet’s row and column', async () => {
    const json = file('base2.json', JSON.stringify(smallCatalog()));
    const sheet = file('items.csv', [
      SHEET_HEADER,
      'cola,Cola,,each,2.79,894512000036,2110,10,grocery',
      'milk,Milk again,,each,4.79,894512000043,3960,25,grocery',
      'soap,Soap,,each,3.99,894512000051,400,5,household',
      'tea,Tea,,each,3.99,894512000012,60,3,grocery',
    ].join('\n'));
    const error = await failure(json, { productSheets: [sheet] });
    expect(error.issues.map(formatIssue)).toEqual([
      'items.csv row 3, sku (column A): duplicate SKU "milk", already at products[5].sku',
      'items.csv row 4, gtins (column F): GTIN-12 894512000051 has a bad check digit: expected 0, found 1',
      'items.csv row 4, taxClass (column I): unknown tax class "household" (the store has grocery, alcohol)',
      'items.csv row 5, gtins (column F): duplicate GTIN 894512000012 (GTIN-14 00894512000012), already at products[5].gtins[0] (SKU "milk")',
    ]);
  });

  it('reports a sheet’s own problems by row and column, before importing', async () => {
    const json = file('base3.json', JSON.stringify(smallCatalog()));
    const sheet = file('broken.csv', `${SHEET_HEADER}\ncola,Cola,,each,2.79.1,894512000036,2110,10,grocery\n`);
    const error = await failure(json, { productSheets: [sheet] });
    expect(error.kind).toBe('invalid');
    expect(error.file).toBe(sheet);
    expect(error.issues.map(formatIssue)).toEqual(['row 2, price (column E): "2.79.1" is not an amount such as 3.49 (digits and a decimal point, no currency sign)']);
    expect((await failure(json, { productSheets: [path.join(dir, 'gone.csv')] })).kind).toBe('missing-file');
  });

  it('reads sheet prices with the catalog’s currency decimals', async () => {
    const catalog = smallCatalog();
    catalog.store.currency = 'JPY';
    catalog.store.minorUnits = 0;
    const json = file('yen.json', JSON.stringify(catalog));
    const sheet = file('yen.csv', `${SHEET_HEADER}\ncola,Cola,,each,250,894512000036,2110,10,grocery\n`);
    const result = await loadCatalogFile(json, { productSheets: [sheet] });
    expect(result.ok && result.value.bySku('cola')?.price).toBe(250);
  });

  it('explains that a sheet alone is not a catalog', async () => {
    const error = await failure(file('only.csv', `${SHEET_HEADER}\n`));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/a product sheet holds products only/);
  });
});

describe('loadProductSheetFile', () => {
  it('reads a sheet from disk', async () => {
    const result = await loadProductSheetFile(file('one.csv', `${SHEET_HEADER}\r\ncola,Cola,,each,2.79,894512000036,2110,10,grocery\r\n`));
    expect(result.ok && result.value.rows.map((r) => r.product.sku)).toEqual(['cola']);
  });

  it('says when the sheet is missing', async () => {
    const result = await loadProductSheetFile(path.join(dir, 'missing.csv'));
    expect(!result.ok && result.error.kind).toBe('missing-file');
  });
});

describe.skipIf(process.getuid?.() === 0)('loadCatalogFile without permission', () => {
  it('says the file cannot be read', async () => {
    const locked = file('locked.json', '{}');
    chmodSync(locked, 0o000);
    expect((await failure(locked)).kind).toBe('unreadable');
  });
});
