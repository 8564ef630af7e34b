// The Stripe gateway, through the official `stripe` package: a PaymentIntent confirmed at once
// with capture_method=manual is the hold; capture takes amount_to_capture (the rest is
// released); cancel releases it; a Refund gives money back. Every write carries the trip's
// idempotency key in the request options (the Idempotency-Key header). The key also goes into
// the PaymentIntent's metadata so the Search API can find the payment after the 24 hours that
// Stripe keeps keys.
import Stripe from 'stripe';
import { err, ok } from '../../../domain/common/result.js';
import { GatewayError } from '../../common/gateway/errors.js';
import type { AuthoriseRequest, CancelRequest, CaptureRequest, GatewayResult, Payment, PaymentGateway, Refund, RefundRequest } from '../../common/gateway/gateway.js';
import { checkAuthorise, checkCancel, checkCapture, checkIdempotencyKey, checkPaymentId, checkRefund } from '../../common/gateway/requests.js';

export interface StripeGatewayOptions {
  /** A secret or restricted key (sk_... / rk_...). */
  readonly apiKey: string;
  /** Where the API is (tests point this at a local server); api.stripe.com over https by default. */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /** Per-request timeout, ms (default 20 s). A timeout is an unknown outcome, not a failure. */
  readonly timeoutMs?: number;
}

/** Where Tally keeps the authorise key on the PaymentIntent. */
export const KEY_METADATA = 'tally_idempotency_key';

export class StripeGateway implements PaymentGateway {
  readonly name = 'stripe';
  readonly #stripe: Stripe;

  constructor(options: StripeGatewayOptions) {
    this.#stripe = new Stripe(options.apiKey, {
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
      timeout: options.timeoutMs ?? 20_000,
      // The store owns retries: it records its intent, then retries with the same key until it
      // has an answer. (stripe-node still re-sends once on a closed connection; every write here
      // carries our key, so that re-send is deduplicated by Stripe.)
      maxNetworkRetries: 0,
      telemetry: false,
    });
  }

  async authorise(request: AuthoriseRequest): GatewayResult<Payment> {
    const checked = checkAuthorise(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return call(async () =>
      toPayment(
        await this.#stripe.paymentIntents.create(
          {
            amount: r.amount,
            currency: r.currency,
            payment_method: r.paymentMethod,
            // No redirects and no 3-D Secure step: nobody can answer one at an unattended lane,
            // so such a payment fails at once instead of hanging in requires_action.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            error_on_requires_action: true,
            capture_method: 'manual',
            confirm: true,
            metadata: { [KEY_METADATA]: r.idempotencyKey },
            ...(r.description ? { description: r.description } : {}),
          },
          { idempotencyKey: r.idempotencyKey },
        ),
      ),
    );
  }

  async capture(request: CaptureRequest): GatewayResult<Payment> {
    const checked = checkCapture(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return call(async () => toPayment(await this.#stripe.paymentIntents.capture(r.paymentId, { amount_to_capture: r.amount }, { idempotencyKey: r.idempotencyKey })));
  }

  async cancel(request: CancelRequest): GatewayResult<Payment> {
    const checked = checkCancel(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return call(async () => toPayment(await this.#stripe.paymentIntents.cancel(r.paymentId, {}, { idempotencyKey: r.idempotencyKey })));
  }

  async refund(request: RefundRequest): GatewayResult<Refund> {
    const checked = checkRefund(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return call(async () => {
      const refund = await this.#stripe.refunds.create({ payment_intent: r.paymentId, amount: r.amount }, { idempotencyKey: r.idempotencyKey });
      if (refund.status === 'failed' || refund.status === 'canceled') throw new GatewayError('declined', `refund ${refund.id} ${refund.status}`, refund.failure_reason ?? undefined);
      const paymentId = typeof refund.payment_intent === 'string' ? refund.payment_intent : (refund.payment_intent?.id ?? r.paymentId);
      return { id: refund.id, paymentId, amount: refund.amount, currency: refund.currency };
    });
  }

  async retrieve(paymentId: string): GatewayResult<Payment> {
    const id = checkPaymentId(paymentId);
    if (!id.ok) return id;
    return call(async () => toPayment(await this.#stripe.paymentIntents.retrieve(id.value)));
  }

  async findByAuthoriseKey(idempotencyKey: string): GatewayResult<Payment | null> {
    const key = checkIdempotencyKey(idempotencyKey);
    if (!key.ok) return key;
    // Search query strings quote values in single quotes; our keys never contain one (checked
    // above: printable ASCII), but escape anyway so a key can never change the query.
    const quoted = key.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    return call(async () => {
      const found = await this.#stripe.paymentIntents.search({ query: `metadata['${KEY_METADATA}']:'${quoted}'`, limit: 2 });
      const first = found.data[0];
      return first ? toPayment(first) : null;
    });
  }
}

/** A PaymentIntent in the shape the store knows; a declined or half-done one is an error. */
function toPayment(pi: Stripe.PaymentIntent): Payment {
  const base = { id: pi.id, authoriseKey: pi.metadata?.[KEY_METADATA] ?? '', currency: pi.currency, authorisedAmount: pi.amount };
  switch (pi.status) {
    case 'requires_capture':
      return { ...base, status: 'authorised', capturedAmount: 0 };
    case 'succeeded':
      return { ...base, status: 'captured', capturedAmount: pi.amount_received };
    case 'canceled':
      return { ...base, status: 'cancelled', capturedAmount: 0 };
    case 'requires_payment_method':
      throw new GatewayError('declined', pi.last_payment_error?.message ?? 'the payment method was declined', pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code);
    default:
      // requires_action (3-D Secure) and processing cannot complete at an unattended lane.
      throw new GatewayError('declined', `payment ${pi.id} needs ${pi.status}, which an exit lane cannot do`, pi.status);
  }
}

async function call<T>(fn: () => Promise<T>): GatewayResult<T> {
  try {
    return ok(await fn());
  } catch (e) {
    return err(toGatewayError(e));
  }
}

/** Stripe's error types onto Tally's kinds (docs.stripe.com/api/errors). */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (!(e instanceof Stripe.errors.StripeError)) return new GatewayError('outcome-unknown', `unexpected failure: ${String(e)}`);
  const code = e.code;
  const message = e.message;
  switch (e.type) {
    case 'StripeCardError':
      return new GatewayError('declined', message, e.decline_code ?? code);
    case 'StripeIdempotencyError':
      return new GatewayError('idempotency-conflict', message, code);
    case 'StripeRateLimitError':
      // 429s are refused before any work and not saved under the key.
      return new GatewayError('transient', message, code);
    case 'StripeConnectionError':
      return new GatewayError('outcome-unknown', message, code);
    case 'StripeInvalidRequestError':
      // A 409 is another request with the same key still running: nothing saved yet, retry.
      if (e.statusCode === 409) return new GatewayError('transient', message, code);
      if (code === 'resource_missing' && e.param !== 'payment_method') return new GatewayError('not-found', message, code);
      if (code === 'payment_intent_unexpected_state' || code === 'charge_not_captured' || code === 'charge_already_captured' || code === 'charge_already_refunded') return new GatewayError('wrong-state', message, code);
      if (code === 'amount_too_large') return new GatewayError('amount-too-large', message, code);
      return new GatewayError('invalid-request', message, code);
    case 'StripeAPIError':
      // A 5xx may have been carried out (and is saved under the key): ask, do not guess.
      return new GatewayError('outcome-unknown', message, code);
    default:
      // Authentication and permission errors: a configuration problem, not a payment answer.
      return new GatewayError('invalid-request', message, code);
  }
}
