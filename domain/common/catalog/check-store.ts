// Cross-checks on the store settings that the schema alone cannot express.
import { FirstSeen } from './first-seen.js';
import { issueAt, type CatalogIssue } from './issue.js';
import { layoutValueDigits, layoutValueRange } from '../codes/variable-measure.js';
import type { StoreSettings } from './schema.js';

export function checkStore(store: StoreSettings): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const taxIds = new FirstSeen('tax class', issues);
  store.taxClasses.forEach((taxClass, i) => taxIds.add(taxClass.id, ['store', 'taxClasses', i, 'id']));

  // A scanned code must match exactly one layout.
  const prefixes = new FirstSeen('variable-measure prefix', issues);
  store.variableMeasure.forEach((layout, i) => {
    const at = ['store', 'variableMeasure', i] as const;
    prefixes.add(layout.prefix, [...at, 'prefix']);
    const digits = layoutValueDigits(layout);
    const [fewest, most] = layoutValueRange(layout);
    if (digits < fewest || digits > most) {
      issues.push(issueAt([...at, 'itemReferenceLength'], `leaves ${digits} digits for the ${layout.value}, needs ${fewest} to ${most}${layout.priceCheckDigit ? ' (a price check digit covers 4 or 5 digits)' : ''}`));
    }
    if (layout.priceCheckDigit && layout.value !== 'price') {
      issues.push(issueAt([...at, 'priceCheckDigit'], 'a price check digit only protects a price, not a weight'));
    }
    if (layout.value === 'weight' && layout.weightUnit === undefined) {
      issues.push(issueAt([...at, 'weightUnit'], 'a weight layout needs the unit of its value (g, 10g, 0.01lb or 0.001lb)'));
    }
    if (layout.value === 'price' && layout.weightUnit !== undefined) {
      issues.push(issueAt([...at, 'weightUnit'], 'a price layout carries no weight; remove weightUnit'));
    }
  });
  return issues;
}
