// GS1 dates (AIs 11-17): YYMMDD, where DD 00 means "the last day of that month" (a best-before
// of 2409 00 is the end of September 2024). The century is not printed; GS1 General
// Specifications 7.12 fixes it with a sliding window around the current year: a YY 51 or more
// years ahead is in the previous century, one 50 or more years behind is in the next, anything
// else is in the current one.

export interface Gs1Date {
  /** The two-digit year as printed. */
  readonly yy: number;
  readonly month: number;
  /** 1-31, or 0 for the last day of the month. */
  readonly day: number;
}

/** Days in a month 1-12 ("thirty days hath September, April, June and November"). */
function daysInMonth(month: number, leapYear: boolean): number {
  if (month === 2) return leapYear ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Reads six digits as a date, or says what is wrong. Without the century, 29 February is allowed
 * when YY is divisible by 4 (right for every year from 1901 to 2099; see resolveGs1Date).
 */
export function readYymmdd(digits: string): Gs1Date | string {
  const yy = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12) return `month ${digits.slice(2, 4)} does not exist`;
  const lastDay = daysInMonth(month, yy % 4 === 0);
  if (day > lastDay) return `day ${digits.slice(4, 6)} does not exist in month ${digits.slice(2, 4)}${month === 2 && day === 29 ? ` of year ${digits.slice(0, 2)}` : ''}`;
  return { yy, month, day };
}

/** The century-complete year of a two-digit year, seen from `currentYear` (GS1 General Specifications 7.12). */
export function gs1Year(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const ahead = yy - (currentYear % 100);
  if (ahead >= 51) return century - 100 + yy;
  if (ahead <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * The date as ISO "YYYY-MM-DD", with the century from the sliding window and day 00 as the last
 * day of the month; undefined only for 29 February of a century year that is not a leap year
 * (00 read as 2100, which the window gives from 2051 on).
 */
export function resolveGs1Date(date: Gs1Date, currentYear: number): string | undefined {
  const year = gs1Year(date.yy, currentYear);
  const lastDay = daysInMonth(date.month, isLeapYear(year));
  const day = date.day === 0 ? lastDay : date.day;
  if (day > lastDay) return undefined;
  return `${String(year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
