// The review queue: trips a staff member must look at, oldest first, with the evidence.
import type { SqlDatabase } from '../storage/sql-database.js';
import { snapshotsOfOpenReviews, type SnapshotInfo } from './snapshots.js';

export type ReviewOutcome = 'approved' | 'charged-adjusted' | 'refused';

export interface ReviewItem {
  readonly tripId: string;
  readonly cartId: string;
  readonly shopperId: string;
  readonly queuedAt: number;
  readonly reasons: unknown;
  readonly events: unknown;
  /** The cart's camera snapshots for this trip (their pictures are fetched one by one). */
  readonly snapshots: readonly SnapshotInfo[];
}

export async function openReviews(db: SqlDatabase): Promise<ReviewItem[]> {
  const rows = await db.query<{ trip_id: string; cart_id: string; shopper_id: string; queued_at: number; reasons: string; events: string | null }>(
    'SELECT r.trip_id, t.cart_id, t.shopper_id, r.queued_at, r.reasons, t.events FROM review_queue r JOIN trips t ON t.id = r.trip_id WHERE r.resolved_at IS NULL ORDER BY r.queued_at, r.trip_id',
  );
  const snapshots = await snapshotsOfOpenReviews(db);
  return rows.map((r) => ({
    tripId: r.trip_id,
    cartId: r.cart_id,
    shopperId: r.shopper_id,
    queuedAt: Number(r.queued_at),
    reasons: JSON.parse(r.reasons) as unknown,
    events: r.events === null ? null : (JSON.parse(r.events) as unknown),
    snapshots: snapshots.get(r.trip_id) ?? [],
  }));
}

/** Resolves an open review; false when there is none for this trip (or it is resolved already). */
export async function resolveReview(db: SqlDatabase, entry: { tripId: string; outcome: ReviewOutcome; by: string; at: number }): Promise<boolean> {
  const done = await db.execute('UPDATE review_queue SET resolved_at = $2, resolved_by = $3, outcome = $4 WHERE trip_id = $1 AND resolved_at IS NULL', [
    entry.tripId,
    entry.at,
    entry.by,
    entry.outcome,
  ]);
  return done.changes === 1;
}
