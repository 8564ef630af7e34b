// A catalog document from the store or the cart's disk, imported with the domain's own checks
// (the same the store ran), so the cart never prices from a catalog the store would refuse.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { importCatalog } from '../../../domain/common/catalog/import.js';
import { formatIssue } from '../../../domain/common/catalog/issue.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { catalogDocumentSchema, type CatalogDocument } from './catalog-answers.js';

/** A document and the Catalog it imports to. */
export interface CatalogCopy {
  readonly document: CatalogDocument;
  readonly catalog: Catalog;
}

/** How many problems one message names; the rest are counted. */
const NAMED_ISSUES = 5;

/** The copy, or every problem in one message for the cart's log and staff screen. */
export function importDocument(input: unknown): Result<CatalogCopy, string> {
  const imported = importCatalog(input);
  if (!imported.ok) {
    const issues = imported.error;
    const more = issues.length > NAMED_ISSUES ? ` (and ${issues.length - NAMED_ISSUES} more)` : '';
    return err(`${issues.slice(0, NAMED_ISSUES).map(formatIssue).join('; ')}${more}`);
  }
  // importCatalog accepted it, so the envelope holds; parsed again for its type.
  const envelope = catalogDocumentSchema.safeParse(input);
  return envelope.success ? ok({ document: envelope.data, catalog: imported.value }) : err('the document is not a tally-catalog/1 catalog');
}
