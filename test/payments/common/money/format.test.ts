import { describe, expect, it } from 'vitest';
import { MoneyFormatError, fixedPoint, formatDecimal, formatMoney } from '../../../../payments/common/money/format.js';

describe('fixedPoint', () => {
  it('moves the decimal point as text', () => {
    expect(fixedPoint(123405, 2)).toBe('1234.05');
    expect(fixedPoint(-5, 2)).toBe('-0.05');
    expect(fixedPoint(0, 2)).toBe('0.00');
    expect(fixedPoint(7, 3)).toBe('0.007');
    expect(fixedPoint(1234, 0)).toBe('1234');
    expect(fixedPoint(12345678901234567890n, 2)).toBe('123456789012345678.90');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => fixedPoint(1.5, 2)).toThrow(MoneyFormatError);
    expect(() => fixedPoint(Number.NaN, 2)).toThrow(MoneyFormatError);
    expect(() => fixedPoint(2 ** 53, 2)).toThrow(MoneyFormatError);
  });
});

describe('formatMoney', () => {
  it('formats in the currency and locale', () => {
    expect(formatMoney(123405, 'USD', 2, 'en-US')).toBe('$1,234.05');
    expect(formatMoney(-5, 'USD', 2, 'en-US')).toBe('-$0.05');
    expect(formatMoney(0, 'USD', 2, 'en-US')).toBe('$0.00');
    expect(formatMoney(123450, 'EUR', 2, 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234, 'JPY', 0, 'ja-JP')).toBe('￥1,234');
    expect(formatMoney(1234567, 'KWD', 3, 'en-US')).toBe('KWD\u00a01,234.567');
  });

  it('keeps every digit of amounts a float would round', () => {
    // 2^53 + 1 cents cannot be held by a double, so it comes as a bigint; it still prints exactly.
    expect(formatMoney(9_007_199_254_740_993n, 'USD', 2, 'en-US')).toBe('$90,071,992,547,409.93');
    expect(formatMoney(9_007_199_254_740_991, 'USD', 2, 'en-US')).toBe('$90,071,992,547,409.91');
    // 0.1 + 0.2 style traps do not exist: 30 cents is "30".
    expect(formatMoney(30, 'USD', 2, 'en-US')).toBe('$0.30');
  });

  it('falls back to en-US separators for a malformed locale instead of failing the receipt', () => {
    expect(formatMoney(123405, 'USD', 2, 'not a locale!')).toBe('$1,234.05');
  });
});

describe('formatDecimal', () => {
  it('formats fixed-point measures in the locale', () => {
    expect(formatDecimal(1500, 3, 'en-US')).toBe('1.500');
    expect(formatDecimal(1500, 3, 'de-DE')).toBe('1,500');
    expect(formatDecimal(8875, 3, 'en-US')).toBe('8.875');
  });
});
