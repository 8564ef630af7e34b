// The shopper page's sign-in: a one-time link (staff hand it over at the service desk, short
// lived), exchanged on the shopper's phone for a session; and the paid receipts the page lists.
import type { SqlDatabase } from '../storage/sql-database.js';

/** The service desk finds the shopper standing there by their email, to hand over a link. */
export async function shopperIdByEmail(db: SqlDatabase, email: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM shoppers WHERE email = $1', [email]);
  return rows[0]?.id;
}

export async function insertShopperLink(db: SqlDatabase, link: { tokenHash: string; shopperId: string; expiresAt: number }): Promise<void> {
  await db.execute('INSERT INTO shopper_page_links (token_hash, shopper_id, expires_at) VALUES ($1, $2, $3)', [link.tokenHash, link.shopperId, link.expiresAt]);
}

/**
 * Uses a link, once (a conditional UPDATE decides between two phones opening it at once).
 * Returns the shopper's id, or undefined when the link is unknown, expired or used.
 */
export async function consumeShopperLink(db: SqlDatabase, entry: { tokenHash: string; at: number }): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const used = await tx.execute('UPDATE shopper_page_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [entry.tokenHash, entry.at]);
    if (used.changes !== 1) return undefined;
    const rows = await tx.query<{ shopper_id: string }>('SELECT shopper_id FROM shopper_page_links WHERE token_hash = $1', [entry.tokenHash]);
    return rows[0]?.shopper_id;
  });
}

export async function insertShopperSession(db: SqlDatabase, session: { tokenHash: string; shopperId: string; at: number; expiresAt: number }): Promise<void> {
  await db.execute('INSERT INTO shopper_sessions (token_hash, shopper_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    session.tokenHash,
    session.shopperId,
    session.at,
    session.expiresAt,
  ]);
}

export async function shopperOfSession(db: SqlDatabase, tokenHash: string, now: number): Promise<string | undefined> {
  const rows = await db.query<{ shopper_id: string }>('SELECT shopper_id FROM shopper_sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]);
  return rows[0]?.shopper_id;
}

export async function deleteShopperSession(db: SqlDatabase, tokenHash: string): Promise<void> {
  await db.execute('DELETE FROM shopper_sessions WHERE token_hash = $1', [tokenHash]);
}

export interface ReceiptSummary {
  readonly receiptId: string;
  readonly tripId: string;
  readonly currency: string;
  readonly total: number;
  readonly paidAt: number | null;
  /** The store's receipt document (payments/common/pricing/receipt.ts), as stored. */
  readonly receipt: unknown;
}

/** A shopper's paid receipts, newest first. */
export async function paidReceipts(db: SqlDatabase, shopperId: string, limit: number): Promise<ReceiptSummary[]> {
  const rows = await db.query<{ receipt_id: string; trip_id: string; currency: string; total: number; finished_at: number | null; receipt: string }>(
    "SELECT receipt_id, trip_id, currency, total, finished_at, receipt FROM checkouts WHERE shopper_id = $1 AND state = 'paid' ORDER BY finished_at DESC, receipt_id LIMIT $2",
    [shopperId, limit],
  );
  return rows.map((r) => ({
    receiptId: r.receipt_id,
    tripId: r.trip_id,
    currency: r.currency,
    total: Number(r.total),
    paidAt: r.finished_at === null ? null : Number(r.finished_at),
    receipt: JSON.parse(r.receipt) as unknown,
  }));
}
