import type { AdcController } from './adc.js';
import { nau7802 } from './nau7802-controller.js';

/** Load-cell ADCs by part number, johnny-five style: the Scale picks one with `controller`. */
export const Controllers = {
  NAU7802: nau7802,
} as const satisfies Record<string, AdcController>;

export type ScalePart = keyof typeof Controllers;
