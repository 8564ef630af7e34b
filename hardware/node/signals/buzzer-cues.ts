import type { BuzzerCue } from '../../common/cart-signals.js';

/** Sound on or off for a time. */
export interface BuzzerStep {
  readonly on: boolean;
  readonly ms: number;
}

/**
 * Cues told apart by rhythm: the cart's buzzer is a piezo on a PWM pin, and StandardFirmata has
 * no tone command, so the pitch is the pin's fixed PWM frequency (490 Hz on the Uno's D3) and
 * loudness is the duty cycle. A short chirp confirms a scan without nagging; an alarm repeats.
 */
export const BUZZER_CUES: Record<BuzzerCue, readonly BuzzerStep[]> = {
  'scan-accepted': [{ on: true, ms: 70 }],
  attention: [{ on: true, ms: 150 }, { on: false, ms: 120 }, { on: true, ms: 150 }],
  alarm: [
    { on: true, ms: 400 }, { on: false, ms: 200 },
    { on: true, ms: 400 }, { on: false, ms: 200 },
    { on: true, ms: 400 }, { on: false, ms: 200 },
    { on: true, ms: 400 },
  ],
};

export const CUE_PRIORITY: readonly BuzzerCue[] = ['scan-accepted', 'attention', 'alarm'];
