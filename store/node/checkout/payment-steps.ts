// Runs one payment step to a definite answer, exactly once. The intent (key, amount, payment) is
// in the database before the first call; every later try, in this process or after a crash,
// sends the same request with the same key. An unknown outcome is settled by asking the gateway
// (findByAuthoriseKey for a hold, retrieve for a capture or release), never by a new key.
import type { Clock } from '../../../domain/common/clock.js';
import type { Result } from '../../../domain/common/result.js';
import type { GatewayError } from '../../../payments/common/gateway/errors.js';
import type { Payment, PaymentGateway } from '../../../payments/common/gateway/gateway.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { settleStep, stepOf, type PaymentStep } from './records.js';

/** The gateway's definite refusal, as stored on a failed step and shown to staff. */
export interface StepFailure {
  readonly kind: GatewayError['kind'];
  readonly message: string;
  readonly gatewayCode?: string;
}

export type StepAnswer =
  | { readonly state: 'succeeded'; readonly payment: Payment }
  | { readonly state: 'failed'; readonly failure: StepFailure }
  /** Still unknown after this request's tries; the next request tries again with the same key. */
  | { readonly state: 'pending' };

const failureOf = (e: GatewayError): StepFailure => ({ kind: e.kind, message: e.message, ...(e.gatewayCode ? { gatewayCode: e.gatewayCode } : {}) });

/** What a settled step's stored outcome says. */
export function answerOf(step: PaymentStep): StepAnswer {
  if (step.state === 'pending' || step.outcome === null) return { state: 'pending' };
  const outcome = JSON.parse(step.outcome) as Payment | StepFailure;
  return step.state === 'succeeded' ? { state: 'succeeded', payment: outcome as Payment } : { state: 'failed', failure: outcome as StepFailure };
}

export class PaymentSteps {
  constructor(
    private readonly db: SqlDatabase,
    private readonly gateway: PaymentGateway,
    private readonly clock: Clock,
    /** Gateway calls per step per request before answering "pending" and letting the cart retry. */
    private readonly tries: number,
  ) {}

  async run(recorded: PaymentStep): Promise<StepAnswer> {
    let step = recorded;
    for (let i = 0; i < this.tries && step.state === 'pending'; i++) {
      const answer = await this.#call(step);
      if (answer.ok) {
        await this.#settle(step, { state: 'succeeded', payment: answer.value });
      } else if (!answer.error.retryable) {
        await this.#settle(step, { state: 'failed', failure: failureOf(answer.error) });
      } else if (answer.error.kind === 'outcome-unknown') {
        const asked = await this.#ask(step);
        if (asked) await this.#settle(step, asked);
      }
      step = (await stepOf(this.db, step.key)) ?? step;
    }
    return answerOf(step);
  }

  async #settle(step: PaymentStep, answer: Exclude<StepAnswer, { state: 'pending' }>): Promise<void> {
    const outcome = answer.state === 'succeeded' ? answer.payment : answer.failure;
    await settleStep(this.db, { key: step.key, state: answer.state, ...(answer.state === 'succeeded' ? { paymentId: answer.payment.id } : {}), outcome, at: this.clock.now() });
  }

  #call(step: PaymentStep): Promise<Result<Payment, GatewayError>> {
    const idempotencyKey = step.key;
    switch (step.step) {
      case 'hold':
      case 'rehold':
        return this.gateway.authorise({
          idempotencyKey,
          amount: step.amount ?? 0,
          currency: step.currency,
          paymentMethod: step.paymentMethod ?? '',
          description: `Tally trip ${step.tripId}`,
        });
      case 'capture':
        return this.gateway.capture({ idempotencyKey, paymentId: step.paymentId ?? '', amount: step.amount ?? 0 });
      case 'release':
        return this.gateway.cancel({ idempotencyKey, paymentId: step.paymentId ?? '' });
    }
  }

  /**
   * Asks the gateway what became of a call whose answer was lost. Undefined when the gateway
   * shows nothing happened (or cannot say): the same request with the same key is then safe.
   */
  async #ask(step: PaymentStep): Promise<Exclude<StepAnswer, { state: 'pending' }> | undefined> {
    if (step.step === 'hold' || step.step === 'rehold') {
      const found = await this.gateway.findByAuthoriseKey(step.key);
      if (found.ok) return found.value ? { state: 'succeeded', payment: found.value } : undefined;
      return found.error.kind === 'declined' ? { state: 'failed', failure: failureOf(found.error) } : undefined;
    }
    const found = await this.gateway.retrieve(step.paymentId ?? '');
    if (!found.ok) return undefined;
    const p = found.value;
    const done = step.step === 'capture' ? p.status === 'captured' && p.capturedAmount === step.amount : p.status === 'cancelled';
    if (done) return { state: 'succeeded', payment: p };
    if (p.status === 'authorised') return undefined;
    return { state: 'failed', failure: { kind: 'wrong-state', message: `payment ${p.id} is ${p.status}${p.status === 'captured' ? ` (${p.capturedAmount})` : ''}; the ${step.step} cannot happen` } };
  }
}
