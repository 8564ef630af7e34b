import { err, ok, type Result } from '../../domain/common/result.js';

// Exact conversions to milligrams: 1 lb is 453.59237 g by definition, so 1 lb = 45,359,237 / 100 mg.
const MG_PER_UNIT: Record<string, readonly [bigint, bigint]> = {
  mg: [1n, 1n],
  g: [1000n, 1n],
  kg: [1_000_000n, 1n],
  lb: [45_359_237n, 100n],
  oz: [45_359_237n, 1600n],
};

/**
 * A mass typed by a person ("450g", "0.45 kg", "1.2lb") as integer milligrams, converted exactly
 * and rounded half up. Used by the PLU keypad in the emulator and by staff calibration.
 */
export function parseTypedMass(text: string): Result<number, string> {
  const match = /^\s*(\d{1,6})(?:\.(\d{1,6}))?\s*(mg|g|kg|lb|oz)\s*$/i.exec(text);
  if (!match) return err(`"${text}" is not a weight; write it like 450g, 0.45kg or 1.2lb`);
  const [, whole = '0', fraction = '', unit = 'g'] = match;
  const [num, den] = MG_PER_UNIT[unit.toLowerCase()] as readonly [bigint, bigint];
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole) * scale + BigInt(fraction || '0');
  const denominator = den * scale;
  const mg = (scaled * num * 2n + denominator) / (2n * denominator);
  if (mg <= 0n) return err(`"${text}" weighs nothing`);
  if (mg > 200_000_000n) return err(`"${text}" is more than the cart's scale carries (200 kg)`);
  return ok(Number(mg));
}
