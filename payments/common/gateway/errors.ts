/** Why a gateway call did not give the answer asked for. */
export type GatewayErrorKind =
  /** The request is wrong (bad amount, unknown currency, card data where a token belongs). */
  | 'invalid-request'
  /** The issuer or the gateway refused the payment method. Final for this method. */
  | 'declined'
  /** Nothing happened and nothing was saved; retry the same request with the same key. */
  | 'transient'
  /**
   * The request may or may not have been carried out (a timeout, a lost connection, a 5xx). Find
   * out by retrying with the same key or by looking the payment up; never with a new key.
   */
  | 'outcome-unknown'
  /** The key was used before for another request (other parameters or another operation). */
  | 'idempotency-conflict'
  /** No such payment. */
  | 'not-found'
  /** The payment is not in a state that allows this (capturing a cancelled hold, say). */
  | 'wrong-state'
  /** More than the hold (capture) or than was captured and not refunded (refund). */
  | 'amount-too-large';

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    /** The gateway's own code (`card_declined`, `insufficient_funds`), for staff. */
    readonly gatewayCode?: string,
  ) {
    super(message);
  }

  /** Whether the same request with the same key may be sent again. */
  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'outcome-unknown';
  }
}
