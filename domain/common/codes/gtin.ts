// GTINs as printed under EAN/UPC barcodes. Every length is the same number space: a GTIN-8, -12
// (UPC-A) or -13 (EAN) padded with leading zeros to 14 digits is the GTIN-14 that GS1 keys,
// catalogs and DataBar use, so the cart compares and looks products up by GTIN-14 only.
import { verifyCheckDigit } from './check-digit.js';
import { badLength, digitsOnly, type CodeError } from './errors.js';
import { err, ok, type Result } from '../result.js';

export { gtinCheckDigit } from './check-digit.js';

export type GtinKind = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';

export interface Gtin {
  /** The same GTIN, zero-padded to 14 digits: the key for lookups and comparisons. */
  readonly gtin14: string;
  /** How it was written: the length the barcode or label carried. */
  readonly kind: GtinKind;
}

const KINDS: Readonly<Record<number, GtinKind>> = { 8: 'GTIN-8', 12: 'GTIN-12', 13: 'GTIN-13', 14: 'GTIN-14' };

/**
 * A GTIN-8, -12, -13 or -14: digits only (no spaces, no trimming, since a stray character means a
 * misread or a typo), with a valid check digit.
 */
export function parseGtin(text: string): Result<Gtin, CodeError> {
  const notDigits = digitsOnly(text, 'GTIN');
  if (notDigits) return err(notDigits);
  const kind = KINDS[text.length];
  if (kind === undefined) return err(badLength('GTIN', text, '8, 12, 13 or 14 digits'));
  const badCheck = verifyCheckDigit(text, kind);
  if (badCheck) return err(badCheck);
  return ok({ gtin14: text.padStart(14, '0'), kind });
}

/** A GTIN of any length as its GTIN-14. */
export function toGtin14(text: string): Result<string, CodeError> {
  const gtin = parseGtin(text);
  return gtin.ok ? ok(gtin.value.gtin14) : gtin;
}
