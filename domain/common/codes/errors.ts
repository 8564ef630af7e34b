// Why a scanned or typed code was refused. Codes come from cameras, keypads and catalog files, so
// bad input is normal, not exceptional: every parser returns a Result whose error says, for a
// person, exactly what is wrong (which digit, which AI, how many characters), and, for a program,
// which kind of problem it is (`code`) with the figures behind the message.

export type CodeError =
  /** Characters other than 0-9 where only digits belong. `position` is 0-based. */
  | { readonly code: 'not-digits'; readonly message: string; readonly position: number }
  /** The wrong number of digits or characters (also: nothing at all). */
  | { readonly code: 'bad-length'; readonly message: string; readonly length: number }
  /** The GS1 mod-10 check digit does not match the digits before it. */
  | { readonly code: 'bad-check-digit'; readonly message: string; readonly expected: number; readonly found: number }
  /** A UPC-E whose number system is not 0 or 1 (only those two can be zero-suppressed). */
  | { readonly code: 'bad-number-system'; readonly message: string; readonly found: string }
  /** Four or five digits that are not in the IFPS produce PLU ranges. */
  | { readonly code: 'not-plu'; readonly message: string }
  /** A code outside the variable-measure ranges, or in one that the store has no layout for. */
  | { readonly code: 'not-variable-measure'; readonly message: string }
  /** A variable-measure layout that cannot describe a 12- or 13-digit code. */
  | { readonly code: 'bad-layout'; readonly message: string }
  /** The GS1 price (or measure) verifier digit of a variable-measure code does not match its value. */
  | { readonly code: 'bad-price-check'; readonly message: string; readonly expected: number; readonly found: number }
  /** A GS1 element string that is not well formed (a stray separator, an unclosed parenthesis). */
  | { readonly code: 'bad-syntax'; readonly message: string; readonly position: number }
  /** An application identifier this reader does not know. */
  | { readonly code: 'unknown-ai'; readonly message: string; readonly ai: string }
  /** A GS1 field shorter than its AI requires: `expected` characters at least, `found` given. */
  | { readonly code: 'truncated-field'; readonly message: string; readonly ai: string; readonly expected: number; readonly found: number }
  /** A GS1 field with the wrong characters or too many of them. */
  | { readonly code: 'bad-field'; readonly message: string; readonly ai: string }
  /** A YYMMDD date that does not exist (month 13, 31 April). */
  | { readonly code: 'bad-date'; readonly message: string; readonly ai: string }
  /** Two AIs that contradict each other: the same AI twice with different values, (01) with (02), two net weights. */
  | { readonly code: 'conflicting-ai'; readonly message: string; readonly ai: string }
  /** A price with more decimals than the currency has, that would have to be rounded to be charged. */
  | { readonly code: 'inexact-price'; readonly message: string };

export type CodeErrorKind = CodeError['code'];

/**
 * Quotes scanned text for a message: JSON escaping makes control characters visible (the GS
 * separator shows as \u001d), and long QR payloads are cut so a message stays one readable line.
 */
export function quote(text: string, max = 48): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** 0-based index of the first character that is not 0-9, or -1 when all are digits. */
export function firstNonDigit(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return i;
  }
  return -1;
}

export const isDigits = (text: string): boolean => text.length > 0 && firstNonDigit(text) === -1;

/** A not-digits error for `what` (a GTIN, a PLU ...) if `text` has anything but digits. */
export function digitsOnly(text: string, what: string): CodeError | undefined {
  const at = firstNonDigit(text);
  if (at === -1) return undefined;
  return {
    code: 'not-digits',
    message: `${what} ${quote(text)} has ${quote(text.charAt(at))} at position ${at + 1}; only digits 0-9 belong there`,
    position: at,
  };
}

/** A bad-length error: `expected` says what would have been right ("8, 12, 13 or 14 digits"). */
export const badLength = (what: string, text: string, expected: string): CodeError => ({
  code: 'bad-length',
  message: text.length === 0 ? `${what} is empty; expected ${expected}` : `${what} ${quote(text)} has ${text.length} characters; expected ${expected}`,
  length: text.length,
});
