import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../../../../domain/common/codes/check-digit.js';
import { knownAis, type AiPart, type AiSpec } from '../../../../domain/common/codes/gs1-ai.js';
import { formatGs1, parseGs1, priceInMinorUnits, type Gs1Element } from '../../../../domain/common/codes/gs1.js';
import { GS } from '../../../../domain/common/codes/symbology.js';
import { digitString, errorOf, PROPERTY_RUNS, valueOf } from './support.js';

const parse = (text: string) => valueOf(parseGs1(text));

describe('parseGs1: the three written forms', () => {
  const expected = {
    elements: [
      { ai: '01', value: '09501101020917' },
      { ai: '17', value: '190508' },
      { ai: '10', value: 'ABCD1234' },
      { ai: '21', value: '10' },
    ],
    gtin14: '09501101020917',
    expiry: { yy: 19, month: 5, day: 8 },
    batch: 'ABCD1234',
    serial: '10',
  };

  it('reads the human-readable form', () => {
    expect(parse('(01)09501101020917(17)190508(10)ABCD1234(21)10')).toEqual(expected);
  });

  it.each([
    ['GS1 DataMatrix', ']d2'],
    ['GS1-128', ']C1'],
    ['GS1 DataBar', ']e0'],
    ['GS1 QR Code', ']Q3'],
    ['GS1 DotCode', ']J1'],
    ['FNC1 passed on as a leading GS', GS],
    ['a bare string', ''],
  ])('reads FNC1-separated data from %s', (_, lead) => {
    expect(parse(`${lead}010950110102091717190508` + `10ABCD1234${GS}2110`)).toEqual(expected);
  });

  it('reads the human-readable form after a symbology identifier', () => {
    expect(parse(']C1(01)09501101020917(17)190508(10)ABCD1234(21)10')).toEqual(expected);
  });

  it('needs no separator after predefined-length fields, and tolerates a redundant one', () => {
    expect(parse(`0109501101020917${GS}3103000750${GS}10ABC`).elements).toEqual(parse('0109501101020917310300075010ABC').elements);
  });

  it('tolerates a separator after the last field', () => {
    expect(parse(`10ABC${GS}`).elements).toEqual([{ ai: '10', value: 'ABC' }]);
    expect(parse(`0109501101020917${GS}`).elements).toEqual([{ ai: '01', value: '09501101020917' }]);
  });

  it('reads a variable-length field up to the end in bare data, whatever follows (as GS1 demands a separator)', () => {
    expect(parse('10ABC17191231').elements).toEqual([{ ai: '10', value: 'ABC17191231' }]);
  });
});

describe('parseGs1: published examples', () => {
  it.each([
    // ZXing's DataBar Expanded test images (rssexpanded-1, -3)
    ['(01)90012345678908(3103)001750', { gtin14: '90012345678908', netMg: 1_750_000 }],
    ['(01)98898765432106(3202)012345(15)991231', { gtin14: '98898765432106', netMg: 55_995_978 /* 123.45 lb */, bestBefore: { yy: 99, month: 12, day: 31 } }],
    ['(01)90012345678908(3922)795', { gtin14: '90012345678908', price: { amount: 795, decimals: 2 } }],
    ['(01)90012345678908(3932)0401234', { gtin14: '90012345678908', price: { amount: 1234, decimals: 2, currency: '040' } }],
    ['(11)100224(17)110224(3102)000100', { productionDate: { yy: 10, month: 2, day: 24 }, expiry: { yy: 11, month: 2, day: 24 }, netMg: 1_000_000 }],
    ['(10)567(01)90012345678908(11)010101', { batch: '567', gtin14: '90012345678908', productionDate: { yy: 1, month: 1, day: 1 } }],
    ['(01)12345678901231(10)UNIVERSITY-OF-DEUSTO', { gtin14: '12345678901231', batch: 'UNIVERSITY-OF-DEUSTO' }],
    ['(10)1098/1234', { batch: '1098/1234' }],
    ['(10)1098<1234', { batch: '1098<1234' }],
    ['(10)1;:/0123(15)991231', { batch: '1;:/0123', bestBefore: { yy: 99, month: 12, day: 31 } }],
    // The GS1 General Specifications' SSCC check digit example
    ['(00)376104250021234569', { sscc: '376104250021234569' }],
    // A pallet: content GTIN and count
    ['(00)376104250021234569(02)09501101020917(37)48', { sscc: '376104250021234569', contentGtin14: '09501101020917', count: 48 }],
  ])('reads %s', (text, facts) => {
    expect(parse(text)).toMatchObject(facts);
    expect(formatGs1(parse(text).elements)).toBe(text);
  });

  it('refuses ZXing test strings that break GS1 syntax', () => {
    expect(errorOf(parseGs1('(01)90012345678908(3932)040EUR'))).toEqual({
      code: 'bad-field',
      message: 'AI (3932) PRICE takes digits only in characters 4-6; found "E" in "040EUR"',
      ai: '3932',
    });
    const tooLong = '(01)90012345678908(3922)795888888888888888888888888888888888888888888888888888';
    expect(errorOf(parseGs1(tooLong))).toMatchObject({ code: 'bad-field', ai: '3922' });
    expect(errorOf(parseGs1('(10)1098 1234'))).toMatchObject({ code: 'bad-field', ai: '10' }); // a space is not in CSET 82
    // (422) country of origin and (423) are outside this reader's table.
    expect(errorOf(parseGs1('(01)98898765432106(15)991231(3103)001750(10)12A(422)123(21)123456'))).toEqual({
      code: 'unknown-ai',
      message: 'unknown application identifier (422) at position 48',
      ai: '422',
    });
  });
});

describe('parseGs1: typed facts', () => {
  it.each([
    ['3100', '000001', 1_000_000],
    ['3103', '000750', 750_000],
    ['3105', '000001', 10],
    ['3105', '999999', 9_999_990],
    ['3200', '000001', 453_592],
    ['3202', '001750', 7_937_866], // 17.50 lb = 7 937 866.475 mg
    ['3205', '999999', 4_535_919],
    ['3100', '000000', 0],
  ])('reads net weight (%s)%s as %i mg', (ai, value, netMg) => {
    expect(parse(`(01)09501101020917(${ai})${value}`).netMg).toBe(netMg);
  });

  it.each([
    ['(3920)1999', { amount: 1999, decimals: 0 }],
    ['(3921)1999', { amount: 1999, decimals: 1 }],
    ['(3923)1999', { amount: 1999, decimals: 3 }],
    ['(3922)000000000000001', { amount: 1, decimals: 2 }],
    ['(3922)999999999999999', { amount: 999_999_999_999_999, decimals: 2 }],
    ['(3930)978100', { amount: 100, decimals: 0, currency: '978' }],
    ['(3933)8405', { amount: 5, decimals: 3, currency: '840' }],
  ])('reads the price %s', (element, price) => {
    expect(parse(`(01)09501101020917${element}`).price).toEqual(price);
  });

  it('reads every date AI, and 00 as the day', () => {
    expect(parse('(11)240101(13)240102(15)240200(16)240300(17)241231')).toMatchObject({
      productionDate: { yy: 24, month: 1, day: 1 },
      packagingDate: { yy: 24, month: 1, day: 2 },
      bestBefore: { yy: 24, month: 2, day: 0 },
      sellBy: { yy: 24, month: 3, day: 0 },
      expiry: { yy: 24, month: 12, day: 31 },
    });
  });

  it('reads counts as numbers', () => {
    expect(parse('(01)09501101020917(30)00000012')).toMatchObject({ variableCount: 12 });
  });

  it('keeps AIs without a typed meaning in the elements', () => {
    const data = parse('(01)09501101020917(8005)000250(90)SHELF-7(420)10001');
    expect(data.elements.map((e) => e.ai)).toEqual(['01', '8005', '90', '420']);
    expect(Object.keys(data).sort()).toEqual(['elements', 'gtin14']);
  });
});

describe('parseGs1: errors', () => {
  it.each([
    ['(01)09501101020918', { code: 'bad-check-digit', message: 'AI (01) GTIN 09501101020918 has a bad check digit: expected 7, found 8', expected: 7, found: 8 }],
    ['(00)376104250021234560', { code: 'bad-check-digit', expected: 9, found: 0 }],
    ['(02)09501101020910(37)1', { code: 'bad-check-digit', expected: 7, found: 0 }],
    ['(410)4012345000003', { code: 'bad-check-digit' }],
    ['(17)191331', { code: 'bad-date', message: 'AI (17) USE BY or EXPIRY 191331 is not a YYMMDD date: month 13 does not exist', ai: '17' }],
    ['(15)230229', { code: 'bad-date', ai: '15' }],
    ['(11)240431', { code: 'bad-date', ai: '11' }],
    ['(17)1912', { code: 'truncated-field', message: 'AI (17) USE BY or EXPIRY is cut short: it needs 6 characters, found 4', ai: '17', expected: 6, found: 4 }],
    ['(10)', { code: 'truncated-field', message: 'AI (10) BATCH/LOT is cut short: it needs at least 1 character, found 0', ai: '10', expected: 1, found: 0 }],
    ['(3932)978', { code: 'truncated-field', ai: '3932', expected: 4, found: 3 }],
    ['(3932)9A81234', { code: 'bad-field', message: 'AI (3932) PRICE takes digits only in characters 1-3; found "A" in "9A81234"', ai: '3932' }],
    ['(01)095011010209171', { code: 'bad-field', message: 'AI (01) GTIN takes exactly 14 characters, found 15', ai: '01' }],
    ['(30)123456789', { code: 'bad-field', message: 'AI (30) VAR. COUNT takes at most 8 characters, found 9; a separator (FNC1) may be missing after it', ai: '30' }],
    ['(01)0950110102091A', { code: 'bad-field', message: 'AI (01) GTIN takes digits only; found "A" in "0950110102091A"', ai: '01' }],
    ['(3103)00075,', { code: 'bad-field', ai: '3103' }],
    ['(23)123', { code: 'unknown-ai', message: 'unknown application identifier (23) at position 1', ai: '23' }],
    ['(01)09501101020917(4239)1', { code: 'unknown-ai', ai: '4239' }],
    ['(01)09501101020917(02)09501101020917', { code: 'conflicting-ai', message: 'AI (02) and AI (01) both give the GTIN; a label carries one', ai: '02' }],
    ['(3103)000750(3202)000150', { code: 'conflicting-ai', message: 'AI (3202) and AI (3103) both give the net weight; a label carries one', ai: '3202' }],
    ['(3103)000750(3102)007500', { code: 'conflicting-ai', ai: '3102' }],
    ['(3922)795(3932)9781234', { code: 'conflicting-ai', ai: '3932' }],
    ['(10)A(10)B', { code: 'conflicting-ai', message: 'AI (10) BATCH/LOT appears twice with different values, "A" and "B"', ai: '10' }],
    ['(01', { code: 'bad-syntax', message: 'expected an AI in parentheses such as (01) at position 1, found "(01"', position: 0 }],
    ['(1)2', { code: 'bad-syntax', position: 0 }],
    ['(ab)12', { code: 'bad-syntax', position: 0 }],
    ['(12345)1', { code: 'bad-syntax', position: 0 }],
  ])('refuses %j', (text, error) => {
    expect(errorOf(parseGs1(text))).toMatchObject(error);
  });

  it.each([
    ['010950110102091', { code: 'truncated-field', message: 'AI (01) GTIN is cut short: it needs 14 characters, found 13', ai: '01', expected: 14, found: 13 }],
    [`01095011${GS}01020917`, { code: 'truncated-field', ai: '01', expected: 14, found: 6 }],
    [`]C10109501101020917${GS}17`, { code: 'truncated-field', ai: '17', expected: 6, found: 0 }],
    ['0109501101020917239', { code: 'unknown-ai', message: 'no known application identifier starts "239" at position 17', ai: '239' }],
    ['ABC', { code: 'unknown-ai', ai: 'ABC' }],
    ['3012345678901', { code: 'bad-field', ai: '30' }],
    [`10ABC${GS}${GS}0109501101020917`, { code: 'bad-syntax', message: 'two separators in a row (an empty field) at position 7', position: 6 }],
    [`${GS}${GS}0109501101020917`, { code: 'bad-syntax', position: 1 }],
    [']C00109501101020917', { code: 'bad-syntax', message: 'symbology identifier ]C0 does not mark GS1 data (expected ]C1, ]e0, ]d2, ]Q3 or ]J1)' }],
    [']C1', { code: 'bad-length', length: 3 }],
    [GS, { code: 'bad-length', length: 1 }],
    ['', { code: 'bad-length', message: 'GS1 data is empty; expected at least one AI and its value', length: 0 }],
  ])('refuses concatenated %j', (text, error) => {
    expect(errorOf(parseGs1(text))).toMatchObject(error);
  });

  it('allows the same AI twice with the same value', () => {
    expect(parse('(10)A(10)A').batch).toBe('A');
  });
});

describe('priceInMinorUnits', () => {
  it('scales to the currency minor unit exactly', () => {
    expect(priceInMinorUnits({ amount: 1234, decimals: 2 }, 2)).toEqual({ ok: true, value: 1234 });
    expect(priceInMinorUnits({ amount: 5, decimals: 0 }, 2)).toEqual({ ok: true, value: 500 });
    expect(priceInMinorUnits({ amount: 1200, decimals: 2 }, 0)).toEqual({ ok: true, value: 12 });
    expect(priceInMinorUnits({ amount: 12_340, decimals: 3 }, 2)).toEqual({ ok: true, value: 1234 });
  });

  it('refuses rather than rounds', () => {
    expect(errorOf(priceInMinorUnits({ amount: 1234, decimals: 2 }, 0))).toEqual({
      code: 'inexact-price',
      message: "price 1234 with 2 decimals has digits below the currency's 0-decimal minor unit",
    });
    expect(errorOf(priceInMinorUnits({ amount: 999_999_999_999_999, decimals: 0 }, 3))).toMatchObject({ code: 'inexact-price' });
  });
});

describe('formatGs1 and parseGs1 round trip', () => {
  const CSET_82_WITHOUT_PARENTHESES = `!"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
  const date = fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 }))
    .map((parts) => parts.map((p) => String(p).padStart(2, '0')).join(''));
  const partValue = (part: AiPart): fc.Arbitrary<string> => {
    if (part.check === 'csum') return digitString(part.min - 1).map((body) => `${body}${gtinCheckDigit(body)}`);
    if (part.check === 'yymmd0') return date;
    if (part.charset === 'N') return digitString(part.min, part.max);
    return fc.string({ unit: fc.constantFrom(...CSET_82_WITHOUT_PARENTHESES), minLength: part.min, maxLength: part.max });
  };
  const valueFor = (spec: AiSpec): fc.Arbitrary<string> => fc.tuple(...spec.parts.map(partValue)).map((parts) => parts.join(''));
  /** One AI per kind of fact: (01) or (02), one net weight, one price. */
  const kindOf = (ai: string): string => (ai === '01' || ai === '02' ? 'GTIN' : /^3[12]0/.test(ai) ? 'net' : /^39[23]/.test(ai) ? 'price' : ai);
  const elements = fc
    .uniqueArray(fc.constantFrom(...knownAis()), { minLength: 1, maxLength: 6, selector: (spec) => kindOf(spec.ai) })
    .chain((specs) => fc.tuple(...specs.map((spec) => valueFor(spec).map((value) => ({ spec, value })))));

  it('parses what it formats', () => {
    fc.assert(
      fc.property(elements, (picked) => {
        const written: Gs1Element[] = picked.map(({ spec, value }) => ({ ai: spec.ai, value }));
        expect(parse(formatGs1(written)).elements).toEqual(written);
      }),
      PROPERTY_RUNS,
    );
  });

  it('reads the FNC1-separated encoding of the same elements alike', () => {
    fc.assert(
      fc.property(elements, fc.constantFrom(']C1', ']d2', ']Q3', GS), (picked, lead) => {
        const encoded = picked.map(({ spec, value }, i) => `${spec.ai}${value}${spec.predefinedLength || i === picked.length - 1 ? '' : GS}`).join('');
        const written = picked.map(({ spec, value }) => ({ ai: spec.ai, value }));
        expect(parse(`${lead}${encoded}`)).toEqual(parse(formatGs1(written)));
      }),
      PROPERTY_RUNS,
    );
  });
});
