// Cross-checks across products: codes that must be unique and valid, references into the store
// settings, and numbers that must agree with each other. Products that failed the schema are
// holes (undefined) so that every index still points at the product as written.
import { parseGtin } from '../codes/gtin.js';
import { parsePlu } from '../codes/plu.js';
import { layoutMatches } from '../codes/variable-measure.js';
import { FirstSeen } from './first-seen.js';
import { issueAt, type CatalogIssue, type CatalogPath } from './issue.js';
import type { Product, StoreSettings } from './schema.js';

export function checkProducts(products: readonly (Product | undefined)[], store: StoreSettings | undefined): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const skus = new FirstSeen('SKU', issues);
  const gtins = new FirstSeen('GTIN', issues);
  const plus = new FirstSeen('PLU', issues);
  const itemReferences = new FirstSeen('item reference', issues);
  const taxClasses = store ? new Set(store.taxClasses.map((t) => t.id)) : undefined;
  const layouts = store?.variableMeasure ?? [];
  const referenceLengths = [...new Set(layouts.map((l) => l.itemReferenceLength))].sort();

  products.forEach((product, i) => {
    if (product === undefined) return;
    const at = (...rest: (string | number)[]): CatalogPath => ['products', i, ...rest];
    skus.add(product.sku, at('sku'));

    product.gtins.forEach((text, g) => {
      const parsed = parseGtin(text);
      if (!parsed.ok) {
        issues.push(issueAt(at('gtins', g), parsed.error.message));
        return;
      }
      const { gtin14 } = parsed.value;
      gtins.add(gtin14, at('gtins', g), gtin14 === text ? text : `${text} (GTIN-14 ${gtin14})`, product.sku);
      layouts.forEach((layout, l) => {
        if (layoutMatches(layout, gtin14)) {
          issues.push(issueAt(at('gtins', g), `falls in the variable-measure range of store.variableMeasure[${l}] (prefix "${layout.prefix}"), so a scan would be read as a weighed label; give the product an itemReference instead`));
        }
      });
    });

    if (product.plu !== undefined) {
      const parsed = parsePlu(product.plu);
      if (!parsed.ok) issues.push(issueAt(at('plu'), parsed.error.message));
      else plus.add(product.plu, at('plu'), product.plu, product.sku);
    }

    if (taxClasses && !taxClasses.has(product.taxClass)) {
      issues.push(issueAt(at('taxClass'), `unknown tax class "${product.taxClass}" (the store has ${[...taxClasses].join(', ')})`));
    }
    if (product.memberPrice !== undefined && product.memberPrice > product.price) {
      issues.push(issueAt(at('memberPrice'), `member price ${product.memberPrice} is above the regular price ${product.price}`));
    }

    if (product.soldBy === 'each') {
      if (product.weight.sdGrams >= product.weight.meanGrams) {
        issues.push(issueAt(at('weight', 'sdGrams'), `a spread of ${product.weight.sdGrams} g is not below the mean of ${product.weight.meanGrams} g; the basket scale could not tell this item from nothing`));
      }
      return;
    }

    if (store && product.per !== store.weightUnit) {
      issues.push(issueAt(at('per'), `priced per ${product.per} but the store shows prices per ${store.weightUnit}`));
    }
    if (product.typicalGrams !== undefined && product.tareGrams >= product.typicalGrams) {
      issues.push(issueAt(at('tareGrams'), `a tare of ${product.tareGrams} g is not below the typical weight of ${product.typicalGrams} g`));
    }
    if (product.itemReference !== undefined) {
      if (store && layouts.length === 0) {
        issues.push(issueAt(at('itemReference'), 'the store has no variable-measure layouts (store.variableMeasure), so no label can carry this item reference'));
      } else if (store && !referenceLengths.includes(product.itemReference.length)) {
        issues.push(issueAt(at('itemReference'), `${product.itemReference.length} digits fit no variable-measure layout (item references there are ${referenceLengths.join(' or ')} digits)`));
      }
      itemReferences.add(product.itemReference, at('itemReference'), product.itemReference, product.sku);
    }
  });
  return issues;
}
