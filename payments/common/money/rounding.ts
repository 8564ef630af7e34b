// Integer division with the rounding a till uses: half up, to the nearest minor unit. Money
// never goes through a float division: BigInt keeps products of large amounts exact.

/** round(a x b / d), halves up, for non-negative a, b and positive d, of any size. */
export function mulDivHalfUp(a: bigint, b: bigint, d: bigint): bigint {
  return (2n * a * b + d) / (2n * d);
}

/** `percent`% of a non-negative `amount` of minor units, rounded half up: 15% of 333 (49.95) is 50. */
export function percentOf(amount: number, percent: number): number {
  return Number(mulDivHalfUp(BigInt(amount), BigInt(percent), 100n));
}
