// The emulated cart's place on the store's fleet board: its live connection (FleetLink) reports
// the cart's health from its hardware readout, and staff locking or unlocking it from the board
// reaches the runtime (a locked cart takes no new trip). The link starts at the battery
// monitor's first reading, so the board never shows a battery level the cart has not measured.
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import type { OwedCheckout } from '../exit-lane/owed-checkouts.js';
import { FleetLink } from '../store-link/fleet-link.js';
import type { CartIdentity } from '../store-link/signed-get.js';
import { cartHealth } from './cart-health.js';

export interface FleetConnection {
  readonly link: FleetLink;
  close(): void;
}

/** `lanes`: the cart's exit-lane watch, whose trips left unsettled go in each report. */
export function connectToFleet(cart: EmulatedCart, identity: CartIdentity, version: string, log: (line: string) => void, lanes?: { readonly owed: readonly OwedCheckout[] }): FleetConnection {
  const link = new FleetLink({ ...identity, report: () => cartHealth(cart, version, lanes?.owed), warn: (m) => log(`note: ${m}`) });
  let wasLive = false;
  link.on((event) => {
    switch (event.type) {
      case 'locked':
        cart.runtime.holdFromStore(event.reason || 'no reason given');
        log(`The store locked cart ${identity.cartId}: ${event.reason || 'no reason given'}.`);
        return;
      case 'unlocked':
        cart.runtime.holdFromStore(null);
        log(`The store unlocked cart ${identity.cartId}.`);
        return;
      case 'connected':
        wasLive = true;
        return;
      case 'disconnected':
        // Said once per outage, not at every retry.
        if (wasLive) log(`note: the cart lost its live connection to the store (${event.reason}); ${event.retryInMs === null ? 'it will not reconnect' : 'reconnecting'}.`);
        wasLive = false;
        return;
      case 'refused':
        log(`note: the store refused the cart's live connection: ${event.refusal.code}: ${event.refusal.message}`);
        return;
      case 'report-refused':
        log(`note: the store refused the cart's health report: ${event.error}`);
        return;
      case 'unpaired':
        log(`note: staff unpaired cart ${identity.cartId}; start afresh with --fresh to pair a new one.`);
        return;
      case 'problem':
        log(`note: ${event.message}`);
        return;
      case 'ack':
        return;
    }
  });
  const battery = cart.hardware.battery;
  const firstReading = (): void => {
    battery.off('reading', firstReading);
    link.start();
  };
  if (battery.reading) link.start();
  else battery.on('reading', firstReading);
  return {
    link,
    close: () => {
      battery.off('reading', firstReading);
      link.stop();
    },
  };
}
