// Weights read from codes, as integer milligrams (the unit the cart's scale and pricing use), so
// that no float ever touches a weight that is multiplied by a price. Pounds are converted with
// the exact international definition, 1 lb = 453.59237 g, and rounded half up to the milligram.

/** Milligrams in a pound, times 100 (an integer): 1 lb = 453 592.37 mg. */
const CENTI_MG_PER_LB = 45_359_237;

/**
 * `units` with `decimals` implied decimal places of a kilogram (GS1 310n: 001750 with n=3 is
 * 1.750 kg; a label in grams is kilograms with 3 decimals, one in 10 g steps has 2).
 */
export const kilogramsToMg = (units: number, decimals: number): number => units * 10 ** (6 - decimals);

/**
 * `units` with `decimals` implied decimal places of a pound, in milligrams rounded half up. Exact
 * in integers: units x 45 359 237 stays below 2^53 for every six-digit field.
 */
export function poundsToMg(units: number, decimals: number): number {
  const numerator = units * CENTI_MG_PER_LB;
  const denominator = 10 ** (decimals + 2);
  const remainder = numerator % denominator;
  const whole = (numerator - remainder) / denominator;
  return 2 * remainder >= denominator ? whole + 1 : whole;
}
