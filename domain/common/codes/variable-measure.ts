// Variable-measure (random-weight) labels: the codes a deli, meat counter or in-store scale prints
// for an item whose price or weight differs from pack to pack. GS1 sets aside UPC-A number system
// 2 and EAN-13 prefixes 20-29 for them ("restricted circulation numbers"); what the digits mean is
// decided by each store or country, so the layout comes from the store's catalog settings:
//
//   prefix | item reference | [price verifier digit] | price or weight | check digit
//
// e.g. UPC-A 2 12345 9 2875 C: item 12345 at 28.75, verified by 9 (see price-check.ts).
import type { VariableMeasureLayout } from '../catalog/schema.js';
import { quote, type CodeError } from './errors.js';
import { parseGtin } from './gtin.js';
import { kilogramsToMg, poundsToMg } from './mass.js';
import { priceCheckDigit } from './price-check.js';
import { err, ok, type Result } from '../result.js';

export interface VariableMeasure {
  /** The store layout the code matched. */
  readonly layout: VariableMeasureLayout;
  /** The item reference the catalog knows the product by (a weighed product's `itemReference`). */
  readonly itemReference: string;
  /** For a price label: the price in minor units of the store's currency (the digits as printed, 02875 -> 2875). */
  readonly price?: number;
  /** For a weight label: the net weight in integer milligrams. */
  readonly netMg?: number;
}

/** True for a GTIN-14 in a variable-measure range: UPC-A "2..." (GTIN-14 "002...") or EAN-13 "20".."29" ("020".."029"). */
export const isVariableMeasure = (gtin14: string): boolean => gtin14.length === 14 && (gtin14.startsWith('002') || gtin14.startsWith('02'));

/** Whether a layout describes this GTIN-14: "2" matches UPC-A (GTIN-14 "002..."), "21" matches EAN-13 "21..." ("021..."). */
export const layoutMatches = (layout: VariableMeasureLayout, gtin14: string): boolean =>
  gtin14.length === 14 && gtin14.startsWith(`${'0'.repeat(3 - layout.prefix.length)}${layout.prefix}`);

const TO_MG: Readonly<Record<NonNullable<VariableMeasureLayout['weightUnit']>, (units: number) => number>> = {
  g: (units) => kilogramsToMg(units, 3),
  '10g': (units) => kilogramsToMg(units, 2),
  '0.01lb': (units) => poundsToMg(units, 2),
  '0.001lb': (units) => poundsToMg(units, 3),
};

/**
 * A layout that cannot be read (the catalog import refuses these first, but a layout is only a
 * type here): the value needs 4 to 6 digits, and 4 or 5 under a price check digit.
 */
/**
 * Digits left for the price or weight in a layout: the code is prefix + item reference +
 * [price check digit] + value + check digit, 12 digits for UPC-A (prefix "2") and 13 for EAN-13.
 */
export function layoutValueDigits(layout: VariableMeasureLayout): number {
  const total = layout.prefix.length === 1 ? 12 : 13;
  return total - layout.prefix.length - layout.itemReferenceLength - (layout.priceCheckDigit ? 1 : 0) - 1;
}

/** How many value digits a layout may have: GS1 defines the price check digit for 4- and 5-digit prices only. */
export const layoutValueRange = (layout: VariableMeasureLayout): readonly [number, number] => (layout.priceCheckDigit ? [4, 5] : [4, 6]);

function badLayout(layout: VariableMeasureLayout, valueDigits: number): CodeError | undefined {
  const [fewest, most] = layoutValueRange(layout);
  if (valueDigits >= fewest && valueDigits <= most) return undefined;
  return {
    code: 'bad-layout',
    message: `variable-measure layout "${layout.prefix}" with a ${layout.itemReferenceLength}-digit item reference leaves ${valueDigits} digits for the ${layout.value}; it needs ${fewest} to ${most}`,
  };
}

/**
 * A variable-measure code (12-digit UPC-A, 13-digit EAN-13, or either as GTIN-14) read with the
 * first of the store's layouts whose prefix it carries.
 */
export function parseVariableMeasure(text: string, layouts: readonly VariableMeasureLayout[]): Result<VariableMeasure, CodeError> {
  const gtin = parseGtin(text);
  if (!gtin.ok) return gtin;
  const { gtin14 } = gtin.value;
  if (!isVariableMeasure(gtin14)) {
    return err({ code: 'not-variable-measure', message: `${quote(text)} is not a variable-measure code (those are UPC-A starting 2 or EAN-13 starting 20-29)` });
  }
  const layout = layouts.find((l) => layoutMatches(l, gtin14));
  if (layout === undefined) {
    const prefix = gtin14.startsWith('002') ? '2' : gtin14.slice(1, 3);
    const known = layouts.length === 0 ? 'none' : layouts.map((l) => `"${l.prefix}"`).join(', ');
    return err({ code: 'not-variable-measure', message: `${quote(text)} has variable-measure prefix "${prefix}", but the store has no layout for it (layouts: ${known})` });
  }
  const valueDigits = layoutValueDigits(layout);
  const unreadable = badLayout(layout, valueDigits);
  if (unreadable) return err(unreadable);

  // The code as printed: 12 digits for a UPC-A layout, 13 for an EAN-13 one.
  const digits = gtin14.slice(layout.prefix.length === 1 ? 2 : 1);
  let at = layout.prefix.length;
  const itemReference = digits.slice(at, (at += layout.itemReferenceLength));
  const verifier = layout.priceCheckDigit ? Number(digits.charAt(at++)) : undefined;
  const value = digits.slice(at, at + valueDigits);
  if (verifier !== undefined) {
    const expected = priceCheckDigit(value);
    if (expected !== verifier) {
      return err({ code: 'bad-price-check', message: `${quote(text)}: the ${layout.value} ${value} has a bad price check digit: expected ${expected}, found ${verifier}`, expected, found: verifier });
    }
  }
  const units = Number(value);
  if (layout.value === 'price') return ok({ layout, itemReference, price: units });
  if (layout.weightUnit === undefined) {
    return err({ code: 'bad-layout', message: `variable-measure layout "${layout.prefix}" carries a weight but has no weightUnit, so ${value} cannot be read` });
  }
  return ok({ layout, itemReference, netMg: TO_MG[layout.weightUnit](units) });
}
