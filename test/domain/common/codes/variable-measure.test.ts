import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VariableMeasureLayout } from '../../../../domain/common/catalog/schema.js';
import { gtinCheckDigit } from '../../../../domain/common/codes/check-digit.js';
import { priceCheckDigit } from '../../../../domain/common/codes/price-check.js';
import { isVariableMeasure, layoutMatches, parseVariableMeasure } from '../../../../domain/common/codes/variable-measure.js';
import { digitString, errorOf, PROPERTY_RUNS, valueOf, withOneDigitChanged } from './support.js';

/** The digits with their barcode check digit appended. */
const withCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;

const upcPrice: VariableMeasureLayout = { prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true };
const ean20Price: VariableMeasureLayout = { prefix: '20', itemReferenceLength: 4, value: 'price', priceCheckDigit: true };
const ean21Grams: VariableMeasureLayout = { prefix: '21', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: 'g' };
const ean22TenGrams: VariableMeasureLayout = { prefix: '22', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: '10g' };
const ean23CentiPounds: VariableMeasureLayout = { prefix: '23', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: '0.01lb' };
const ean24MilliPounds: VariableMeasureLayout = { prefix: '24', itemReferenceLength: 6, value: 'weight', priceCheckDigit: false, weightUnit: '0.001lb' };
const ean25Price: VariableMeasureLayout = { prefix: '25', itemReferenceLength: 5, value: 'price', priceCheckDigit: false };
const layouts = [upcPrice, ean20Price, ean21Grams, ean22TenGrams, ean23CentiPounds, ean24MilliPounds, ean25Price];

describe('isVariableMeasure', () => {
  it('knows the UPC-A number system 2 and EAN-13 20-29 ranges as GTIN-14', () => {
    expect(isVariableMeasure('00212345928752')).toBe(true); // UPC-A 2...
    expect(isVariableMeasure('02012346146852')).toBe(true); // EAN-13 20...
    expect(isVariableMeasure('02912346146850')).toBe(true); // EAN-13 29...
    expect(isVariableMeasure('00036000291452')).toBe(false); // UPC-A 0...
    expect(isVariableMeasure('03017620422003')).toBe(false); // EAN-13 30...
    expect(isVariableMeasure('00000020123457')).toBe(false); // an EAN-8 starting 2 (RCN-8) is not one
    expect(isVariableMeasure('2123459287')).toBe(false); // not a GTIN-14
  });

  it('matches a layout by its prefix only', () => {
    expect(layoutMatches(upcPrice, '00212345928752')).toBe(true);
    expect(layoutMatches(upcPrice, '02012346146852')).toBe(false);
    expect(layoutMatches(ean20Price, '02012346146852')).toBe(true);
    expect(layoutMatches(ean20Price, '02112346146852')).toBe(false);
  });
});

describe('parseVariableMeasure', () => {
  it('reads a UPC-A price label with a 4-digit price check (the GS1 example price 28.75, verifier 9)', () => {
    const code = withCheck('21234592875');
    expect(valueOf(parseVariableMeasure(code, layouts))).toEqual({ layout: upcPrice, itemReference: '12345', price: 2875 });
  });

  it('reads an EAN-13 price label with a 5-digit price check (the GS1 example 146.85, verifier 6)', () => {
    const code = withCheck('201234614685');
    expect(valueOf(parseVariableMeasure(code, layouts))).toEqual({ layout: ean20Price, itemReference: '1234', price: 14685 });
  });

  it('reads a price without a check digit', () => {
    expect(valueOf(parseVariableMeasure(withCheck('251234500999'), layouts))).toEqual({ layout: ean25Price, itemReference: '12345', price: 999 });
  });

  it.each([
    ['211234501250', ean21Grams, '12345', 1_250_000], // 1250 g
    ['221234500125', ean22TenGrams, '12345', 1_250_000], // 125 x 10 g
    ['231234500175', ean23CentiPounds, '12345', 793_787], // 1.75 lb = 793 786.6475 mg
    ['241234561750', ean24MilliPounds, '123456', 793_787], // 1.750 lb
    ['211234500000', ean21Grams, '12345', 0],
  ])('reads the weight label %s', (body, layout, itemReference, netMg) => {
    expect(valueOf(parseVariableMeasure(withCheck(body), layouts))).toEqual({ layout, itemReference, netMg });
  });

  it('accepts the code as GTIN-14 too', () => {
    expect(valueOf(parseVariableMeasure(`00${withCheck('21234592875')}`, layouts)).price).toBe(2875);
    expect(valueOf(parseVariableMeasure(`0${withCheck('201234614685')}`, layouts)).price).toBe(14685);
  });

  it('reports a bad price check digit with the expected and found digit', () => {
    const code = withCheck('21234582875');
    expect(errorOf(parseVariableMeasure(code, layouts))).toEqual({
      code: 'bad-price-check',
      message: `"${code}": the price 2875 has a bad price check digit: expected 9, found 8`,
      expected: 9,
      found: 8,
    });
  });

  it('refuses a code outside the variable-measure ranges', () => {
    expect(errorOf(parseVariableMeasure('4006381333931', layouts))).toEqual({
      code: 'not-variable-measure',
      message: '"4006381333931" is not a variable-measure code (those are UPC-A starting 2 or EAN-13 starting 20-29)',
    });
  });

  it('refuses a prefix the store has no layout for, naming the ones it has', () => {
    const code = withCheck('271234500999');
    expect(errorOf(parseVariableMeasure(code, [upcPrice, ean20Price]))).toEqual({
      code: 'not-variable-measure',
      message: `"${code}" has variable-measure prefix "27", but the store has no layout for it (layouts: "2", "20")`,
    });
    expect(errorOf(parseVariableMeasure(withCheck('21234592875'), [])).message).toContain('(layouts: none)');
  });

  it('passes on what is wrong with the GTIN itself', () => {
    expect(errorOf(parseVariableMeasure('212345928753', layouts))).toMatchObject({ code: 'bad-check-digit', expected: 2, found: 3 });
    expect(errorOf(parseVariableMeasure('2123459287', layouts))).toMatchObject({ code: 'bad-length' });
    expect(errorOf(parseVariableMeasure('2123459287S2', layouts))).toMatchObject({ code: 'not-digits', position: 10 });
  });

  it('refuses layouts that cannot describe a code', () => {
    const tooLongReference: VariableMeasureLayout = { prefix: '2', itemReferenceLength: 6, value: 'price', priceCheckDigit: true };
    expect(errorOf(parseVariableMeasure(withCheck('21234569287'), [tooLongReference]))).toEqual({
      code: 'bad-layout',
      message: 'variable-measure layout "2" with a 6-digit item reference leaves 3 digits for the price; it needs 4 to 5',
    });
    const noUnit: VariableMeasureLayout = { prefix: '21', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false };
    expect(errorOf(parseVariableMeasure(withCheck('211234501250'), [noUnit]))).toMatchObject({ code: 'bad-layout' });
  });

  it('uses the first layout for a prefix listed twice', () => {
    const second: VariableMeasureLayout = { ...ean25Price, itemReferenceLength: 4 };
    expect(valueOf(parseVariableMeasure(withCheck('251234500999'), [ean25Price, second])).layout).toBe(ean25Price);
  });

  describe('properties', () => {
    const upcLabel = fc.tuple(digitString(5), digitString(4));
    const eanLabel = fc.tuple(digitString(4), digitString(5));

    it('reads back any item reference and price it was printed with', () => {
      fc.assert(
        fc.property(upcLabel, eanLabel, ([ref4, price4], [ref5, price5]) => {
          const upc = withCheck(`2${ref4}${priceCheckDigit(price4)}${price4}`);
          expect(valueOf(parseVariableMeasure(upc, layouts))).toEqual({ layout: upcPrice, itemReference: ref4, price: Number(price4) });
          const ean = withCheck(`20${ref5}${priceCheckDigit(price5)}${price5}`);
          expect(valueOf(parseVariableMeasure(ean, layouts))).toEqual({ layout: ean20Price, itemReference: ref5, price: Number(price5) });
        }),
        PROPERTY_RUNS,
      );
    });

    it('catches a price changed in one digit even when the barcode check digit was recomputed', () => {
      // The case the price verifier exists for: a label printed with a wrong price but a valid barcode.
      fc.assert(
        fc.property(eanLabel, fc.nat(), fc.nat(), ([reference, price], position, shift) => {
          const altered = withOneDigitChanged(price, position, shift);
          const code = withCheck(`20${reference}${priceCheckDigit(price)}${altered}`);
          expect(errorOf(parseVariableMeasure(code, layouts))).toMatchObject({ code: 'bad-price-check', expected: priceCheckDigit(altered), found: priceCheckDigit(price) });
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
