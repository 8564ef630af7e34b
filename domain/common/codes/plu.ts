// Produce PLU codes, the numbers on fruit stickers that a shopper types on the cart's keypad.
//
// The IFPS (International Federation for Produce Standards) rules this reader follows:
// - Four-digit PLUs are assigned in the 3000 and 4000 series (3000-4999) and carry no meaning in
//   their digits. Other four-digit numbers are not IFPS produce codes; a store that gives its own
//   bakery or bulk items a short number should put them in the catalog under a GTIN or SKU.
// - A leading 9 in front of a four-digit PLU marks the organic version of the same produce
//   (4011 banana, 94011 organic banana), so 93000-94999 are the organic codes.
// - The 8 prefix (83000-84999) was reserved for genetically modified produce, never used at
//   retail, and re-assigned by the IFPS (press release, c. 2015) as new codes once the 3000 and
//   4000 series run out: "the 83000 series will be reserved for conventionally grown items where
//   the 84000 series will designate the corresponding organic item". So 83xyz is a conventional
//   PLU in its own right and 84xyz is its organic version. Any other leading digit, and 8 outside
//   83000-84999, is refused rather than guessed at.
import { badLength, digitsOnly, quote, type CodeError } from './errors.js';
import { err, ok, type Result } from '../result.js';

export interface Plu {
  /** The conventional produce's PLU: four digits (4011), or 83000-83999 for the newest codes. */
  readonly plu: string;
  /** The code as typed or printed (94011). */
  readonly code: string;
  /** True for the organic code (9 + a four-digit PLU, or 84000-84999). */
  readonly organic: boolean;
}

const inFourDigitRange = (code: string): boolean => code >= '3000' && code <= '4999';

export function parsePlu(text: string): Result<Plu, CodeError> {
  const notDigits = digitsOnly(text, 'PLU');
  if (notDigits) return err(notDigits);
  if (text.length === 4) {
    if (inFourDigitRange(text)) return ok({ plu: text, code: text, organic: false });
    return err({ code: 'not-plu', message: `PLU ${quote(text)} is outside the IFPS produce range 3000-4999` });
  }
  if (text.length !== 5) return err(badLength('PLU', text, '4 digits, or 5 with a leading 9 for organic'));
  const base = text.slice(1);
  if (text.startsWith('9')) {
    if (inFourDigitRange(base)) return ok({ plu: base, code: text, organic: true });
    return err({ code: 'not-plu', message: `organic PLU ${quote(text)} is 9 + ${base}, and ${base} is outside the IFPS produce range 3000-4999` });
  }
  if (text.startsWith('83')) return ok({ plu: text, code: text, organic: false });
  if (text.startsWith('84')) return ok({ plu: `83${text.slice(2)}`, code: text, organic: true });
  return err({ code: 'not-plu', message: `PLU ${quote(text)}: a five-digit PLU starts with 9 (organic) or is in 83000-84999` });
}
