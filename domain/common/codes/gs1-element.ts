// Checks one GS1 element's value against its AI's syntax: length, character set, check digit,
// date. The messages name the AI and its title so a person can find the field on the label.
import { verifyCheckDigit } from './check-digit.js';
import { quote, type CodeError } from './errors.js';
import { firstOutside, type AiPart, type AiSpec } from './gs1-ai.js';
import { readYymmdd } from './gs1-date.js';

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

const label = (spec: AiSpec): string => `AI (${spec.ai}) ${spec.title}`;

/** A field shorter than its AI allows; `found` characters were there. */
export function truncatedField(spec: AiSpec, found: number): CodeError {
  const expected = spec.minLength;
  const wanted = `${spec.minLength === spec.maxLength ? '' : 'at least '}${expected} character${expected === 1 ? '' : 's'}`;
  return { code: 'truncated-field', message: `${label(spec)} is cut short: it needs ${wanted}, found ${found}`, ai: spec.ai, expected, found };
}

const CHARSET_NAMES = { N: 'digits only', X: 'letters, digits and !"%&\'()*+,-./:;<=>?_ only' } as const;

/** Checks `value`, the part of the whole field `field` that starts at `offset`. */
function checkPart(spec: AiSpec, part: AiPart, field: string, offset: number, value: string): CodeError | undefined {
  const outside = firstOutside(part.charset, value);
  if (outside !== -1) {
    const what = spec.parts.length > 1 ? `${CHARSET_NAMES[part.charset]} in characters ${offset + 1}-${offset + value.length}` : CHARSET_NAMES[part.charset];
    return { code: 'bad-field', message: `${label(spec)} takes ${what}; found ${quote(value.charAt(outside))} in ${quote(field)}`, ai: spec.ai };
  }
  if (part.check === 'csum') return verifyCheckDigit(value, label(spec));
  if (part.check === 'yymmd0') {
    const date = readYymmdd(value);
    if (typeof date === 'string') return { code: 'bad-date', message: `${label(spec)} ${value} is not a YYMMDD date: ${date}`, ai: spec.ai };
  }
  return undefined;
}

/** Undefined when the value fits its AI, otherwise what is wrong with it. */
export function checkElement(spec: AiSpec, value: string): CodeError | undefined {
  if (value.length < spec.minLength) return truncatedField(spec, value.length);
  if (value.length > spec.maxLength) {
    const message =
      spec.minLength === spec.maxLength
        ? `${label(spec)} takes exactly ${spec.maxLength} characters, found ${value.length}`
        : `${label(spec)} takes at most ${spec.maxLength} characters, found ${value.length}; a separator (FNC1) may be missing after it`;
    return { code: 'bad-field', message, ai: spec.ai };
  }
  // Only the last part varies in length, so the others sit at fixed offsets.
  let at = 0;
  for (const [i, part] of spec.parts.entries()) {
    const end = i === spec.parts.length - 1 ? value.length : at + part.max;
    const problem = checkPart(spec, part, value, at, value.slice(at, end));
    if (problem) return problem;
    at = end;
  }
  return undefined;
}
