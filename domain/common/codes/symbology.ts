// AIM symbology identifiers (ISO/IEC 15424): three characters, "]" + symbology letter + modifier,
// that scanners send in front of the data and ZXing reports as metadata. For the cart they answer
// one question the data alone cannot: is this GS1 data (an FNC1 in first position) or plain text?
// "]C1" GS1-128, "]e0" GS1 DataBar, "]d2" GS1 DataMatrix, "]Q3" GS1 QR Code, "]J1" GS1 DotCode;
// "]E0".."]E4" are EAN/UPC, "]C0" plain Code 128, "]Q1" plain QR, and so on.

/** GS (group separator, ASCII 29): how FNC1 reaches software between variable-length GS1 fields. */
export const GS = '\u001d';

const GS1_IDENTIFIERS: ReadonlySet<string> = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);

export const isGs1Identifier = (identifier: string | undefined): boolean => identifier !== undefined && GS1_IDENTIFIERS.has(identifier);

const IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;

/** The leading symbology identifier, if the text starts with one, and the data after it. */
export function splitSymbologyIdentifier(text: string): { readonly identifier?: string; readonly data: string } {
  return IDENTIFIER.test(text) ? { identifier: text.slice(0, 3), data: text.slice(3) } : { data: text };
}
