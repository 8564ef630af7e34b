/** One calibrated sample from the scale: net weight on the basket in milligrams at a time. */
export interface WeightSample {
  /** Epoch ms from the scale's clock. */
  readonly at: number;
  readonly milligrams: number;
}

/** The basket's weight once it has held still long enough to be believed. */
export interface StableReading {
  readonly at: number;
  readonly milligrams: number;
  /** Standard uncertainty of `milligrams`, from the spread inside the stability window. */
  readonly uncertaintyMg: number;
}

/** Something went in (placed, +) or came out (removed, −) of the basket. */
export interface WeightStep {
  readonly kind: 'placed' | 'removed';
  /** Signed change in integer milligrams. */
  readonly deltaMg: number;
  /** Standard uncertainty of `deltaMg` (both plateaus' uncertainties combined). */
  readonly uncertaintyMg: number;
  /** The plateau before and after. */
  readonly fromMg: number;
  readonly toMg: number;
  /** Last moment the basket was still at `fromMg`. */
  readonly leftAt: number;
  /** When the new plateau was confirmed and the step reported. */
  readonly at: number;
}

/** Why weight decisions are on hold: the cart moves, or a device is faulty. */
export type HoldReason = 'motion' | 'fault';

export type WeightEvent =
  | { readonly type: 'stable'; readonly reading: StableReading }
  | { readonly type: 'unsettled'; readonly at: number }
  | { readonly type: 'step'; readonly step: WeightStep };
