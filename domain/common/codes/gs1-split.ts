// Splits GS1 element strings into (AI, value) pairs. Three written forms reach the cart:
//   human readable  "(01)09501101020917(3103)000750", what DataBar readers and labels print;
//   FNC1-separated  "]C1" or GS first, then AI + value, with GS after each variable-length field;
//   bare            the same without any separator, as a keypad or a plain scanner gives it.
// In the last two forms a predefined-length AI (gs1-ai.ts) is exactly as long as the table says
// and every other field runs to the next GS or to the end, so in bare data a variable-length field
// can only be last: anything after it reads as part of its value (GS1 requires the separator).
import { aiAt, aiSpec, type AiSpec } from './gs1-ai.js';
import { truncatedField } from './gs1-element.js';
import { badLength, quote, type CodeError } from './errors.js';
import { GS, isGs1Identifier, splitSymbologyIdentifier } from './symbology.js';
import { err, ok, type Result } from '../result.js';

/** An AI and its value as split, before the value is checked against the AI's syntax. */
export interface RawElement {
  readonly spec: AiSpec;
  readonly value: string;
}

const badSyntax = (message: string, position: number): CodeError => ({ code: 'bad-syntax', message, position });

function unknownAiAt(text: string, at: number): CodeError {
  const ai = text.slice(at, at + 4);
  return { code: 'unknown-ai', message: `no known application identifier starts ${quote(ai)} at position ${at + 1}`, ai };
}

/** FNC1-separated or bare element strings from `start` on. */
function splitConcatenated(text: string, start: number): Result<RawElement[], CodeError> {
  const elements: RawElement[] = [];
  let at = start;
  // A separator is redundant, and allowed, right after a predefined-length field.
  let afterPredefined = false;
  while (at < text.length) {
    if (text.charAt(at) === GS) {
      if (!afterPredefined) return err(badSyntax(`two separators in a row (an empty field) at position ${at + 1}`, at));
      at++;
      afterPredefined = false;
      continue;
    }
    const spec = aiAt(text, at);
    if (spec === undefined) return err(unknownAiAt(text, at));
    const from = at + spec.ai.length;
    const separator = text.indexOf(GS, from);
    const fieldEnd = separator === -1 ? text.length : separator;
    if (spec.predefinedLength) {
      const end = from + spec.maxLength;
      if (end > fieldEnd) return err(truncatedField(spec, fieldEnd - from));
      elements.push({ spec, value: text.slice(from, end) });
      at = end;
      afterPredefined = true;
    } else {
      elements.push({ spec, value: text.slice(from, fieldEnd) });
      at = separator === -1 ? fieldEnd : fieldEnd + 1;
      afterPredefined = false;
    }
  }
  return ok(elements);
}

const AI_IN_PARENTHESES = /\((\d{2,4})\)/y;

/** The AI written as "(NNNN)" at `at`, if there is one. */
function parenthesisedAiAt(text: string, at: number): { readonly ai: string; readonly length: number } | undefined {
  AI_IN_PARENTHESES.lastIndex = at;
  const match = AI_IN_PARENTHESES.exec(text);
  return match?.[1] === undefined ? undefined : { ai: match[1], length: match[0].length };
}

/**
 * The human-readable form. A value runs to the next "(digits)": a lot or serial number may hold
 * parentheses, but not a parenthesised 2-4 digit number, which would be ambiguous to a person too.
 */
function splitParenthesised(text: string, start: number): Result<RawElement[], CodeError> {
  const elements: RawElement[] = [];
  let at = start;
  while (at < text.length) {
    const head = parenthesisedAiAt(text, at);
    if (head === undefined) return err(badSyntax(`expected an AI in parentheses such as (01) at position ${at + 1}, found ${quote(text.slice(at, at + 8))}`, at));
    const spec = aiSpec(head.ai);
    if (spec === undefined) return err({ code: 'unknown-ai', message: `unknown application identifier (${head.ai}) at position ${at + 1}`, ai: head.ai });
    const from = at + head.length;
    let end = from;
    while (end < text.length && !(text.charAt(end) === '(' && parenthesisedAiAt(text, end))) end++;
    elements.push({ spec, value: text.slice(from, end) });
    at = end;
  }
  return ok(elements);
}

/** The elements of GS1 data in any of the three forms, not yet checked against their AI's syntax. */
export function splitElementStrings(text: string): Result<RawElement[], CodeError> {
  const { identifier, data } = splitSymbologyIdentifier(text);
  if (identifier !== undefined && !isGs1Identifier(identifier)) {
    return err(badSyntax(`symbology identifier ${identifier} does not mark GS1 data (expected ]C1, ]e0, ]d2, ]Q3 or ]J1)`, 0));
  }
  // FNC1 in first position, when a reader passes it on, arrives as a GS.
  const start = text.length - data.length + (data.startsWith(GS) ? 1 : 0);
  if (start >= text.length) return err(badLength('GS1 data', text, 'at least one AI and its value'));
  return text.charAt(start) === '(' ? splitParenthesised(text, start) : splitConcatenated(text, start);
}
