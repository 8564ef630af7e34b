// Catalog versions as stored: every imported document whole, plus the products that changed
// from the version before, so a cart holding version V fetches only what changed since V.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { importCatalog } from '../../../domain/common/catalog/import.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { stableJson } from './stable-json.js';

export type CatalogDocument = Record<string, unknown> & { readonly products: readonly Record<string, unknown>[] };

export interface StoredCatalog {
  readonly version: number;
  /** The document as imported (tally-catalog/1): a cart imports it with the same code. */
  readonly document: CatalogDocument;
  /** The document as JSON text, made once per version: a large store's catalog is megabytes. */
  readonly json: string;
  readonly catalog: Catalog;
}

export interface CatalogDelta {
  readonly version: number;
  readonly since: number;
  /** Products added or changed since `since`, as written in the catalog. */
  readonly changed: readonly Record<string, unknown>[];
  /** SKUs no longer sold. */
  readonly removed: readonly string[];
}

const skuOf = (product: Record<string, unknown>): string => String(product.sku);

/** Thrown when stored data no longer imports: the database was edited by hand or the code regressed. */
export class CorruptCatalogError extends Error {
  override readonly name = 'CorruptCatalogError';
}

export async function latestCatalog(db: SqlDatabase): Promise<StoredCatalog | undefined> {
  const rows = await db.query<{ version: number; document: string }>('SELECT version, document FROM catalog_versions ORDER BY version DESC LIMIT 1');
  const row = rows[0];
  if (!row) return undefined;
  const document = JSON.parse(row.document) as CatalogDocument;
  const imported = importCatalog(document);
  if (!imported.ok) throw new CorruptCatalogError(`stored catalog version ${row.version} no longer imports: ${imported.error[0]?.message ?? ''}`);
  return { version: Number(row.version), document, json: row.document, catalog: imported.value };
}

async function boundVersion(db: SqlDatabase, bound: 'MIN' | 'MAX'): Promise<number | undefined> {
  const rows = await db.query<{ version: number | null }>(`SELECT ${bound}(version) AS version FROM catalog_versions`);
  const v = rows[0]?.version;
  return v === null || v === undefined ? undefined : Number(v);
}

export const oldestCatalogVersion = (db: SqlDatabase): Promise<number | undefined> => boundVersion(db, 'MIN');
export const newestCatalogVersion = (db: SqlDatabase): Promise<number | undefined> => boundVersion(db, 'MAX');

/**
 * Stores a checked catalog and its change list against `previous` in one transaction. The
 * caller has checked that the version is newer; the primary key refuses a duplicate anyway.
 */
export async function saveCatalogVersion(
  db: SqlDatabase,
  entry: { document: CatalogDocument; json: string; version: number; previous: CatalogDocument | undefined; at: number; by: string | null },
): Promise<{ changed: number; removed: number }> {
  const before = new Map((entry.previous?.products ?? []).map((p) => [skuOf(p), stableJson(p)]));
  const after = new Map(entry.document.products.map((p) => [skuOf(p), p]));
  const changed = [...after].filter(([sku, p]) => before.get(sku) !== stableJson(p));
  const removed = [...before.keys()].filter((sku) => !after.has(sku));
  await db.transaction(async (tx) => {
    await tx.execute('INSERT INTO catalog_versions (version, document, product_count, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5)', [
      entry.version,
      entry.json,
      after.size,
      entry.at,
      entry.by,
    ]);
    for (const [sku, product] of changed) {
      await tx.execute("INSERT INTO catalog_changes (version, sku, change, product) VALUES ($1, $2, 'upsert', $3)", [entry.version, sku, JSON.stringify(product)]);
    }
    for (const sku of removed) {
      await tx.execute("INSERT INTO catalog_changes (version, sku, change, product) VALUES ($1, $2, 'remove', NULL)", [entry.version, sku]);
    }
  });
  return { changed: changed.length, removed: removed.length };
}

/** What changed between version `since` and `current`: the last change of each SKU wins. */
export async function catalogChangesSince(db: SqlDatabase, since: number, current: number): Promise<CatalogDelta> {
  const rows = await db.query<{ sku: string; change: string; product: string | null }>(
    'SELECT sku, change, product FROM catalog_changes WHERE version > $1 AND version <= $2 ORDER BY version',
    [since, current],
  );
  const last = new Map<string, { change: string; product: string | null }>();
  for (const row of rows) last.set(row.sku, row);
  const changed: Record<string, unknown>[] = [];
  const removed: string[] = [];
  for (const [sku, row] of last) {
    if (row.change === 'remove' || row.product === null) removed.push(sku);
    else changed.push(JSON.parse(row.product) as Record<string, unknown>);
  }
  return { version: current, since, changed, removed };
}
