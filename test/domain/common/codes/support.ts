// Shared generators and result helpers for the product-code tests. Runs are seeded, like everything random
// in this project, so a failure reproduces on every machine; fast-check prints the failing case.
import fc from 'fast-check';
import type { CodeError } from '../../../../domain/common/codes/errors.js';
import type { Result } from '../../../../domain/common/result.js';

export const PROPERTY_RUNS = { seed: 20_261_123, numRuns: 400 } as const;

export const digitString = (minLength: number, maxLength = minLength): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A digit string with one position replaced by a different digit. */
export const withOneDigitChanged = (text: string, position: number, shift: number): string => {
  const at = position % text.length;
  const digit = (Number(text.charAt(at)) + 1 + (shift % 9)) % 10;
  return `${text.slice(0, at)}${digit}${text.slice(at + 1)}`;
};

/** The error of a result that must have failed (the test fails, showing the value, if it did not). */
export function errorOf<T>(result: Result<T, CodeError>): CodeError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The value of a result that must have succeeded (the test fails with the message if it did not). */
export function valueOf<T>(result: Result<T, CodeError>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
