import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { smallCatalog } from './fixture.js';

function catalog(): Catalog {
  const result = importCatalog(smallCatalog());
  if (!result.ok) throw new Error(`fixture does not import: ${JSON.stringify(result.error)}`);
  return result.value;
}
const skus = (products: readonly { sku: string }[]): string[] => products.map((p) => p.sku);

describe('Catalog lookups', () => {
  const c = catalog();

  it('by SKU', () => {
    expect(c.bySku('milk')?.name).toBe('Whole Milk 1 gal');
    expect(c.bySku('MILK')).toBeUndefined();
    expect(c.bySku('')).toBeUndefined();
  });

  it('by GTIN in any of its lengths', () => {
    expect(c.byGtin('894512000012')?.sku).toBe('milk');
    expect(c.byGtin('0894512000012')?.sku).toBe('milk');
    expect(c.byGtin('00894512000012')?.sku).toBe('milk');
    expect(c.byGtin('894512000029')?.sku).toBe('milk'); // its second GTIN, written as GTIN-14 in the catalog
    expect(c.byGtin('89400012')?.sku).toBe('gum');
    expect(c.byGtin('00000089400012')?.sku).toBe('gum');
    expect(c.byGtin('7350099101014')?.sku).toBe('juice');
    expect(c.byGtin('10894512500014')?.sku).toBe('water-case');
  });

  it('by GTIN: nothing for a bad check digit, a bad length, or an unknown code', () => {
    expect(c.byGtin('894512000013')).toBeUndefined();
    expect(c.byGtin('89451200001')).toBeUndefined();
    expect(c.byGtin(' 894512000012')).toBeUndefined();
    expect(c.byGtin('894512000036')).toBeUndefined();
  });

  it('by PLU: conventional, organic with its own product, organic without', () => {
    expect(c.byPlu('4011')).toEqual({ product: c.bySku('banana'), organic: false });
    expect(c.byPlu('94011')).toEqual({ product: c.bySku('banana-organic'), organic: true });
    expect(c.byPlu('94017')).toEqual({ product: c.bySku('granny-smith'), organic: true });
    expect(c.byPlu('4225')).toEqual({ product: c.bySku('avocado-each'), organic: false });
  });

  it('by PLU: nothing for unknown or malformed codes', () => {
    expect(c.byPlu('4012')).toBeUndefined();
    expect(c.byPlu('94012')).toBeUndefined();
    expect(c.byPlu('84011')).toBeUndefined();
    expect(c.byPlu('1234')).toBeUndefined();
    expect(c.byPlu('401')).toBeUndefined();
    expect(c.byPlu('4011 ')).toBeUndefined();
  });

  it('by variable-measure item reference', () => {
    expect(c.byItemReference('20101')?.sku).toBe('turkey');
    expect(c.byItemReference('20102')).toBeUndefined();
  });

  it('by vision label: every product with the label, in catalog order', () => {
    expect(skus(c.byVisionLabel('Banana'))).toEqual(['banana', 'banana-organic']);
    expect(skus(c.byVisionLabel('Granny-Smith'))).toEqual(['granny-smith']);
    expect(c.byVisionLabel('banana')).toEqual([]);
    expect(c.visionLabels).toEqual(['Banana', 'Granny-Smith', 'Bravo-Apple-Juice']);
  });

  it('tax classes, coupons and the promotions on a SKU', () => {
    expect(c.taxClass('alcohol')).toEqual({ id: 'alcohol', name: 'Alcohol', rate: 103_750 });
    expect(c.taxClass('food')).toBeUndefined();
    expect(c.coupon('SAVE5')?.threshold).toBe(5000);
    expect(c.coupon(' save5 ')?.code).toBe('SAVE5');
    expect(c.coupon('SAVE6')).toBeUndefined();
    expect(c.promotionsFor('ipa-6').map((p) => p.id)).toEqual(['beer-2-for-20', 'ipa-10-off']);
    expect(c.promotionsFor('banana')).toEqual([]);
  });

  it('fills in defaults', () => {
    expect(c.bySku('gum')?.gtins).toEqual(['89400012']);
    expect(c.bySku('banana')).toMatchObject({ tareGrams: 0, gtins: [] });
    expect(c.promotions.find((p) => p.id === 'gum-bogo')?.membersOnly).toBe(false);
    expect(c.coupons.find((p) => p.code === 'FRUIT10')?.threshold).toBe(0);
    expect(c.store.locale).toBe('en-US');
  });
});

describe('Catalog name search', () => {
  const c = catalog();

  it('ignores case and accents both ways', () => {
    expect(skus(c.search('jalapeno'))).toEqual(['jalapeno']);
    expect(skus(c.search('JALAPEÑO'))).toEqual(['jalapeno']);
    expect(skus(c.search('platanos'))).toEqual(['banana', 'banana-organic']);
  });

  it('searches translations and matches the starts of words, all words required', () => {
    expect(skus(c.search('manz gran'))).toEqual(['granny-smith']);
    expect(skus(c.search('chiles'))).toEqual(['jalapeno']);
    expect(skus(c.search('granny apples'))).toEqual(['granny-smith']);
    expect(skus(c.search('granny pears'))).toEqual([]);
    expect(skus(c.search('ana'))).toEqual([]); // not the middle of "bananas"
  });

  it('ranks an exact name and a matching start above a word found later', () => {
    expect(skus(c.search('bananas'))).toEqual(['banana', 'banana-organic']);
    expect(skus(c.search('organic'))).toEqual(['banana-organic']);
    expect(skus(c.search('milk'))[0]).toBe('milk');
  });

  it('finds produce by PLU, brand, and with punctuation in the query', () => {
    expect(skus(c.search('4011'))).toEqual(['banana']);
    expect(skus(c.search('dairy co'))).toEqual(['milk']);
    expect(skus(c.search('ipa, 6'))).toEqual(['ipa-6']);
  });

  it('filters by how a product is sold, and limits the results', () => {
    expect(skus(c.search('a', { soldBy: 'each' }))).not.toContain('banana');
    expect(c.search('b', { limit: 1 })).toHaveLength(1);
    expect(c.search('b', { limit: 0 })).toEqual([]);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(c.search('')).toEqual([]);
    expect(c.search('  ,.- ')).toEqual([]);
    expect(c.search('zzz')).toEqual([]);
  });
});

describe('Catalog immutability', () => {
  it('freezes products, store and offers so indexes cannot go stale', () => {
    const c = catalog();
    const banana = c.bySku('banana');
    expect(Object.isFrozen(banana)).toBe(true);
    expect(Reflect.set(banana ?? {}, 'price', 1)).toBe(false);
    expect(Reflect.set(c.products, 0, banana)).toBe(false);
    expect(Object.isFrozen(c.store.taxClasses[0])).toBe(true);
    expect(Object.isFrozen(c.promotions[0]?.skus)).toBe(true);
    expect(Reflect.set(c, 'version', 99)).toBe(false);
    expect(c.version).toBe(3);
  });

  it('keeps its indexes private', () => {
    expect(Object.keys(catalog()).sort()).toEqual(['coupons', 'products', 'promotions', 'store', 'version']);
  });

  it('does not share objects with the input it was imported from', () => {
    const input = smallCatalog();
    const result = importCatalog(input);
    expect(result.ok).toBe(true);
    expect(Object.isFrozen(input.products[0])).toBe(false);
  });
});
