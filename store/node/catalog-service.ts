// The store's catalog: the newest version held in memory for pricing and sync, every version
// kept in the database. An import either becomes the new version whole or changes nothing.
import type { CatalogIssue } from '../../domain/common/catalog/issue.js';
import { importCatalog } from '../../domain/common/catalog/import.js';
import { err, ok, type Result } from '../../domain/common/result.js';
import type { Clock } from '../../domain/common/clock.js';
import {
  catalogChangesSince,
  latestCatalog,
  newestCatalogVersion,
  oldestCatalogVersion,
  saveCatalogVersion,
  type CatalogDelta,
  type CatalogDocument,
  type StoredCatalog,
} from './records/catalog-versions.js';
import { StorageError, type SqlDatabase } from './storage/sql-database.js';

export type CatalogImportError =
  | { readonly kind: 'invalid'; readonly issues: readonly CatalogIssue[] }
  | { readonly kind: 'not-newer'; readonly version: number; readonly current: number };

export interface CatalogImported {
  readonly version: number;
  readonly products: number;
  readonly changed: number;
  readonly removed: number;
}

export type DeltaError = { readonly kind: 'ahead' | 'too-old'; readonly current: number };

export class CatalogService {
  #current: StoredCatalog | undefined;
  /** Imports run one at a time, so two managers cannot both become version N. */
  #importing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  static async open(db: SqlDatabase, clock: Clock): Promise<CatalogService> {
    const service = new CatalogService(db, clock);
    service.#current = await latestCatalog(db);
    return service;
  }

  get current(): StoredCatalog | undefined {
    return this.#current;
  }

  /**
   * The newest version in the database, reloaded when another store server sharing the same
   * PostgreSQL database imported one since; one indexed query when nothing changed.
   */
  async fresh(): Promise<StoredCatalog | undefined> {
    const newest = await newestCatalogVersion(this.db);
    if (newest !== undefined && newest > (this.#current?.version ?? 0)) this.#current = await latestCatalog(this.db);
    return this.#current;
  }

  import(input: unknown, by: string | null): Promise<Result<CatalogImported, CatalogImportError>> {
    const run = this.#importing.then(() => this.#import(input, by));
    this.#importing = run.catch(() => undefined);
    return run;
  }

  async #import(input: unknown, by: string | null): Promise<Result<CatalogImported, CatalogImportError>> {
    const imported = importCatalog(input);
    if (!imported.ok) return err({ kind: 'invalid', issues: imported.error });
    const version = imported.value.version;
    const previous = await this.fresh();
    if (previous && version <= previous.version) return err({ kind: 'not-newer', version, current: previous.version });
    // importCatalog accepted it, so it is an object with a products array.
    const document = input as CatalogDocument;
    const json = JSON.stringify(document);
    let counts: { changed: number; removed: number };
    try {
      counts = await saveCatalogVersion(this.db, { document, json, version, previous: previous?.document, at: this.clock.now(), by });
    } catch (error) {
      // Another store server on the same PostgreSQL database stored this version first.
      if (error instanceof StorageError && error.code === 'constraint') return err({ kind: 'not-newer', version, current: version });
      throw error;
    }
    this.#current = { version, document, json, catalog: imported.value };
    return ok({ version, products: imported.value.products.length, ...counts });
  }

  /** What a cart holding `since` needs to reach the current version. */
  async since(since: number): Promise<Result<CatalogDelta, DeltaError>> {
    const current = (await this.fresh())?.version ?? 0;
    if (since > current) return err({ kind: 'ahead', current });
    const oldest = await oldestCatalogVersion(this.db);
    if (oldest === undefined || since < oldest) return err({ kind: 'too-old', current });
    return ok(await catalogChangesSince(this.db, since, current));
  }
}
