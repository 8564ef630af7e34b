import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import type { WeighedProduct } from '../../domain/common/catalog/schema.js';
import { parseCsv } from '../../domain/common/catalog/csv.js';
import { importCatalog } from '../../domain/common/catalog/import.js';
import { formatIssue } from '../../domain/common/catalog/issue.js';
import { gtinCheckDigit } from '../../domain/common/codes/gtin.js';
import { priceCheckDigit } from '../../domain/common/codes/price-check.js';
import { parseVariableMeasure } from '../../domain/common/codes/variable-measure.js';
import { buildDemoStore } from '../../tools/catalog/demo-store/build.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const demoJson: unknown = JSON.parse(readFileSync(path.join(projectRoot, 'catalogs/demo-store.json'), 'utf8'));
const classesCsv = path.join(path.resolve(projectRoot, '../shared'), 'data/grocery-store/classes.csv');

function demo(): Catalog {
  const result = importCatalog(demoJson);
  if (!result.ok) throw new Error(`the demo store does not import:\n${result.error.map(formatIssue).join('\n')}`);
  return result.value;
}

describe('the demo store', () => {
  const c = demo();

  it('imports cleanly and is what the generator writes', () => {
    expect(demoJson).toEqual(buildDemoStore());
    expect(c.store).toMatchObject({ name: 'Tally Market', currency: 'USD', minorUnits: 2, taxMode: 'exclusive', weightUnit: 'lb' });
  });

  it('has at least 150 products, each with a Spanish name', () => {
    expect(c.products.length).toBeGreaterThanOrEqual(150);
    expect(c.products.filter((p) => !p.names?.es).map((p) => p.sku)).toEqual([]);
  });

  it('names 81 distinct vision labels, one per fine class of the Grocery Store Dataset', () => {
    expect(c.visionLabels).toHaveLength(81);
    expect(c.byVisionLabel('Granny-Smith').map((p) => p.sku)).toEqual(['apple-granny-smith']);
    expect(c.byVisionLabel('Arla-Standard-Milk').map((p) => p.sku)).toEqual(['milk-arla-standard']);
  });

  it.skipIf(!existsSync(classesCsv))('matches classes.csv: loose produce weighed with a PLU, packages sold each', () => {
    const csv = parseCsv(readFileSync(classesCsv, 'utf8'));
    if (!csv.ok) throw csv.error;
    const [header, ...rows] = csv.value;
    const nameAt = header?.fields.indexOf('Class Name (str)') ?? -1;
    const iconicAt = header?.fields.indexOf('Iconic Image Path (str)') ?? -1;
    expect(rows).toHaveLength(81);
    const classes = rows.map((r) => ({ name: r.fields[nameAt] ?? '', category: (r.fields[iconicAt] ?? '').split('/')[2] }));
    expect([...c.visionLabels].sort()).toEqual(classes.map((k) => k.name).sort());
    for (const { name, category } of classes) {
      const [product] = c.byVisionLabel(name);
      if (category === 'Packages') expect(product, name).toMatchObject({ soldBy: 'each' });
      else expect(product, name).toMatchObject({ soldBy: 'weight', per: 'lb', plu: expect.stringMatching(/^\d{4}$/) });
    }
  });

  it('sells produce by PLU and weight, with real IFPS codes and organic twins', () => {
    expect(c.byPlu('4011')?.product.sku).toBe('banana');
    expect(c.byPlu('94011')).toMatchObject({ product: { sku: 'banana-organic' }, organic: true });
    expect(c.byPlu('4131')?.product.sku).toBe('apple-fuji');
    expect(c.byPlu('94017')).toMatchObject({ product: { sku: 'apple-granny-smith' }, organic: true });
    expect(c.byPlu('4225')?.product.soldBy).toBe('each');
    const produce = c.products.filter((p) => p.category === 'Produce' && p.soldBy === 'weight');
    expect(produce.length).toBeGreaterThanOrEqual(50);
    expect(produce.every((p) => p.plu !== undefined)).toBe(true);
  });

  it('gives every item sold by each a plausible weight model', () => {
    for (const p of c.products) {
      if (p.soldBy !== 'each') continue;
      expect(p.weight.meanGrams, p.sku).toBeGreaterThanOrEqual(30);
      expect(p.weight.sdGrams / p.weight.meanGrams, p.sku).toBeLessThan(0.2);
      expect(p.gtins.length > 0 || p.plu !== undefined, p.sku).toBe(true);
    }
  });

  it('labels deli and meat counter items through both variable-measure layouts', () => {
    expect(c.store.variableMeasure.map((l) => [l.prefix, l.value])).toEqual([['2', 'price'], ['28', 'weight']]);
    const counter = c.products.filter((p): p is WeighedProduct => p.soldBy === 'weight' && p.itemReference !== undefined);
    expect(counter.length).toBeGreaterThanOrEqual(10);
    expect(c.byItemReference('20101')?.name).toBe('Oven-Roasted Turkey Breast, Sliced');
    expect(counter.some((p) => p.taxClass === 'prepared' && p.tareGrams > 0)).toBe(true);
  });

  it('reads a deli scale label and an imported cheese label with its layouts', () => {
    const withCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;
    const deliLabel = parseVariableMeasure(withCheck(`220101${priceCheckDigit('0599')}0599`), c.store.variableMeasure);
    expect(deliLabel.ok && deliLabel.value.price).toBe(599);
    expect(deliLabel.ok && c.byItemReference(deliLabel.value.itemReference)?.sku).toBe('deli-turkey-breast');
    const cheeseLabel = parseVariableMeasure(withCheck('282020300250'), c.store.variableMeasure);
    expect(cheeseLabel.ok && cheeseLabel.value.netMg).toBe(250_000);
    expect(cheeseLabel.ok && c.byItemReference(cheeseLabel.value.itemReference)?.sku).toBe('cheese-manchego');
  });

  it('restricts beer and wine to 21 and over, and charges deposits on cans and bottles', () => {
    const alcohol = c.products.filter((p) => p.taxClass === 'alcohol');
    expect(alcohol.length).toBeGreaterThanOrEqual(8);
    expect(alcohol.every((p) => p.minimumAge === 21)).toBe(true);
    expect(c.products.filter((p) => p.minimumAge !== undefined).every((p) => p.taxClass === 'alcohol')).toBe(true);
    expect(c.bySku('beer-hazy-ipa-6')?.deposit).toBe(30);
    expect(c.bySku('sparkling-water-lime-case-24')?.gtins[0]).toHaveLength(14);
  });

  it('has tax classes for food, prepared food, general merchandise and alcohol', () => {
    expect(c.store.taxClasses.map((t) => [t.id, t.rate])).toEqual([['grocery', 0], ['prepared', 88_750], ['general', 88_750], ['alcohol', 103_750]]);
  });

  it('has promotions of every kind, members-only ones, and overlaps on some SKUs', () => {
    const kinds = new Set(c.promotions.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['amountOff', 'buyXgetY', 'multibuy', 'percentOff']);
    expect(c.promotions.some((p) => p.kind === 'multibuy' && p.skus.length > 1)).toBe(true);
    expect(new Set(c.promotions.filter((p) => p.membersOnly).map((p) => p.kind)).size).toBeGreaterThanOrEqual(3);
    expect(c.promotionsFor('juice-tropicana-apple').length).toBeGreaterThanOrEqual(2);
    expect(c.promotionsFor('wine-pinot-noir').length).toBeGreaterThanOrEqual(2);
    expect(c.products.filter((p) => p.memberPrice !== undefined).length).toBeGreaterThanOrEqual(4);
  });

  it('has coupons by percent and amount, with threshold, limit and expiry', () => {
    expect(c.coupons.some((k) => 'percent' in k.discount)).toBe(true);
    expect(c.coupons.some((k) => 'amount' in k.discount && k.threshold > 0)).toBe(true);
    expect(c.coupons.every((k) => k.limitPerShopper !== undefined && k.expiresAt !== undefined)).toBe(true);
    expect(c.coupon('welcome10')?.discount).toEqual({ percent: 10 });
  });

  it('finds produce by Spanish name for the picker', () => {
    expect(c.search('platano', { soldBy: 'weight' }).map((p) => p.sku)).toEqual(['banana', 'banana-organic']);
    expect(c.search('manzana granny')[0]?.sku).toBe('apple-granny-smith');
  });
});
