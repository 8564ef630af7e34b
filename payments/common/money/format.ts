// Money and measures for people: integers become exact decimal strings by string assembly, and
// Intl only localises that string (symbol, separators, digits). A decimal *string* passed to
// Intl.NumberFormat is formatted exactly (ECMA-402 NumberFormat v3), so no amount ever becomes
// a float on the way to the screen.

/** A formatting request that cannot be honoured (an amount that is not a whole number of minor units). */
export class MoneyFormatError extends Error {
  readonly code = 'notAnInteger';
  constructor(readonly value: number) {
    super(`${value} is not a whole number of minor units`);
    this.name = 'MoneyFormatError';
  }
}

type DecimalString = `${number}`;

/** "-1234.05" from -123405 with 2 decimals: digits moved around as text. */
export function fixedPoint(scaled: number | bigint, decimals: number): DecimalString {
  if (typeof scaled === 'number' && !Number.isSafeInteger(scaled)) throw new MoneyFormatError(scaled);
  const negative = scaled < 0;
  const digits = (negative ? -BigInt(scaled) : BigInt(scaled)).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
  return `${negative ? '-' : ''}${text}` as DecimalString;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style ?? ''}|${options.currency ?? ''}|${options.minimumFractionDigits ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.NumberFormat(locale, options);
    } catch {
      // A malformed locale in the store settings must not stop a receipt from printing;
      // the amount is still exact, only the separators fall back to en-US.
      found = new Intl.NumberFormat('en-US', options);
    }
    formatters.set(key, found);
  }
  return found;
}

/**
 * An amount of money in minor units, in the store's currency and locale:
 * formatMoney(123405, 'USD', 2, 'en-US') is "$1,234.05"; formatMoney(1234, 'JPY', 0, 'ja-JP')
 * is "￥1,234". `minorUnits` is the store's (ISO 4217's exponent, unless the store says otherwise).
 */
export function formatMoney(minor: number | bigint, currency: string, minorUnits: number, locale: string): string {
  const options = { style: 'currency', currency, minimumFractionDigits: minorUnits, maximumFractionDigits: minorUnits } as const;
  return formatter(locale, options).format(fixedPoint(minor, minorUnits));
}

/** A fixed-point number (a weight in grams shown as kg: 512 with 3 decimals) in the locale's digits. */
export function formatDecimal(scaled: number | bigint, decimals: number, locale: string): string {
  const options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals } as const;
  return formatter(locale, options).format(fixedPoint(scaled, decimals));
}
