import { describe, expect, it } from 'vitest';
import { parseTypedMoney } from '../../../payments/common/money/typed-money.js';
import { parseTypedMass } from '../../../cart-app/common/typed-mass.js';

describe('typed masses', () => {
  it('converts metric and imperial exactly, rounding half up to the milligram', () => {
    expect(parseTypedMass('450g')).toEqual({ ok: true, value: 450_000 });
    expect(parseTypedMass('0.45 kg')).toEqual({ ok: true, value: 450_000 });
    expect(parseTypedMass('1lb')).toEqual({ ok: true, value: 453_592 }); // 453,592.37 mg
    expect(parseTypedMass('2.5LB')).toEqual({ ok: true, value: 1_133_981 }); // 1,133,980.925 mg
    expect(parseTypedMass('1 oz')).toEqual({ ok: true, value: 28_350 }); // 28,349.523 mg
    expect(parseTypedMass('1.5mg')).toEqual({ ok: true, value: 2 });
  });

  it('refuses what is not a weight, nothing, and more than the scale carries', () => {
    for (const text of ['', 'abc', '12', '-1kg', '1,5kg', '1e3g', '0.5 stone']) expect(parseTypedMass(text).ok).toBe(false);
    expect(parseTypedMass('0g')).toEqual({ ok: false, error: '"0g" weighs nothing' });
    expect(parseTypedMass('201kg').ok).toBe(false);
  });
});

describe('typed money', () => {
  it('reads whole and decimal amounts into minor units', () => {
    expect(parseTypedMoney('25', 2)).toEqual({ ok: true, value: 2500 });
    expect(parseTypedMoney('25.5', 2)).toEqual({ ok: true, value: 2550 });
    expect(parseTypedMoney('$0.07', 2)).toEqual({ ok: true, value: 7 });
    expect(parseTypedMoney('1500', 0)).toEqual({ ok: true, value: 1500 });
  });

  it('refuses more decimals than the currency has, and non-amounts', () => {
    for (const text of ['25.505', '', 'ten', '-5', '1,000']) expect(parseTypedMoney(text, 2).ok).toBe(false);
    expect(parseTypedMoney('5.5', 0).ok).toBe(false);
  });
});
