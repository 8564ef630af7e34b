import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, parseGtin, toGtin14 } from '../../../../domain/common/codes/gtin.js';
import { digitString, errorOf, PROPERTY_RUNS, valueOf } from './support.js';

describe('parseGtin', () => {
  it.each([
    ['73513537', 'GTIN-8', '00000073513537'], // Wikipedia's EAN-8 example
    ['55123457', 'GTIN-8', '00000055123457'], // ZXing ean8-1
    ['036000291452', 'GTIN-12', '00036000291452'], // Wikipedia's UPC-A example
    ['049000006582', 'GTIN-12', '00049000006582'], // UPC-A of ZXing's UPC-E test code 04965802
    ['4006381333931', 'GTIN-13', '04006381333931'], // Wikipedia's EAN-13 example
    ['5449000000996', 'GTIN-13', '05449000000996'], // Coca-Cola 330 ml can
    ['3017620422003', 'GTIN-13', '03017620422003'], // Nutella 400 g
    ['9780201379624', 'GTIN-13', '09780201379624'], // ISBN in ZXing's add-on test
    ['10012345678902', 'GTIN-14', '10012345678902'], // GS1's GTIN-14 example
    ['09501101020917', 'GTIN-14', '09501101020917'], // GS1 DataMatrix guideline example
  ] as const)('reads %s as %s', (text, kind, gtin14) => {
    expect(parseGtin(text)).toEqual({ ok: true, value: { gtin14, kind } });
    expect(toGtin14(text)).toEqual({ ok: true, value: gtin14 });
  });

  it('gives the same GTIN-14 for a UPC-A and its EAN-13 form', () => {
    expect(toGtin14('036000291452')).toEqual(toGtin14('0036000291452'));
  });

  it('reports a bad check digit with the expected and the found digit', () => {
    const result = parseGtin('4006381333932');
    expect(result).toEqual({ ok: false, error: { code: 'bad-check-digit', message: 'GTIN-13 4006381333932 has a bad check digit: expected 1, found 2', expected: 1, found: 2 } });
  });

  it.each([
    ['', 'GTIN is empty; expected 8, 12, 13 or 14 digits'],
    ['1234567', 'GTIN "1234567" has 7 characters; expected 8, 12, 13 or 14 digits'],
    ['12345678901', 'GTIN "12345678901" has 11 characters; expected 8, 12, 13 or 14 digits'],
    ['123456789012345', 'GTIN "123456789012345" has 15 characters; expected 8, 12, 13 or 14 digits'],
  ])('refuses the length of %j', (text, message) => {
    expect(parseGtin(text)).toEqual({ ok: false, error: { code: 'bad-length', message, length: text.length } });
  });

  it.each([
    [' 4006381333931', 0],
    ['4006381333931\n', 13],
    ['40063813339-1', 11],
    ['４006381333931', 0], // a full-width digit is not a digit
    ['400638133393١', 12], // nor is an Arabic-Indic one
  ])('refuses %j: a non-digit at position %i', (text, position) => {
    const error = errorOf(parseGtin(text));
    expect(error).toMatchObject({ code: 'not-digits', position });
    expect(error.message).toContain(`position ${position + 1}`);
  });

  it('accepts every valid body of every length and pads it to 14 digits', () => {
    const lengths = fc.constantFrom(8, 12, 13, 14);
    fc.assert(
      fc.property(lengths.chain((length) => digitString(length - 1)), (body) => {
        const text = `${body}${gtinCheckDigit(body)}`;
        expect(valueOf(parseGtin(text)).gtin14).toBe(text.padStart(14, '0'));
      }),
      PROPERTY_RUNS,
    );
  });
});
