// What the cart's own state asks of the pole light, beside the hardware's fault requests
// (HardwareSignals, reasons `fault:<device>` and `battery`). The light shows the most urgent
// request (alarm > staff > attention > ok), so each rule here only says what its cause needs:
//
//   open loss-prevention alert        attention  the basket needs a look; the shopper can still
//                                                 put it right on the screen, so no red
//   help asked for (button or screen) staff      a person is wanted at this cart; until staff sign
//                                                 in, or the shopper takes it back
//   staff signed in, or key turned    staff      staff are at work here
//   locked by staff (staff hold)      alarm      this cart must not leave before it is checked
//   locked for any other reason       attention  low battery, a fault, not paired: a look, not a stop
//
// Pure, so the table is tested without a board.
import type { LightRequest } from '../../../hardware/common/cart-signals.js';
import type { CartState } from '../../../domain/common/session/state.js';

/** What the cart's state and its buttons say, as far as the light is concerned. */
export interface CartLightView {
  readonly state: Pick<CartState, 'trip' | 'staff' | 'locks' | 'help'>;
  /** The staff key is turned to staff mode. */
  readonly staffKey: boolean;
}

/** The light's request reasons the runtime owns (none clashes with HardwareSignals'). */
export const CART_LIGHT_REASONS = ['alerts', 'help', 'staff', 'lock'] as const;
type CartLightReason = (typeof CART_LIGHT_REASONS)[number];

export function cartLightRequests(view: CartLightView): LightRequest[] {
  const { state } = view;
  const requests: { readonly reason: CartLightReason; readonly signal: LightRequest['signal'] }[] = [];
  if (state.trip?.alerts.some((a) => a.resolution === null)) requests.push({ reason: 'alerts', signal: 'attention' });
  if (state.help && !state.staff) requests.push({ reason: 'help', signal: 'staff' });
  if (state.staff || view.staffKey) requests.push({ reason: 'staff', signal: 'staff' });
  if (state.locks.length > 0) requests.push({ reason: 'lock', signal: state.locks.some((l) => l.reason === 'staff-hold') ? 'alarm' : 'attention' });
  return requests;
}
