// Why the session refused an event. A refused event is never applied and never written: the
// cart's state stays exactly what it was, and the message tells the shopper, the staff member or
// the developer what would have to be true first.

export type SessionErrorCode =
  /** The event does not match its schema (a missing field, a negative quantity). */
  | 'invalid-event'
  /** `seq` is not the next number: `expected` and `found` say which. */
  | 'seq-gap'
  | 'duplicate-seq'
  /** `at` is earlier than the event before it. */
  | 'time-backwards'
  /** The cart is not in a state where this can happen (scan while docked, checkout twice). */
  | 'wrong-state'
  /** A shopper action while the cart is locked. */
  | 'cart-locked'
  /** Signing in or checking out a cart that is not paired with a store. */
  | 'not-paired'
  /** The trip was paid already; nothing more can be paid or added. */
  | 'already-paid'
  /** An id that is already in use (line, coupon, step, alert, fault, lock reason). */
  | 'duplicate'
  /** An id that the cart does not know (a line, coupon, alert, fault, lock to lift). */
  | 'unknown'
  /** A change that makes no sense for the line (a new count for a line sold by weight). */
  | 'not-each'
  /** Checkout with nothing in the basket. */
  | 'empty-basket'
  /** Checkout while loss-prevention alerts are still open. */
  | 'open-alerts'
  /** Lifting a lock whose cause is still there (an open fault, no pairing). */
  | 'cause-remains'
  /** A staff action outside staff mode, or by someone other than the staff member in it. */
  | 'not-staff';

export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    /** The type of the event that was refused ("(unknown)" when it had none). */
    readonly eventType: string,
  ) {
    super(message);
  }
}
