// The CSV product sheet: one product a row, the way a store keeps its item file in a
// spreadsheet. Each row becomes a product exactly as the JSON format writes it, so the sheet
// and the JSON go through the same import; problems are reported by row and column.
// The columns are documented in docs/catalog-format.md.
import { err, ok, type Result } from '../result.js';
import { columnLetter, parseCsv } from './csv.js';
import { zodProblems, type CatalogIssue, type CatalogPath } from './issue.js';
import { productSchema, type ProductInput } from './schema.js';

type Kind = 'text' | 'money' | 'number' | 'list';

/** The fixed columns and how their cells are read; `names.<tag>` columns come on top. */
const COLUMNS: Readonly<Record<string, Kind>> = {
  sku: 'text',
  name: 'text',
  brand: 'text',
  category: 'text',
  aisle: 'text',
  soldBy: 'text',
  price: 'money',
  memberPrice: 'money',
  per: 'text',
  gtins: 'list',
  plu: 'text',
  itemReference: 'text',
  tareGrams: 'number',
  typicalGrams: 'number',
  weightMeanGrams: 'number',
  weightSdGrams: 'number',
  taxClass: 'text',
  deposit: 'money',
  minimumAge: 'number',
  image: 'text',
  visionLabel: 'text',
};
const REQUIRED = ['sku', 'name', 'soldBy', 'price', 'taxClass'];
const NAMES_PREFIX = 'names.';
const byLowerCase = new Map(Object.keys(COLUMNS).map((c) => [c.toLowerCase(), c]));

export interface SheetRow {
  /** The line of the file the row starts on (the header is line 1). */
  readonly row: number;
  readonly product: ProductInput;
}

export interface ProductSheet {
  /** The column names as canonicalised from the header (`SKU` -> `sku`). */
  readonly header: readonly string[];
  readonly rows: readonly SheetRow[];
}

export interface ProductSheetOptions {
  /** Decimals of the store's currency, for reading prices such as 3.49 (default 2). */
  readonly minorUnits?: number;
}

/** The column a product field is written in: `weight.meanGrams` -> `weightMeanGrams`, `gtins[2]` -> `gtins`. */
function columnOf(path: CatalogPath): string | undefined {
  const [head, next] = path;
  if (head === 'weight') return next === 'sdGrams' ? 'weightSdGrams' : 'weightMeanGrams';
  if (head === 'names') return typeof next === 'string' ? `${NAMES_PREFIX}${next}` : undefined;
  return typeof head === 'string' ? head : undefined;
}

/**
 * Where a product field sits in the sheet: `row 5, gtins (column F)`. Used for the sheet's own
 * problems and to point catalog-wide problems (a duplicate GTIN) back at the row.
 */
export function sheetCell(header: readonly string[], row: number, productPath: CatalogPath): string {
  const column = columnOf(productPath);
  const index = column === undefined ? -1 : header.indexOf(column);
  return index < 0 ? `row ${row}` : `row ${row}, ${column} (column ${columnLetter(index)})`;
}

type Read = { readonly value: string | number | string[] } | { readonly problem: string };

/** 3.49 -> 349 with 2 decimals; exact, without floating point. */
function readMoney(text: string, minorUnits: number): Read {
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text);
  if (!match) return { problem: `"${text}" is not an amount such as 3.49 (digits and a decimal point, no currency sign)` };
  const fraction = match[2] ?? '';
  if (fraction.length > minorUnits) return { problem: `"${text}" has more than ${minorUnits} decimals` };
  return { value: Number(match[1]) * 10 ** minorUnits + Number(fraction.padEnd(minorUnits, '0') || '0') };
}

function readNumber(text: string): Read {
  return /^\d+(\.\d+)?$/.test(text) ? { value: Number(text) } : { problem: `"${text}" is not a number` };
}

function readList(text: string): Read {
  // A spreadsheet that treats a barcode as a number shows 8.94512E+11 and drops leading zeros.
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) return { problem: `"${text}" looks like a barcode turned into a number by a spreadsheet; format the column as text` };
  return { value: text.split(/[\s;|]+/).filter((code) => code !== '') };
}

const READERS: Readonly<Record<Kind, (text: string, minorUnits: number) => Read>> = {
  text: (text) => ({ value: text }),
  money: readMoney,
  number: readNumber,
  list: readList,
};

/** Reads the header row: canonical names, or problems for unknown, repeated and missing columns. */
function readHeader(cells: readonly string[]): { header: string[]; problems: CatalogIssue[] } {
  const header: string[] = [];
  const problems: CatalogIssue[] = [];
  cells.forEach((cell, i) => {
    const raw = cell.trim();
    const name = raw.startsWith(NAMES_PREFIX) ? raw : (byLowerCase.get(raw.toLowerCase()) ?? raw);
    const where = `row 1, column ${columnLetter(i)}`;
    if (name.startsWith(NAMES_PREFIX) ? !/^names\.[a-z]{2}(-[A-Z]{2})?$/.test(name) : COLUMNS[name] === undefined) {
      problems.push({ path: where, message: `unknown column "${raw}" (columns: ${Object.keys(COLUMNS).join(', ')}, and names.<language> such as names.es)` });
    } else if (header.includes(name)) {
      problems.push({ path: where, message: `column "${name}" appears twice` });
    }
    header.push(name);
  });
  for (const column of REQUIRED) {
    if (!header.includes(column)) problems.push({ path: 'row 1', message: `missing the required column "${column}"` });
  }
  return { header, problems };
}

/** One row as a product input, with the problems of the cells that could not be read. */
function readRow(header: readonly string[], cells: readonly string[], row: number, minorUnits: number): { product: Record<string, unknown>; problems: CatalogIssue[]; unread: Set<string> } {
  const product: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const weight: Record<string, unknown> = {};
  const problems: CatalogIssue[] = [];
  const unread = new Set<string>();
  header.forEach((column, i) => {
    const text = (cells[i] ?? '').trim();
    if (text === '') return;
    if (column.startsWith(NAMES_PREFIX)) {
      names[column.slice(NAMES_PREFIX.length)] = text;
      return;
    }
    const read = READERS[COLUMNS[column] ?? 'text'](text, minorUnits);
    if ('problem' in read) {
      problems.push({ path: `row ${row}, ${column} (column ${columnLetter(i)})`, message: read.problem });
      unread.add(column);
    } else if (column === 'weightMeanGrams') {
      weight.meanGrams = read.value;
    } else if (column === 'weightSdGrams') {
      weight.sdGrams = read.value;
    } else {
      product[column] = read.value;
    }
  });
  if (Object.keys(names).length > 0) product.names = names;
  if (Object.keys(weight).length > 0) product.weight = weight;
  return { product, problems, unread };
}

/**
 * Reads a product sheet (CSV with a header row) into product inputs. Reports every problem:
 * CSV syntax, unknown or missing columns, rows with the wrong number of cells, unreadable
 * amounts, and each field the catalog schema rejects, at its row and column. Checks across
 * products (duplicate SKUs, GTIN check digits) happen when the products are imported.
 */
export function parseProductSheet(csv: string, options: ProductSheetOptions = {}): Result<ProductSheet, CatalogIssue[]> {
  const minorUnits = options.minorUnits ?? 2;
  const records = parseCsv(csv);
  if (!records.ok) {
    return err([{ path: `row ${records.error.line}, character ${records.error.column}`, message: records.error.reason }]);
  }
  const [first, ...body] = records.value;
  if (first === undefined) return err([{ path: 'row 1', message: 'the sheet is empty; its first row names the columns' }]);

  const { header, problems } = readHeader(first.fields);
  // Without a sound header no cell can be trusted to be what its column says.
  if (problems.length > 0) return err(problems);
  const rows: SheetRow[] = [];
  for (const record of body) {
    if (record.fields.every((cell) => cell.trim() === '')) continue;
    if (record.fields.length !== header.length) {
      problems.push({ path: `row ${record.line}`, message: `has ${record.fields.length} cells, the header has ${header.length} (a missing or extra comma?)` });
      continue;
    }
    const read = readRow(header, record.fields, record.line, minorUnits);
    problems.push(...read.problems);
    const soldBy = typeof read.product.soldBy === 'string' ? read.product.soldBy : '?';
    const parsed = productSchema.safeParse(read.product);
    if (parsed.success) {
      rows.push({ row: record.line, product: parsed.data });
      continue;
    }
    for (const problem of zodProblems(parsed.error.issues, `not used for items sold by ${soldBy}; leave the cell empty`)) {
      // A cell that could not be read is reported once, not again as missing.
      if (read.unread.has(columnOf(problem.at) ?? '')) continue;
      problems.push({ path: sheetCell(header, record.line, problem.at), message: problem.message });
    }
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ path: 'row 2', message: 'the sheet has no product rows' });
  return problems.length > 0 ? err(problems) : ok({ header, rows });
}
