// Loading a catalog from disk: a JSON catalog, optionally with products from CSV product sheets
// added to it (store settings and promotions live in the JSON; a sheet holds products only).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../../common/catalog/catalog.js';
import { importCatalog } from '../../common/catalog/import.js';
import { formatIssue, parsePath, type CatalogIssue } from '../../common/catalog/issue.js';
import { parseProductSheet, sheetCell, type ProductSheet, type ProductSheetOptions } from '../../common/catalog/product-sheet.js';
import { err, ok, type Result } from '../../common/result.js';

export type CatalogLoadErrorKind =
  /** The file is not there. */
  | 'missing-file'
  /** The file is there but cannot be read (a folder, no permission). */
  | 'unreadable'
  /** The JSON does not parse. */
  | 'bad-json'
  /** The file parses but the catalog or sheet in it is wrong; see `issues`. */
  | 'invalid';

export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';
  constructor(
    readonly kind: CatalogLoadErrorKind,
    /** The file the problem is in. */
    readonly file: string,
    summary: string,
    /** For `invalid`: every problem, with its path or sheet cell. */
    readonly issues: readonly CatalogIssue[] = [],
  ) {
    super([`${file}: ${summary}`, ...issues.map((i) => `  ${formatIssue(i)}`)].join('\n'));
  }
}

export interface LoadCatalogOptions {
  /** CSV product sheets whose products are added after the JSON's own. */
  readonly productSheets?: readonly string[];
}

type Loaded<T> = Result<T, CatalogLoadError>;

async function readText(file: string): Promise<Loaded<string>> {
  try {
    return ok(await readFile(file, 'utf8'));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(new CatalogLoadError('missing-file', file, 'no such file'));
    return err(new CatalogLoadError('unreadable', file, `cannot be read (${code ?? String(cause)})`));
  }
}

/** JSON.parse reports a character offset; a person wants a line and column. */
function whereInText(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

async function readJson(file: string): Promise<Loaded<unknown>> {
  const text = await readText(file);
  if (!text.ok) return text;
  try {
    return ok(JSON.parse(text.value.replace(/^\uFEFF/, '')) as unknown);
  } catch (cause) {
    return err(new CatalogLoadError('bad-json', file, `not valid JSON: ${whereInText(text.value, (cause as Error).message)}`));
  }
}

interface SheetSource {
  readonly file: string;
  readonly sheet: ProductSheet;
  /** Index in the catalog's products of the sheet's first row. */
  readonly firstIndex: number;
}

/** Points an issue about a product that came from a sheet at the sheet's row and column. */
function toSheetCell(issue: CatalogIssue, sources: readonly SheetSource[]): CatalogIssue {
  const [head, index, ...rest] = parsePath(issue.path);
  if (head !== 'products' || typeof index !== 'number') return issue;
  const source = sources.find((s) => index >= s.firstIndex && index < s.firstIndex + s.sheet.rows.length);
  const row = source?.sheet.rows[index - source.firstIndex];
  if (!source || !row) return issue;
  return { path: `${path.basename(source.file)} ${sheetCell(source.sheet.header, row.row, rest)}`, message: issue.message };
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The currency's decimals as the JSON states them, for reading sheet prices (2 when unstated). */
function statedMinorUnits(document: Record<string, unknown> | undefined): number {
  const value = asRecord(document?.store)?.minorUnits;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? value : 2;
}

/** Reads a CSV product sheet; its problems come back by row and column. */
export async function loadProductSheetFile(file: string, options: ProductSheetOptions = {}): Promise<Loaded<ProductSheet>> {
  const text = await readText(file);
  if (!text.ok) return text;
  const sheet = parseProductSheet(text.value, options);
  return sheet.ok ? sheet : err(new CatalogLoadError('invalid', file, 'the product sheet has problems', sheet.error));
}

/**
 * Reads and imports a JSON catalog (`tally-catalog/1`), adding the products of any CSV product
 * sheets. Problems in a sheet's products are reported at the sheet's row and column.
 */
export async function loadCatalogFile(file: string, options: LoadCatalogOptions = {}): Promise<Loaded<Catalog>> {
  if (file.toLowerCase().endsWith('.csv')) {
    return err(new CatalogLoadError('invalid', file, 'a product sheet holds products only; load a JSON catalog and pass the sheet in productSheets'));
  }
  const json = await readJson(file);
  if (!json.ok) return json;
  const document = asRecord(json.value);
  const sheetFiles = options.productSheets ?? [];
  if (sheetFiles.length > 0 && !Array.isArray(document?.products)) {
    return err(new CatalogLoadError('invalid', file, 'the catalog needs a "products" array to add the product sheets to'));
  }

  const sources: SheetSource[] = [];
  const products: unknown[] = Array.isArray(document?.products) ? [...(document.products as unknown[])] : [];
  for (const sheetFile of sheetFiles) {
    const sheet = await loadProductSheetFile(sheetFile, { minorUnits: statedMinorUnits(document) });
    if (!sheet.ok) return sheet;
    sources.push({ file: sheetFile, sheet: sheet.value, firstIndex: products.length });
    products.push(...sheet.value.rows.map((r) => r.product));
  }

  const imported = importCatalog(sources.length > 0 ? { ...document, products } : json.value);
  if (imported.ok) return imported;
  const issues = imported.error.map((issue) => toSheetCell(issue, sources));
  return err(new CatalogLoadError('invalid', file, `the catalog has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues));
}
