import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit } from '../../../../domain/common/codes/check-digit.js';
import { compressUpcA, expandUpcE } from '../../../../domain/common/codes/upce.js';
import { digitString, errorOf, PROPERTY_RUNS, valueOf } from './support.js';

describe('expandUpcE', () => {
  it.each([
    // ZXing's upce-1 and upce-3 test codes, one per expansion rule.
    ['04965802', '049000006582'], // last digit 0-2: manufacturer 49000, item 00658
    ['01234531', '012300000451'], // last digit 3: manufacturer 12300, item 00045
    ['00123457', '001234000057'], // last digit 5-9: manufacturer 01234, item 00005
    ['01234565', '012345000065'],
  ])('expands %s to UPC-A %s', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toEqual({ ok: true, value: upcA });
  });

  it('applies rule 4: the manufacturer takes four digits and a zero', () => {
    // 0 12345 4: manufacturer 12340, item 00005.
    const upcA = expandUpcE('0123454');
    expect(upcA).toEqual({ ok: true, value: `01234000005${gtinCheckDigit('01234000005')}` });
  });

  it('applies rules 1 and 2 with the last digit as the third manufacturer digit', () => {
    expect(expandUpcE('123451')).toEqual({ ok: true, value: `01210000345${gtinCheckDigit('01210000345')}` });
    expect(expandUpcE('1123452')).toEqual({ ok: true, value: `11220000345${gtinCheckDigit('11220000345')}` });
  });

  it('takes six digits as number system 0 and seven as number system first, and adds the check digit', () => {
    expect(expandUpcE('496580')).toEqual({ ok: true, value: '049000006582' });
    expect(expandUpcE('0496580')).toEqual({ ok: true, value: '049000006582' });
  });

  it('verifies the check digit of eight digits against the UPC-A', () => {
    expect(expandUpcE('04965803')).toEqual({
      ok: false,
      error: { code: 'bad-check-digit', message: 'UPC-E 04965803 (UPC-A 049000006583) has a bad check digit: expected 2, found 3', expected: 2, found: 3 },
    });
  });

  it.each(['2496580', '24965802', '94965802'])('refuses number system %s', (text) => {
    const result = expandUpcE(text);
    expect(errorOf(result)).toMatchObject({ code: 'bad-number-system', found: text.charAt(0) });
  });

  it.each(['', '12345', '123456789'])('refuses the length of %j', (text) => {
    const result = expandUpcE(text);
    expect(errorOf(result)).toMatchObject({ code: 'bad-length', length: text.length });
  });

  it('refuses non-digits', () => {
    const result = expandUpcE('0496S802');
    expect(errorOf(result)).toMatchObject({ code: 'not-digits', position: 4 });
  });
});

describe('compressUpcA', () => {
  it('compresses the ZXing test codes back', () => {
    for (const upcE of ['04965802', '01234531', '00123457', '01234565']) {
      expect(compressUpcA(valueOf(expandUpcE(upcE)))).toBe(upcE);
    }
  });

  it('leaves alone what cannot be zero-suppressed', () => {
    expect(compressUpcA('036000291452')).toBeUndefined(); // too few zeros
    expect(compressUpcA('212345000057')).toBeUndefined(); // number system 2
    expect(compressUpcA('01234500006')).toBeUndefined(); // 11 digits
    expect(compressUpcA('01234500006x')).toBeUndefined();
  });

  const upcE = fc.tuple(fc.constantFrom('0', '1'), digitString(6)).map(([numberSystem, data]) => `${numberSystem}${data}`);

  it('round trips: every UPC-E expands to a UPC-A that compresses to a UPC-E meaning the same', () => {
    fc.assert(
      fc.property(upcE, (seven) => {
        const upcA = expandUpcE(seven);
        const compressed = compressUpcA(valueOf(upcA));
        expect(compressed).toBeDefined();
        expect(expandUpcE(compressed ?? '')).toEqual(upcA);
      }),
      PROPERTY_RUNS,
    );
  });

  it('round trips: a compressible UPC-A expands back to itself', () => {
    // UPC-As with zero runs where UPC-E puts them, so that most are compressible.
    const zeroRich = fc
      .tuple(fc.constantFrom('0', '1'), digitString(5), digitString(5), fc.nat(4), fc.nat(4))
      .map(([ns, m, item, mZeros, iZeros]) => {
        const body = `${ns}${m.slice(0, 5 - mZeros)}${'0'.repeat(mZeros)}${'0'.repeat(iZeros)}${item.slice(iZeros)}`;
        return `${body}${gtinCheckDigit(body)}`;
      });
    fc.assert(
      fc.property(zeroRich, (upcA) => {
        const upcE = compressUpcA(upcA);
        fc.pre(upcE !== undefined);
        expect(expandUpcE(upcE ?? '')).toEqual({ ok: true, value: upcA });
      }),
      PROPERTY_RUNS,
    );
  });
});
