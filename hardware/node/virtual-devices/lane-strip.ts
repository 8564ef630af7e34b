import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { VirtualStripSensor } from '../virtual-ble/strip-sensor.js';
import type { VirtualContact } from './contact.js';

/**
 * How long the hall switch stays closed as a cart rolls over the tape, ms: 50 mm of tape plus
 * the edge of its field where the switch still operates, about 80 mm, at a walking 1 m/s.
 */
export const ROLL_OVER_MS = 80;

/**
 * Makes the virtual cart's lane-strip switch follow the virtual floor: each crossing the world's
 * `VirtualStripSensor` reports closes the switch on the board's pin for `overMs`, so the
 * crossing reaches the cart's driver over the Firmata wire as a real one would. Returns the
 * undoing (stops following and leaves the switch open).
 */
export function rollOverStrips(sensor: VirtualStripSensor, strip: VirtualContact, clock: Clock, overMs = ROLL_OVER_MS): () => void {
  if (!(overMs > 0)) throw new RangeError(`rolling over a strip takes a positive time, not ${overMs} ms`);
  let rolledOff: TimerHandle | undefined;
  const onCrossed = (): void => {
    if (rolledOff) clock.clearTimeout(rolledOff);
    strip.close();
    rolledOff = clock.setTimeout(() => {
      rolledOff = undefined;
      strip.open();
    }, overMs);
  };
  sensor.on('crossed', onCrossed);
  return () => {
    sensor.off('crossed', onCrossed);
    if (rolledOff) clock.clearTimeout(rolledOff);
    rolledOff = undefined;
    strip.open();
  };
}
