// The payment gateway as the store sees it: authorise a hold, capture up to it, cancel it,
// refund a capture, and look a payment up to settle an outcome nobody heard. Every call that
// changes money carries an idempotency key (the Stripe model): the same key with the same
// request returns the first answer and never moves money twice.
import type { Result } from '../../../domain/common/result.js';
import type { GatewayError } from './errors.js';

export type PaymentStatus =
  /** A hold on the shopper's funds, not yet taken. */
  | 'authorised'
  /** Money taken (possibly less than the hold; the rest is released). */
  | 'captured'
  /** The hold released without taking anything. */
  | 'cancelled';

export interface Payment {
  /** The gateway's id for the payment (a PaymentIntent id at Stripe). */
  readonly id: string;
  /** The idempotency key of the authorisation that created it. */
  readonly authoriseKey: string;
  readonly status: PaymentStatus;
  /** ISO 4217, lower case. */
  readonly currency: string;
  /** Minor units held. */
  readonly authorisedAmount: number;
  /** Minor units taken (0 until captured). */
  readonly capturedAmount: number;
}

export interface Refund {
  readonly id: string;
  readonly paymentId: string;
  /** Minor units given back. */
  readonly amount: number;
  readonly currency: string;
}

export interface AuthoriseRequest {
  readonly idempotencyKey: string;
  /** Minor units, a positive integer. */
  readonly amount: number;
  readonly currency: string;
  /** A payment-method token from the gateway's vault (`pm_...`); never card data. */
  readonly paymentMethod: string;
  /** Shown on the shopper's statement and in the gateway's dashboard. */
  readonly description?: string;
}

export interface CaptureRequest {
  readonly idempotencyKey: string;
  readonly paymentId: string;
  /** Minor units, at most the authorised amount. */
  readonly amount: number;
}

export interface CancelRequest {
  readonly idempotencyKey: string;
  readonly paymentId: string;
}

export interface RefundRequest {
  readonly idempotencyKey: string;
  readonly paymentId: string;
  /** Minor units, at most what was captured and not yet refunded. */
  readonly amount: number;
}

export type GatewayResult<T> = Promise<Result<T, GatewayError>>;

export interface PaymentGateway {
  /** 'sandbox' or 'stripe', for logs and the dashboard. */
  readonly name: string;
  authorise(request: AuthoriseRequest): GatewayResult<Payment>;
  capture(request: CaptureRequest): GatewayResult<Payment>;
  cancel(request: CancelRequest): GatewayResult<Payment>;
  refund(request: RefundRequest): GatewayResult<Refund>;
  retrieve(paymentId: string): GatewayResult<Payment>;
  /**
   * The payment an authorisation with this key created, or null when none did. How the store
   * settles an authorisation whose answer was lost: if null, nothing was held and the store may
   * authorise again with the same key.
   */
  findByAuthoriseKey(idempotencyKey: string): GatewayResult<Payment | null>;
}
