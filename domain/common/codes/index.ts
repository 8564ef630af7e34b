// Product codes: GTIN, UPC-E, PLU, variable-measure labels and GS1 element strings, and the one
// entry point that tells them apart. Pure: no I/O, no clock, no exceptions for bad input.
export type { CodeError, CodeErrorKind } from './errors.js';
export { gtinCheckDigit } from './check-digit.js';
export { parseGtin, toGtin14, type Gtin, type GtinKind } from './gtin.js';
export { compressUpcA, expandUpcE } from './upce.js';
export { parsePlu, type Plu } from './plu.js';
export { priceCheckDigit } from './price-check.js';
export { isVariableMeasure, layoutMatches, parseVariableMeasure, type VariableMeasure } from './variable-measure.js';
export { formatGs1, parseGs1, priceInMinorUnits, type Gs1Data, type Gs1Element, type Gs1Price } from './gs1.js';
export { gs1Year, resolveGs1Date, type Gs1Date } from './gs1-date.js';
export { aiSpec, knownAis, type AiSpec } from './gs1-ai.js';
export { GS } from './symbology.js';
export { interpretCode, type InterpretOptions, type ScannedCode, type Symbology } from './interpret.js';
