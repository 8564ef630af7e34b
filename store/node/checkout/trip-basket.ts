// The basket a trip's event log describes, replayed through the cart session's own rules, so the
// store prices exactly the lines the cart priced. The store checks the log belongs to the trip
// and shopper it is filed under; a cart cannot pay for one shopper's basket with another's trip.
import { parseSessionEvent, type SessionEvent } from '../../../domain/common/session/events.js';
import { initialCartState, replayEvents, type Trip } from '../../../domain/common/session/state.js';
import { CheckoutError } from './errors.js';

export interface TripBasket {
  readonly events: SessionEvent[];
  readonly trip: Trip;
}

/**
 * A trip's log is a slice of the cart's own log, starting at the shopper's sign-in. It is
 * replayed on a paired, ready cart positioned just before the slice's first event.
 */
export function tripBasket(raw: readonly unknown[], expected: { tripId: string; shopperId: string }): TripBasket {
  const events: SessionEvent[] = [];
  /** As the store words input problems: where, and what is wrong. */
  const issues: { path: string; message: string }[] = [];
  raw.forEach((item, i) => {
    const parsed = parseSessionEvent(item);
    if (parsed.ok) events.push(parsed.value);
    else issues.push({ path: `body.events[${i}]`, message: parsed.error.message });
  });
  if (issues.length > 0) throw new CheckoutError('invalid-trip-log', `the trip log has ${issues.length} problem(s)`, { issues });
  const foreign = events.find((e) => e.type === 'signedIn' && (e.tripId !== expected.tripId || e.shopperId !== expected.shopperId));
  if (foreign) throw new CheckoutError('wrong-shopper', `event ${foreign.seq} signs in another trip or shopper than trip ${expected.tripId}`);
  const first = events[0];
  if (first?.type !== 'signedIn') throw new CheckoutError('invalid-trip-log', 'a trip log starts with the shopper signing in');
  const replayed = replayEvents(events, { ...initialCartState, pairing: { storeId: 'store', cartId: 'cart' }, lastSeq: first.seq - 1, lastAt: first.at });
  if (!replayed.ok) {
    throw new CheckoutError('invalid-trip-log', `event ${replayed.error.index} of the trip log cannot happen: ${replayed.error.error.message}`);
  }
  const trip = replayed.value.trip;
  if (!trip) throw new CheckoutError('invalid-trip-log', 'the trip log signs the shopper out before the checkout');
  return { events, trip };
}
