// What stands between the basket and the lane's charge, asked of the runtime: open alerts, an ID
// check still to do, a basket the cart cannot price. The store refuses such a basket anyway
// (409 basket-not-settled); the cart says it first, in words the shopper can act on, and sends
// nothing, so nothing can be charged until it is put right or staff step in.
import type { CartSnapshot } from '../../common/ui-protocol/snapshot.js';

const ALERT_WORDS: Record<string, string> = {
  'unscanned-item': 'something went into the cart without a scan: scan it or take it out',
  'not-placed': 'an item was scanned but not put in the cart: put it in or remove it from the list',
  'weight-mismatch': 'an item weighs differently from what was scanned: check it on the screen',
  'item-mismatch': 'the cameras saw a different product from the one scanned: check it on the screen',
};

/** What to fix, one line each; empty when the lane may charge. */
export function basketBlockers(snapshot: CartSnapshot): string[] {
  const trip = snapshot.trip;
  if (!trip) return [];
  const fix = trip.openAlerts.map((a) => ALERT_WORDS[a.kind] ?? a.note);
  if (trip.ageCheckNeeded !== null) fix.push(`a member of staff must check your ID (age ${trip.ageCheckNeeded}+)`);
  if (trip.pricingProblem !== null) fix.push(`the cart cannot price the basket (${trip.pricingProblem}): ask a member of staff`);
  return fix;
}
