// Shoppers and their single-use sign-in tokens (the QR code the cart's camera reads). The card
// itself lives with the payment gateway; the store keeps only the gateway's token for it.
import type { SqlDatabase } from '../storage/sql-database.js';

export type Membership = 'none' | 'member';

export interface Shopper {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly membership: Membership;
  readonly paymentMethod: string | null;
}

interface ShopperRow {
  id: string;
  name: string;
  email: string;
  membership: Membership;
  payment_method: string | null;
  [key: string]: unknown;
}

const shopper = (r: ShopperRow): Shopper => ({ id: r.id, name: r.name, email: r.email, membership: r.membership, paymentMethod: r.payment_method });

export async function insertShopper(db: SqlDatabase, entry: Shopper & { at: number }): Promise<void> {
  await db.execute('INSERT INTO shoppers (id, name, email, membership, payment_method, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.id,
    entry.name,
    entry.email,
    entry.membership,
    entry.paymentMethod,
    entry.at,
  ]);
}

export async function shopperById(db: SqlDatabase, id: string): Promise<Shopper | undefined> {
  const row = (await db.query<ShopperRow>('SELECT id, name, email, membership, payment_method FROM shoppers WHERE id = $1', [id]))[0];
  return row ? shopper(row) : undefined;
}

export async function insertSignInToken(db: SqlDatabase, entry: { tokenHash: string; shopperId: string; expiresAt: number }): Promise<void> {
  await db.execute('INSERT INTO sign_in_tokens (token_hash, shopper_id, expires_at) VALUES ($1, $2, $3)', [entry.tokenHash, entry.shopperId, entry.expiresAt]);
}

/**
 * Uses a sign-in token, once: the conditional UPDATE lets exactly one of two racing carts win.
 * Returns the shopper's id, or undefined when the token is unknown, expired or used.
 */
export async function consumeSignInToken(db: SqlDatabase, entry: { tokenHash: string; cartId: string; at: number }): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const used = await tx.execute('UPDATE sign_in_tokens SET used_at = $2, used_by_cart = $3 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [
      entry.tokenHash,
      entry.at,
      entry.cartId,
    ]);
    if (used.changes !== 1) return undefined;
    const rows = await tx.query<{ shopper_id: string }>('SELECT shopper_id FROM sign_in_tokens WHERE token_hash = $1', [entry.tokenHash]);
    return rows[0]?.shopper_id;
  });
}
