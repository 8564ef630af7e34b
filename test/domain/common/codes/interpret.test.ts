import { describe, expect, it } from 'vitest';
import type { VariableMeasureLayout } from '../../../../domain/common/catalog/schema.js';
import { gtinCheckDigit } from '../../../../domain/common/codes/check-digit.js';
import { interpretCode, type InterpretOptions } from '../../../../domain/common/codes/interpret.js';
import { GS } from '../../../../domain/common/codes/symbology.js';
import { errorOf, valueOf } from './support.js';

const upcPrice: VariableMeasureLayout = { prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true };
const ean21Grams: VariableMeasureLayout = { prefix: '21', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: 'g' };
const layouts = [upcPrice, ean21Grams];

const read = (text: string, opts: Partial<InterpretOptions> = {}) => valueOf(interpretCode(text, { layouts, ...opts }));
const refuse = (text: string, opts: Partial<InterpretOptions> = {}) => errorOf(interpretCode(text, { layouts, ...opts }));
const withCheck = (body: string): string => `${body}${gtinCheckDigit(body)}`;

describe('interpretCode: EAN/UPC scans', () => {
  it.each([
    ['EAN_13', '4006381333931', '04006381333931'],
    ['UPC_A', '036000291452', '00036000291452'],
    ['EAN_13', '0036000291452', '00036000291452'], // zxing-wasm's report of a UPC-A
    ['EAN_8', '55123457', '00000055123457'],
    ['UPC_E', '04965802', '00049000006582'], // ZXing gives UPC-E as 8 digits ...
    ['UPC_E', '0049000006582', '00049000006582'], // ... zxing-wasm already expanded
  ])('reads %s %s as GTIN %s', (symbology, text, gtin14) => {
    expect(read(text, { symbology })).toEqual({ kind: 'gtin', gtin14 });
  });

  it('keeps an EAN-5 add-on as zxing-cpp reports it (main, space, add-on)', () => {
    expect(read('9780201379624 51299', { symbology: 'EAN_13' })).toEqual({ kind: 'gtin', gtin14: '09780201379624', addOn: '51299' });
    expect(read('036000291452 12', { symbology: 'UPC_A' })).toEqual({ kind: 'gtin', gtin14: '00036000291452', addOn: '12' });
    expect(read('04965802 12', { symbology: 'UPC_E' })).toEqual({ kind: 'gtin', gtin14: '00049000006582', addOn: '12' });
  });

  it('splits the add-on after the ]E3 identifier (EAN/UPC with add-on, no separator)', () => {
    expect(read(']E3978020137962451299')).toEqual({ kind: 'gtin', gtin14: '09780201379624', addOn: '51299' });
    expect(read('978020137962412', { symbology: 'EAN_13', symbologyIdentifier: ']E3' })).toEqual({ kind: 'gtin', gtin14: '09780201379624', addOn: '12' });
    expect(read(']E303600029145212345', { symbology: 'UPC_A' })).toEqual({ kind: 'gtin', gtin14: '00036000291452', addOn: '12345' });
    expect(read(']E303600029145212')).toEqual({ kind: 'gtin', gtin14: '00036000291452', addOn: '12' });
    expect(read(']E30496580212')).toEqual({ kind: 'gtin', gtin14: '00049000006582', addOn: '12' });
    // A text already stripped of its add-on is read as it is.
    expect(read('9780201379624', { symbology: 'EAN_13', symbologyIdentifier: ']E3' })).toEqual({ kind: 'gtin', gtin14: '09780201379624' });
    expect(read(']E04006381333931')).toEqual({ kind: 'gtin', gtin14: '04006381333931' });
  });

  it('refuses an add-on of another length', () => {
    expect(refuse('9780201379624 123', { symbology: 'EAN_13' })).toMatchObject({ code: 'bad-length', length: 3 });
  });

  it.each([
    ['EAN_13', '4006381333932', 'bad-check-digit'],
    ['UPC_E', '04965803', 'bad-check-digit'],
    ['UPC_E', '24965802', 'bad-number-system'],
    ['EAN_8', '5512345', 'bad-length'],
    ['EAN_13', '400638133393l', 'not-digits'],
  ])('refuses %s %s: %s', (symbology, text, code) => {
    expect(refuse(text, { symbology }).code).toBe(code);
  });

  it('reads an in-store label through the store layout', () => {
    const price = withCheck('21234592875');
    expect(read(price, { symbology: 'UPC_A' })).toEqual({ kind: 'variable-measure', gtin14: `00${price}`, layout: upcPrice, itemReference: '12345', price: 2875 });
    const weight = withCheck('211234501250');
    expect(read(weight, { symbology: 'EAN_13' })).toEqual({ kind: 'variable-measure', gtin14: `0${weight}`, layout: ean21Grams, itemReference: '12345', netMg: 1_250_000 });
  });

  it('refuses an in-store label whose price check fails', () => {
    expect(refuse(withCheck('21234582875'), { symbology: 'UPC_A' })).toMatchObject({ code: 'bad-price-check', expected: 9, found: 8 });
  });

  it('leaves a code in a variable-measure range the store has no layout for to the catalog', () => {
    const code = withCheck('271234500999');
    expect(read(code, { symbology: 'EAN_13' })).toEqual({ kind: 'gtin', gtin14: `0${code}` });
  });
});

describe('interpretCode: GS1 scans', () => {
  it('reads GS1 DataBar as ZXing Java (14 digits) and zxing-wasm ((01) or 01) report it', () => {
    for (const text of ['04412345678909', '(01)04412345678909', '0104412345678909']) {
      expect(read(text, { symbology: 'RSS_14' })).toEqual({ kind: 'gtin', gtin14: '04412345678909' });
    }
  });

  it('reads GS1 DataBar as ZXing sends it with its identifier: "]e0" and 14 bare digits, a GTIN-14', () => {
    const gtin = { kind: 'gtin', gtin14: '04412345678909' };
    expect(read(']e004412345678909', { symbology: 'RSS_14' })).toEqual(gtin);
    expect(read('04412345678909', { symbology: 'RSS_14', symbologyIdentifier: ']e0' })).toEqual(gtin);
    expect(read(']e0(01)04412345678909', { symbology: 'RSS_14' })).toEqual(gtin);
    // Still checked: a wrong check digit is a misread, not AI data.
    expect(refuse(']e004412345678908', { symbology: 'RSS_14' }).code).toBe('bad-check-digit');
    // A GTIN-14 in the variable-measure range goes through the store's layouts like any other.
    expect(read(`]e0${withCheck('0211234501750')}`, { symbology: 'RSS_14' })).toMatchObject({ kind: 'variable-measure' });
  });

  it('reads GS1 DataBar Expanded', () => {
    expect(read('(01)90012345678908(3103)001750', { symbology: 'RSS_EXPANDED' })).toMatchObject({ kind: 'gs1', gtin14: '90012345678908', netMg: 1_750_000 });
  });

  it('reads GS1-128 by its identifier, in the text or beside it', () => {
    const expected = { kind: 'gs1', gtin14: '09501101020917', batch: 'ABC' };
    expect(read(`]C1010950110102091710ABC`, { symbology: 'CODE_128' })).toMatchObject(expected);
    expect(read(`010950110102091710ABC`, { symbology: 'CODE_128', symbologyIdentifier: ']C1' })).toMatchObject(expected);
    expect(read(`(01)09501101020917(10)ABC`, { symbology: 'CODE_128' })).toMatchObject(expected);
  });

  it('reports ZXing code128-1/1 (]C1 "168901": AI 16 needs six digits) as cut short', () => {
    expect(refuse('168901', { symbology: 'CODE_128', symbologyIdentifier: ']C1' })).toMatchObject({ code: 'truncated-field', ai: '16', expected: 6, found: 4 });
  });

  it('reads GS1 QR Code and GS1 DataMatrix', () => {
    expect(read(`]Q3010950110102091717250600`, { symbology: 'QR_CODE' })).toMatchObject({ kind: 'gs1', expiry: { yy: 25, month: 6, day: 0 } });
    expect(read(`${GS}010950110102091710L1${GS}21S1`, { symbology: 'DATA_MATRIX' })).toMatchObject({ kind: 'gs1', batch: 'L1', serial: 'S1' });
    expect(read(`0109501101020917`, { symbology: 'DATA_MATRIX', symbologyIdentifier: ']d2' })).toEqual({ kind: 'gtin', gtin14: '09501101020917' });
  });

  it('passes on GS1 errors', () => {
    expect(refuse('(01)90012345678908(3932)040EUR', { symbology: 'RSS_EXPANDED' }).code).toBe('bad-field');
    expect(refuse('(01)09501101020918', { symbology: 'RSS_14' }).code).toBe('bad-check-digit');
  });
});

describe('interpretCode: text', () => {
  it.each([
    ['CODE_128', '8101054321120021123456'], // ZXing code128-1: a coupon number without FNC1
    ['CODE_128', 'Code 128'],
    ['QR_CODE', 'https://tally.example/signin/7f3a'],
    ['QR_CODE', 'line one\r\nline two\r\n'],
    ['QR_CODE', '4011'], // digits in a QR code are not a PLU
    ['DATA_MATRIX', 'Hello World'],
  ])('reads %s %j as text', (symbology, text) => {
    expect(read(text, { symbology })).toEqual({ kind: 'text', text });
  });

  it('drops a plain symbology identifier in front of text', () => {
    expect(read(']Q1TALLY-COUPON-10', { symbology: 'QR_CODE' })).toEqual({ kind: 'text', text: 'TALLY-COUPON-10' });
  });

  it('refuses nothing at all', () => {
    expect(refuse('', { symbology: 'QR_CODE' })).toEqual({ code: 'bad-length', message: 'code is empty; expected a barcode, a PLU or text', length: 0 });
    expect(refuse('')).toMatchObject({ code: 'bad-length' });
  });
});

describe('interpretCode: the keypad and scanners that do not say', () => {
  it.each([
    ['4011', { kind: 'plu', plu: '4011', code: '4011', organic: false }],
    ['94011', { kind: 'plu', plu: '4011', code: '94011', organic: true }],
    ['84011', { kind: 'plu', plu: '83011', code: '84011', organic: true }],
    ['4006381333931', { kind: 'gtin', gtin14: '04006381333931' }],
    ['036000291452', { kind: 'gtin', gtin14: '00036000291452' }],
    ['10012345678902', { kind: 'gtin', gtin14: '10012345678902' }],
    ['55123457', { kind: 'gtin', gtin14: '00000055123457' }],
    ['496580', { kind: 'gtin', gtin14: '00049000006582' }], // UPC-E data digits
    ['0496580', { kind: 'gtin', gtin14: '00049000006582' }],
    ['0109501101020917', { kind: 'gtin', gtin14: '09501101020917' }], // GS1 from a scanner that drops FNC1
    ['9780201379624 51299', { kind: 'gtin', gtin14: '09780201379624', addOn: '51299' }],
    ['shopper:42', { kind: 'text', text: 'shopper:42' }],
  ])('reads %j', (text, code) => {
    expect(read(text)).toEqual(code);
  });

  it('reads typed or bare GS1 data', () => {
    expect(read('(01)09501101020917(3103)000750')).toMatchObject({ kind: 'gs1', netMg: 750_000 });
    expect(read('01095011010209173103000750')).toMatchObject({ kind: 'gs1', netMg: 750_000 });
    expect(read(`10ABC${GS}0109501101020917`)).toMatchObject({ kind: 'gs1', batch: 'ABC' });
  });

  it('reads an in-store label typed in full', () => {
    expect(read(withCheck('21234592875'))).toMatchObject({ kind: 'variable-measure', price: 2875 });
  });

  it('takes eight digits starting with 0 as UPC-E, since GTIN-8 0... are in-store numbers', () => {
    // 01234565 is valid both ways.
    expect(read('01234565')).toEqual({ kind: 'gtin', gtin14: '00012345000065' });
  });

  it('takes other eight digits as GTIN-8, or as UPC-E number system 1 when only that is valid', () => {
    expect(read('12345670')).toEqual({ kind: 'gtin', gtin14: '00000012345670' });
    expect(read('11234502')).toEqual({ kind: 'gtin', gtin14: '00112000003452' });
    expect(refuse('12345671')).toMatchObject({ code: 'bad-check-digit', expected: 0, found: 1 });
  });

  it.each([
    ['123', 'bad-length'],
    ['1234567890', 'bad-length'],
    ['5000', 'not-plu'],
    ['12345', 'not-plu'],
    ['4006381333932', 'bad-check-digit'],
    ['2496580', 'bad-number-system'],
    ['(01)0950110102091', 'truncated-field'],
    ['239999999999999', 'unknown-ai'], // more than 14 digits are read as GS1, and 23 is no AI
  ])('refuses %j: %s', (text, code) => {
    expect(refuse(text).code).toBe(code);
  });

  it('reads a code from a scanner with an unknown symbology name by its text', () => {
    expect(read('10012345678902', { symbology: 'ITF' })).toEqual({ kind: 'gtin', gtin14: '10012345678902' });
    expect(read('A40156B', { symbology: 'CODABAR' })).toEqual({ kind: 'text', text: 'A40156B' });
  });
});
