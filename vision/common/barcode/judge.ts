// A symbol decoded is not yet a code the basket may see. ZXing checks each symbology's own check
// digit or error correction; the domain then checks what the text claims (GTIN check digit,
// UPC-E expansion, every GS1 element against its AI). A symbol that fails is a misread: it is
// kept apart, counted, and never scanned.
import type { VariableMeasureLayout } from '../../../domain/common/catalog/schema.js';
import type { CodeError } from '../../../domain/common/codes/errors.js';
import { interpretCode, type ScannedCode } from '../../../domain/common/codes/interpret.js';
import type { DecodedSymbol } from './symbol.js';

/** A symbol whose content the domain accepted, with what it means. */
export interface BarcodeRead extends DecodedSymbol {
  readonly code: ScannedCode;
}

/** A symbol the domain refused: a wrong check digit, broken GS1 data. */
export interface Misread {
  readonly symbol: DecodedSymbol;
  readonly error: CodeError;
}

export interface Judged {
  readonly reads: BarcodeRead[];
  readonly misreads: Misread[];
}

/**
 * zxing-cpp can report one code several times (once per scan-line cluster, once with its add-on
 * and once without). One code is one result; the read that carries an add-on says the most.
 */
function distinct(symbols: readonly DecodedSymbol[]): DecodedSymbol[] {
  const byCode = new Map<string, DecodedSymbol>();
  for (const symbol of symbols) {
    const key = `${symbol.format}\u0000${symbol.text}`;
    const seen = byCode.get(key);
    if (!seen || (seen.addOn === undefined && symbol.addOn !== undefined)) byCode.set(key, symbol);
  }
  return [...byCode.values()];
}

/** The text the way a scanner sends it: with an add-on, main digits, a space, the add-on. */
function domainText(symbol: DecodedSymbol): string {
  return symbol.addOn === undefined ? symbol.text : `${symbol.text} ${symbol.addOn}`;
}

export function judgeSymbols(symbols: readonly DecodedSymbol[], layouts: readonly VariableMeasureLayout[]): Judged {
  const reads: BarcodeRead[] = [];
  const misreads: Misread[] = [];
  for (const symbol of distinct(symbols)) {
    const code = interpretCode(domainText(symbol), { symbology: symbol.format, symbologyIdentifier: symbol.symbologyIdentifier, layouts });
    if (code.ok) reads.push({ ...symbol, code: code.value });
    else misreads.push({ symbol, error: code.error });
  }
  return { reads, misreads };
}
