/**
 * When half a second of conversions counts as a still basket for a tare or a calibration point.
 *
 * The spread of the samples (largest minus smallest) must stay inside a band. A fixed band of a
 * few grams is right for quiet cells and wrong for noisy ones: 40 samples of pure Gaussian noise
 * span about 4.3 standard deviations on average and over 6 one time in twenty, so with 2 g of
 * noise a 6 g band refused a perfectly still basket nearly every time. The band therefore grows
 * with the noise measured in the capture itself: `CAPTURE_NOISE_FACTOR` standard deviations
 * (40 samples of Gaussian noise exceed 7 about once in two thousand captures), never below
 * `CAPTURE_FLOOR_GRAMS`.
 *
 * The noise is measured from successive differences, not the plain standard deviation: an item
 * still settling or a hand easing one in is a slow trend, which adds little to sample-to-sample
 * differences but a lot to the spread, so a moving load still spans more than the band. A basket
 * being jostled does raise the difference noise, so the measured noise counts only up to
 * `NOISE_CAP_FACTOR` times the noise the scale was configured to expect: shaking never buys
 * itself a wide enough band to pass as still.
 */
export const CAPTURE_FLOOR_GRAMS = 6;
export const CAPTURE_NOISE_FACTOR = 7;
export const NOISE_CAP_FACTOR = 3;

/**
 * The noise of one sample, in the samples' own units, from successive differences (the
 * difference of two independent samples has twice the variance of one). NaN for fewer than two.
 */
export function differenceNoise(samples: readonly number[]): number {
  if (samples.length < 2) return Number.NaN;
  let sum = 0;
  for (let i = 1; i < samples.length; i++) {
    const d = (samples[i] as number) - (samples[i - 1] as number);
    sum += d * d;
  }
  return Math.sqrt(sum / (2 * (samples.length - 1)));
}

/** The widest spread, in grams, that a still capture may show, given its measured and the expected noise (grams). */
export function captureBandGrams(measuredNoiseGrams: number, expectedNoiseGrams: number): number {
  const noise = Math.min(measuredNoiseGrams, NOISE_CAP_FACTOR * expectedNoiseGrams);
  return Math.max(CAPTURE_FLOOR_GRAMS, CAPTURE_NOISE_FACTOR * (Number.isFinite(noise) ? noise : 0));
}
