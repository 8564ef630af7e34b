// The payment steps of one checkout, in order, each recorded before its gateway call:
//   1. the hold (`trip:<id>:authorise`): placed at trip start, or now for the total when the
//      trip never got one;
//   2. a larger hold (`trip:<id>:authorise:2`) for the whole total when the basket outgrew the
//      first, so a capture is never above what is authorised;
//   3. the capture of the total (`trip:<id>:capture:1`), or releasing the hold when the total is 0;
//   4. releasing the outgrown first hold (`trip:<id>:cancel`).
// The plan is a function of the database rows alone, so a restarted store picks up exactly where
// the crashed one stopped.
import type { Clock } from '../../../domain/common/clock.js';
import { tripKeys } from '../../../payments/common/gateway/keys.js';
import type { Payment } from '../../../payments/common/gateway/gateway.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { recordIntent, stepOf, type CheckoutFailure, type CheckoutRecord, type StepKind } from './records.js';
import type { PaymentSteps, StepAnswer } from './payment-steps.js';

export type ChargeOutcome = { readonly state: 'paid'; readonly charged: number } | { readonly state: 'failed'; readonly failure: CheckoutFailure } | { readonly state: 'pending'; readonly step: string };

/** The key of the larger hold that replaces an outgrown one. */
export const reholdKey = (tripId: string): string => `${tripKeys(tripId).authorise}:2`;

export class ChargePlan {
  constructor(
    private readonly db: SqlDatabase,
    private readonly steps: PaymentSteps,
    private readonly clock: Clock,
  ) {}

  /** Records the hold's intent (if not there yet) and runs it: the trip-start hold, or a checkout's. */
  async hold(entry: { tripId: string; amount: number; currency: string; paymentMethod: string }): Promise<StepAnswer> {
    return this.#step({ key: tripKeys(entry.tripId).authorise, tripId: entry.tripId, step: 'hold', paymentId: null, amount: entry.amount, currency: entry.currency, paymentMethod: entry.paymentMethod });
  }

  async charge(c: CheckoutRecord, paymentMethod: string): Promise<ChargeOutcome> {
    const keys = tripKeys(c.tripId);
    const existingHold = await stepOf(this.db, keys.authorise);
    if (!existingHold && c.total === 0) return { state: 'paid', charged: 0 };
    const hold = existingHold ? await this.steps.run(existingHold) : await this.hold({ tripId: c.tripId, amount: c.total, currency: c.currency, paymentMethod });
    if (hold.state !== 'succeeded') return this.#notThrough(hold, 'hold', 'declined');
    let payment = hold.payment;
    let outgrown: Payment | undefined;
    if (c.total > payment.authorisedAmount) {
      const rehold = await this.#step({ key: reholdKey(c.tripId), tripId: c.tripId, step: 'rehold', paymentId: null, amount: c.total, currency: c.currency, paymentMethod });
      if (rehold.state !== 'succeeded') return this.#notThrough(rehold, 'larger hold', 'declined');
      outgrown = payment;
      payment = rehold.payment;
    }
    if (c.total === 0) {
      const released = await this.#release(c.tripId, payment);
      return released.state === 'pending' ? { state: 'pending', step: 'release' } : { state: 'paid', charged: 0 };
    }
    const capture = await this.#step({ key: keys.capture(1), tripId: c.tripId, step: 'capture', paymentId: payment.id, amount: c.total, currency: c.currency, paymentMethod: null });
    if (capture.state !== 'succeeded') return this.#notThrough(capture, 'capture', 'capture-refused');
    if (outgrown) {
      // A definite refusal here (the hold lapsed already) leaves nothing held: the trip is paid.
      const released = await this.#release(c.tripId, outgrown);
      if (released.state === 'pending') return { state: 'pending', step: 'release' };
    }
    return { state: 'paid', charged: capture.payment.capturedAmount };
  }

  #release(tripId: string, payment: Payment): Promise<StepAnswer> {
    return this.#step({ key: tripKeys(tripId).cancel, tripId, step: 'release', paymentId: payment.id, amount: null, currency: payment.currency, paymentMethod: null });
  }

  async #step(intent: { key: string; tripId: string; step: StepKind; paymentId: string | null; amount: number | null; currency: string; paymentMethod: string | null }): Promise<StepAnswer> {
    return this.steps.run(await recordIntent(this.db, { ...intent, at: this.clock.now() }));
  }

  #notThrough(answer: Exclude<StepAnswer, { state: 'succeeded' }>, step: string, code: string): ChargeOutcome {
    if (answer.state === 'pending') return { state: 'pending', step };
    const f = answer.failure;
    const message = f.kind === 'declined' ? `the payment was declined: ${f.message}` : `the gateway refused the ${step}: ${f.message}`;
    return { state: 'failed', failure: { code: f.kind === 'declined' ? 'declined' : code, message, ...(f.gatewayCode ? { gatewayCode: f.gatewayCode } : {}) } };
  }
}
