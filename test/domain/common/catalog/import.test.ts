import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../../../../domain/common/codes/gtin.js';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { formatIssue, type CatalogIssue } from '../../../../domain/common/catalog/issue.js';
import type { CatalogInput } from '../../../../domain/common/catalog/schema.js';
import { smallCatalog } from './fixture.js';

type Json = Record<string, unknown>;

/** The fixture with one change made by `edit` to its JSON form; returns every issue. */
function issuesAfter(edit: (catalog: Json & CatalogInput) => void): CatalogIssue[] {
  const catalog = structuredClone(smallCatalog()) as Json & CatalogInput;
  edit(catalog);
  const result = importCatalog(catalog);
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

/** Exactly one issue, at `path`, whose message matches. */
function expectOnly(issues: CatalogIssue[], path: string, message: string | RegExp): void {
  expect(issues.map(formatIssue)).toHaveLength(1);
  expect(issues[0]?.path).toBe(path);
  if (typeof message === 'string') expect(issues[0]?.message).toBe(message);
  else expect(issues[0]?.message).toMatch(message);
}

const product = (c: CatalogInput, sku: string): Json => {
  const found = c.products.find((p) => p.sku === sku);
  if (!found) throw new Error(`no ${sku} in the fixture`);
  return found as Json;
};
const withCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;

describe('importCatalog on a good catalog', () => {
  it('imports the fixture', () => {
    const result = importCatalog(smallCatalog());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.version).toBe(3);
      expect(result.value.products).toHaveLength(12);
      expect(result.value.taxClass('alcohol')?.rate).toBe(103_750);
    }
  });
});

describe('importCatalog reports each problem with its path', () => {
  it('a bad GTIN check digit, with the expected digit', () => {
    expectOnly(issuesAfter((c) => { product(c, 'milk').gtins = ['894512000013']; }), 'products[5].gtins[0]', 'GTIN-12 894512000013 has a bad check digit: expected 2, found 3');
  });

  it('a GTIN of the wrong length or with letters, from the schema', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = ['8940001']; }), 'products[7].gtins[0]', '8, 12, 13 or 14 digits');
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = ['8940001X']; }), 'products[7].gtins[0]', '8, 12, 13 or 14 digits');
  });

  it('the same GTIN on two products, however it is padded', () => {
    expectOnly(issuesAfter((c) => { product(c, 'juice').gtins = ['0894512000012']; }), 'products[6].gtins[0]', 'duplicate GTIN 0894512000012 (GTIN-14 00894512000012), already at products[5].gtins[0] (SKU "milk")');
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = ['00894512000029']; }), 'products[7].gtins[0]', 'duplicate GTIN 00894512000029, already at products[5].gtins[1] (SKU "milk")');
  });

  it('the same GTIN twice on one product', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = ['89400012', '00000089400012']; }), 'products[7].gtins[1]', 'duplicate GTIN 00000089400012, already at products[7].gtins[0] (the same product)');
  });

  it('a fixed GTIN inside a variable-measure range', () => {
    const upc = withCheck('21234567890');
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = [upc]; }), 'products[7].gtins[0]', /variable-measure range of store.variableMeasure\[0\] \(prefix "2"\)/);
    const ean = withCheck('281234567890');
    expectOnly(issuesAfter((c) => { product(c, 'gum').gtins = [ean]; }), 'products[7].gtins[0]', /store.variableMeasure\[1\] \(prefix "28"\)/);
    // "2..." as EAN-13 (prefix 2x) is not UPC-A number system 2.
    expect(importCatalog({ ...smallCatalog(), store: { ...smallCatalog().store, variableMeasure: [] }, products: smallCatalog().products.filter((p) => p.sku !== 'turkey') }).ok).toBe(true);
  });

  it('a duplicate SKU', () => {
    expectOnly(
      issuesAfter((c) => { c.products.push({ sku: 'milk', name: 'Milk again', soldBy: 'each', price: 100, weight: { meanGrams: 10, sdGrams: 1 }, taxClass: 'grocery' }); }),
      'products[12].sku',
      'duplicate SKU "milk", already at products[5].sku',
    );
    // Renaming a product that a promotion names also orphans the promotion: both are reported.
    expect(issuesAfter((c) => { product(c, 'gum').sku = 'milk'; }).map(formatIssue)).toEqual([
      'products[7].sku: duplicate SKU "milk", already at products[5].sku',
      'promotions[2].skus[0]: unknown SKU "gum"',
    ]);
  });

  it('an unknown tax class', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').taxClass = 'candy'; }), 'products[7].taxClass', 'unknown tax class "candy" (the store has grocery, alcohol)');
  });

  it('a member price above the price', () => {
    expectOnly(issuesAfter((c) => { product(c, 'granny-smith').memberPrice = 220; }), 'products[2].memberPrice', 'member price 220 is above the regular price 219');
    expect(importCatalog((() => { const c = smallCatalog(); (product(c, 'granny-smith')).memberPrice = 219; return c; })()).ok).toBe(true);
  });

  it('a PLU outside the IFPS ranges, and a PLU used twice', () => {
    expectOnly(issuesAfter((c) => { product(c, 'jalapeno').plu = '1234'; }), 'products[3].plu', /outside the IFPS produce range 3000-4999/);
    expectOnly(issuesAfter((c) => { product(c, 'jalapeno').plu = '94017'; product(c, 'jalapeno').per = 'lb'; product(c, 'avocado-each').plu = '94017'; }), 'products[4].plu', 'duplicate PLU 94017, already at products[3].plu (SKU "jalapeno")');
    expectOnly(issuesAfter((c) => { product(c, 'jalapeno').plu = '401'; }), 'products[3].plu', '4 or 5 digits');
  });

  it('an item reference that fits no layout, or with no layouts at all', () => {
    expectOnly(issuesAfter((c) => { product(c, 'turkey').itemReference = '2010'; }), 'products[11].itemReference', '4 digits fit no variable-measure layout (item references there are 5 digits)');
    expectOnly(issuesAfter((c) => { c.store.variableMeasure = []; }), 'products[11].itemReference', /the store has no variable-measure layouts/);
  });

  it('two products with one item reference', () => {
    expectOnly(
      issuesAfter((c) => { c.products.push({ sku: 'ham', name: 'Ham', soldBy: 'weight', price: 1099, per: 'lb', itemReference: '20101', taxClass: 'grocery' }); }),
      'products[12].itemReference',
      'duplicate item reference 20101, already at products[11].itemReference (SKU "turkey")',
    );
  });

  it('a weighed item priced per another unit than the store uses', () => {
    expectOnly(issuesAfter((c) => { product(c, 'banana').per = 'kg'; }), 'products[0].per', 'priced per kg but the store shows prices per lb');
  });

  it('an each-item without a weight model, or with an implausible one', () => {
    expectOnly(issuesAfter((c) => { delete product(c, 'gum').weight; }), 'products[7].weight', /needs a weight model \{ meanGrams, sdGrams \}/);
    expectOnly(issuesAfter((c) => { product(c, 'gum').weight = { meanGrams: 36, sdGrams: 36 }; }), 'products[7].weight.sdGrams', /spread of 36 g is not below the mean of 36 g/);
    expectOnly(issuesAfter((c) => { product(c, 'gum').weight = { meanGrams: 0, sdGrams: 0 }; }), 'products[7].weight.meanGrams', /expected number to be >0/);
  });

  it('a tare that is not below the typical weight', () => {
    expectOnly(issuesAfter((c) => { product(c, 'turkey').tareGrams = 230; }), 'products[11].tareGrams', 'a tare of 230 g is not below the typical weight of 230 g');
  });

  it('fields that belong to the other way of selling, and misspelt fields', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').per = 'lb'; }), 'products[7].per', /unknown field/);
    expectOnly(issuesAfter((c) => { product(c, 'gum').colour = 'green'; }), 'products[7].colour', 'unknown field (misspelt, or not part of tally-catalog/1)');
    expectOnly(issuesAfter((c) => { (c.store as Json).currencyCode = 'USD'; }), 'store.currencyCode', /unknown field/);
  });

  it('a product sold neither by each nor by weight', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').soldBy = 'bag'; }), 'products[7].soldBy', /Expected 'each' \| 'weight'/);
  });

  it('money that is not whole cents', () => {
    expectOnly(issuesAfter((c) => { product(c, 'gum').price = 1.99; }), 'products[7].price', /expected int/);
    expectOnly(issuesAfter((c) => { product(c, 'gum').price = -5; }), 'products[7].price', /expected number to be >=0/);
  });

  it('a tax rate written as a number or with too many decimals', () => {
    expectOnly(issuesAfter((c) => { (c.store.taxClasses[1] as Json).rate = 10.375; }), 'store.taxClasses[1].rate', /expected string/);
    expectOnly(issuesAfter((c) => { (c.store.taxClasses[1] as Json).rate = '10.37501'; }), 'store.taxClasses[1].rate', /up to 4 decimals/);
  });
});

describe('importCatalog checks the store settings', () => {
  it('a duplicate tax class', () => {
    expectOnly(issuesAfter((c) => { c.store.taxClasses.push({ id: 'grocery', name: 'Again', rate: '1' }); }), 'store.taxClasses[2].id', 'duplicate tax class "grocery", already at store.taxClasses[0].id');
  });

  it('two layouts for one prefix', () => {
    expectOnly(issuesAfter((c) => { c.store.variableMeasure?.push({ prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true }); }), 'store.variableMeasure[2].prefix', 'duplicate variable-measure prefix "2", already at store.variableMeasure[0].prefix');
  });

  it('a layout that leaves too few digits for its value', () => {
    expectOnly(
      issuesAfter((c) => { c.store.variableMeasure = [{ prefix: '2', itemReferenceLength: 6, value: 'price', priceCheckDigit: true }]; product(c, 'turkey').itemReference = '201010'; }),
      'store.variableMeasure[0].itemReferenceLength',
      'leaves 3 digits for the price, needs 4 to 5 (a price check digit covers 4 or 5 digits)',
    );
  });

  it('weight layouts: no price check digit, a unit required; price layouts: no unit', () => {
    const issues = issuesAfter((c) => {
      c.store.variableMeasure = [
        { prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true, weightUnit: 'g' },
        { prefix: '28', itemReferenceLength: 5, value: 'weight', priceCheckDigit: true },
      ];
    });
    expect(issues.map(formatIssue)).toEqual([
      'store.variableMeasure[0].weightUnit: a price layout carries no weight; remove weightUnit',
      'store.variableMeasure[1].priceCheckDigit: a price check digit only protects a price, not a weight',
      'store.variableMeasure[1].weightUnit: a weight layout needs the unit of its value (g, 10g, 0.01lb or 0.001lb)',
    ]);
  });
});

describe('importCatalog checks promotions and coupons', () => {
  it('an unknown SKU and a SKU listed twice', () => {
    const issues = issuesAfter((c) => { (c.promotions?.[0] as Json).skus = ['ipa-6', 'ipa-7', 'ipa-6']; });
    expect(issues.map(formatIssue)).toEqual(['promotions[0].skus[1]: unknown SKU "ipa-7"', 'promotions[0].skus[2]: SKU "ipa-6" is listed twice']);
  });

  it('a duplicate promotion id', () => {
    expectOnly(issuesAfter((c) => { (c.promotions?.[1] as Json).id = 'beer-2-for-20'; }), 'promotions[1].id', 'duplicate promotion id "beer-2-for-20", already at promotions[0].id');
  });

  it('a promotion that ends before it starts, with dates and datetimes', () => {
    expectOnly(issuesAfter((c) => { (c.promotions?.[1] as Json).endsAt = '2026-10-31'; }), 'promotions[1].endsAt', 'ends (2026-10-31) before it starts (2026-11-01)');
    expectOnly(issuesAfter((c) => { Object.assign(c.promotions?.[1] as Json, { startsAt: '2026-11-01T10:00:00-05:00', endsAt: '2026-11-01T14:59:59Z' }); }), 'promotions[1].endsAt', /before it starts/);
    expectOnly(issuesAfter((c) => { (c.promotions?.[1] as Json).endsAt = '2026-13-01'; }), 'promotions[1].endsAt', /Invalid/);
  });

  it('unit promotions on weighed items', () => {
    expectOnly(issuesAfter((c) => { (c.promotions?.[2] as Json).skus = ['gum', 'banana']; }), 'promotions[2].skus', 'this buyXgetY promotion counts units, but "banana" is sold by weight');
    expectOnly(issuesAfter((c) => { (c.promotions?.[3] as Json).skus = ['turkey']; }), 'promotions[3].skus', 'this amountOff promotion counts units, but "turkey" is sold by weight');
    expect(importCatalog((() => { const c = smallCatalog(); c.promotions?.push({ id: 'fruit', kind: 'percentOff', name: 'Fruit', skus: ['banana', 'granny-smith'], percent: 10 }); return c; })()).ok).toBe(true);
  });

  it('a multibuy that saves nothing, and an amount off that makes an item free', () => {
    expectOnly(issuesAfter((c) => { (c.promotions?.[0] as Json).price = 2398; }), 'promotions[0].price', '2 for 2398 saves nothing: 2 of the dearest item cost 2398');
    expectOnly(issuesAfter((c) => { (c.promotions?.[3] as Json).amount = 479; }), 'promotions[3].amount', '479 off would make "milk" (price 479) free or negative');
  });

  it('a promotion of an unknown kind', () => {
    expectOnly(issuesAfter((c) => { (c.promotions?.[0] as Json).kind = 'bogo'; }), 'promotions[0].kind', /Invalid discriminator/);
  });

  it('coupons: duplicate codes, unknown SKUs, more off than the threshold, bad codes', () => {
    expectOnly(issuesAfter((c) => { (c.coupons?.[1] as Json).code = 'SAVE5'; }), 'coupons[1].code', 'duplicate coupon code "SAVE5", already at coupons[0].code');
    expectOnly(issuesAfter((c) => { (c.coupons?.[1] as Json).skus = ['kiwi']; }), 'coupons[1].skus[0]', 'unknown SKU "kiwi"');
    expectOnly(issuesAfter((c) => { (c.coupons?.[0] as Json).discount = { amount: 6000 }; }), 'coupons[0].discount.amount', 'takes off 6000, more than the minimum spend of 5000');
    expectOnly(issuesAfter((c) => { (c.coupons?.[0] as Json).code = 'save 5'; }), 'coupons[0].code', /Invalid string/);
    expectOnly(issuesAfter((c) => { (c.coupons?.[0] as Json).discount = { percent: 10, amount: 5 }; }), 'coupons[0].discount', /Invalid input/);
  });
});

describe('importCatalog reports everything at once and never half-loads', () => {
  it('lists schema problems and cross-check problems in the sound parts together', () => {
    const issues = issuesAfter((c) => {
      product(c, 'banana').price = '0.69'; // schema: fails this product
      product(c, 'gum').gtins = ['89400013']; // cross-check: bad check digit
      product(c, 'cider-4').sku = 'ipa-6'; // cross-check: duplicate SKU
      (c.coupons?.[1] as Json).skus = ['banana', 'nope']; // banana failed the schema but exists; nope does not
      c.version = 0; // schema: top level
    });
    expect(issues.map(formatIssue)).toEqual([
      'version: Too small: expected number to be >=1',
      'products[0].price: Invalid input: expected number, received string',
      'products[7].gtins[0]: GTIN-8 89400013 has a bad check digit: expected 2, found 3',
      'products[9].sku: duplicate SKU "ipa-6", already at products[8].sku',
      'promotions[0].skus[1]: unknown SKU "cider-4"',
      'coupons[1].skus[1]: unknown SKU "nope"',
    ]);
  });

  it('reports every bad GTIN in a large catalog, not the first', () => {
    const issues = issuesAfter((c) => {
      for (let i = 0; i < 40; i++) {
        const good = withCheck(`8945129${String(i).padStart(4, '0')}`);
        const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
        c.products.push({ sku: `item-${i}`, name: `Item ${i}`, soldBy: 'each', price: 100, gtins: [bad], weight: { meanGrams: 100, sdGrams: 5 }, taxClass: 'grocery' });
      }
    });
    expect(issues).toHaveLength(40);
    expect(issues.every((issue) => issue.message.includes('bad check digit'))).toBe(true);
    expect(issues[39]?.path).toBe('products[51].gtins[0]');
  });

  it('reports input that is not a catalog at all, at the root', () => {
    for (const input of [null, 42, 'catalog', []]) {
      const result = importCatalog(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error[0]?.path).toBe('(catalog)');
    }
  });

  it('reports each missing top-level field of an empty object', () => {
    const result = importCatalog({});
    expect(result.ok ? [] : result.error.map((i) => i.path)).toEqual(['format', 'version', 'store', 'products']);
  });

  it('rejects a catalog with a wrong or missing format tag', () => {
    expectOnly(issuesAfter((c) => { (c as Json).format = 'tally-catalog/2'; }), 'format', /Invalid input: expected "tally-catalog\/1"/);
  });

  it('gives no catalog when anything is wrong', () => {
    const catalog = smallCatalog();
    (catalog.products[11] as Json).itemReference = '99';
    const result = importCatalog(catalog);
    expect(result.ok).toBe(false);
    expect('value' in result).toBe(false);
  });
});
