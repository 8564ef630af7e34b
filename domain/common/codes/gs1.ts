// GS1 element strings as a cart needs them: GS1 DataBar on fresh food (GTIN plus weight, price or
// dates), GS1-128 on cases, GS1 QR and DataMatrix on newer packs. parseGs1 checks every element
// against its AI and returns both the elements as read and the typed facts a basket uses.
import { quote, type CodeError } from './errors.js';
import { checkElement, type Gs1Element } from './gs1-element.js';
import { readYymmdd, type Gs1Date } from './gs1-date.js';
import { splitElementStrings } from './gs1-split.js';
import { kilogramsToMg, poundsToMg } from './mass.js';
import { err, ok, type Result } from '../result.js';

export type { Gs1Element } from './gs1-element.js';

/** A price exactly as encoded: no float, no rounding until it meets the store's currency. */
export interface Gs1Price {
  /** The digits as an integer: 12.34 with 2 decimals is 1234. */
  readonly amount: number;
  /** Implied decimal places: the last digit of the AI (3922 -> 2). */
  readonly decimals: number;
  /** ISO 4217 numeric code from (393n), e.g. "978" for the euro; absent for (392n), which is in the local currency. */
  readonly currency?: string;
}

export interface Gs1Data {
  /** Every element in the order read. */
  readonly elements: readonly Gs1Element[];
  /** (00) Serial shipping container code. */
  readonly sscc?: string;
  /** (01) The trade item's GTIN-14. */
  readonly gtin14?: string;
  /** (02) The GTIN of the items inside a logistic unit (with (37) the count). */
  readonly contentGtin14?: string;
  /** (10) Batch or lot. */
  readonly batch?: string;
  /** (21) Serial number. */
  readonly serial?: string;
  /** (11) Production date. */
  readonly productionDate?: Gs1Date;
  /** (13) Packaging date. */
  readonly packagingDate?: Gs1Date;
  /** (15) Best before. */
  readonly bestBefore?: Gs1Date;
  /** (16) Sell by. */
  readonly sellBy?: Gs1Date;
  /** (17) Use by or expiry. */
  readonly expiry?: Gs1Date;
  /** (30) Variable count of items. */
  readonly variableCount?: number;
  /** (37) Count of trade items in a logistic unit. */
  readonly count?: number;
  /** (310n) or (320n) Net weight in integer milligrams; pounds rounded half up to the mg. */
  readonly netMg?: number;
  /** (392n) or (393n) Amount payable. */
  readonly price?: Gs1Price;
}

type Building = { -readonly [K in keyof Gs1Data]: Gs1Data[K] };

type DateField = 'productionDate' | 'packagingDate' | 'bestBefore' | 'sellBy' | 'expiry';
const DATE_FIELDS: ReadonlyMap<string, DateField> = new Map([
  ['11', 'productionDate'],
  ['13', 'packagingDate'],
  ['15', 'bestBefore'],
  ['16', 'sellBy'],
  ['17', 'expiry'],
]);

const conflicting = (ai: string, message: string): CodeError => ({ code: 'conflicting-ai', message, ai });

/**
 * Records the typed meaning of one checked element, or says why it contradicts an earlier one:
 * (01) and (02) exclude each other, and a label has one net weight and one price.
 */
function interpret(data: Building, kinds: Map<string, string>, ai: string, value: string): CodeError | undefined {
  const claim = (kind: string): CodeError | undefined => {
    const earlier = kinds.get(kind);
    if (earlier !== undefined && earlier !== ai) return conflicting(ai, `AI (${ai}) and AI (${earlier}) both give the ${kind}; a label carries one`);
    kinds.set(kind, ai);
    return undefined;
  };
  const dateField = DATE_FIELDS.get(ai);
  if (dateField !== undefined) {
    // checkElement has read the date already; a string would be its complaint.
    const date = readYymmdd(value);
    if (typeof date === 'object') data[dateField] = date;
  } else if (ai === '00') data.sscc = value;
  else if (ai === '01' || ai === '02') {
    const problem = claim('GTIN');
    if (problem) return problem;
    if (ai === '01') data.gtin14 = value;
    else data.contentGtin14 = value;
  } else if (ai === '10') data.batch = value;
  else if (ai === '21') data.serial = value;
  else if (ai === '30') data.variableCount = Number(value);
  else if (ai === '37') data.count = Number(value);
  else if (ai.startsWith('310') || ai.startsWith('320')) {
    const problem = claim('net weight');
    if (problem) return problem;
    const decimals = Number(ai.charAt(3));
    data.netMg = ai.startsWith('310') ? kilogramsToMg(Number(value), decimals) : poundsToMg(Number(value), decimals);
  } else if (ai.startsWith('392') || ai.startsWith('393')) {
    const problem = claim('price');
    if (problem) return problem;
    const decimals = Number(ai.charAt(3));
    data.price = ai.startsWith('392') ? { amount: Number(value), decimals } : { amount: Number(value.slice(3)), decimals, currency: value.slice(0, 3) };
  }
  return undefined;
}

/**
 * GS1 element strings in the human-readable "(01)...(3103)..." form, FNC1-separated (GS between
 * fields, optionally led by a symbology identifier such as "]C1" or by a GS), or bare.
 */
export function parseGs1(text: string): Result<Gs1Data, CodeError> {
  const split = splitElementStrings(text);
  if (!split.ok) return split;
  const elements = split.value.map(({ spec, value }) => ({ ai: spec.ai, value }));
  const data: Building = { elements };
  const values = new Map<string, string>();
  const kinds = new Map<string, string>();
  for (const { spec, value } of split.value) {
    const problem = checkElement(spec, value);
    if (problem) return err(problem);
    const earlier = values.get(spec.ai);
    if (earlier !== undefined && earlier !== value) {
      return err(conflicting(spec.ai, `AI (${spec.ai}) ${spec.title} appears twice with different values, ${quote(earlier)} and ${quote(value)}`));
    }
    values.set(spec.ai, value);
    const contradiction = interpret(data, kinds, spec.ai, value);
    if (contradiction) return err(contradiction);
  }
  return ok(data);
}

/** The human-readable form, "(01)09501101020917(3103)000750", for screens, receipts and label printers. */
export const formatGs1 = (elements: readonly Gs1Element[]): string => elements.map((e) => `(${e.ai})${e.value}`).join('');

/**
 * A GS1 price in minor units of a currency with `minorDigits` decimals (2 for USD, 0 for JPY).
 * Refused, not rounded, when the price has non-zero digits below the minor unit or is too large
 * to count exactly: a cart never charges a rounded guess.
 */
export function priceInMinorUnits(price: Gs1Price, minorDigits: number): Result<number, CodeError> {
  const shown = `${price.amount} with ${price.decimals} decimals`;
  if (price.decimals > minorDigits) {
    const divisor = 10 ** (price.decimals - minorDigits);
    if (price.amount % divisor !== 0) return err({ code: 'inexact-price', message: `price ${shown} has digits below the currency's ${minorDigits}-decimal minor unit` });
    return ok(price.amount / divisor);
  }
  const minor = price.amount * 10 ** (minorDigits - price.decimals);
  if (!Number.isSafeInteger(minor)) return err({ code: 'inexact-price', message: `price ${shown} is too large to count exactly in minor units` });
  return ok(minor);
}
