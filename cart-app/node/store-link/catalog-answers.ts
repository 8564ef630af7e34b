// The shapes the cart accepts from the store's catalog routes (docs/store-server.md). These
// check the envelope; the catalog itself is then checked whole by the domain's importCatalog,
// the same code the store imported it with, before the cart prices anything from it.
import { z } from 'zod';

/** The most products a catalog may hold (as the catalog format says). */
const MAX_PRODUCTS = 200_000;

const product = z.looseObject({ sku: z.string().min(1).max(200) });

/** A `tally-catalog/1` document as the cart keeps it: written by the store, checked by importCatalog. */
export const catalogDocumentSchema = z.looseObject({
  format: z.literal('tally-catalog/1'),
  version: z.int().min(1),
  products: z.array(product).max(MAX_PRODUCTS),
});

export type CatalogDocument = z.output<typeof catalogDocumentSchema>;

/** `GET /api/catalog?since=V`: the settings, promotions and coupons whole, and the products that changed. */
export const catalogDeltaSchema = z.looseObject({
  format: z.literal('tally-catalog/1'),
  version: z.int().min(1),
  since: z.int().min(0),
  changed: z.array(product).max(MAX_PRODUCTS),
  removed: z.array(z.string().min(1).max(200)).max(MAX_PRODUCTS),
});

export type CatalogDelta = z.output<typeof catalogDeltaSchema>;

/** Every error the store sends: a code for the cart, words for a person. */
export const storeErrorSchema = z.object({ error: z.string().max(100), message: z.string().max(2000) });
