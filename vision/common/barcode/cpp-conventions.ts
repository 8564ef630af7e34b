// zxing-cpp (through zxing-wasm) and ZXing Java name and write the same symbols differently. The
// cart, its tools and ZXing's test data speak Java's dialect, so every zxing-cpp read is turned
// into it here. The differences, checked on ZXing's own test images:
//   - a UPC-A comes back as EAN13 with a leading 0 whenever EAN-13 is also enabled (Java: UPC_A,
//     12 digits: its EAN-13 reader hands a leading-0 code to UPC-A the same way);
//   - a UPC-E comes back expanded to 13 digits; the 8 printed digits are in `extra.UPCE`;
//   - an EAN add-on is appended to the text after "]E3"; Java reports it beside the text;
//   - DataBar in plain text mode is "01" + GTIN-14 (Java: the bare GTIN-14);
//   - DataBar Expanded is bare AI digits (Java: "(AI)value" form).

/** Whether a converted symbol still lacks Java's "(AI)value" form (see fromCpp's hriText). */
export const needsHri = (symbol: DecodedSymbol): boolean => symbol.format === 'RSS_EXPANDED' && !symbol.text.startsWith('(');
import { splitElementStrings } from '../../../domain/common/codes/gs1-split.js';
import { formatGs1 } from '../../../domain/common/codes/gs1.js';
import type { BarcodeFormat } from './formats.js';
import type { DecodedSymbol, Quad } from './symbol.js';

/** The parts of a zxing-wasm ReadResult this module reads (structural, so common/ stays package-free). */
export interface CppRead {
  readonly format: string;
  readonly text: string;
  readonly symbologyIdentifier: string;
  /** JSON object text: `{"UPCE": "01234565"}`, `{"EanAddOn": "51299"}`, or empty. */
  readonly extra: string;
  readonly position: Quad;
}

/** zxing-cpp's names for what each of our formats asks it to look for. */
export const CPP_FORMATS: Readonly<Record<BarcodeFormat, readonly string[]>> = {
  EAN_13: ['EAN13'],
  UPC_A: ['UPCA'],
  UPC_E: ['UPCE'],
  EAN_8: ['EAN8'],
  // DataBar Limited stays off: ZXing Java has no reader for it, and it is not on retail items.
  RSS_14: ['DataBarOmni', 'DataBarStk', 'DataBarStkOmni'],
  RSS_EXPANDED: ['DataBarExp', 'DataBarExpStk'],
  CODE_128: ['Code128'],
  QR_CODE: ['QRCodeModel1', 'QRCodeModel2'],
  DATA_MATRIX: ['DataMatrix'],
};

const FROM_CPP: ReadonlyMap<string, BarcodeFormat> = new Map(
  Object.entries(CPP_FORMATS).flatMap(([ours, theirs]) => theirs.map((name) => [name, ours as BarcodeFormat] as const)),
);
// The group names zxing-cpp may report in place of a specific variant.
const GROUPS: ReadonlyMap<string, BarcodeFormat> = new Map([
  ['DataBar', 'RSS_14'],
  ['QRCode', 'QR_CODE'],
]);

function parseExtra(extra: string): Record<string, unknown> {
  if (extra === '') return {};
  try {
    const parsed: unknown = JSON.parse(extra);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const stringField = (extra: Record<string, unknown>, key: string): string | undefined => {
  const value = extra[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * One zxing-cpp read in Java's conventions, or undefined for a format the cart did not ask for
 * (zxing-cpp may report a relative of a requested format, such as Micro QR).
 */
export function fromCpp(read: CppRead, formats: readonly BarcodeFormat[], hriText?: string): DecodedSymbol | undefined {
  const cppFormat = FROM_CPP.get(read.format) ?? GROUPS.get(read.format);
  if (cppFormat === undefined) return undefined;
  const extra = parseExtra(read.extra);
  const addOn = stringField(extra, 'EanAddOn');
  let format = cppFormat;
  let text = addOn !== undefined && read.text.endsWith(addOn) ? read.text.slice(0, -addOn.length) : read.text;
  if (format === 'EAN_13' && text.length === 13 && text.startsWith('0') && formats.includes('UPC_A')) {
    format = 'UPC_A';
    text = text.slice(1);
  } else if (format === 'UPC_A' && text.length === 13 && text.startsWith('0')) {
    text = text.slice(1);
  } else if (format === 'UPC_E') {
    text = stringField(extra, 'UPCE') ?? text;
  } else if (format === 'RSS_14' && /^01\d{14}$/.test(text)) {
    text = text.slice(2);
  } else if (format === 'RSS_EXPANDED') {
    // Split on the AI table only (not checked: judge.ts judges the content), so a symbol with an
    // out-of-range field still shows as ZXing Java writes it. An AI the domain does not know
    // cannot be split; zxing-cpp's own HRI text, when the caller has it, brackets it instead.
    const split = splitElementStrings(`${read.symbologyIdentifier}${text}`);
    if (split.ok) text = formatGs1(split.value.map(({ spec, value }) => ({ ai: spec.ai, value })));
    else if (hriText?.startsWith('(')) text = hriText;
  }
  if (!formats.includes(format)) return undefined;
  return {
    format,
    text,
    position: read.position,
    ...(read.symbologyIdentifier !== '' ? { symbologyIdentifier: read.symbologyIdentifier } : {}),
    ...(addOn !== undefined ? { addOn } : {}),
  };
}
