// A running store: the database opened and migrated, the catalog file imported when it is
// newer than what the store holds, the server listening. What `tally store` runs.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../domain/common/clock.js';
import { formatIssue } from '../../domain/common/catalog/issue.js';
import { checkoutSetupFromConfig } from './checkout/setup-from-config.js';
import type { StoreConfig } from './config.js';
import { openStoreDatabase } from './open-store.js';
import type { SecureRandom } from './secure-random.js';
import { buildStoreServer } from './server/build-server.js';

/** The catalog file could not be imported; the store does not start on a broken catalog. */
export class StoreStartError extends Error {
  override readonly name = 'StoreStartError';
}

export interface RunningStore {
  readonly app: FastifyInstance;
  readonly url: string;
  /** What happened to the catalog file at start, for the operator. */
  readonly catalogNote: string;
  close(): Promise<void>;
}

async function readCatalogFile(file: string): Promise<unknown> {
  try {
    return JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new StoreStartError(`${file}: ${(error as Error).message}`);
  }
}

export async function startStore(config: StoreConfig, deps: { clock: Clock; random: SecureRandom }): Promise<RunningStore> {
  const db = await openStoreDatabase(config, deps.clock);
  const app = await buildStoreServer({
    db,
    ...deps,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    trustProxy: config.behindProxy,
    policy: { secureCookies: config.behindProxy },
    checkout: checkoutSetupFromConfig(config, deps.clock),
  });
  const close = async (): Promise<void> => {
    await app.close();
    await db.close();
  };
  try {
    let catalogNote = 'no catalog file given';
    if (config.catalogFile !== undefined) {
      const result = await app.storeCatalog.import(await readCatalogFile(config.catalogFile), null);
      if (result.ok) catalogNote = `imported ${config.catalogFile}: version ${result.value.version}, ${result.value.products} products`;
      else if (result.error.kind === 'not-newer') catalogNote = `kept catalog version ${result.error.current} (${config.catalogFile} has version ${result.error.version})`;
      else throw new StoreStartError([`${config.catalogFile}: ${result.error.issues.length} problem(s); nothing imported`, ...result.error.issues.map((i) => `  ${formatIssue(i)}`)].join('\n'));
    }
    const address = await app.listen({ port: config.port, host: config.host });
    return { app, url: address, catalogNote, close };
  } catch (error) {
    await close();
    throw error;
  }
}
