import type { LightSignal } from '../../common/cart-signals.js';
import type { RgbColor } from './johnny-five-parts.js';

/** One step of a pattern: a colour held for a time. */
export interface LightStep {
  readonly color: RgbColor;
  readonly ms: number;
}

const OFF: RgbColor = { red: 0, green: 0, blue: 0 };
const GREEN: RgbColor = { red: 0, green: 255, blue: 0 };
const AMBER: RgbColor = { red: 255, green: 120, blue: 0 };
const RED: RgbColor = { red: 255, green: 0, blue: 0 };
const BLUE: RgbColor = { red: 0, green: 0, blue: 255 };
const WHITE: RgbColor = { red: 255, green: 255, blue: 255 };

/**
 * The patterns, repeated while the signal lasts. Colour alone is not enough (one man in twelve
 * has red-green colour blindness), so each signal also has its own rhythm. Flashing stays at or
 * below 2.5 flashes a second, under the 3 per second that can trigger photosensitive seizures.
 */
export const LIGHT_PATTERNS: Record<LightSignal, readonly LightStep[]> = {
  off: [{ color: OFF, ms: Infinity }],
  /** Steady green: all is well. */
  ok: [{ color: GREEN, ms: Infinity }],
  /** Slow amber blink: the basket needs a look (an open alert), or a device does. */
  attention: [{ color: AMBER, ms: 700 }, { color: OFF, ms: 700 }],
  /** Blue with a white wink: a person is wanted or at work here (help asked for, staff mode, staff key). */
  staff: [{ color: BLUE, ms: 1500 }, { color: WHITE, ms: 200 }],
  /** Fast red flash: this cart must not leave before staff check it (locked by staff). */
  alarm: [{ color: RED, ms: 200 }, { color: OFF, ms: 200 }],
};

/**
 * A scan went through: a single green flash, then the signal on show resumes from its start.
 * On the steady green of `ok` the dark gap is what makes the green read as a flash. One flash,
 * not a train, so it cannot add up to a flicker however fast the shopper scans (a scan during a
 * flash restarts it).
 */
export const SCAN_FLASH: readonly LightStep[] = [{ color: OFF, ms: 120 }, { color: GREEN, ms: 300 }];
