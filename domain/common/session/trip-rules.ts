// Rules for a shopper's trip: signing in and out, loss-prevention alerts, the age check, and
// checkout. A trip's money outcome (paid, payment failed) is a fact from the store and is always
// recorded while a checkout is open, even on a locked cart: refusing it would lose a charge.
import { ok, type Result } from '../result.js';
import { requireStaff } from './cart-rules.js';
import type { SessionError } from './errors.js';
import { emptyWeightHistory, refuse, type Rules } from './rule.js';
import type { CartState, Trip } from './state.js';

/** Why there is no trip to act on, said for the phase the cart is in. */
function noTrip(state: CartState, event: { readonly type: string }): { readonly ok: false; readonly error: SessionError } {
  return refuse('wrong-state', event, state.phase === 'docked' ? 'the cart is docked; nobody is shopping' : 'no shopper is signed in');
}

/**
 * The trip, when the shopper may change it now: shopping, and not locked (unless a staff member
 * in staff mode is doing it for them).
 */
export function shopperTrip(state: CartState, event: { readonly type: string }): Result<Trip, SessionError> {
  if (!state.trip) return noTrip(state, event);
  if (state.phase === 'paid') return refuse('already-paid', event, `trip ${state.trip.tripId} is paid; nothing more can change`);
  if (state.phase === 'checking-out') return refuse('wrong-state', event, `trip ${state.trip.tripId} is checking out at ${state.trip.checkout?.laneId ?? 'a lane'}`);
  const lock = state.locks[0];
  if (lock && !state.staff) return refuse('cart-locked', event, `the cart is locked (${lock.reason}${lock.detail ? `: ${lock.detail}` : ''})`);
  return ok(state.trip);
}

/** The trip, while there is one in any phase (alerts may come even after payment). */
function anyTrip(state: CartState, event: { readonly type: string }): Result<Trip, SessionError> {
  return state.trip ? ok(state.trip) : noTrip(state, event);
}

export const withTrip = (state: CartState, trip: Trip, phase = state.phase): { readonly ok: true; readonly value: CartState } =>
  ok({ ...state, phase, trip });

export const tripRules: Rules<'signedIn' | 'signedOut' | 'alertRaised' | 'alertResolved' | 'ageChecked' | 'checkoutStarted' | 'paid' | 'paymentFailed' | 'leftUnsettled'> = {
  signedIn(state, event) {
    const lock = state.locks[0];
    if (lock) return refuse('cart-locked', event, `the cart is locked (${lock.reason}); nobody can sign in`);
    if (state.phase === 'docked') return refuse('wrong-state', event, 'the cart is docked; take it off the dock first');
    if (state.trip) return refuse('wrong-state', event, `trip ${state.trip.tripId} is still open (${state.phase}); sign out first`);
    if (!state.pairing) return refuse('not-paired', event, 'the cart is not paired with a store');
    const trip: Trip = {
      tripId: event.tripId,
      shopperId: event.shopperId,
      member: event.member,
      startedAt: event.at,
      basket: [],
      coupons: [],
      personalItems: [],
      budget: null,
      alerts: [],
      ageCheckedBy: null,
      checkout: null,
      payment: null,
      paymentFailures: [],
    };
    return ok({ ...state, phase: 'shopping', trip, weight: emptyWeightHistory });
  },

  signedOut(state, event) {
    if (!state.trip) return noTrip(state, event);
    // While the store is charging, the outcome must land on this trip first.
    if (state.phase === 'checking-out') return refuse('wrong-state', event, `trip ${state.trip.tripId} is checking out; wait for the payment result`);
    return ok({ ...state, phase: 'ready', trip: null });
  },

  alertRaised(state, event) {
    const trip = anyTrip(state, event);
    if (!trip.ok) return trip;
    if (trip.value.alerts.some((a) => a.alertId === event.alertId)) return refuse('duplicate', event, `alert ${event.alertId} was already raised`);
    const alert = { alertId: event.alertId, kind: event.kind, evidence: event.evidence, raisedAt: event.at, resolution: null };
    return withTrip(state, { ...trip.value, alerts: [...trip.value.alerts, alert] });
  },

  alertResolved(state, event) {
    const trip = anyTrip(state, event);
    if (!trip.ok) return trip;
    const alert = trip.value.alerts.find((a) => a.alertId === event.alertId);
    if (!alert) return refuse('unknown', event, `no alert ${event.alertId} on trip ${trip.value.tripId}`);
    if (alert.resolution) return refuse('duplicate', event, `alert ${event.alertId} was already resolved (${alert.resolution.how})`);
    if (event.how === 'staff-verified') {
      const notStaff = requireStaff(state, event, event.by);
      if (notStaff) return notStaff;
    }
    const resolution = { how: event.how, by: event.by, at: event.at };
    return withTrip(state, { ...trip.value, alerts: trip.value.alerts.map((a) => (a === alert ? { ...a, resolution } : a)) });
  },

  ageChecked(state, event) {
    const notStaff = requireStaff(state, event, event.by);
    if (notStaff) return notStaff;
    if (!state.trip) return noTrip(state, event);
    if (state.phase === 'paid') return refuse('already-paid', event, `trip ${state.trip.tripId} is paid`);
    return withTrip(state, { ...state.trip, ageCheckedBy: event.by });
  },

  checkoutStarted(state, event) {
    const trip = shopperTrip(state, event);
    if (!trip.ok) return trip;
    if (!state.pairing) return refuse('not-paired', event, 'the cart is not paired with a store that could charge it');
    if (trip.value.basket.length === 0) return refuse('empty-basket', event, 'the basket is empty; there is nothing to pay for');
    const open = trip.value.alerts.filter((a) => !a.resolution);
    if (open.length > 0) return refuse('open-alerts', event, `alerts must be resolved first: ${open.map((a) => `${a.alertId} (${a.kind})`).join(', ')}`);
    return withTrip(state, { ...trip.value, checkout: { laneId: event.laneId, startedAt: event.at } }, 'checking-out');
  },

  paid(state, event) {
    if (state.phase === 'paid' && state.trip?.payment) {
      return refuse('already-paid', event, `trip ${state.trip.tripId} was already paid (receipt ${state.trip.payment.receiptId})`);
    }
    if (state.phase !== 'checking-out' || !state.trip) return refuse('wrong-state', event, `no checkout is open (${state.phase})`);
    return withTrip(state, { ...state.trip, payment: { receiptId: event.receiptId, total: event.total, at: event.at } }, 'paid');
  },

  paymentFailed(state, event) {
    if (state.phase === 'paid') return refuse('already-paid', event, 'the trip was already paid; a late failure changes nothing');
    if (state.phase !== 'checking-out' || !state.trip) return refuse('wrong-state', event, `no checkout is open (${state.phase})`);
    // Back to shopping: the shopper can fix the basket or the card and check out again.
    const trip = state.trip;
    return withTrip(state, { ...trip, checkout: null, paymentFailures: [...trip.paymentFailures, { reason: event.reason, at: event.at }] }, 'shopping');
  },

  leftUnsettled(state, event) {
    // Only a checkout under way can be left unsettled, at the lane it started at.
    if (state.phase !== 'checking-out' || !state.trip?.checkout) return refuse('wrong-state', event, `no checkout is open (${state.phase})`);
    if (state.trip.checkout.laneId !== event.laneId) return refuse('wrong-state', event, `the checkout started at lane ${state.trip.checkout.laneId}, not ${event.laneId}`);
    // The trip is off this cart now (kept on disk until the store settles it): the cart is free for the next shopper.
    return ok({ ...state, phase: 'ready', trip: null });
  },
};
