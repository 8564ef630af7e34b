import { describe, expect, it } from 'vitest';
import { parsePlu } from '../../../../domain/common/codes/plu.js';
import { errorOf, valueOf } from './support.js';

describe('parsePlu', () => {
  it.each([
    ['4011', { plu: '4011', code: '4011', organic: false }], // bananas
    ['94011', { plu: '4011', code: '94011', organic: true }], // organic bananas
    ['3000', { plu: '3000', code: '3000', organic: false }], // bottom of the IFPS range
    ['4999', { plu: '4999', code: '4999', organic: false }], // top of it
    ['93000', { plu: '3000', code: '93000', organic: true }],
    ['94999', { plu: '4999', code: '94999', organic: true }],
    ['83000', { plu: '83000', code: '83000', organic: false }], // the re-assigned 8 prefix: conventional
    ['83999', { plu: '83999', code: '83999', organic: false }],
    ['84000', { plu: '83000', code: '84000', organic: true }], // ... and its organic counterpart
    ['84999', { plu: '83999', code: '84999', organic: true }],
    ['84011', { plu: '83011', code: '84011', organic: true }], // not "genetically modified 4011" any more
  ])('reads %s', (text, plu) => {
    expect(valueOf(parsePlu(text))).toEqual(plu);
  });

  it.each([
    ['2999', 'PLU "2999" is outside the IFPS produce range 3000-4999'],
    ['5000', 'PLU "5000" is outside the IFPS produce range 3000-4999'],
    ['0000', 'PLU "0000" is outside the IFPS produce range 3000-4999'],
    ['92999', 'organic PLU "92999" is 9 + 2999, and 2999 is outside the IFPS produce range 3000-4999'],
    ['95000', 'organic PLU "95000" is 9 + 5000, and 5000 is outside the IFPS produce range 3000-4999'],
    ['82999', 'PLU "82999": a five-digit PLU starts with 9 (organic) or is in 83000-84999'],
    ['85000', 'PLU "85000": a five-digit PLU starts with 9 (organic) or is in 83000-84999'],
    ['04011', 'PLU "04011": a five-digit PLU starts with 9 (organic) or is in 83000-84999'],
    ['14011', 'PLU "14011": a five-digit PLU starts with 9 (organic) or is in 83000-84999'],
  ])('judges %s by the IFPS ranges', (text, message) => {
    expect(errorOf(parsePlu(text))).toEqual({ code: 'not-plu', message });
  });

  it.each(['', '401', '940110', '4011940'])('refuses the length of %j', (text) => {
    expect(errorOf(parsePlu(text))).toMatchObject({ code: 'bad-length', length: text.length });
  });

  it.each([
    ['40 1', 2],
    ['4011 ', 4],
    ['-4011', 0],
    ['4O11', 1], // letter O for zero, a classic keypad-less typo
  ])('refuses %j: not a digit at position %i', (text, position) => {
    expect(errorOf(parsePlu(text))).toMatchObject({ code: 'not-digits', position });
  });

  it('gives every organic 9-code the same base as its conventional code', () => {
    const mismatches: string[] = [];
    for (let code = 3000; code <= 4999; code++) {
      const conventional = valueOf(parsePlu(String(code)));
      const organic = valueOf(parsePlu(`9${code}`));
      if (organic.plu !== conventional.plu || conventional.organic || !organic.organic) mismatches.push(String(code));
    }
    expect(mismatches).toEqual([]);
  });
});
