// The cart's own copy of the catalog on its disk, so it sells while the store is down and
// starts selling before the store answers. Written atomically (a temp file, fsync, rename,
// fsync of the folder): a power cut leaves the old copy or the new one, never half of one.
// A SHA-256 of the document travels with it, so a copy damaged on disk (a flipped digit in a
// price still parses) is refused whole rather than used.
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { CatalogDocument } from './catalog-answers.js';
import { importDocument, type CatalogCopy } from './import-document.js';

const COPY_FORMAT = 'tally-catalog-copy/1';

const copySchema = z.strictObject({
  format: z.literal(COPY_FORMAT),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  document: z.unknown(),
});

export type CatalogCopyErrorKind = 'unreadable' | 'bad-json' | 'bad-checksum' | 'invalid' | 'not-saved';

export class CatalogCopyError extends Error {
  override readonly name = 'CatalogCopyError';
  constructor(
    readonly kind: CatalogCopyErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The copy on disk; `undefined` when the cart has none yet. */
export async function readCatalogCopy(file: string): Promise<Result<CatalogCopy | undefined, CatalogCopyError>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return ok(undefined);
    return err(new CatalogCopyError('unreadable', file, `cannot be read (${code ?? String(cause)})`));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause) {
    return err(new CatalogCopyError('bad-json', file, `is not valid JSON (${(cause as Error).message}); it was cut short or damaged`));
  }
  const copy = copySchema.safeParse(parsed);
  if (!copy.success) return err(new CatalogCopyError('bad-json', file, `is not a ${COPY_FORMAT} file`));
  if (digest(JSON.stringify(copy.data.document)) !== copy.data.sha256) return err(new CatalogCopyError('bad-checksum', file, 'does not match its checksum; it was damaged on disk'));
  const imported = importDocument(copy.data.document);
  return imported.ok ? ok(imported.value) : err(new CatalogCopyError('invalid', file, `holds a catalog that does not import: ${imported.error}`));
}

/** Replaces the copy on disk with `document`, all or nothing. */
export async function writeCatalogCopy(file: string, document: CatalogDocument): Promise<Result<void, CatalogCopyError>> {
  const json = JSON.stringify(document);
  const text = JSON.stringify({ format: COPY_FORMAT, sha256: digest(json), document });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    // The rename itself is only durable once the folder's entry is on disk.
    const folder = await open(path.dirname(file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return ok(undefined);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err(new CatalogCopyError('not-saved', file, `the new copy could not be saved (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); the cart keeps using it in memory`));
  }
}
