// The emulated cart's health as the store's fleet board shows it, read from what its drivers see
// (the virtual battery through the real battery monitor, the hardware's faults) and from its
// session (the trip's phase, locks, faults the cart recorded), and from the checkouts its
// exit-lane watch still owes the store: what a real cart would report.
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import type { OwedCheckout } from '../exit-lane/owed-checkouts.js';
import type { CartReport } from '../../../domain/common/fleet/cart-report.js';

/** The store takes at most this many faults in a report, each at most this long. */
const MAX_FAULTS = 20;
const MAX_FAULT_CHARS = 200;

/** The battery monitor reads once a second; until its first reading the cart has nothing true to say. */
export class BatteryNotReadYet extends Error {
  override readonly name = 'BatteryNotReadYet';
  readonly code = 'battery-not-read';
  constructor() {
    super('the battery monitor has not reported yet');
  }
}

/** `owed`: the lane watch's owed checkouts (none for a cart without lanes). */
export function cartHealth(cart: EmulatedCart, version: string, owed: readonly OwedCheckout[] = []): CartReport {
  const { battery, faults } = cart.readout();
  if (!battery) throw new BatteryNotReadYet();
  const { state } = cart.runtime;
  const words = [...faults.map((f) => `${f.device}: ${f.message}`), ...state.faults.map((f) => f.message)].slice(0, MAX_FAULTS).map((w) => w.slice(0, MAX_FAULT_CHARS));
  return {
    battery: Math.round(battery.soc),
    charging: battery.charging,
    docked: battery.docked,
    state: cartState(cart, words.length > 0),
    version,
    faults: words,
    helpSince: state.help?.since ?? null,
    ...unsettled(owed),
  };
}

/**
 * Trips let leave while the store was away and not settled yet, and since when: staff see a cart
 * whose shoppers left without paying until the store has their checkouts. Those the store
 * refused late are its incidents already and no longer counted here.
 */
function unsettled(owed: readonly OwedCheckout[]): Pick<CartReport, 'unsettledTrips' | 'unsettledSince'> {
  const left = owed.filter((c) => c.state === 'left');
  const since = left.reduce((oldest, c) => Math.min(oldest, c.leftAt ?? c.heardAt), Number.POSITIVE_INFINITY);
  return { unsettledTrips: left.length, unsettledSince: left.length === 0 ? null : since };
}

function cartState(cart: EmulatedCart, faulty: boolean): CartReport['state'] {
  const { runtime } = cart;
  if (runtime.storeHold !== null || runtime.state.status === 'locked') return 'locked';
  if (faulty) return 'fault';
  const { phase } = runtime.state;
  if (phase === 'shopping') return 'shopping';
  if (phase === 'checking-out') return 'checkout';
  return 'idle';
}
