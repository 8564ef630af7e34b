// The GS1 mod-10 check digit, shared by every GS1 key: GTIN-8/12/13/14, the SSCC (18 digits), the
// GLN (13) and the UPC-E (through its UPC-A expansion). Weights alternate 3 and 1 starting with 3
// on the digit nearest the check digit, so the same routine serves every length and a GTIN keeps
// its check digit when padded with leading zeros to GTIN-14.
import { quote, type CodeError } from './errors.js';

/**
 * The check digit for `body` (the digits before it). The body must be digits only: parsers check
 * that first and report it to the shopper; a non-digit here is a programming error.
 */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    const digit = body.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new RangeError(`gtinCheckDigit takes digits only, got ${quote(body)}`);
    sum += digit * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** The error for a check digit that does not match; `what` names the code ("GTIN-13 4006381333932"). */
export const badCheckDigit = (what: string, expected: number, found: number): CodeError => ({
  code: 'bad-check-digit',
  message: `${what} has a bad check digit: expected ${expected}, found ${found}`,
  expected,
  found,
});

/** A bad-check-digit error if the last digit of `digits` is not the check digit of the rest. */
export function verifyCheckDigit(digits: string, label: string): CodeError | undefined {
  const expected = gtinCheckDigit(digits.slice(0, -1));
  const found = Number(digits.slice(-1));
  return expected === found ? undefined : badCheckDigit(`${label} ${digits}`, expected, found);
}
