// The built-in sandbox gateway, the embedded default: no network, no account, and test payment
// methods that exercise every path a real gateway can take. Idempotency follows Stripe's rules:
// a key's first answer is saved (declines included) and returned for the same request; the same
// key with other parameters, or for another operation, is an error; requests refused before any
// work (bad parameters, transient errors) save nothing. Keys are forgotten after 24 hours.
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { GatewayError, type GatewayErrorKind } from '../../common/gateway/errors.js';
import type { AuthoriseRequest, CancelRequest, CaptureRequest, GatewayResult, Payment, PaymentGateway, Refund, RefundRequest } from '../../common/gateway/gateway.js';
import { checkAuthorise, checkCancel, checkCapture, checkIdempotencyKey, checkPaymentId, checkRefund } from '../../common/gateway/requests.js';
import { emptySandboxState, loadSandboxState, saveSandboxState, type SandboxPayment, type SandboxState, type SavedOutcome } from './sandbox-state.js';

/** The sandbox's test payment methods. */
export const SANDBOX_METHODS = {
  /** Always authorised. */
  approve: 'pm_sandbox_approve',
  /** Always declined (card_declined). */
  decline: 'pm_sandbox_decline',
  /** Declined for insufficient funds. */
  insufficientFunds: 'pm_sandbox_insufficient_funds',
  /** The first attempt with each key fails transiently (nothing done); a retry succeeds. */
  retry: 'pm_sandbox_retry',
  /** The first attempt with each key is carried out but its answer is lost (a timeout). */
  timeout: 'pm_sandbox_timeout',
} as const;

const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Card holds lapse after 7 days, as Stripe cancels uncaptured PaymentIntents. */
const HOLD_MS = 7 * 24 * 60 * 60 * 1000;

export type SandboxOperation = 'authorise' | 'capture' | 'cancel' | 'refund';
/**
 * A fault for the next call of an operation: `transient` (refused, nothing done),
 * `lost-request` (never arrived: nothing done, the caller hears nothing), `lost-response`
 * (carried out, the caller hears nothing).
 */
export type SandboxFault = 'transient' | 'lost-request' | 'lost-response';

export interface SandboxGatewayOptions {
  readonly clock: Clock;
  /** Keep state in this JSON file (survives restarts); in memory when absent. */
  readonly file?: string;
}

type Outcome<T> = Result<T, GatewayError>;

export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox';
  readonly #clock: Clock;
  readonly #file: string | undefined;
  readonly #state: SandboxState;
  readonly #faults: { operation: SandboxOperation; fault: SandboxFault }[] = [];
  /** Keys whose first attempt already had its scripted retry or timeout. */
  readonly #scripted = new Set<string>();

  constructor(options: SandboxGatewayOptions) {
    this.#clock = options.clock;
    this.#file = options.file;
    this.#state = options.file ? loadSandboxState(options.file) : emptySandboxState();
  }

  /** Makes the next call of `operation` fail with `fault` (fault-injection tests). */
  injectFault(operation: SandboxOperation, fault: SandboxFault): void {
    this.#faults.push({ operation, fault });
  }

  async authorise(request: AuthoriseRequest): GatewayResult<Payment> {
    const checked = checkAuthorise(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    const scripted = this.#scriptedFault(r);
    return this.#idempotent('authorise', r.idempotencyKey, { amount: r.amount, currency: r.currency, paymentMethod: r.paymentMethod, description: r.description ?? null }, scripted, () => {
      if (r.paymentMethod === SANDBOX_METHODS.decline) return err(new GatewayError('declined', 'Your card was declined.', 'card_declined'));
      if (r.paymentMethod === SANDBOX_METHODS.insufficientFunds) return err(new GatewayError('declined', 'Your card has insufficient funds.', 'insufficient_funds'));
      if (!(Object.values(SANDBOX_METHODS) as string[]).includes(r.paymentMethod)) return err(new GatewayError('invalid-request', `no such payment method ${r.paymentMethod}`, 'resource_missing'));
      const id = `sbx_pay_${this.#state.nextId++}`;
      const p: SandboxPayment = { id, authoriseKey: r.idempotencyKey, status: 'authorised', currency: r.currency, authorisedAmount: r.amount, capturedAmount: 0, refundedAmount: 0, holdExpiresAt: this.#clock.now() + HOLD_MS };
      this.#state.payments[id] = p;
      return ok(publicPayment(p));
    });
  }

  async capture(request: CaptureRequest): GatewayResult<Payment> {
    const checked = checkCapture(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return this.#idempotent('capture', r.idempotencyKey, { paymentId: r.paymentId, amount: r.amount }, undefined, () =>
      this.#withPayment(r.paymentId, (p) => {
        if (p.status === 'authorised' && this.#clock.now() >= p.holdExpiresAt) p.status = 'cancelled';
        if (p.status !== 'authorised') return err(new GatewayError('wrong-state', `payment ${p.id} is ${p.status}; only an authorised hold can be captured`, 'payment_intent_unexpected_state'));
        if (r.amount > p.authorisedAmount) return err(new GatewayError('amount-too-large', `capture of ${r.amount} is above the hold of ${p.authorisedAmount}`, 'amount_too_large'));
        p.status = 'captured';
        p.capturedAmount = r.amount;
        return ok(publicPayment(p));
      }),
    );
  }

  async cancel(request: CancelRequest): GatewayResult<Payment> {
    const checked = checkCancel(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return this.#idempotent('cancel', r.idempotencyKey, { paymentId: r.paymentId }, undefined, () =>
      this.#withPayment(r.paymentId, (p) => {
        if (p.status !== 'authorised') return err(new GatewayError('wrong-state', `payment ${p.id} is ${p.status}; only an authorised hold can be cancelled`, 'payment_intent_unexpected_state'));
        p.status = 'cancelled';
        return ok(publicPayment(p));
      }),
    );
  }

  async refund(request: RefundRequest): GatewayResult<Refund> {
    const checked = checkRefund(request);
    if (!checked.ok) return checked;
    const r = checked.value;
    return this.#idempotent('refund', r.idempotencyKey, { paymentId: r.paymentId, amount: r.amount }, undefined, () =>
      this.#withPayment(r.paymentId, (p): Outcome<Refund> => {
        if (p.status !== 'captured') return err(new GatewayError('wrong-state', `payment ${p.id} is ${p.status}; only a capture can be refunded`, 'charge_not_captured'));
        const left = p.capturedAmount - p.refundedAmount;
        if (r.amount > left) return err(new GatewayError('amount-too-large', `refund of ${r.amount} is above the ${left} left to refund`, 'amount_too_large'));
        p.refundedAmount += r.amount;
        const refund: Refund = { id: `sbx_ref_${this.#state.nextId++}`, paymentId: p.id, amount: r.amount, currency: p.currency };
        this.#state.refunds[refund.id] = refund;
        return ok(refund);
      }),
    );
  }

  async retrieve(paymentId: string): GatewayResult<Payment> {
    const id = checkPaymentId(paymentId);
    if (!id.ok) return id;
    return this.#withPayment(id.value, (p) => ok(publicPayment(p)));
  }

  async findByAuthoriseKey(idempotencyKey: string): GatewayResult<Payment | null> {
    const key = checkIdempotencyKey(idempotencyKey);
    if (!key.ok) return key;
    const found = Object.values(this.#state.payments).find((p) => p.authoriseKey === key.value);
    if (found) return ok(publicPayment(found));
    // A declined authorisation created no hold but did answer: report the decline, as Stripe's
    // declined PaymentIntent does, so the store can settle the trip as failed.
    const saved = this.#state.keys[key.value];
    if (saved?.operation === 'authorise' && !saved.outcome.ok && saved.outcome.error.kind === 'declined') return revive<Payment>(saved.outcome) as Result<never, GatewayError>;
    return ok(null);
  }

  /** The test payment methods' scripted first-attempt behaviour. */
  #scriptedFault(r: AuthoriseRequest): SandboxFault | undefined {
    const scripted = r.paymentMethod === SANDBOX_METHODS.retry ? 'transient' : r.paymentMethod === SANDBOX_METHODS.timeout ? 'lost-response' : undefined;
    if (!scripted || this.#scripted.has(r.idempotencyKey)) return undefined;
    this.#scripted.add(r.idempotencyKey);
    return scripted;
  }

  #withPayment<T>(id: string, fn: (p: SandboxPayment) => Outcome<T>): Outcome<T> {
    const p = this.#state.payments[id];
    if (!p) return err(new GatewayError('not-found', `no payment ${id}`, 'resource_missing'));
    return fn(p);
  }

  /**
   * Runs `work` once per idempotency key and replays its saved outcome afterwards. The
   * fingerprint is the request without its key; a different fingerprint is a conflict.
   */
  #idempotent<T extends object>(operation: SandboxOperation, key: string, params: Record<string, unknown>, scripted: SandboxFault | undefined, work: () => Outcome<T>): Outcome<T> {
    const fault = this.#takeFault(operation) ?? scripted;
    if (fault === 'transient') return err(new GatewayError('transient', 'the gateway is busy; retry with the same idempotency key', 'lock_timeout'));
    if (fault === 'lost-request') return err(new GatewayError('outcome-unknown', 'no answer from the gateway (request lost)'));
    this.#forgetOldKeys();
    const fingerprint = JSON.stringify([operation, params]);
    const saved = this.#state.keys[key];
    let outcome: Outcome<T>;
    if (saved) {
      if (saved.fingerprint !== fingerprint) {
        return err(new GatewayError('idempotency-conflict', `idempotency key ${key} was used for another request (${saved.operation})`, 'idempotency_key_in_use'));
      }
      outcome = revive<T>(saved.outcome);
    } else {
      outcome = work();
      this.#state.keys[key] = { operation, fingerprint, outcome: freeze(outcome), createdAt: this.#clock.now() };
      if (this.#file) saveSandboxState(this.#file, this.#state);
    }
    if (fault === 'lost-response') return err(new GatewayError('outcome-unknown', 'no answer from the gateway (response lost)'));
    return outcome;
  }

  #takeFault(operation: SandboxOperation): SandboxFault | undefined {
    const i = this.#faults.findIndex((f) => f.operation === operation);
    if (i < 0) return undefined;
    return this.#faults.splice(i, 1)[0]?.fault;
  }

  #forgetOldKeys(): void {
    const cutoff = this.#clock.now() - KEY_TTL_MS;
    for (const [key, rec] of Object.entries(this.#state.keys)) if (rec.createdAt < cutoff) delete this.#state.keys[key];
  }
}

const publicPayment = (p: SandboxPayment): Payment => ({
  id: p.id,
  authoriseKey: p.authoriseKey,
  status: p.status,
  currency: p.currency,
  authorisedAmount: p.authorisedAmount,
  capturedAmount: p.capturedAmount,
});

function freeze<T extends object>(o: Outcome<T>): SavedOutcome {
  if (o.ok) return { ok: true, value: { ...o.value } as Record<string, unknown> };
  return { ok: false, error: { kind: o.error.kind, message: o.error.message, ...(o.error.gatewayCode ? { gatewayCode: o.error.gatewayCode } : {}) } };
}

function revive<T>(o: SavedOutcome): Outcome<T> {
  // Saved values were written by this class from a T; the file was schema-checked on load.
  if (o.ok) return ok(o.value as T);
  return err(new GatewayError(o.error.kind as GatewayErrorKind, o.error.message, o.error.gatewayCode));
}
