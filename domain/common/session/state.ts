// The cart's state, derived by replaying its event log through one pure reducer. Nothing else
// changes it: the UI renders snapshots of this and sends intents back as new events, and a cart
// that restarts replays the same log into the same state.
//
// The cart is in one phase of a trip's life (docked and charging, ready, shopping, checking out,
// paid). Locks sit on top of the phase rather than replacing it: a cart locked mid-trip for low
// battery keeps its basket and goes back to shopping when the lock lifts. Staff mode is a flag on
// top of both, so a staff member can work on a locked cart without ending anyone's trip.
import { err, ok, type Result } from '../result.js';
import { basketRules } from './basket-rules.js';
import { cartRules } from './cart-rules.js';
import { SessionError } from './errors.js';
import type { AlertEvidence, AlertKind, AlertResolution, HelpSource, LockReason, Measure, SessionEvent, SessionEventType, Symbology } from './events.js';
import { helpRules } from './help-rules.js';
import { emptyWeightHistory, type Applied, type Rule, type Rules } from './rule.js';
import { tripRules } from './trip-rules.js';

export type CartPhase = 'docked' | 'ready' | 'shopping' | 'checking-out' | 'paid';
/** What the cart shows: its phase, or `locked` while any lock holds. */
export type CartStatus = CartPhase | 'locked';

export interface Lock {
  readonly reason: LockReason;
  readonly detail: string;
  readonly since: number;
}

export interface StaffMode {
  readonly staffId: string;
  readonly mode: 'assist' | 'maintenance';
  readonly since: number;
}

/** A call for a person that nobody has answered or taken back yet. */
export interface HelpCall {
  readonly from: HelpSource;
  readonly since: number;
}

export interface Fault {
  readonly faultId: string;
  readonly code: string;
  readonly message: string;
  readonly since: number;
}

export interface BasketLine {
  readonly lineId: string;
  readonly sku: string;
  readonly code: string;
  readonly symbology: Symbology;
  readonly measure: Measure;
  readonly labelPrice?: number;
  /** A staff member's hand-set price for the line. */
  readonly priceOverride?: { readonly price: number; readonly by: string; readonly reason: string };
  readonly scannedAt: number;
}

export interface PersonalItem {
  readonly itemId: string;
  readonly description: string;
  readonly massMg?: number;
}

export interface Alert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly evidence: AlertEvidence;
  readonly raisedAt: number;
  /** null while the alert is open. */
  readonly resolution: { readonly how: AlertResolution; readonly by: string; readonly at: number } | null;
}

export interface WeightStep {
  readonly stepId: string;
  readonly deltaMg: number;
  readonly uncertaintyMg: number;
  readonly at: number;
}

/** The scale's steps since the trip began (or the cart last docked), with running totals. */
export interface WeightHistory {
  readonly steps: readonly WeightStep[];
  /** Sum of positive steps. */
  readonly placedMg: number;
  /** Sum of negative steps, as a positive mass. */
  readonly removedMg: number;
  /** placed - removed: what the basket should hold now. */
  readonly netMg: number;
  /** Sum of the steps' uncertainties: how far netMg may be off. */
  readonly uncertaintyMg: number;
}

export interface Trip {
  readonly tripId: string;
  readonly shopperId: string;
  readonly member: boolean;
  readonly startedAt: number;
  readonly basket: readonly BasketLine[];
  readonly coupons: readonly string[];
  readonly personalItems: readonly PersonalItem[];
  /** The shopper's spending limit in minor units, or null for none. */
  readonly budget: number | null;
  /** Every alert of the trip, open and resolved, in the order raised. */
  readonly alerts: readonly Alert[];
  /** The staff member who checked the shopper's ID, once checked. */
  readonly ageCheckedBy: string | null;
  readonly checkout: { readonly laneId: string; readonly startedAt: number } | null;
  readonly payment: { readonly receiptId: string; readonly total: number; readonly at: number } | null;
  readonly paymentFailures: readonly { readonly reason: string; readonly at: number }[];
}

export interface CartState {
  readonly phase: CartPhase;
  readonly status: CartStatus;
  /** Held locks, one per reason, oldest first. */
  readonly locks: readonly Lock[];
  readonly staff: StaffMode | null;
  /** Someone at the cart is calling for a person; null when nobody is. */
  readonly help: HelpCall | null;
  readonly pairing: { readonly storeId: string; readonly cartId: string } | null;
  /** The shopper's trip while shopping, checking out or paid; null otherwise. */
  readonly trip: Trip | null;
  /** Open faults. */
  readonly faults: readonly Fault[];
  readonly weight: WeightHistory;
  /** The seq of the last event applied; 0 for a new log. */
  readonly lastSeq: number;
  /** The time of the last event applied; 0 for a new log. */
  readonly lastAt: number;
}

/** A cart with an empty log: off the dock, unpaired, nothing held. */
export const initialCartState: CartState = {
  phase: 'ready',
  status: 'ready',
  locks: [],
  staff: null,
  help: null,
  pairing: null,
  trip: null,
  faults: [],
  weight: emptyWeightHistory,
  lastSeq: 0,
  lastAt: 0,
};

const rules: Rules<SessionEventType> = { ...cartRules, ...tripRules, ...basketRules, ...helpRules };

/** Checks the event's stamp: the next seq, and no earlier than the event before it. */
function checkStamp(state: CartState, event: SessionEvent): SessionError | undefined {
  const expected = state.lastSeq + 1;
  if (event.seq < expected) {
    return new SessionError('duplicate-seq', `event ${event.seq} (${event.type}) was already applied; the next is ${expected}`, event.type);
  }
  if (event.seq > expected) {
    return new SessionError('seq-gap', `event ${event.seq} (${event.type}) skips ${event.seq - expected} event(s); the next is ${expected}`, event.type);
  }
  if (state.lastSeq > 0 && event.at < state.lastAt) {
    return new SessionError('time-backwards', `event ${event.seq} (${event.type}) is at ${event.at}, ${state.lastAt - event.at} ms before the event before it`, event.type);
  }
  return undefined;
}

/**
 * Applies one event: the next state, or a typed error and no change. Pure: the same state and
 * event always give the same answer, which is what makes replaying the log safe.
 */
export function applyEvent(state: CartState, event: SessionEvent): Applied {
  const stampError = checkStamp(state, event);
  if (stampError) return err(stampError);
  const rule = rules[event.type] as Rule<typeof event.type>;
  const next = rule(state, event);
  if (!next.ok) return next;
  const s = next.value;
  return ok({ ...s, status: s.locks.length > 0 ? 'locked' : s.phase, lastSeq: event.seq, lastAt: event.at });
}

/** Replays events from a new cart; stops at the first one that cannot apply, saying which. */
export function replayEvents(events: Iterable<SessionEvent>, from: CartState = initialCartState): Result<CartState, { readonly index: number; readonly error: SessionError }> {
  let state = from;
  let index = 0;
  for (const event of events) {
    const next = applyEvent(state, event);
    if (!next.ok) return err({ index, error: next.error });
    state = next.value;
    index++;
  }
  return ok(state);
}
