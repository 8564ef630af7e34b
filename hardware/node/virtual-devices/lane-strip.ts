import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { StripPole } from '../virtual-ble/floor-plan.js';
import type { VirtualStripSensor } from '../virtual-ble/strip-sensor.js';
import type { VirtualContact } from './contact.js';

/**
 * How long the hall switch stays closed as a cart rolls over the tape, ms: 50 mm of tape plus
 * the edge of its field where the switch still operates, about 80 mm, at a walking 1 m/s.
 */
export const ROLL_OVER_MS = 80;

/** The cart's switches: one that feels every strip, or a switch for each pole (LaneStripSwitch's `northPin`). */
export type StripSwitches = VirtualContact | { readonly south: VirtualContact; readonly north: VirtualContact };

/**
 * Makes the virtual cart's lane-strip switch follow the virtual floor: each crossing the world's
 * `VirtualStripSensor` reports closes the switch on the board's pin for `overMs`, so the
 * crossing reaches the cart's driver over the Firmata wire as a real one would. With a switch for
 * each pole, the one for the strip's pole closes (a strip without a pole closes the south one);
 * a single switch closes for every strip, as an omnipolar part would. Returns the undoing (stops
 * following and leaves the switches open).
 */
export function rollOverStrips(sensor: VirtualStripSensor, switches: StripSwitches, clock: Clock, overMs = ROLL_OVER_MS): () => void {
  if (!(overMs > 0)) throw new RangeError(`rolling over a strip takes a positive time, not ${overMs} ms`);
  const contacts = 'south' in switches ? [switches.south, switches.north] : [switches];
  const rolledOff = new Map<VirtualContact, TimerHandle>();
  const onCrossed = (_atMs: number, pole?: StripPole): void => {
    const contact = 'south' in switches ? (pole === 'north' ? switches.north : switches.south) : switches;
    const before = rolledOff.get(contact);
    if (before) clock.clearTimeout(before);
    contact.close();
    rolledOff.set(
      contact,
      clock.setTimeout(() => {
        rolledOff.delete(contact);
        contact.open();
      }, overMs),
    );
  };
  sensor.on('crossed', onCrossed);
  return () => {
    sensor.off('crossed', onCrossed);
    for (const timer of rolledOff.values()) clock.clearTimeout(timer);
    rolledOff.clear();
    for (const contact of contacts) contact.open();
  };
}
