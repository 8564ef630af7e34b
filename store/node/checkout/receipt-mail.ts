// Receipts by e-mail. A paid checkout queues its receipt in the outbox (`receipt_emails`) and
// the mailer sends it over SMTP (nodemailer) after the cart has its answer. A mail that cannot be
// sent never fails or slows a checkout: it stays queued with its error and is tried again on the
// next send, up to MAX_ATTEMPTS, then left as `gave-up` for staff.
import nodemailer from 'nodemailer';
import type { Clock } from '../../../domain/common/clock.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import { receiptText } from '../../../payments/common/pricing/receipt-text.js';
import { shopperById } from '../records/shoppers.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import type { CheckoutRecord } from './records.js';

/** What the mailer needs of nodemailer's transporter; tests pass a real one aimed at a local listener. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface ReceiptMailSetup {
  readonly transport: MailTransport;
  /** The sender, e.g. "Corner Shop <receipts@example.com>". */
  readonly from: string;
  readonly clock: Pick<Clock, 'now'>;
}

export const MAX_ATTEMPTS = 5;

/** An SMTP transport from a URL (smtp://user:pass@host:587, smtps://…:465), as the store config gives it. */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

export interface OutboxRow {
  readonly receiptId: string;
  readonly tripId: string;
  readonly to: string;
  readonly state: 'queued' | 'sent' | 'gave-up';
  readonly attempts: number;
  readonly lastError: string | null;
}

export class ReceiptMailer {
  readonly #setup: ReceiptMailSetup;
  /** The send in progress, so a caller (a test, a shutdown) can wait for it. */
  #sending: Promise<void> = Promise.resolve();

  constructor(setup: ReceiptMailSetup) {
    this.#setup = setup;
  }

  /** Queues the paid checkout's receipt for its shopper (once per receipt), then sends the queue in the background. */
  async paid(db: SqlDatabase, c: CheckoutRecord): Promise<void> {
    const shopper = await shopperById(db, c.shopperId);
    if (shopper?.email) {
      await db.execute(
        "INSERT INTO receipt_emails (receipt_id, trip_id, to_address, state, attempts, queued_at) VALUES ($1, $2, $3, 'queued', 0, $4) ON CONFLICT (receipt_id) DO NOTHING",
        [c.receiptId, c.tripId, shopper.email, this.#setup.clock.now()],
      );
    }
    // A database error here leaves the rows queued; the next paid checkout sends them.
    this.#sending = this.#sending.then(() => this.sendQueued(db)).catch(() => undefined);
  }

  /** Resolves once the sends started so far are done. */
  settled(): Promise<void> {
    return this.#sending;
  }

  /** Tries every queued receipt once; records each outcome. Never throws for a mail problem. */
  async sendQueued(db: SqlDatabase): Promise<void> {
    const rows = await db.query<{ receipt_id: string; to_address: string; attempts: number | string; receipt: string; trip_id: string }>(
      "SELECT e.receipt_id, e.to_address, e.attempts, e.trip_id, c.receipt FROM receipt_emails e JOIN checkouts c ON c.trip_id = e.trip_id WHERE e.state = 'queued' ORDER BY e.queued_at, e.receipt_id LIMIT 50",
    );
    for (const row of rows) {
      const attempts = Number(row.attempts) + 1;
      try {
        await this.#setup.transport.sendMail({
          from: this.#setup.from,
          to: row.to_address,
          subject: `Your receipt ${row.receipt_id}`,
          text: receiptText(JSON.parse(row.receipt) as Receipt),
        });
        await db.execute("UPDATE receipt_emails SET state = 'sent', attempts = $2, last_error = NULL, sent_at = $3 WHERE receipt_id = $1", [row.receipt_id, attempts, this.#setup.clock.now()]);
      } catch (error) {
        const state = attempts >= MAX_ATTEMPTS ? 'gave-up' : 'queued';
        await db.execute('UPDATE receipt_emails SET state = $2, attempts = $3, last_error = $4 WHERE receipt_id = $1', [row.receipt_id, state, attempts, String((error as Error).message).slice(0, 500)]);
      }
    }
  }
}

export async function outbox(db: SqlDatabase): Promise<OutboxRow[]> {
  const rows = await db.query<{ receipt_id: string; trip_id: string; to_address: string; state: OutboxRow['state']; attempts: number | string; last_error: string | null }>(
    'SELECT receipt_id, trip_id, to_address, state, attempts, last_error FROM receipt_emails ORDER BY queued_at, receipt_id',
  );
  return rows.map((r) => ({ receiptId: r.receipt_id, tripId: r.trip_id, to: r.to_address, state: r.state, attempts: Number(r.attempts), lastError: r.last_error }));
}
