// Brings the cart's copy of the catalog forward by one delta from the store: the settings,
// promotions and coupons come whole with the delta, changed products replace their SKU (new
// ones are added), removed SKUs go. The result is a whole document, imported again by the
// caller, so a delta that would leave a broken catalog is never used.
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { CatalogDelta, CatalogDocument } from './catalog-answers.js';

/** Why a delta cannot apply to the copy the cart holds. */
export type DeltaMismatch =
  /** The delta starts from another version than the cart's: something was missed. */
  | { readonly kind: 'gap'; readonly held: number; readonly since: number }
  /** The delta names a SKU twice, or both changes and removes it: no honest store sends that. */
  | { readonly kind: 'contradiction'; readonly sku: string };

export function applyCatalogDelta(held: CatalogDocument, delta: CatalogDelta): Result<CatalogDocument, DeltaMismatch> {
  if (delta.since !== held.version || delta.version < held.version) return err({ kind: 'gap', held: held.version, since: delta.since });
  const changed = new Map<string, CatalogDelta['changed'][number]>();
  for (const product of delta.changed) {
    if (changed.has(product.sku)) return err({ kind: 'contradiction', sku: product.sku });
    changed.set(product.sku, product);
  }
  const removed = new Set<string>();
  for (const sku of delta.removed) {
    if (changed.has(sku) || removed.has(sku)) return err({ kind: 'contradiction', sku });
    removed.add(sku);
  }
  const products: CatalogDocument['products'] = [];
  for (const product of held.products) {
    if (removed.has(product.sku)) continue;
    products.push(changed.get(product.sku) ?? product);
    changed.delete(product.sku);
  }
  products.push(...changed.values());
  const { since: _since, changed: _changed, removed: _removed, ...settings } = delta;
  return ok({ ...settings, products });
}
