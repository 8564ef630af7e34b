// Pairing requests nobody approved in time, and the pending carts they created: deleted, so a
// stream of pairing requests cannot fill the database, and the key may ask again.
import type { SqlDatabase } from '../storage/sql-database.js';

/** Deletes expired, unapproved pairing requests and their pending carts; returns how many carts went. */
export async function sweepExpiredPairings(db: SqlDatabase, now: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(
      "DELETE FROM pairing_requests WHERE approved_at IS NULL AND expires_at <= $1 AND cart_id IN (SELECT id FROM carts WHERE state = 'pending')",
      [now],
    );
    return (await tx.execute("DELETE FROM carts WHERE state = 'pending' AND id NOT IN (SELECT cart_id FROM pairing_requests)")).changes;
  });
}
