// Why a checkout (or a hold) was refused or could not finish yet. Each kind carries the HTTP
// status the route answers with, so a cart and the dashboard can act on the code alone.
export type CheckoutErrorKind =
  | 'not-found'
  | 'wrong-shopper'
  | 'invalid-trip-log'
  | 'trip-log-differs'
  | 'lane-token-refused'
  | 'basket-not-settled'
  | 'basket-unpriceable'
  | 'no-payment-method'
  | 'payment-failed'
  | 'payment-pending'
  | 'not-paid'
  | 'refund-too-large'
  | 'unknown-line'
  | 'line-already-refunded'
  | 'refund-request-differs'
  | 'refund-failed'
  | 'refund-pending'
  | 'offline-too-old'
  | 'offline-cap-exceeded';

const STATUS: Record<CheckoutErrorKind, number> = {
  'not-found': 404,
  'wrong-shopper': 403,
  'invalid-trip-log': 400,
  'trip-log-differs': 409,
  'lane-token-refused': 403,
  'basket-not-settled': 409,
  'basket-unpriceable': 422,
  'no-payment-method': 402,
  'payment-failed': 402,
  'payment-pending': 503,
  'not-paid': 409,
  'refund-too-large': 409,
  'unknown-line': 404,
  'line-already-refunded': 409,
  'refund-request-differs': 409,
  'refund-failed': 502,
  'refund-pending': 503,
  'offline-too-old': 409,
  'offline-cap-exceeded': 409,
};

export class CheckoutError extends Error {
  override readonly name = 'CheckoutError';
  readonly status: number;
  constructor(
    readonly kind: CheckoutErrorKind,
    message: string,
    /** What the cart shows or acts on (the reasons to fix, the failure, the receipt id). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.status = STATUS[kind];
  }
}
