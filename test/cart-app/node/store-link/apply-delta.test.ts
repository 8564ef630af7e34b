// Applying the store's catalog changes to the cart's copy: in place, new products added,
// removed ones gone, the settings taken whole; a gap or a contradiction refused.
import { describe, expect, it } from 'vitest';
import { applyCatalogDelta } from '../../../../cart-app/node/store-link/apply-delta.js';
import type { CatalogDelta, CatalogDocument } from '../../../../cart-app/node/store-link/catalog-answers.js';

const held: CatalogDocument = {
  format: 'tally-catalog/1',
  version: 3,
  store: { name: 'old' },
  products: [{ sku: 'a', price: 1 }, { sku: 'b', price: 2 }, { sku: 'c', price: 3 }],
};

const delta = (over: Partial<CatalogDelta>): CatalogDelta => ({ format: 'tally-catalog/1', version: 4, since: 3, store: { name: 'new' }, changed: [], removed: [], ...over });

describe('applying a catalog delta', () => {
  it('replaces changed products where they stand, adds new ones, drops removed ones and takes the settings', () => {
    const result = applyCatalogDelta(held, delta({ changed: [{ sku: 'd', price: 4 }, { sku: 'b', price: 20 }], removed: ['a', 'never-held'] }));
    expect(result).toEqual({ ok: true, value: { format: 'tally-catalog/1', version: 4, store: { name: 'new' }, products: [{ sku: 'b', price: 20 }, { sku: 'c', price: 3 }, { sku: 'd', price: 4 }] } });
    expect(held.products).toHaveLength(3);
  });

  it.each([
    ['starts from another version', delta({ since: 2 }), { kind: 'gap', held: 3, since: 2 }],
    ['goes backwards', delta({ since: 3, version: 2 }), { kind: 'gap', held: 3, since: 3 }],
    ['changes a SKU twice', delta({ changed: [{ sku: 'b' }, { sku: 'b' }] }), { kind: 'contradiction', sku: 'b' }],
    ['changes and removes a SKU', delta({ changed: [{ sku: 'b' }], removed: ['b'] }), { kind: 'contradiction', sku: 'b' }],
    ['removes a SKU twice', delta({ removed: ['c', 'c'] }), { kind: 'contradiction', sku: 'c' }],
  ])('refuses a delta that %s', (_what, bad, error) => {
    expect(applyCatalogDelta(held, bad)).toEqual({ ok: false, error });
  });
});
