// The emulated cart's catalog comes from its store, as a real cart's does: its copy on disk (in
// the cart's folder) first, then the store's whole catalog or what changed since, polled on the
// cart's clock; a new version re-prices the basket at once. Until the cart has a catalog from
// either, it cannot sell, so the launcher stops with the store's reason.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import { CatalogSync, type CatalogSyncEvent } from '../store-link/catalog-sync.js';
import type { CartIdentity } from '../store-link/signed-get.js';
import { EmulatedStoreError } from './errors.js';

export interface CatalogConnection {
  readonly sync: CatalogSync;
  /** The catalog the cart opens with. */
  readonly catalog: Catalog;
  /** From now on every new version reaches `cart`. */
  feed(cart: EmulatedCart): void;
  close(): void;
}

function describe(event: Exclude<CatalogSyncEvent, { type: 'catalog' }>): string {
  if (event.type === 'offline') return `the store stopped answering the cart's catalog requests (${event.reason}); the cart sells from its copy`;
  if (event.type === 'online') return 'the store answers the cart again';
  return `catalog: ${event.problem.message}`;
}

export async function connectCatalog(identity: CartIdentity, file: string, log: (line: string) => void): Promise<CatalogConnection> {
  const sync = new CatalogSync({ ...identity, file, warn: (m) => log(`note: ${m}`) });
  const reasons: string[] = [];
  let cart: EmulatedCart | undefined;
  const stop = sync.on((event) => {
    if (event.type !== 'catalog') {
      reasons.push(describe(event));
      log(`note: ${describe(event)}`);
      return;
    }
    if (!cart) return;
    cart.replaceCatalog(event.catalog);
    log(`The cart sells from version ${event.version} of the store's catalog now.`);
  });
  await sync.start();
  const catalog = sync.catalog;
  if (!catalog) {
    stop();
    sync.stop();
    throw new EmulatedStoreError('cart', `the cart has no catalog: ${reasons.join('; ') || 'the store sent none'}`);
  }
  return {
    sync,
    catalog,
    feed: (fed) => {
      cart = fed;
      // A version that came while the cart was booting.
      if (sync.catalog && sync.catalog !== fed.runtime.catalog) fed.replaceCatalog(sync.catalog);
    },
    close: () => {
      stop();
      sync.stop();
    },
  };
}
