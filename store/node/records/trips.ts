// Trips: one shopper's visit with one cart, from sign-in to the uploaded event log.
import type { SqlDatabase } from '../storage/sql-database.js';

export async function openTripOf(db: SqlDatabase, cartId: string): Promise<{ id: string; shopperId: string } | undefined> {
  const row = (await db.query<{ id: string; shopper_id: string }>("SELECT id, shopper_id FROM trips WHERE cart_id = $1 AND state = 'open'", [cartId]))[0];
  return row ? { id: row.id, shopperId: row.shopper_id } : undefined;
}

export async function insertTrip(db: SqlDatabase, entry: { id: string; cartId: string; shopperId: string; at: number }): Promise<void> {
  await db.execute("INSERT INTO trips (id, cart_id, shopper_id, state, started_at) VALUES ($1, $2, $3, 'open', $4)", [entry.id, entry.cartId, entry.shopperId, entry.at]);
}

export interface TripRecord {
  readonly id: string;
  readonly cartId: string;
  readonly shopperId: string;
  readonly state: 'open' | 'uploaded';
  readonly events: string | null;
}

export async function tripById(db: SqlDatabase, id: string): Promise<TripRecord | undefined> {
  const row = (await db.query<{ id: string; cart_id: string; shopper_id: string; state: 'open' | 'uploaded'; events: string | null }>(
    'SELECT id, cart_id, shopper_id, state, events FROM trips WHERE id = $1',
    [id],
  ))[0];
  return row ? { id: row.id, cartId: row.cart_id, shopperId: row.shopper_id, state: row.state, events: row.events } : undefined;
}

/**
 * Stores a trip's event log and, when it needs a person, its place in the review queue, in one
 * transaction; false when the trip was no longer open (another upload won).
 */
export async function closeTrip(db: SqlDatabase, entry: { id: string; events: string; at: number; reasons: readonly unknown[] }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const closed = await tx.execute("UPDATE trips SET state = 'uploaded', events = $2, uploaded_at = $3 WHERE id = $1 AND state = 'open'", [entry.id, entry.events, entry.at]);
    if (closed.changes !== 1) return false;
    if (entry.reasons.length > 0) {
      await tx.execute('INSERT INTO review_queue (trip_id, reasons, queued_at) VALUES ($1, $2, $3)', [entry.id, JSON.stringify(entry.reasons), entry.at]);
    }
    return true;
  });
}
