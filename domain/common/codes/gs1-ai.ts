// The GS1 application identifiers (AIs) this reader knows, with the syntax of each value as the
// GS1 General Specifications and GS1's Barcode Syntax Dictionary give it. A retail cart meets
// product data (GTIN, batch, dates, weights, prices) on DataBar, GS1-128, GS1 QR and DataMatrix,
// plus the logistics and internal AIs that share a label with them; an AI outside this table is
// reported as unknown rather than skipped, because without its syntax nothing after it can be
// split correctly.
//
// "Predefined length" AIs (first digits 00-04, 11-20, 31-36, 41) never need an FNC1 after them,
// so in concatenated data their value is exactly as long as the table says; every other AI, even
// one of fixed length, ends at an FNC1 (GS, ASCII 29) or at the end of the data.

import { firstNonDigit } from './errors.js';

/** N: digits. X: GS1 AI encodable character set 82 (letters, digits and !"%&'()*+,-./:;<=>?_). */
export type Charset = 'N' | 'X';

/** Content rules beyond the character set: a GS1 mod-10 check digit, or a YYMMDD date where DD may be 00. */
export type PartCheck = 'csum' | 'yymmd0';

export interface AiPart {
  readonly charset: Charset;
  readonly min: number;
  readonly max: number;
  readonly check?: PartCheck;
}

export interface AiSpec {
  readonly ai: string;
  readonly title: string;
  /** The value's components in order; only the last may vary in length. */
  readonly parts: readonly AiPart[];
  readonly predefinedLength: boolean;
  readonly minLength: number;
  readonly maxLength: number;
}

const n = (length: number, check?: PartCheck): AiPart => (check ? { charset: 'N', min: length, max: length, check } : { charset: 'N', min: length, max: length });
const nUpTo = (max: number): AiPart => ({ charset: 'N', min: 1, max });
const xUpTo = (max: number): AiPart => ({ charset: 'X', min: 1, max });

const PREDEFINED_PREFIXES = new Set(['00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '31', '32', '33', '34', '35', '36', '41']);

/** [first AI, last AI of a range (same title and syntax), title, parts]. */
type Row = readonly [string, string | undefined, string, readonly AiPart[]];

const ROWS: readonly Row[] = [
  ['00', undefined, 'SSCC', [n(18, 'csum')]],
  ['01', undefined, 'GTIN', [n(14, 'csum')]],
  ['02', undefined, 'CONTENT', [n(14, 'csum')]],
  ['10', undefined, 'BATCH/LOT', [xUpTo(20)]],
  ['11', undefined, 'PROD DATE', [n(6, 'yymmd0')]],
  ['12', undefined, 'DUE DATE', [n(6, 'yymmd0')]],
  ['13', undefined, 'PACK DATE', [n(6, 'yymmd0')]],
  ['15', undefined, 'BEST BEFORE or BEST BY', [n(6, 'yymmd0')]],
  ['16', undefined, 'SELL BY', [n(6, 'yymmd0')]],
  ['17', undefined, 'USE BY or EXPIRY', [n(6, 'yymmd0')]],
  ['20', undefined, 'VARIANT', [n(2)]],
  ['21', undefined, 'SERIAL', [xUpTo(20)]],
  ['22', undefined, 'CPV', [xUpTo(20)]],
  ['240', undefined, 'ADDITIONAL ID', [xUpTo(30)]],
  ['241', undefined, 'CUST. PART No.', [xUpTo(30)]],
  ['242', undefined, 'MTO VARIANT', [nUpTo(6)]],
  ['250', undefined, 'SECONDARY SERIAL', [xUpTo(30)]],
  ['251', undefined, 'REF. TO SOURCE', [xUpTo(30)]],
  ['30', undefined, 'VAR. COUNT', [nUpTo(8)]],
  ['3100', '3105', 'NET WEIGHT (kg)', [n(6)]],
  ['3200', '3205', 'NET WEIGHT (lb)', [n(6)]],
  ['3300', '3305', 'GROSS WEIGHT (kg)', [n(6)]],
  ['3400', '3405', 'GROSS WEIGHT (lb)', [n(6)]],
  ['37', undefined, 'COUNT', [nUpTo(8)]],
  ['3920', '3929', 'PRICE', [nUpTo(15)]],
  // An ISO 4217 numeric currency code, then the amount.
  ['3930', '3939', 'PRICE', [n(3), nUpTo(15)]],
  ['400', undefined, 'ORDER NUMBER', [xUpTo(30)]],
  ['410', undefined, 'SHIP TO LOC', [n(13, 'csum')]],
  ['411', undefined, 'BILL TO', [n(13, 'csum')]],
  ['412', undefined, 'PURCHASE FROM', [n(13, 'csum')]],
  ['413', undefined, 'SHIP FOR LOC', [n(13, 'csum')]],
  ['414', undefined, 'LOC No.', [n(13, 'csum')]],
  ['415', undefined, 'PAY TO', [n(13, 'csum')]],
  ['416', undefined, 'PROD/SERV LOC', [n(13, 'csum')]],
  ['417', undefined, 'PARTY', [n(13, 'csum')]],
  ['420', undefined, 'SHIP TO POST', [xUpTo(20)]],
  ['8005', undefined, 'PRICE PER UNIT', [n(6)]],
  ['8020', undefined, 'REF No.', [xUpTo(25)]],
  ['8200', undefined, 'PRODUCT URL', [xUpTo(70)]],
  ['90', undefined, 'INTERNAL', [xUpTo(30)]],
  ['91', '99', 'INTERNAL', [xUpTo(90)]],
];

function expand(rows: readonly Row[]): Map<string, AiSpec> {
  const table = new Map<string, AiSpec>();
  for (const [first, last, title, parts] of rows) {
    const width = first.length;
    for (let ai = Number(first); ai <= Number(last ?? first); ai++) {
      const code = String(ai).padStart(width, '0');
      table.set(code, {
        ai: code,
        title,
        parts,
        predefinedLength: PREDEFINED_PREFIXES.has(code.slice(0, 2)),
        minLength: parts.reduce((sum, p) => sum + p.min, 0),
        maxLength: parts.reduce((sum, p) => sum + p.max, 0),
      });
    }
  }
  return table;
}

const TABLE = expand(ROWS);

/** Every AI this reader knows, in table order. */
export const knownAis = (): readonly AiSpec[] => [...TABLE.values()];

export const aiSpec = (ai: string): AiSpec | undefined => TABLE.get(ai);

/**
 * The AI at the start of `text`: GS1 AIs are 2 to 4 digits and none is a prefix of another, so
 * at most one length matches.
 */
export function aiAt(text: string, from: number): AiSpec | undefined {
  for (let length = 2; length <= 4; length++) {
    const spec = TABLE.get(text.slice(from, from + length));
    if (spec) return spec;
  }
  return undefined;
}

const CSET_82_CHAR = /[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/;

/** 0-based index of the first character outside `charset`, or -1. */
export function firstOutside(charset: Charset, value: string): number {
  if (charset === 'N') return firstNonDigit(value);
  for (let i = 0; i < value.length; i++) {
    if (!CSET_82_CHAR.test(value.charAt(i))) return i;
  }
  return -1;
}
