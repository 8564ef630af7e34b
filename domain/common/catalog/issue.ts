// One problem found in a catalog, with where it is. Import reports every problem at once so the
// person fixing a catalog sees the whole list, not one error per attempt.
import type { z } from 'zod';

/** A location inside a catalog document: object keys and array indexes, outermost first. */
export type CatalogPath = readonly (string | number)[];

export interface CatalogIssue {
  /**
   * Where the problem is: a catalog path such as `products[12].gtins[0]`, or for a product
   * sheet a cell such as `row 5, gtins (column F)`.
   */
  readonly path: string;
  /** What is wrong, for a person: `bad check digit, expected 7, found 3`. */
  readonly message: string;
}

/** `['products', 12, 'gtins', 0]` -> `products[12].gtins[0]`; the root is `(catalog)`. */
export function formatPath(path: CatalogPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(catalog)' : out;
}

export const issueAt = (path: CatalogPath, message: string): CatalogIssue => ({ path: formatPath(path), message });

/** One line per issue, as a person reads them: `products[12].gtins[0]: bad check digit ...`. */
export const formatIssue = (issue: CatalogIssue): string => `${issue.path}: ${issue.message}`;

/** A problem at a structured path, before it is turned into a CatalogIssue. */
export interface LocatedProblem {
  readonly at: CatalogPath;
  readonly message: string;
}

const UNKNOWN_FIELD = 'unknown field (misspelt, or not part of tally-catalog/1)';

/**
 * Zod's issues with their paths. An unknown field is reported at the field itself (usually a
 * typo), one problem per field, rather than once at the object that holds it.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], unknownField = UNKNOWN_FIELD): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  for (const issue of issues) {
    const at = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ at: [...at, key], message: unknownField });
    } else {
      out.push({ at, message: issue.message });
    }
  }
  return out;
}

export const fromZodIssues = (issues: readonly z.core.$ZodIssue[]): CatalogIssue[] =>
  zodProblems(issues).map((p) => issueAt(p.at, p.message));

/** The inverse of formatPath: `products[12].gtins[0]` -> `['products', 12, 'gtins', 0]`. */
export function parsePath(text: string): CatalogPath {
  const out: (string | number)[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(match[2] !== undefined ? Number(match[2]) : (match[1] as string));
  }
  return out;
}
