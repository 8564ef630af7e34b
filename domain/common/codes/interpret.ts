// The one entry point for everything the cart reads or the shopper types: a camera scan (with
// ZXing's format name), a keyboard-wedge scanner, or digits on the keypad. It decides what the
// text is (a GTIN, an in-store weighed label, GS1 data, a produce PLU, or plain text such as a
// sign-in QR or a coupon) and checks it, so the basket only ever sees valid, typed codes.
import type { VariableMeasureLayout } from '../catalog/schema.js';
import { badLength, isDigits, type CodeError } from './errors.js';
import { parseGs1, type Gs1Data } from './gs1.js';
import { parseGtin } from './gtin.js';
import { parsePlu, type Plu } from './plu.js';
import { GS, isGs1Identifier, splitSymbologyIdentifier } from './symbology.js';
import { expandUpcE } from './upce.js';
import { isVariableMeasure, layoutMatches, parseVariableMeasure, type VariableMeasure } from './variable-measure.js';
import { err, ok, type Result } from '../result.js';

/** ZXing's BarcodeFormat names for the symbologies a cart meets. */
export type Symbology = 'EAN_13' | 'UPC_A' | 'UPC_E' | 'EAN_8' | 'CODE_128' | 'RSS_14' | 'RSS_EXPANDED' | 'QR_CODE' | 'DATA_MATRIX';

export interface InterpretOptions {
  /**
   * The ZXing BarcodeFormat name of the symbol read. Absent for the keypad or a scanner that does
   * not say; a name not in Symbology (ITF, CODABAR, ...) is treated the same way: the text alone decides.
   */
  readonly symbology?: Symbology | (string & Record<never, never>);
  /** The AIM symbology identifier reported beside the text (ZXing's SYMBOLOGY_IDENTIFIER), e.g. "]C1". */
  readonly symbologyIdentifier?: string;
  /** The store's variable-measure layouts (catalog store.variableMeasure). */
  readonly layouts: readonly VariableMeasureLayout[];
}

/** What a scan or a keypad entry turned out to be. */
export type ScannedCode =
  /** A product barcode; `addOn` holds a 2- or 5-digit EAN/UPC add-on (issue number, book price). */
  | { readonly kind: 'gtin'; readonly gtin14: string; readonly addOn?: string }
  | ({ readonly kind: 'variable-measure'; readonly gtin14: string } & VariableMeasure)
  | ({ readonly kind: 'gs1' } & Gs1Data)
  | ({ readonly kind: 'plu' } & Plu)
  /** Anything else: QR sign-in and coupon payloads, plain Code 128. */
  | { readonly kind: 'text'; readonly text: string };

type Layouts = readonly VariableMeasureLayout[];

/**
 * A GTIN, read through the store's variable-measure layouts when it falls in one of their ranges.
 * An add-on is kept for a product barcode only: stores print none beside their weighed labels.
 */
function fromGtin(gtin14: string, layouts: Layouts, addOn?: string): Result<ScannedCode, CodeError> {
  if (isVariableMeasure(gtin14) && layouts.some((layout) => layoutMatches(layout, gtin14))) {
    const measure = parseVariableMeasure(gtin14, layouts);
    return measure.ok ? ok({ kind: 'variable-measure', gtin14, ...measure.value }) : measure;
  }
  return ok(addOn === undefined ? { kind: 'gtin', gtin14 } : { kind: 'gtin', gtin14, addOn });
}

function fromGtinText(text: string, layouts: Layouts, addOn?: string): Result<ScannedCode, CodeError> {
  const gtin = parseGtin(text);
  return gtin.ok ? fromGtin(gtin.value.gtin14, layouts, addOn) : gtin;
}

/** GS1 data; a lone (01), as GS1 DataBar Omnidirectional carries, is just a GTIN. */
function fromGs1(text: string, layouts: Layouts): Result<ScannedCode, CodeError> {
  const data = parseGs1(text);
  if (!data.ok) return data;
  const [first, ...rest] = data.value.elements;
  if (first?.ai === '01' && rest.length === 0) return fromGtinText(first.value, layouts);
  return ok({ kind: 'gs1', ...data.value });
}

const WITH_ADD_ON = /^(\d+) (\d+)$/;

/**
 * After "]E3" (EAN/UPC with add-on, ISO/IEC 15420) the add-on follows the main digits directly;
 * the total length tells them apart: UPC-E (8), UPC-A (12) or EAN-13 (13), plus 2 or 5. Thirteen
 * digits stay a main code: a reader that moved the add-on elsewhere still says "]E3", and that
 * EAN-13 is far likelier than a UPC-E with a 5-digit add-on.
 */
const MAIN_LENGTH_AFTER_E3: ReadonlyMap<number, number> = new Map([
  [10, 8],
  [14, 12],
  [17, 12],
  [15, 13],
  [18, 13],
]);

/**
 * EAN/UPC digits. An add-on symbol arrives as zxing-cpp's reader appends it, main digits, a
 * space, the add-on ("9780201379624 51299"), or after "]E3" without the space. ZXing Java reports
 * the add-on only as metadata, so its text is the main code alone.
 */
function fromRetail(text: string, symbology: string | undefined, identifier: string | undefined, layouts: Layouts): Result<ScannedCode, CodeError> {
  let main = text;
  let addOn: string | undefined;
  const spaced = WITH_ADD_ON.exec(text);
  const e3MainLength = identifier === ']E3' && isDigits(text) ? MAIN_LENGTH_AFTER_E3.get(text.length) : undefined;
  if (spaced?.[1] !== undefined && spaced[2] !== undefined) [main, addOn] = [spaced[1], spaced[2]];
  else if (e3MainLength !== undefined) [main, addOn] = [text.slice(0, e3MainLength), text.slice(e3MainLength)];
  if (addOn !== undefined && addOn.length !== 2 && addOn.length !== 5) return err(badLength('EAN/UPC add-on', addOn, '2 or 5 digits'));
  // An 8-digit main code with an add-on is a UPC-E: EAN-8 with an add-on keeps its own "]E4".
  if ((symbology === 'UPC_E' && main.length <= 8) || e3MainLength === 8) {
    const upcA = expandUpcE(main);
    return upcA.ok ? fromGtin(`00${upcA.value}`, layouts, addOn) : upcA;
  }
  return fromGtinText(main, layouts, addOn);
}

const PARENTHESISED_AI = /^\(\d{2,4}\)/;

/**
 * Eight digits with no symbology: UPC-E and GTIN-8 share the length. A GTIN-8 starting with 0 is
 * an in-store "velocity" number (RCN-8), not a product, so a leading 0 means UPC-E when that
 * reading is valid; otherwise GTIN-8 first, then UPC-E number system 1.
 */
function fromEightDigits(text: string, layouts: Layouts): Result<ScannedCode, CodeError> {
  const upcE = expandUpcE(text);
  const gtin8 = parseGtin(text);
  if (text.startsWith('0') && upcE.ok) return fromGtin(`00${upcE.value}`, layouts);
  if (gtin8.ok) return fromGtin(gtin8.value.gtin14, layouts);
  if (upcE.ok) return fromGtin(`00${upcE.value}`, layouts);
  return gtin8;
}

/** No symbology to go by: the keypad, or a scanner that sends text only. */
function fromTextAlone(text: string, layouts: Layouts): Result<ScannedCode, CodeError> {
  if (PARENTHESISED_AI.test(text) || text.includes(GS)) return fromGs1(text, layouts);
  if (WITH_ADD_ON.test(text)) return fromRetail(text, undefined, undefined, layouts);
  if (!isDigits(text)) return ok({ kind: 'text', text });
  switch (text.length) {
    case 4:
    case 5: {
      const plu = parsePlu(text);
      return plu.ok ? ok({ kind: 'plu', ...plu.value }) : plu;
    }
    case 6:
    case 7: {
      const upcA = expandUpcE(text);
      return upcA.ok ? fromGtin(`00${upcA.value}`, layouts) : upcA;
    }
    case 8:
      return fromEightDigits(text, layouts);
    case 12:
    case 13:
    case 14:
      return fromGtinText(text, layouts);
    default:
      // Longer digit runs are GS1 data from a scanner that drops the FNC1 marker.
      if (text.length > 14) return fromGs1(text, layouts);
      return err(badLength('code', text, 'a PLU of 4 or 5 digits, or a barcode of 8, 12, 13 or 14 digits'));
  }
}

export function interpretCode(text: string, opts: InterpretOptions): Result<ScannedCode, CodeError> {
  if (text.length === 0) return err(badLength('code', text, 'a barcode, a PLU or text'));
  const { identifier: leading, data } = splitSymbologyIdentifier(text);
  const identifier = leading ?? opts.symbologyIdentifier;
  // GS1 DataBar Omnidirectional carries one GTIN-14 and nothing else; ZXing reports it as "]e0"
  // and 14 bare digits, with the (01) implied. Taken as GS1 data, those digits would be misparsed
  // as AI strings, so they are read as the GTIN they are before the GS1 branch sees them.
  if (opts.symbology === 'RSS_14' && data.length === 14 && isDigits(data)) return fromGtinText(data, opts.layouts);
  // GS1 by the scanner's word (symbology identifier) or by an FNC1 in first position.
  if (isGs1Identifier(identifier) || data.startsWith(GS)) return fromGs1(text, opts.layouts);
  switch (opts.symbology) {
    case 'EAN_13':
    case 'UPC_A':
    case 'UPC_E':
    case 'EAN_8':
      return fromRetail(data, opts.symbology, identifier, opts.layouts);
    case 'RSS_14': // zxing-wasm's "(01)..." or "01..." (bare 14 digits were read above)
    case 'RSS_EXPANDED':
      return fromGs1(data, opts.layouts);
    case 'CODE_128':
    case 'QR_CODE':
    case 'DATA_MATRIX':
      // GS1 in human-readable form is how zxing-wasm reports GS1 content in these symbols.
      return PARENTHESISED_AI.test(data) ? fromGs1(data, opts.layouts) : ok({ kind: 'text', text: data });
    default:
      if (identifier?.startsWith(']E')) return fromRetail(data, undefined, identifier, opts.layouts);
      return fromTextAlone(data, opts.layouts);
  }
}
