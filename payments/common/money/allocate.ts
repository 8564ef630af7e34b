// Splitting an amount of money into parts that add up exactly: a basket coupon across tax
// classes, a multibuy price across the units it covers. Largest remainder (Hamilton) method.

/**
 * Splits `total` (a non-negative integer) into integer parts proportional to `weights`
 * (non-negative integers) that sum to exactly `total`. Each part gets the floor of its exact
 * share; the minor units left over go one each to the largest remainders, ties to the earlier
 * index, so the split is a pure function of its inputs. All-zero weights split evenly.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  let sum = 0;
  for (const w of weights) sum += w;
  const even = sum === 0;
  const denominator = even ? n : sum;
  // total x weight can pass 2^53 for a large basket; BigInt only then (it is the slow path).
  const exact = Number.isSafeInteger(total * denominator);
  const parts = new Array<number>(n);
  const remainders = new Array<number | bigint>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = even ? 1 : (weights[i] as number);
    if (exact) {
      const numerator = total * w;
      const remainder = numerator % denominator;
      parts[i] = (numerator - remainder) / denominator;
      remainders[i] = remainder;
    } else {
      const numerator = BigInt(total) * BigInt(w);
      const part = numerator / BigInt(denominator);
      parts[i] = Number(part);
      remainders[i] = numerator - part * BigInt(denominator);
    }
    given += parts[i] as number;
  }
  const order = [...remainders.keys()].sort((a, b) => {
    const ra = remainders[a] as number | bigint;
    const rb = remainders[b] as number | bigint;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (let k = 0; k < total - given; k++) {
    const i = order[k] as number;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}
