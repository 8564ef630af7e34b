// Refunds and corrections by a manager, after a trip is paid: a line of the receipt or an amount,
// through the gateway that captured it. Like every payment step, the refund is recorded with
// its key (`trip:<id>:refund:<n>`) before the gateway is called, and only ever retried with that
// key, so a retried request never refunds twice. The manager's request id makes the dashboard's
// retries safe: the same id continues the same refund and answers the same way.
import type { Clock } from '../../../domain/common/clock.js';
import { tripKeys } from '../../../payments/common/gateway/keys.js';
import type { PaymentGateway, Refund } from '../../../payments/common/gateway/gateway.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { CheckoutError } from './errors.js';
import { checkoutOf, stepsOf } from './records.js';

export interface RefundRequest {
  readonly tripId: string;
  /** Chosen by the dashboard, one per refund it means; a retry sends the same one. */
  readonly requestId: string;
  /** Refund this receipt line's total… */
  readonly lineId?: string;
  /** …or this amount, minor units. */
  readonly amount?: number;
  readonly reason: string;
  readonly staffId: string;
}

export type RefundState = 'pending' | 'succeeded' | 'failed';

export interface RefundRecord {
  readonly key: string;
  readonly tripId: string;
  readonly refundNo: number;
  readonly requestId: string;
  readonly lineId: string | null;
  readonly amount: number;
  readonly reason: string;
  readonly staffId: string;
  readonly state: RefundState;
  readonly gatewayRefundId: string | null;
  readonly failure: string | null;
  readonly createdAt: number;
}

interface RefundRow {
  idempotency_key: string;
  trip_id: string;
  refund_no: number | string;
  request_id: string;
  line_id: string | null;
  amount: number | string;
  reason: string;
  staff_id: string;
  state: RefundState;
  gateway_refund_id: string | null;
  failure: string | null;
  created_at: number | string;
  [key: string]: unknown;
}

const COLUMNS = 'idempotency_key, trip_id, refund_no, request_id, line_id, amount, reason, staff_id, state, gateway_refund_id, failure, created_at';
const record = (r: RefundRow): RefundRecord => ({
  key: r.idempotency_key,
  tripId: r.trip_id,
  refundNo: Number(r.refund_no),
  requestId: r.request_id,
  lineId: r.line_id,
  amount: Number(r.amount),
  reason: r.reason,
  staffId: r.staff_id,
  state: r.state,
  gatewayRefundId: r.gateway_refund_id,
  failure: r.failure,
  createdAt: Number(r.created_at),
});

export async function refundsOf(db: SqlDatabase, tripId: string): Promise<RefundRecord[]> {
  return (await db.query<RefundRow>(`SELECT ${COLUMNS} FROM refunds WHERE trip_id = $1 ORDER BY refund_no`, [tripId])).map(record);
}

async function refundByRequest(db: SqlDatabase, requestId: string): Promise<RefundRecord | undefined> {
  const row = (await db.query<RefundRow>(`SELECT ${COLUMNS} FROM refunds WHERE request_id = $1`, [requestId]))[0];
  return row ? record(row) : undefined;
}

export class Refunds {
  /** One refund at a time per trip in this process: the cap check and the refund number need it. */
  readonly #busy = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly gateway: PaymentGateway,
    private readonly clock: Clock,
    private readonly tries: number,
  ) {}

  /** Records the refund (or finds the one this request id made) and runs it to an answer. */
  refund(request: RefundRequest): Promise<RefundRecord> {
    const before = this.#busy.get(request.tripId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => this.#refund(request));
    const settled = run.catch(() => undefined);
    this.#busy.set(request.tripId, settled);
    void settled.then(() => {
      if (this.#busy.get(request.tripId) === settled) this.#busy.delete(request.tripId);
    });
    return run;
  }

  async #refund(request: RefundRequest): Promise<RefundRecord> {
    const earlier = await refundByRequest(this.db, request.requestId);
    if (earlier) {
      const same = earlier.tripId === request.tripId && earlier.lineId === (request.lineId ?? null) && (request.amount === undefined || request.amount === earlier.amount);
      if (!same) throw new CheckoutError('refund-request-differs', `request ${request.requestId} already made refund ${earlier.key} with other parameters`);
      return this.#run(earlier);
    }
    return this.#run(await this.#record(request));
  }

  async #record(request: RefundRequest): Promise<RefundRecord> {
    const capture = await this.#capture(request.tripId);
    return this.db.transaction(async (tx) => {
      const previous = await refundsOf(tx, request.tripId);
      const live = previous.filter((r) => r.state !== 'failed');
      let amount = request.amount;
      if (request.lineId !== undefined) {
        const line = capture.receipt.lines.find((l) => l.lineId === request.lineId);
        if (!line) throw new CheckoutError('unknown-line', `the receipt has no line ${request.lineId}`);
        if (live.some((r) => r.lineId === request.lineId)) throw new CheckoutError('line-already-refunded', `line ${request.lineId} was refunded already`);
        amount = line.total;
      }
      if (amount === undefined || !Number.isInteger(amount) || amount < 1) throw new CheckoutError('refund-too-large', 'a refund needs a line or a whole amount of at least 1');
      const refunded = live.reduce((sum, r) => sum + r.amount, 0);
      if (refunded + amount > capture.captured) {
        throw new CheckoutError('refund-too-large', `${amount} would bring refunds to ${refunded + amount}, above the ${capture.captured} captured`, { captured: capture.captured, refunded });
      }
      const refundNo = previous.reduce((n, r) => Math.max(n, r.refundNo), 0) + 1;
      const key = tripKeys(request.tripId).refund(refundNo);
      await tx.execute(
        `INSERT INTO refunds (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', NULL, NULL, $9)`,
        [key, request.tripId, refundNo, request.requestId, request.lineId ?? null, amount, request.reason, request.staffId, this.clock.now()],
      );
      return { key, tripId: request.tripId, refundNo, requestId: request.requestId, lineId: request.lineId ?? null, amount, reason: request.reason, staffId: request.staffId, state: 'pending', gatewayRefundId: null, failure: null, createdAt: this.clock.now() };
    });
  }

  /** The paid trip's capture: which payment, how much, and the receipt. */
  async #capture(tripId: string): Promise<{ paymentId: string; captured: number; receipt: Receipt }> {
    const c = await checkoutOf(this.db, tripId);
    if (!c) throw new CheckoutError('not-found', `trip ${tripId} has no checkout`);
    if (c.state !== 'paid') throw new CheckoutError('not-paid', `trip ${tripId} is ${c.state}, not paid; there is nothing to refund`);
    const capture = (await stepsOf(this.db, tripId)).find((s) => s.step === 'capture' && s.state === 'succeeded');
    // A total of 0 was never captured (the hold was released instead).
    if (!capture?.paymentId) throw new CheckoutError('refund-too-large', `trip ${tripId} captured nothing`, { captured: 0, refunded: 0 });
    return { paymentId: capture.paymentId, captured: capture.amount ?? 0, receipt: JSON.parse(c.receipt) as Receipt };
  }

  async #run(refund: RefundRecord): Promise<RefundRecord> {
    if (refund.state !== 'pending') return refund;
    const { paymentId } = await this.#capture(refund.tripId);
    for (let i = 0; i < this.tries; i++) {
      const answer = await this.gateway.refund({ idempotencyKey: refund.key, paymentId, amount: refund.amount });
      if (answer.ok) return this.#settle(refund, 'succeeded', answer.value, null);
      // Transient or unknown: the same key again. The gateway replays a refund it already made.
      if (!answer.error.retryable) return this.#settle(refund, 'failed', null, answer.error.message);
    }
    return refund;
  }

  async #settle(refund: RefundRecord, state: 'succeeded' | 'failed', done: Refund | null, failure: string | null): Promise<RefundRecord> {
    await this.db.execute("UPDATE refunds SET state = $2, gateway_refund_id = $3, failure = $4, settled_at = $5 WHERE idempotency_key = $1 AND state = 'pending'", [
      refund.key,
      state,
      done?.id ?? null,
      failure,
      this.clock.now(),
    ]);
    return (await refundByRequest(this.db, refund.requestId)) ?? refund;
  }
}
