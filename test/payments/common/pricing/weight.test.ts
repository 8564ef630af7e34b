import { describe, expect, it } from 'vitest';
import { thousandthsOf, weighedPrice } from '../../../../payments/common/pricing/weight.js';

describe('weighedPrice', () => {
  it('prices per kg, rounding an exact half up', () => {
    expect(weighedPrice(333, 'kg', 1_500_000)).toBe(500); // 499.5
    expect(weighedPrice(100_000, 'kg', 5)).toBe(1); // 0.5
    expect(weighedPrice(100_000, 'kg', 4)).toBe(0); // 0.4
    expect(weighedPrice(499, 'kg', 1_000_000)).toBe(499);
    expect(weighedPrice(0, 'kg', 1_000_000)).toBe(0);
  });

  it('prices per lb with the exact pound of 453.59237 g', () => {
    expect(weighedPrice(1000, 'lb', 453_592)).toBe(1000); // 999.99918...
    expect(weighedPrice(1000, 'lb', 453_593)).toBe(1000); // 1000.0014
    expect(weighedPrice(1, 'lb', 226_796)).toBe(0); // 0.49999959...
    expect(weighedPrice(1, 'lb', 226_797)).toBe(1); // 0.50000180...
    // 10 lb of a $9.99/lb cut: 4,535,923.7 mg, so 4,535,924 mg is a hair over 10 lb.
    expect(weighedPrice(999, 'lb', 4_535_924)).toBe(9990);
  });

  it('stays exact at the largest price and weight a basket allows', () => {
    // 10^8 minor units per lb x 200 kg: the product passes 2^53 on the way.
    expect(weighedPrice(100_000_000, 'lb', 200_000_000)).toBe(44_092_452_437);
    expect(weighedPrice(100_000_000, 'kg', 200_000_000)).toBe(20_000_000_000);
  });
});

describe('thousandthsOf', () => {
  it('shows a weight in grams for kg and thousandths of a lb for lb', () => {
    expect(thousandthsOf('kg', 1_500_000)).toBe(1500n);
    expect(thousandthsOf('kg', 1_499_500)).toBe(1500n);
    expect(thousandthsOf('kg', 1_499_499)).toBe(1499n);
    expect(thousandthsOf('lb', 453_592)).toBe(1000n);
    expect(thousandthsOf('lb', 226_796)).toBe(500n);
  });
});
