// The GS1 price verifier digit (GS1 General Specifications 7.9.2-7.9.4), printed in front of the
// price on in-store variable-measure labels. The barcode's own check digit catches most misreads;
// this digit protects the price itself, because a misread there charges the shopper the wrong
// amount. The same calculation serves a weight ("measure verifier digit").
//
// Each price digit is mapped through a weighting factor:
//   2-  units digit of 2 x d, minus its tens digit
//   3   units digit of 3 x d
//   5+  units digit of 5 x d, plus its tens digit
//   5-  units digit of 5 x d, minus its tens digit
// Four-digit price: factors 2-, 2-, 3, 5-; the digit is the units digit of 3 x the sum.
// Five-digit price: factors 5+, 2-, 5-, 5+, 2-; the sum is subtracted from the next multiple of
// ten, and the digit is the one whose 5- product is that result.
// Examples from the specification: 2875 -> 9, 14685 -> 6.

const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7] as const;
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7] as const;
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9] as const;
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1] as const;

const FOUR_DIGIT_FACTORS = [TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS] as const;
const FIVE_DIGIT_FACTORS = [FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS] as const;

function weightedSum(value: string, factors: readonly (readonly number[])[]): number {
  let sum = 0;
  factors.forEach((factor, i) => {
    const product = factor[value.charCodeAt(i) - 48];
    if (product === undefined) throw new RangeError(`priceCheckDigit takes digits only, got ${JSON.stringify(value)}`);
    sum += product;
  });
  return sum;
}

/**
 * The verifier digit for a 4- or 5-digit price (or weight). Callers pass digits only, of one of
 * those lengths; anything else is a programming error.
 */
export function priceCheckDigit(value: string): number {
  if (value.length === 4) return (weightedSum(value, FOUR_DIGIT_FACTORS) * 3) % 10;
  if (value.length === 5) {
    const target = (10 - (weightedSum(value, FIVE_DIGIT_FACTORS) % 10)) % 10;
    return FIVE_MINUS.indexOf(target as (typeof FIVE_MINUS)[number]);
  }
  throw new RangeError(`a price check digit covers 4 or 5 digits, got ${value.length}`);
}
