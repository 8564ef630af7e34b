// Uniqueness checks: remembers where each key was first seen and reports every later repeat
// with a pointer back to the first, so a person can decide which of the two is wrong.
import { formatPath, issueAt, type CatalogIssue, type CatalogPath } from './issue.js';

export class FirstSeen {
  readonly #seen = new Map<string, { path: CatalogPath; owner: string | undefined }>();

  /** `what` names the key in messages ("SKU", "GTIN", "coupon code"). */
  constructor(
    private readonly what: string,
    private readonly issues: CatalogIssue[],
  ) {}

  /**
   * Records `key` at `path`; reports it when it was seen before. `shown` is the key as the
   * person wrote it; `owner` names the product holding it, to tell two products apart.
   */
  add(key: string, path: CatalogPath, shown = `"${key}"`, owner?: string): void {
    const first = this.#seen.get(key);
    if (first === undefined) {
      this.#seen.set(key, { path, owner });
      return;
    }
    let where = formatPath(first.path);
    if (first.owner !== undefined) where += first.owner === owner ? ' (the same product)' : ` (SKU "${first.owner}")`;
    this.issues.push(issueAt(path, `duplicate ${this.what} ${shown}, already at ${where}`));
  }
}
