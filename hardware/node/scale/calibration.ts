import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Result } from '../../../domain/common/result.js';
import { err, ok } from '../../../domain/common/result.js';

/**
 * A scale's two-point calibration: the ADC reading with the basket empty (zero) and the counts a
 * known mass added (span). Saved per cart, because every cart's cells and basket differ.
 */
export const ScaleCalibrationSchema = z.object({
  cartId: z.string().min(1),
  part: z.string().min(1),
  gain: z.number().int().positive(),
  zeroCounts: z.number().int().min(-0x800000).max(0x7fffff),
  /** Counts per gram; negative when the cells are wired the other way round. */
  countsPerGram: z.number().finite().refine((v) => Math.abs(v) >= 0.01, 'counts per gram is implausibly small'),
  /** The known mass used for the span, grams. */
  referenceGrams: z.number().positive(),
  calibratedAt: z.iso.datetime(),
});
export type ScaleCalibration = z.infer<typeof ScaleCalibrationSchema>;

export class CalibrationFileError extends Error {
  readonly code: 'missing' | 'unreadable' | 'invalid';
  readonly path: string;

  constructor(code: 'missing' | 'unreadable' | 'invalid', path: string, detail: string) {
    super(`scale calibration ${path}: ${detail}`);
    this.code = code;
    this.path = path;
  }
}

/** Where a cart keeps its scale calibration under the cart's data folder. */
export function calibrationPath(dataDir: string, cartId: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(cartId) || cartId.startsWith('.')) throw new RangeError(`not a usable cart id for a file name: ${JSON.stringify(cartId)}`);
  return join(dataDir, 'carts', cartId, 'scale-calibration.json');
}

export async function loadCalibration(path: string): Promise<Result<ScaleCalibration, CalibrationFileError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return err(new CalibrationFileError(missing ? 'missing' : 'unreadable', path, missing ? 'no such file' : String(e)));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(new CalibrationFileError('invalid', path, 'not JSON'));
  }
  const parsed = ScaleCalibrationSchema.safeParse(json);
  if (!parsed.success) return err(new CalibrationFileError('invalid', path, z.prettifyError(parsed.error)));
  return ok(parsed.data);
}

/** Writes the calibration atomically (temp file then rename), so a power cut leaves the old one or the new one. */
export async function saveCalibration(path: string, calibration: ScaleCalibration): Promise<void> {
  const valid = ScaleCalibrationSchema.parse(calibration);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`, 'utf8');
  await rename(tmp, path);
}
