// The emulated cart's hardware settings: what a scenario (or a developer) may choose about the
// virtual cart. The cart itself is the hardware package's VirtualCart, inside CartBody.

/** The hardware settings a scenario may choose. */
export interface VirtualCartSettings {
  readonly seed: number;
  /** Electrical noise of each scale sample, grams (standard deviation). */
  readonly scaleNoiseGrams: number;
  /** RMS vertical vibration of the frame at a brisk push, in g (a typical cart: 0.12 g). */
  readonly vibrationRmsG: number;
}

export const defaultCartSettings: VirtualCartSettings = { seed: 1, scaleNoiseGrams: 1, vibrationRmsG: 0.12 };
