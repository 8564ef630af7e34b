import type { HardwareFault, HardwareFaultCode } from './faults.js';

/** What the pole light tells the store, least urgent first (see LIGHT_PRIORITY). */
export type LightSignal = 'off' | 'ok' | 'attention' | 'staff' | 'alarm';

/** What the buzzer says, least urgent first. */
export type BuzzerCue = 'scan-accepted' | 'attention' | 'alarm';

/** The battery's level as the monitor reports it. */
export type BatteryLevelSignal = 'ok' | 'low' | 'critical';

/** Which light signal wins when several are asked for at once. */
export const LIGHT_PRIORITY: readonly LightSignal[] = ['off', 'ok', 'attention', 'staff', 'alarm'];

/**
 * How a device fault shows: amber `attention` (a device needs a look) for every fault, because
 * while any is active the cart cannot vouch for what is in the basket and staff should know; a
 * fault is never `alarm`, which the store keeps for "check this basket before it leaves".
 * Faults that stop weighing altogether (the board gone, the scale silent or railed) also sound
 * the attention cue once when they start; an overload or a motion-sensor hiccup only shows.
 */
const SOUNDED: ReadonlySet<HardwareFaultCode> = new Set<HardwareFaultCode>(['disconnected', 'no-answer', 'out-of-range', 'stuck', 'i2c-error', 'wrong-device']);

/** One reason the cart asks the pole light for a signal, in the light's request vocabulary. */
export interface LightRequest {
  /** Stable per cause, e.g. 'fault:scale' or 'battery', so a later change replaces it. */
  readonly reason: string;
  readonly signal: LightSignal;
}

/** The hardware's own state, as far as the pole light and the buzzer are concerned. */
export interface HardwareCondition {
  /** Every active fault, any device. */
  readonly faults: readonly HardwareFault[];
  readonly battery: BatteryLevelSignal;
}

/**
 * The light requests the hardware's condition calls for: one per faulty device (its reason is
 * `fault:<device>`), and one for a critical battery (finish the trip now). A low battery (20 %)
 * is for the screen and the fleet dashboard, not the light: a shopper can still finish.
 */
export function hardwareLightRequests(condition: HardwareCondition): LightRequest[] {
  const requests = new Map<string, LightSignal>();
  for (const fault of condition.faults) requests.set(faultReason(fault.device), 'attention');
  if (condition.battery === 'critical') requests.set(BATTERY_REASON, 'attention');
  return [...requests].map(([reason, signal]) => ({ reason, signal }));
}

/** The cue, if any, for a change of condition: a new weighing-stopping fault, or the battery turning critical. */
export function hardwareCue(before: HardwareCondition, after: HardwareCondition): BuzzerCue | undefined {
  const known = new Set(before.faults.map((f) => `${f.device}/${f.code}`));
  const fresh = after.faults.some((f) => !known.has(`${f.device}/${f.code}`) && SOUNDED.has(f.code));
  const critical = after.battery === 'critical' && before.battery !== 'critical';
  return fresh || critical ? 'attention' : undefined;
}

/** The light's request reason for a device's faults. */
export function faultReason(device: string): string {
  return `fault:${device}`;
}

export const BATTERY_REASON = 'battery';
