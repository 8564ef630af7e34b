import { z } from 'zod';
import { LI_ION_NMC, LIFEPO4, type DischargeCurve } from './discharge-curve.js';

/** The cart's battery pack as configured per cart. */
export interface PackSpec {
  readonly curve: DischargeCurve;
  readonly cellsInSeries: number;
  readonly capacityAh: number;
  /** Whole-pack internal resistance, Ω: the voltage sags I × R under load. */
  readonly internalOhms: number;
}

export const packSpecSchema = z
  .object({
    chemistry: z.enum(['li-ion', 'lifepo4']),
    cellsInSeries: z.number().int().min(1).max(8),
    capacityAh: z.number().positive().max(200),
    internalOhms: z.number().min(0).max(1),
  })
  .transform((p): PackSpec => ({ curve: p.chemistry === 'lifepo4' ? LIFEPO4 : LI_ION_NMC, cellsInSeries: p.cellsInSeries, capacityAh: p.capacityAh, internalOhms: p.internalOhms }));

/** The reference cart's pack: 4S LiFePO4, 12.8 V nominal, 20 Ah (about 256 Wh: a full shift). */
export const REFERENCE_PACK: PackSpec = { curve: LIFEPO4, cellsInSeries: 4, capacityAh: 20, internalOhms: 0.04 };
