// The price of a weighed line: price per kg or per lb times the net weight, rounded half up to
// the minor unit, computed exactly in integers. 1 lb is 453.59237 g by definition (the 1959
// international pound), so in units of 10 µg a pound is exactly 45,359,237.
import { mulDivHalfUp } from '../money/rounding.js';

const MG_PER_KG = 1_000_000n;
/** One pound in units of 10 micrograms (milligrams x 100). */
const TEN_MICROGRAMS_PER_LB = 45_359_237n;

/**
 * round(price x netMg / mg-per-unit), halves up: 1.5 kg at 3.33/kg is 4.995, so 5.00; a pound
 * is 453,592.37 mg, so 453,592 mg at 10.00/lb is 9.99999..., which rounds to 10.00.
 */
export function weighedPrice(pricePerUnit: number, per: 'kg' | 'lb', netMg: number): number {
  const price = BigInt(pricePerUnit);
  return Number(per === 'kg' ? mulDivHalfUp(price, BigInt(netMg), MG_PER_KG) : mulDivHalfUp(price, BigInt(netMg) * 100n, TEN_MICROGRAMS_PER_LB));
}

/** A net weight in thousandths of `per` (grams for kg, thousandths of a lb), rounded half up, for display. */
export function thousandthsOf(per: 'kg' | 'lb', netMg: number): bigint {
  return per === 'kg' ? mulDivHalfUp(BigInt(netMg), 1n, 1000n) : mulDivHalfUp(BigInt(netMg), 100_000n, TEN_MICROGRAMS_PER_LB);
}
