// UPC-E: the 8-digit, zero-suppressed form of a UPC-A for small packs. Six data digits stand for
// a UPC-A whose manufacturer and item numbers contain runs of zeros; the last data digit says
// where the zeros go. Only number systems 0 and 1 can be suppressed, and the UPC-E check digit is
// the check digit of the UPC-A it stands for, so a scan is verified by expanding it first.
//
// UPC-A layout: number system, manufacturer M1-M5, item I1-I5, check digit.
// UPC-E data d1-d6, by d6:
//   0, 1, 2   M = d1 d2 d6 0 0   I = 0 0 d3 d4 d5
//   3         M = d1 d2 d3 0 0   I = 0 0 0 d4 d5
//   4         M = d1 d2 d3 d4 0  I = 0 0 0 0 d5
//   5 .. 9    M = d1 d2 d3 d4 d5 I = 0 0 0 0 d6
import { badCheckDigit, gtinCheckDigit } from './check-digit.js';
import { badLength, digitsOnly, quote, type CodeError } from './errors.js';
import { err, ok, type Result } from '../result.js';

/** The 11 UPC-A digits before the check digit, from the number system and six UPC-E data digits. */
function expandBody(numberSystem: string, d: string): string {
  const last = d.charAt(5);
  switch (last) {
    case '0':
    case '1':
    case '2':
      return `${numberSystem}${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
    case '3':
      return `${numberSystem}${d.slice(0, 3)}00000${d.slice(3, 5)}`;
    case '4':
      return `${numberSystem}${d.slice(0, 4)}00000${d.charAt(4)}`;
    default:
      return `${numberSystem}${d.slice(0, 5)}0000${last}`;
  }
}

/**
 * A UPC-E as the 12-digit UPC-A it stands for. Accepts the six data digits (number system 0
 * assumed), seven (number system first) or all eight (number system, data, check digit, which is
 * then verified).
 */
export function expandUpcE(text: string): Result<string, CodeError> {
  const notDigits = digitsOnly(text, 'UPC-E');
  if (notDigits) return err(notDigits);
  if (text.length < 6 || text.length > 8) return err(badLength('UPC-E', text, '6, 7 or 8 digits'));
  const numberSystem = text.length === 6 ? '0' : text.charAt(0);
  if (numberSystem !== '0' && numberSystem !== '1') {
    return err({ code: 'bad-number-system', message: `UPC-E ${quote(text)} has number system ${numberSystem}; only 0 and 1 exist for UPC-E`, found: numberSystem });
  }
  const data = text.length === 6 ? text : text.slice(1, 7);
  const body = expandBody(numberSystem, data);
  const expected = gtinCheckDigit(body);
  if (text.length === 8) {
    const found = Number(text.charAt(7));
    if (found !== expected) return err(badCheckDigit(`UPC-E ${text} (UPC-A ${body}${found})`, expected, found));
  }
  return ok(`${body}${expected}`);
}

/**
 * The UPC-E for a 12-digit UPC-A, or undefined when the UPC-A has too few zeros to be suppressed.
 * Several UPC-E can stand for one UPC-A (0 120050 and 0 120054 both mean 0 12000 00005), so this
 * picks the form GS1 prints: the first of the rules 0-2, 3, 4, 5-9 that fits. The check digit is
 * carried over as it is (a UPC-E has the check digit of its UPC-A).
 */
export function compressUpcA(upcA: string): string | undefined {
  if (upcA.length !== 12 || digitsOnly(upcA, 'UPC-A') !== undefined) return undefined;
  const numberSystem = upcA.charAt(0);
  if (numberSystem !== '0' && numberSystem !== '1') return undefined;
  const m = upcA.slice(1, 6);
  const item = upcA.slice(6, 11);
  const check = upcA.charAt(11);
  let data: string | undefined;
  if (m.endsWith('00') && m.charAt(2) <= '2' && item.startsWith('00')) data = `${m.slice(0, 2)}${item.slice(2)}${m.charAt(2)}`;
  else if (m.endsWith('00') && item.startsWith('000')) data = `${m.slice(0, 3)}${item.slice(3)}3`;
  else if (m.endsWith('0') && item.startsWith('0000')) data = `${m.slice(0, 4)}${item.charAt(4)}4`;
  else if (item.startsWith('0000') && item.charAt(4) >= '5') data = `${m}${item.charAt(4)}`;
  return data === undefined ? undefined : `${numberSystem}${data}${check}`;
}
