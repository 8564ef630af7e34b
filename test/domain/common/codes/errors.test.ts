import { describe, expect, it } from 'vitest';
import { badLength, digitsOnly, firstNonDigit, isDigits, quote } from '../../../../domain/common/codes/errors.js';

describe('code error messages', () => {
  it('show control characters and cut long scans to one readable line', () => {
    expect(quote('01\u001d10')).toBe('"01\\u001d10"');
    expect(quote('a'.repeat(60))).toBe(`"${'a'.repeat(48)}…"`);
    expect(quote('a'.repeat(48))).toBe(`"${'a'.repeat(48)}"`);
  });

  it('say where a non-digit is, counting from 1 for people', () => {
    expect(digitsOnly('12x4', 'PLU')).toEqual({ code: 'not-digits', message: 'PLU "12x4" has "x" at position 3; only digits 0-9 belong there', position: 2 });
    expect(digitsOnly('1234', 'PLU')).toBeUndefined();
    expect(digitsOnly('', 'PLU')).toBeUndefined(); // the length check speaks for empty input
  });

  it('say what length was expected', () => {
    expect(badLength('PLU', '123', '4 or 5 digits')).toEqual({ code: 'bad-length', message: 'PLU "123" has 3 characters; expected 4 or 5 digits', length: 3 });
    expect(badLength('PLU', '', '4 or 5 digits').message).toBe('PLU is empty; expected 4 or 5 digits');
  });

  it('count only ASCII digits as digits', () => {
    expect(firstNonDigit('0123456789')).toBe(-1);
    expect(firstNonDigit('12３')).toBe(2);
    expect(isDigits('')).toBe(false);
    expect(isDigits('007')).toBe(true);
  });
});
