import { err, ok, type Result } from '../../../domain/common/result.js';

/** An amount typed by a person ("25", "25.5", "25.50") as integer minor units, exactly. */
export function parseTypedMoney(text: string, minorUnits: number): Result<number, string> {
  const match = /^\s*\$?(\d{1,7})(?:\.(\d+))?\s*$/.exec(text);
  const fraction = match?.[2] ?? '';
  if (!match || fraction.length > minorUnits) {
    return err(`"${text}" is not an amount; write it like 25 or 25.50`);
  }
  return ok(Number(match[1]) * 10 ** minorUnits + Number(fraction.padEnd(minorUnits, '0') || '0'));
}
