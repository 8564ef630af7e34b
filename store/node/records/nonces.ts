// Request nonces: each signed cart request's nonce is kept until its timestamp could no longer
// pass the freshness check, so a captured request cannot be sent again inside that window.
import { StorageError, type SqlDatabase } from '../storage/sql-database.js';

/**
 * Claims a nonce for a cart; false when the cart used it before (a replay). Expired nonces are
 * swept by `sweepNonces`.
 */
export async function claimNonce(db: SqlDatabase, entry: { cartId: string; nonce: string; expiresAt: number }): Promise<boolean> {
  try {
    await db.execute('INSERT INTO request_nonces (cart_id, nonce, expires_at) VALUES ($1, $2, $3)', [entry.cartId, entry.nonce, entry.expiresAt]);
    return true;
  } catch (error) {
    if (error instanceof StorageError && error.code === 'constraint') return false;
    throw error;
  }
}

export async function sweepNonces(db: SqlDatabase, now: number): Promise<number> {
  return (await db.execute('DELETE FROM request_nonces WHERE expires_at <= $1', [now])).changes;
}
